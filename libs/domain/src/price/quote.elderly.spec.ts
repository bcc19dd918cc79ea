import { quoteOk, byPackage } from './quote.test-helpers';

// domain.md §4: a 65-year-old choosing 基本公卫 + 基本医疗 + elderly pays 10 + 25 + (79 − 10) = 104 yuan.
const seventyYearOld = { birthDate: '1956-03-10', packageCodes: ['basicPublicHealth', 'basicMedical', 'elderly'] };

describe('quote: a 70-year-old with the basic packages and the elderly package', () => {
  it('costs 104 yuan for one year: insurance 69, self-pay 25, public health 10', () => {
    const q = quoteOk({ ...seventyYearOld, years: 1 });
    expect(q.years).toBe(1);
    expect(q.totals).toEqual({ total: 10400, insurance: 6900, publicHealth: 1000, selfPay: 2500, fiscal: 0 });
    expect(q.policyLines).toEqual([]);
  });

  it('charges the nested basic public-health package once, as its own lines', () => {
    const q = quoteOk({ ...seventyYearOld, years: 1 });
    expect(byPackage(q)).toEqual({
      basicPublicHealth: [1000, 0, 1000, 0, 0],
      basicMedical: [2500, 2000, 0, 500, 0],
      elderly: [6900, 4900, 0, 2000, 0],
    });
    expect(q.lines.filter((l) => l.packageCode === 'elderly').map((l) => [l.itemName, l.amount])).toEqual([
      ['建立家庭病床和巡诊（建床费14元，病床巡诊10元）', 2400],
      ['贴敷疗法（中）', 1300],
      ['拔罐（3个罐）', 1200],
      ['中医辨证施膳指导（赠送5元脉图诊断）', 2000],
    ]);
    expect(q.lines[0]).toEqual({
      packageCode: 'basicPublicHealth',
      packageName: '基本公卫服务包',
      itemName: '完善居民健康档案',
      amount: 1000,
      insurance: 0,
      publicHealth: 1000,
      selfPay: 0,
      fiscal: 0,
    });
  });

  it('costs three times as much for three years: 312 yuan', () => {
    const q = quoteOk({ ...seventyYearOld, years: 3 });
    expect(q.years).toBe(3);
    expect(q.totals).toEqual({ total: 31200, insurance: 20700, publicHealth: 3000, selfPay: 7500, fiscal: 0 });
    expect(q.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(31200);
  });

  it('gives the same totals whatever the order of the selection', () => {
    const q = quoteOk({ birthDate: '1956-03-10', packageCodes: ['elderly', 'basicMedical', 'basicPublicHealth'] });
    expect(q.totals).toEqual({ total: 10400, insurance: 6900, publicHealth: 1000, selfPay: 2500, fiscal: 0 });
    expect(byPackage(q).basicPublicHealth).toEqual([1000, 0, 1000, 0, 0]);
  });
});
