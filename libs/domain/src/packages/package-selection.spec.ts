import { REFERENCE_CATALOG } from './reference-catalog';
import { togglePackage } from './package-selection';

const BASIC = ['basicPublicHealth', 'basicMedical'];

describe('togglePackage', () => {
  it('keeps the basic packages whatever is tapped', () => {
    expect(togglePackage(REFERENCE_CATALOG, BASIC, 'basicMedical', 1)).toEqual(BASIC);
  });

  it('adds and removes a personalised package', () => {
    const withElderly = togglePackage(REFERENCE_CATALOG, BASIC, 'elderly', 1);
    expect(withElderly).toEqual([...BASIC, 'elderly']);
    expect(togglePackage(REFERENCE_CATALOG, withElderly, 'elderly', 1)).toEqual(BASIC);
  });

  it('replaces the personalised package when the region allows one', () => {
    expect(togglePackage(REFERENCE_CATALOG, [...BASIC, 'elderly'], 'hypertension', 1)).toEqual([...BASIC, 'hypertension']);
  });

  it('keeps several when the region allows several, dropping the first chosen past the limit', () => {
    const two = togglePackage(REFERENCE_CATALOG, [...BASIC, 'elderly'], 'hypertension', 2);
    expect(two).toEqual([...BASIC, 'elderly', 'hypertension']);
    expect(togglePackage(REFERENCE_CATALOG, two, 'diabetes', 2)).toEqual([...BASIC, 'hypertension', 'diabetes']);
  });

  it('adds nothing when the region allows no personalised package', () => {
    expect(togglePackage(REFERENCE_CATALOG, BASIC, 'elderly', 0)).toEqual(BASIC);
  });
});
