import { ok, refuse, Result } from '../result';

/** Readings taken during a service; each is optional, blood pressure comes as a pair. */
export interface Measurements {
  /** mmHg */
  systolic?: number;
  /** mmHg */
  diastolic?: number;
  /** mmol/L */
  fastingGlucose?: number;
  weightKg?: number;
}

/** Plausible ranges: a value outside them is a typing error, not a patient. */
export const MEASUREMENT_RANGES = {
  systolic: { min: 60, max: 260, label: '收缩压', unit: 'mmHg' },
  diastolic: { min: 30, max: 160, label: '舒张压', unit: 'mmHg' },
  fastingGlucose: { min: 1, max: 33.3, label: '空腹血糖', unit: 'mmol/L' },
  weightKg: { min: 1, max: 250, label: '体重', unit: 'kg' },
} as const;

/** The control targets of domain.md §9: blood pressure below 140/90 mmHg, fasting glucose below 7.0 mmol/L. */
export const CONTROL_TARGETS = { systolicBelow: 140, diastolicBelow: 90, fastingGlucoseBelow: 7 } as const;

type Field = keyof typeof MEASUREMENT_RANGES;
const FIELDS = Object.keys(MEASUREMENT_RANGES) as Field[];

/**
 * Checks readings against plausible ranges; blood pressure needs both values and systolic above
 * diastolic. Returns the readings with empty ones dropped, or a refusal naming the field.
 * @example checkMeasurements({ systolic: 150, diastolic: 95 }) // → { ok: true, value: { systolic: 150, diastolic: 95 } }
 * @example checkMeasurements({ systolic: 1500, diastolic: 95 }).field // → 'measurements.systolic'
 */
export function checkMeasurements(input: Measurements): Result<Measurements> {
  const value: Measurements = {};
  for (const field of FIELDS) {
    const reading = input[field];
    if (reading === undefined || reading === null) continue;
    const range = MEASUREMENT_RANGES[field];
    if (typeof reading !== 'number' || !Number.isFinite(reading)) {
      return refuse('SERVICE.MEASUREMENT_RANGE', `${range.label}须为数字`, `measurements.${field}`);
    }
    if (reading < range.min || reading > range.max) {
      return refuse('SERVICE.MEASUREMENT_RANGE', `${range.label}应在${range.min}–${range.max} ${range.unit}之间，请核对`, `measurements.${field}`);
    }
    value[field] = reading;
  }
  const hasSystolic = value.systolic !== undefined;
  const hasDiastolic = value.diastolic !== undefined;
  if (hasSystolic !== hasDiastolic) {
    return refuse('SERVICE.BLOOD_PRESSURE_PAIR', '血压请同时填写收缩压和舒张压', hasSystolic ? 'measurements.diastolic' : 'measurements.systolic');
  }
  if (hasSystolic && value.systolic! <= value.diastolic!) {
    return refuse('SERVICE.BLOOD_PRESSURE_PAIR', '收缩压（高压）应高于舒张压（低压），请核对', 'measurements.systolic');
  }
  return ok(value);
}

/**
 * Whether the blood pressure is under control (< 140/90); null without a reading.
 * @example bloodPressureOnTarget({ systolic: 138, diastolic: 88 }) // → true
 */
export function bloodPressureOnTarget(m: Measurements): boolean | null {
  if (m.systolic === undefined || m.diastolic === undefined) return null;
  return m.systolic < CONTROL_TARGETS.systolicBelow && m.diastolic < CONTROL_TARGETS.diastolicBelow;
}

/**
 * Whether fasting glucose is under control (< 7.0 mmol/L); null without a reading.
 * @example glucoseOnTarget({ fastingGlucose: 7.0 }) // → false
 */
export function glucoseOnTarget(m: Measurements): boolean | null {
  return m.fastingGlucose === undefined ? null : m.fastingGlucose < CONTROL_TARGETS.fastingGlucoseBelow;
}

/**
 * Whether every controlled reading taken met its target; null when no blood pressure or glucose
 * was taken (weight has no target).
 * @example readingsOnTarget({ systolic: 130, diastolic: 80, fastingGlucose: 8.1 }) // → false
 */
export function readingsOnTarget(m: Measurements): boolean | null {
  const checks = [bloodPressureOnTarget(m), glucoseOnTarget(m)].filter((c): c is boolean => c !== null);
  return checks.length === 0 ? null : checks.every(Boolean);
}

/**
 * The readings in words, for people.
 * @example describeMeasurements({ systolic: 150, diastolic: 95, weightKg: 61.5 }) // → '血压 150/95 mmHg，体重 61.5 kg'
 */
export function describeMeasurements(m: Measurements): string {
  const parts: string[] = [];
  if (m.systolic !== undefined && m.diastolic !== undefined) parts.push(`血压 ${m.systolic}/${m.diastolic} mmHg`);
  if (m.fastingGlucose !== undefined) parts.push(`空腹血糖 ${m.fastingGlucose} mmol/L`);
  if (m.weightKg !== undefined) parts.push(`体重 ${m.weightKg} kg`);
  return parts.join('，');
}
