import { DEFAULT_REGION_POLICY } from '../policy/region-policy';
import { quoteOk, byPackage } from './quote.test-helpers';

const selection = { packageCodes: ['basicPublicHealth', 'basicMedical', 'diabetes'] };

describe('quote: a diabetes patient on 低保 (lowIncome)', () => {
  it('moves the basic medical self-pay of 5 yuan a year to 财政补助, as one policy line', () => {
    const q = quoteOk({ ...selection, tags: ['diabetes2', 'lowIncome'] });
    expect(q.policyLines).toEqual([
      {
        policy: 'waiver',
        description: '减免政策（低保/特困人员）：基础服务包的个人承担部分由财政补助支付',
        fromPayer: 'selfPay',
        toPayer: 'fiscal',
        amount: 500,
      },
    ]);
    expect(byPackage(q)).toEqual({
      basicPublicHealth: [1000, 0, 1000, 0, 0],
      basicMedical: [2500, 2000, 0, 0, 500],
      diabetes: [9100, 6600, 0, 2500, 0],
    });
    expect(q.totals).toEqual({ total: 12600, insurance: 8600, publicHealth: 1000, selfPay: 2500, fiscal: 500 });
    expect(q.totals.insurance + q.totals.publicHealth + q.totals.selfPay + q.totals.fiscal).toBe(q.totals.total);
  });

  it('waives 5 yuan for each year of a three-year contract', () => {
    const q = quoteOk({ ...selection, tags: ['diabetes2', 'lowIncome'], years: 3 });
    expect(q.policyLines.map((l) => l.amount)).toEqual([1500]);
    expect(q.totals).toEqual({ total: 37800, insurance: 25800, publicHealth: 3000, selfPay: 7500, fiscal: 1500 });
  });

  it('names every matching group once in one line', () => {
    const q = quoteOk({ ...selection, tags: ['diabetes2', 'disabled', 'lowIncome'] });
    expect(q.policyLines).toHaveLength(1);
    expect(q.policyLines[0].description).toBe('减免政策（残疾人、低保/特困人员）：基础服务包的个人承担部分由财政补助支付');
  });

  it('does not apply without a listed group', () => {
    const q = quoteOk({ ...selection, tags: ['diabetes2'] });
    expect(q.policyLines).toEqual([]);
    expect(q.totals).toEqual({ total: 12600, insurance: 8600, publicHealth: 1000, selfPay: 3000, fiscal: 0 });
  });

  it('can cover personalised packages too when the region says so', () => {
    const policy = { ...DEFAULT_REGION_POLICY, waivers: [{ ...DEFAULT_REGION_POLICY.waivers[0], packageKinds: ['basic' as const, 'personalised' as const] }] };
    const q = quoteOk({ ...selection, tags: ['diabetes2', 'lowIncome'], policy });
    expect(q.policyLines.map((l) => l.amount)).toEqual([3000]);
    expect(q.totals).toEqual({ total: 12600, insurance: 8600, publicHealth: 1000, selfPay: 0, fiscal: 3000 });
  });
});
