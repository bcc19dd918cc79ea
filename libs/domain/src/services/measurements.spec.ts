import { checkMeasurements, describeMeasurements, readingsOnTarget, bloodPressureOnTarget, glucoseOnTarget } from './measurements';

describe('checkMeasurements', () => {
  it('accepts plausible readings and drops empty ones', () => {
    expect(checkMeasurements({ systolic: 152, diastolic: 94, fastingGlucose: 6.1, weightKg: 63.5 })).toEqual({
      ok: true,
      value: { systolic: 152, diastolic: 94, fastingGlucose: 6.1, weightKg: 63.5 },
    });
    expect(checkMeasurements({})).toEqual({ ok: true, value: {} });
  });

  it.each([
    [{ systolic: 1520, diastolic: 94 }, 'measurements.systolic', '收缩压应在60–260 mmHg之间，请核对'],
    [{ systolic: 59, diastolic: 40 }, 'measurements.systolic', '收缩压应在60–260 mmHg之间，请核对'],
    [{ systolic: 150, diastolic: 161 }, 'measurements.diastolic', '舒张压应在30–160 mmHg之间，请核对'],
    [{ fastingGlucose: 0.5 }, 'measurements.fastingGlucose', '空腹血糖应在1–33.3 mmol/L之间，请核对'],
    [{ fastingGlucose: 61 }, 'measurements.fastingGlucose', '空腹血糖应在1–33.3 mmol/L之间，请核对'],
    [{ weightKg: 0 }, 'measurements.weightKg', '体重应在1–250 kg之间，请核对'],
    [{ weightKg: 400 }, 'measurements.weightKg', '体重应在1–250 kg之间，请核对'],
    [{ systolic: 140 }, 'measurements.diastolic', '血压请同时填写收缩压和舒张压'],
    [{ diastolic: 90 }, 'measurements.systolic', '血压请同时填写收缩压和舒张压'],
    [{ systolic: 90, diastolic: 140 }, 'measurements.systolic', '收缩压（高压）应高于舒张压（低压），请核对'],
  ])('refuses %j', (input, field, message) => {
    expect(checkMeasurements(input)).toEqual({ ok: false, code: expect.stringMatching(/^SERVICE\./), field, message });
  });

  it('refuses a reading that is not a number', () => {
    expect(checkMeasurements({ weightKg: Number.NaN })).toMatchObject({ ok: false, field: 'measurements.weightKg' });
  });
});

describe('control targets', () => {
  it('blood pressure below 140/90 and fasting glucose below 7.0 are on target; the limits themselves are not', () => {
    expect(bloodPressureOnTarget({ systolic: 139, diastolic: 89 })).toBe(true);
    expect(bloodPressureOnTarget({ systolic: 140, diastolic: 80 })).toBe(false);
    expect(bloodPressureOnTarget({ systolic: 130, diastolic: 90 })).toBe(false);
    expect(glucoseOnTarget({ fastingGlucose: 6.9 })).toBe(true);
    expect(glucoseOnTarget({ fastingGlucose: 7 })).toBe(false);
    expect(readingsOnTarget({ weightKg: 60 })).toBeNull();
    expect(readingsOnTarget({ systolic: 130, diastolic: 80, fastingGlucose: 8.1 })).toBe(false);
    expect(readingsOnTarget({ systolic: 130, diastolic: 80 })).toBe(true);
  });

  it('describes readings in words', () => {
    expect(describeMeasurements({ systolic: 150, diastolic: 95, weightKg: 61.5 })).toBe('血压 150/95 mmHg，体重 61.5 kg');
  });
});
