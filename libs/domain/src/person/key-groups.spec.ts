import { DECLARABLE_TAGS, derivedTags, effectiveTags, isKeyGroupTag, KEY_GROUPS, keyGroupLabel } from './key-groups';

describe('key groups', () => {
  it('lists the 12 groups of the domain with their labels', () => {
    expect(KEY_GROUPS.map((g) => g.code)).toEqual([
      'elderly65',
      'child0to6',
      'maternal',
      'hypertension',
      'diabetes2',
      'severeMental',
      'tuberculosis',
      'disabled',
      'povertyAlleviated',
      'monitoredRural',
      'familyPlanningSpecial',
      'lowIncome',
    ]);
    expect(KEY_GROUPS.filter((g) => g.derived).map((g) => g.code)).toEqual(['elderly65', 'child0to6']);
    expect(keyGroupLabel('elderly65')).toBe('65岁及以上老年人');
    expect(keyGroupLabel('diabetes2')).toBe('2型糖尿病患者');
    expect(keyGroupLabel('nonsense')).toBe('nonsense');
  });

  it('declarable tags are the ten non-age groups', () => {
    expect(DECLARABLE_TAGS).toHaveLength(10);
    expect(DECLARABLE_TAGS).not.toContain('elderly65');
    expect(DECLARABLE_TAGS).toContain('lowIncome');
  });

  it('recognises codes', () => {
    expect(isKeyGroupTag('maternal')).toBe(true);
    expect(isKeyGroupTag('diabetes')).toBe(false);
    expect(isKeyGroupTag(3)).toBe(false);
  });

  it('derives age tags on a date', () => {
    expect(derivedTags('1961-12-01', '2026-11-30')).toEqual([]);
    expect(derivedTags('1961-12-01', '2026-12-01')).toEqual(['elderly65']);
    expect(derivedTags('2020-06-01', '2026-12-01')).toEqual(['child0to6']);
    expect(derivedTags('2019-12-01', '2026-12-01')).toEqual([]);
  });

  it('combines derived and declared tags in catalog order, ignoring declared age tags', () => {
    expect(effectiveTags('1950-05-01', ['lowIncome', 'hypertension', 'hypertension'], '2026-01-01')).toEqual(['elderly65', 'hypertension', 'lowIncome']);
    expect(effectiveTags('1980-05-01', ['elderly65', 'child0to6', 'diabetes2', 'bogus'], '2026-01-01')).toEqual(['diabetes2']);
  });

  it('does not mutate the declared list', () => {
    const declared = ['lowIncome', 'maternal'];
    effectiveTags('1990-01-01', declared, '2026-01-01');
    expect(declared).toEqual(['lowIncome', 'maternal']);
  });
});
