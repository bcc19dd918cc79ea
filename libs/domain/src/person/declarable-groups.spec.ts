import { DECLARABLE_TAGS } from './key-groups';
import { declarableGroupsFor } from './declarable-groups';

const codes = (sex: 'male' | 'female' | undefined, age: number | undefined) => declarableGroupsFor(sex, age).map((g) => g.code);

describe('declarableGroupsFor', () => {
  it('offers 孕产妇 only to women of child-bearing age', () => {
    expect(codes('female', 30)).toContain('maternal');
    expect(codes('male', 30)).not.toContain('maternal');
    expect(codes('female', 8)).not.toContain('maternal');
    expect(codes('female', 70)).not.toContain('maternal');
  });

  it('leaves the chronic diseases of adults out for a child', () => {
    expect(codes('male', 5)).toEqual(['disabled', 'lowIncome', 'povertyAlleviated', 'monitoredRural', 'severeMental', 'tuberculosis']);
  });

  it('offers every declarable group when sex and age are not known yet, common ones first', () => {
    expect(codes(undefined, undefined).sort()).toEqual([...DECLARABLE_TAGS].sort());
    const groups = declarableGroupsFor(undefined, undefined);
    expect(groups.findIndex((g) => !g.common)).toBeGreaterThan(groups.filter((g) => g.common).length - 1);
  });

  it('explains every group that is health information', () => {
    for (const group of declarableGroupsFor(undefined, undefined).filter((g) => g.sensitive)) expect(group.explanation).toBeTruthy();
  });
});
