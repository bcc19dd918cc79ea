import { ageOn } from './age';

/** Codes of the key groups (重点人群) in domain.md §2. */
export type KeyGroupTag =
  | 'elderly65'
  | 'child0to6'
  | 'maternal'
  | 'hypertension'
  | 'diabetes2'
  | 'severeMental'
  | 'tuberculosis'
  | 'disabled'
  | 'povertyAlleviated'
  | 'monitoredRural'
  | 'familyPlanningSpecial'
  | 'lowIncome';

/** Every key group in display order; `derived` ones come from the birth date, the rest are declared. */
export const KEY_GROUPS: readonly { code: KeyGroupTag; label: string; derived: boolean }[] = [
  { code: 'elderly65', label: '65岁及以上老年人', derived: true },
  { code: 'child0to6', label: '0-6岁儿童', derived: true },
  { code: 'maternal', label: '孕产妇', derived: false },
  { code: 'hypertension', label: '高血压患者', derived: false },
  { code: 'diabetes2', label: '2型糖尿病患者', derived: false },
  { code: 'severeMental', label: '严重精神障碍患者', derived: false },
  { code: 'tuberculosis', label: '肺结核患者', derived: false },
  { code: 'disabled', label: '残疾人', derived: false },
  { code: 'povertyAlleviated', label: '脱贫人口/建档立卡贫困人口', derived: false },
  { code: 'monitoredRural', label: '乡村振兴重点监测对象', derived: false },
  { code: 'familyPlanningSpecial', label: '计划生育特殊家庭成员', derived: false },
  { code: 'lowIncome', label: '低保/特困人员', derived: false },
];

/** The tags a resident may declare (the doctor confirms them). */
export const DECLARABLE_TAGS: readonly KeyGroupTag[] = KEY_GROUPS.filter((g) => !g.derived).map((g) => g.code);

const ORDER = new Map<string, number>(KEY_GROUPS.map((g, i) => [g.code, i]));

/**
 * True when x is one of the key-group codes.
 * @example isKeyGroupTag('diabetes2') // → true; isKeyGroupTag('diabetes') // → false
 */
export function isKeyGroupTag(x: unknown): x is KeyGroupTag {
  return typeof x === 'string' && ORDER.has(x);
}

/**
 * The age tags on a date: elderly65 from 65, child0to6 up to and including age 6.
 * @example derivedTags('1950-05-01', '2026-01-01') // → ['elderly65']
 */
export function derivedTags(birthDate: string, on: string): KeyGroupTag[] {
  const age = ageOn(birthDate, on);
  const tags: KeyGroupTag[] = [];
  if (age >= 65) tags.push('elderly65');
  if (age >= 0 && age <= 6) tags.push('child0to6');
  return tags;
}

/**
 * The tags that hold on a date: derived age tags plus declared ones, in KEY_GROUPS order.
 * Age tags found in `declared` are ignored (age decides them); unknown codes and repeats are dropped.
 * @example effectiveTags('1950-05-01', ['lowIncome', 'hypertension'], '2026-01-01')
 *   // → ['elderly65', 'hypertension', 'lowIncome']
 */
export function effectiveTags(birthDate: string, declared: readonly string[], on: string): KeyGroupTag[] {
  const declarable = new Set<string>(DECLARABLE_TAGS);
  const tags = new Set<KeyGroupTag>(derivedTags(birthDate, on));
  for (const tag of declared) if (isKeyGroupTag(tag) && declarable.has(tag)) tags.add(tag);
  return [...tags].sort((a, b) => ORDER.get(a)! - ORDER.get(b)!);
}

/**
 * The Chinese name of a key group (the code itself when unknown).
 * @example keyGroupLabel('lowIncome') // → '低保/特困人员'
 */
export function keyGroupLabel(code: string): string {
  return KEY_GROUPS.find((g) => g.code === code)?.label ?? code;
}
