import { REFERENCE_CATALOG } from './reference-catalog';
import { itemTotals, nestedPackages, PackageItem, packageYearTotals, PAYER_LABELS, ServicePackage, validatePackage } from './service-package';

const hypertension = REFERENCE_CATALOG.find((p) => p.code === 'hypertension')!;

function pkg(overrides: Partial<ServicePackage>): ServicePackage {
  return { code: 'custom', name: '自定义包', kind: 'basic', targetTags: [], description: '', items: [], includes: [], ...overrides };
}

function item(overrides: Partial<PackageItem> = {}): PackageItem {
  return { name: '上门随访', unitPrice: 1000, count: 2, insurance: 1500, publicHealth: 0, selfPay: 500, ...overrides };
}

describe('payers', () => {
  it('labels each payer in Chinese', () => {
    expect(PAYER_LABELS).toEqual({ insurance: '医保基金', publicHealth: '基本公卫经费', selfPay: '个人自付', fiscal: '财政补助' });
  });
});

describe('packageYearTotals', () => {
  it('adds items and counts each nested package once, also through two paths', () => {
    const inner = pkg({ code: 'inner', items: [item({ unitPrice: 300, count: 1, insurance: 0, publicHealth: 300, selfPay: 0 })] });
    const middle = pkg({ code: 'middle', includes: ['inner'], items: [item()] });
    const outer = pkg({ code: 'outer', includes: ['middle', 'inner'], items: [item({ unitPrice: 100, count: 1, insurance: 0, selfPay: 100 })] });
    const catalog = [inner, middle, outer];
    expect(nestedPackages(outer, catalog).map((p) => p.code)).toEqual(['middle', 'inner']);
    expect(packageYearTotals(outer, catalog)).toEqual({ total: 2400, insurance: 1500, publicHealth: 300, selfPay: 600 });
  });

  it('sums bare items', () => {
    expect(itemTotals([item(), item()])).toEqual({ total: 4000, insurance: 3000, publicHealth: 0, selfPay: 1000 });
  });
});

describe('validatePackage', () => {
  it('accepts a well-formed package', () => {
    const good = pkg({ items: [item()] });
    expect(validatePackage(good, REFERENCE_CATALOG)).toEqual({ ok: true, value: good });
  });

  it('refuses an item whose split does not add up', () => {
    expect(validatePackage(pkg({ items: [item(), item({ selfPay: 400 })] }), REFERENCE_CATALOG)).toEqual({
      ok: false,
      code: 'PACKAGE.ITEM_SPLIT_MISMATCH',
      message: '第2项服务（上门随访）：医保、公卫、个人三部分加起来要等于单价乘以次数',
      field: 'items[1]',
    });
  });

  it('refuses fractional or negative amounts', () => {
    expect(validatePackage(pkg({ items: [item({ unitPrice: 10.5 })] }), [])).toMatchObject({
      ok: false,
      code: 'PACKAGE.ITEM_AMOUNT',
      field: 'items[0].unitPrice',
    });
    expect(validatePackage(pkg({ items: [item({ selfPay: -1, insurance: 2001 })] }), [])).toMatchObject({
      code: 'PACKAGE.ITEM_AMOUNT',
      field: 'items[0].selfPay',
    });
  });

  it('refuses a nested package that does not exist', () => {
    expect(validatePackage(pkg({ includes: ['basicPublicHealth', 'ghost'] }), REFERENCE_CATALOG)).toEqual({
      ok: false,
      code: 'PACKAGE.UNKNOWN_INCLUDED',
      message: '包含的服务包（ghost）不存在',
      field: 'includes[1]',
    });
  });

  it('refuses a cycle, direct or through another package', () => {
    expect(validatePackage(pkg({ code: 'a', includes: ['a'] }), [])).toMatchObject({ ok: false, code: 'PACKAGE.INCLUDE_CYCLE' });
    const b = pkg({ code: 'b', includes: ['a'] });
    const a = pkg({ code: 'a', includes: [] });
    expect(validatePackage({ ...a, includes: ['b'] }, [a, b])).toMatchObject({ ok: false, code: 'PACKAGE.INCLUDE_CYCLE', field: 'includes' });
  });

  it('refuses a personalised package without target group', () => {
    expect(validatePackage(pkg({ kind: 'personalised' }), [])).toMatchObject({ code: 'PACKAGE.TARGET_REQUIRED', field: 'targetTags' });
  });

  it('accepts a customised hypertension package at the 59-yuan insurance cap', () => {
    const atCap: ServicePackage = {
      ...hypertension,
      code: 'hypertensionQianjiang',
      name: '高血压患者个性包（本地版）',
      referenceCode: 'hypertension',
      items: [item({ name: '家庭巡诊', unitPrice: 1000, count: 6, insurance: 5900, selfPay: 100 })],
    };
    expect(validatePackage(atCap, REFERENCE_CATALOG).ok).toBe(true);
    expect(packageYearTotals(atCap, REFERENCE_CATALOG)).toEqual({ total: 7000, insurance: 5900, publicHealth: 1000, selfPay: 100 });
  });

  it('refuses a customised diabetes package one fen over the 66-yuan cap', () => {
    const over: ServicePackage = pkg({
      code: 'diabetesLocal',
      kind: 'personalised',
      targetTags: ['diabetes2'],
      referenceCode: 'diabetes',
      includes: ['basicPublicHealth'],
      items: [item({ unitPrice: 6601, count: 1, insurance: 6601, selfPay: 0 })],
    });
    expect(validatePackage(over, REFERENCE_CATALOG)).toEqual({
      ok: false,
      code: 'PACKAGE.INSURANCE_CAP_EXCEEDED',
      message: '医保承担部分每年不能超过66.00元（现在是66.01元）',
      field: 'items',
    });
  });
});
