import { DEFAULT_REGION_POLICY } from '../policy/region-policy';
import { checkSelection, offeredPackages } from './eligibility';
import { REFERENCE_CATALOG } from './reference-catalog';

const BASIC = ['basicPublicHealth', 'basicMedical'];

describe('offeredPackages', () => {
  it('offers basic packages to everyone and personalised ones to their groups', () => {
    expect(offeredPackages(REFERENCE_CATALOG, []).map((p) => p.code)).toEqual(BASIC);
    expect(offeredPackages(REFERENCE_CATALOG, ['elderly65', 'diabetes2']).map((p) => p.code)).toEqual([...BASIC, 'elderly', 'diabetes']);
    expect(offeredPackages(REFERENCE_CATALOG, ['hypertension', 'lowIncome']).map((p) => p.code)).toEqual([...BASIC, 'hypertension']);
  });
});

describe('checkSelection', () => {
  const check = (codes: string[], tags: Parameters<typeof checkSelection>[2] = []) => checkSelection(REFERENCE_CATALOG, codes, tags, DEFAULT_REGION_POLICY);

  it('returns the selected packages in order', () => {
    const result = check(['elderly', ...BASIC], ['elderly65']);
    expect(result.ok && result.value.map((p) => p.code)).toEqual(['elderly', 'basicPublicHealth', 'basicMedical']);
  });

  it('refuses an unknown code', () => {
    expect(check([...BASIC, 'vip'])).toEqual({
      ok: false,
      code: 'QUOTE.UNKNOWN_PACKAGE',
      message: '所选的服务包不存在或已停用，请重新选择',
      field: 'packageCodes',
    });
  });

  it('refuses a selection missing a basic package, naming it', () => {
    expect(check(['basicPublicHealth', 'elderly'], ['elderly65'])).toEqual({
      ok: false,
      code: 'QUOTE.BASIC_REQUIRED',
      message: '基础服务包每人都要选：请加上基本医疗服务包',
      field: 'packageCodes',
    });
    expect(check([])).toMatchObject({ code: 'QUOTE.BASIC_REQUIRED', message: '基础服务包每人都要选：请加上基本公卫服务包、基本医疗服务包' });
  });

  it('refuses a package chosen twice', () => {
    expect(check([...BASIC, 'basicMedical'])).toMatchObject({ ok: false, code: 'QUOTE.DUPLICATE_PACKAGE', field: 'packageCodes' });
  });

  it('refuses more personalised packages than the region allows', () => {
    expect(check([...BASIC, 'hypertension', 'diabetes'], ['hypertension', 'diabetes2'])).toEqual({
      ok: false,
      code: 'QUOTE.TOO_MANY_PERSONALISED',
      message: '只能选择一个个性化服务包',
      field: 'packageCodes',
    });
    const two = checkSelection(REFERENCE_CATALOG, [...BASIC, 'hypertension', 'diabetes'], ['hypertension', 'diabetes2'], {
      maxPersonalisedPackages: 2,
    });
    expect(two.ok).toBe(true);
  });

  it('refuses a personalised package for someone outside its group, naming both', () => {
    expect(check([...BASIC, 'elderly'], ['hypertension'])).toEqual({
      ok: false,
      code: 'QUOTE.NOT_ELIGIBLE',
      message: '65岁及以上老年人个性包仅限65岁及以上老年人选择',
      field: 'packageCodes',
    });
    expect(check([...BASIC, 'diabetes'])).toMatchObject({ message: '糖尿病患者个性包仅限2型糖尿病患者选择' });
  });
});
