import { REFERENCE_CATALOG } from './reference-catalog';
import { packageYearTotals, validatePackage } from './service-package';

const byCode = (code: string) => REFERENCE_CATALOG.find((p) => p.code === code)!;

describe('REFERENCE_CATALOG', () => {
  it.each([
    // code, total, insurance, selfPay, publicHealth — the Xinjiang 2022 table, in fen per year
    ['basicPublicHealth', 1000, 0, 0, 1000],
    ['basicMedical', 2500, 2000, 500, 0],
    ['elderly', 7900, 4900, 2000, 1000],
    ['hypertension', 8600, 5900, 1700, 1000],
    ['diabetes', 10100, 6600, 2500, 1000],
  ])('%s totals %i = %i insurance + %i self-pay + %i public health', (code, total, insurance, selfPay, publicHealth) => {
    expect(packageYearTotals(byCode(code), REFERENCE_CATALOG)).toEqual({ total, insurance, selfPay, publicHealth });
  });

  it('has the two basic packages and three personalised ones for their groups', () => {
    expect(REFERENCE_CATALOG.map((p) => [p.code, p.kind, p.targetTags])).toEqual([
      ['basicPublicHealth', 'basic', []],
      ['basicMedical', 'basic', []],
      ['elderly', 'personalised', ['elderly65']],
      ['hypertension', 'personalised', ['hypertension']],
      ['diabetes', 'personalised', ['diabetes2']],
    ]);
  });

  it('nests the basic public-health package in each personalised package', () => {
    for (const code of ['elderly', 'hypertension', 'diabetes']) expect(byCode(code).includes).toEqual(['basicPublicHealth']);
  });

  it('splits the elderly items exactly as the table', () => {
    expect(byCode('elderly').items.map((i) => [i.unitPrice, i.count, i.insurance, i.selfPay, i.publicHealth])).toEqual([
      [2400, 1, 1700, 700, 0],
      [1300, 1, 900, 400, 0],
      [1200, 1, 800, 400, 0],
      [500, 4, 1500, 500, 0],
    ]);
    expect(byCode('elderly').items[3].name).toContain('中医辨证施膳指导');
  });

  it('splits the hypertension and diabetes items exactly as the table', () => {
    expect(byCode('hypertension').items.map((i) => [i.unitPrice, i.count, i.insurance, i.selfPay])).toEqual([
      [1000, 1, 700, 300],
      [1300, 1, 1000, 300],
      [600, 5, 2500, 500],
      [300, 1, 200, 100],
      [500, 4, 1500, 500],
    ]);
    expect(byCode('diabetes').items.map((i) => [i.name, i.unitPrice, i.insurance, i.selfPay])).toEqual([
      ['家庭巡诊', 1000, 700, 300],
      ['眼底照相', 1300, 1000, 300],
      ['糖化血红蛋白', 4800, 3400, 1400],
      ['中医辨证施膳指导（赠送5元脉图诊断）', 500, 1500, 500],
    ]);
  });

  it('lists the six basic public-health services, paid from public-health funds only', () => {
    const items = byCode('basicPublicHealth').items;
    expect(items).toHaveLength(6);
    expect(items.every((i) => i.insurance === 0 && i.selfPay === 0)).toBe(true);
    expect(items.map((i) => i.name)).toContain('完善居民健康档案');
  });

  it('passes its own validation', () => {
    for (const pkg of REFERENCE_CATALOG) expect(validatePackage(pkg, REFERENCE_CATALOG)).toEqual({ ok: true, value: pkg });
  });
});
