import { addDays, addYears, daysBetween } from '../dates/calendar-date';
import { ageOn } from '../person/age';
import type { KeyGroupTag } from '../person/key-groups';
import type { ServiceType } from './service-types';

/** What the plan needs of a contract: its period, how it ended, who it is for and what it promised. */
export interface PlanContract {
  id: string;
  startDate: string;
  endDate: string;
  /** The day a terminated contract ended; nothing is due after it. */
  terminatedOn?: string | null;
  birthDate: string;
  /** The key groups confirmed for the person (age groups are derived again per window). */
  tags: readonly KeyGroupTag[];
  /** The selected packages' items with their yearly counts (the catalog flattened, each package once). */
  packages: readonly { code: string; name: string; kind: 'basic' | 'personalised'; items: readonly { name: string; unitPrice: number; count: number }[] }[];
}

/** One service the contract promises, with the window in which it is due. */
export interface PlanItem {
  /** `<contractId>:<key>:<n>`: stable, so a record can name the item it fulfils. */
  id: string;
  contractId: string;
  type: ServiceType;
  title: string;
  /** `publicHealth`: a key group's national schedule; `package`: an item of a selected package. */
  source: 'publicHealth' | 'package';
  windowStart: string;
  windowEnd: string;
}

/**
 * Splits [start, end] into n consecutive windows of (nearly) equal length.
 * @example splitPeriod('2026-01-01', '2026-12-31', 4)[1] // → { start: '2026-04-02', end: '2026-07-01' }
 */
export function splitPeriod(start: string, end: string, n: number): { start: string; end: string }[] {
  const days = daysBetween(start, end) + 1;
  return Array.from({ length: n }, (_, k) => ({
    start: addDays(start, Math.floor((k * days) / n)),
    end: addDays(start, Math.floor(((k + 1) * days) / n) - 1),
  }));
}

/** Orders ISO dates and ids by code units: the same order as localeCompare for them, without the collator's cost. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The contract years: [start, the day before each anniversary], the last cut at the end date. */
function contractYears(contract: PlanContract): { start: string; end: string }[] {
  const years: { start: string; end: string }[] = [];
  for (let start = contract.startDate, k = 1; start <= contract.endDate; start = addYears(contract.startDate, k++)) {
    const anniversary = addDays(addYears(contract.startDate, k), -1);
    years.push({ start, end: anniversary < contract.endDate ? anniversary : contract.endDate });
  }
  return years;
}

/** How many well-child checks a year at an age (国家基本公卫规范: 4 in the first year, 2 a year to age 3, then 1). */
function childChecksPerYear(age: number): number {
  if (age < 1) return 4;
  if (age < 3) return 2;
  return 1;
}

/**
 * The service type of a package item, from its name. Laboratory items stay `other`: only a real
 * health check counts toward the 65+ health-check rate.
 * @example packageItemType('建立家庭病床和巡诊') // → 'familyBed'
 */
export function packageItemType(name: string): ServiceType {
  if (/家庭病床/.test(name)) return 'familyBed';
  if (/巡诊|上门/.test(name)) return 'homeVisit';
  if (/中医|贴敷|拔罐|针灸|艾灸|推拿/.test(name)) return 'tcm';
  if (/长处方/.test(name)) return 'longPrescription';
  if (/健康教育/.test(name)) return 'healthEducation';
  if (/咨询/.test(name)) return 'consultation';
  if (/体检|查体/.test(name)) return 'healthCheck';
  return 'other';
}

/**
 * The service plan of a contract (domain.md §10): per contract year, the public-health schedules of
 * the person's key groups — hypertension and type-2 diabetes one follow-up per quarter (one visit
 * serves both), severe mental disorder one per quarter, 65+ one health check a year, children 0–6
 * well-child checks by age — and the priced items of the selected personalised packages, each
 * spread evenly over the year by its yearly count. The basic packages' items are continuous or on
 * demand (outpatient care, records, publicity) and are not scheduled. A terminated contract
 * promises nothing that starts after it ended, and a window it cuts short ends on that day.
 *
 * @example servicePlan({ id: 'c1', startDate: '2026-01-01', endDate: '2026-12-31', birthDate: '1956-03-01',
 *   tags: ['hypertension'], packages: [] }).map((i) => i.title)
 *   // → ['高血压/糖尿病随访', '65岁以上老年人健康体检', '高血压/糖尿病随访', '高血压/糖尿病随访', '高血压/糖尿病随访']
 */
export function servicePlan(contract: PlanContract): PlanItem[] {
  const items: PlanItem[] = [];
  const add = (key: string, type: ServiceType, title: string, source: PlanItem['source'], windows: { start: string; end: string }[]) => {
    windows.forEach((w, n) =>
      items.push({
        id: `${contract.id}:${key}:${n + 1}`,
        contractId: contract.id,
        type,
        title,
        source,
        windowStart: w.start,
        windowEnd: w.end,
      }),
    );
  };
  const years = contractYears(contract);
  const tags = new Set(contract.tags);
  if (tags.has('hypertension') || tags.has('diabetes2')) {
    add(
      'chronic',
      'followUp',
      '高血压/糖尿病随访',
      'publicHealth',
      years.flatMap((y) => splitPeriod(y.start, y.end, 4)),
    );
  }
  if (tags.has('severeMental')) {
    add(
      'mental',
      'followUp',
      '严重精神障碍患者随访',
      'publicHealth',
      years.flatMap((y) => splitPeriod(y.start, y.end, 4)),
    );
  }
  add(
    'elderlyCheck',
    'healthCheck',
    '65岁以上老年人健康体检',
    'publicHealth',
    years.filter((y) => ageOn(contract.birthDate, y.end) >= 65),
  );
  add(
    'childCheck',
    'healthCheck',
    '儿童健康检查',
    'publicHealth',
    years.flatMap((y) => {
      const age = ageOn(contract.birthDate, y.start);
      return age >= 0 && age <= 6 ? splitPeriod(y.start, y.end, childChecksPerYear(age)) : [];
    }),
  );
  for (const pkg of contract.packages.filter((p) => p.kind === 'personalised')) {
    pkg.items.forEach((item, index) => {
      if (item.unitPrice <= 0 || item.count < 1) return;
      add(
        `${pkg.code}.${index + 1}`,
        packageItemType(item.name),
        item.name,
        'package',
        years.flatMap((y) => splitPeriod(y.start, y.end, item.count)),
      );
    });
  }
  const lastDay = contract.terminatedOn && contract.terminatedOn < contract.endDate ? contract.terminatedOn : contract.endDate;
  return items
    .filter((i) => i.windowStart <= lastDay)
    .map((i) => (i.windowEnd > lastDay ? { ...i, windowEnd: lastDay } : i))
    .sort((a, b) => byCodeUnits(a.windowStart, b.windowStart) || byCodeUnits(a.id, b.id));
}
