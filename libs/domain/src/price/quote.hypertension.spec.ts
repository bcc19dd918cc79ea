import { quoteOk, byPackage } from './quote.test-helpers';

describe('quote: a hypertension patient, one year', () => {
  it('costs 10 + 25 + (86 − 10) = 111 yuan', () => {
    const q = quoteOk({ tags: ['hypertension'], packageCodes: ['basicPublicHealth', 'basicMedical', 'hypertension'] });
    expect(q.totals).toEqual({ total: 11100, insurance: 7900, publicHealth: 1000, selfPay: 2200, fiscal: 0 });
    expect(byPackage(q).hypertension).toEqual([7600, 5900, 0, 1700, 0]);
    expect(q.lines.find((l) => l.itemName === '电解质')).toMatchObject({ amount: 3000, insurance: 2500, selfPay: 500 });
  });

  it('costs twice as much for two years', () => {
    const q = quoteOk({ tags: ['hypertension'], years: 2, packageCodes: ['basicPublicHealth', 'basicMedical', 'hypertension'] });
    expect(q.totals).toEqual({ total: 22200, insurance: 15800, publicHealth: 2000, selfPay: 4400, fiscal: 0 });
  });
});
