import { sumTotals } from './quote';

describe('sumTotals', () => {
  it('adds each payer and makes total their sum', () => {
    expect(
      sumTotals([
        { insurance: 2000, publicHealth: 0, selfPay: 0, fiscal: 500 },
        { insurance: 0, publicHealth: 1000, selfPay: 0, fiscal: 0 },
        { insurance: 700, publicHealth: 0, selfPay: 300, fiscal: 0 },
      ]),
    ).toEqual({ total: 4500, insurance: 2700, publicHealth: 1000, selfPay: 300, fiscal: 500 });
    expect(sumTotals([])).toEqual({ total: 0, insurance: 0, publicHealth: 0, selfPay: 0, fiscal: 0 });
  });
});
