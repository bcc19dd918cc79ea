import { DEFAULT_REGION_POLICY, RegionPolicy } from '../policy/region-policy';
import { quoteOk } from './quote.test-helpers';

// Seeds: local residents aged 60+ get 40 yuan a year, 8 from the city and 32 from the district.
const policy: RegionPolicy = {
  ...DEFAULT_REGION_POLICY,
  subsidies: [
    {
      name: '60岁以上老人签约补助',
      minAge: 60,
      amount: 4000,
      payers: [
        { payer: '市级', amount: 800 },
        { payer: '区级', amount: 3200 },
      ],
    },
  ],
};
const basic = ['basicPublicHealth', 'basicMedical'];

describe('quote: subsidy for residents aged 60 and over (市级 8 : 区级 32)', () => {
  it('is capped at the self-pay share, scaling the 8:32 split to the fen', () => {
    const q = quoteOk({ policy, birthDate: '1956-03-10', packageCodes: [...basic, 'elderly'] });
    expect(q.policyLines).toEqual([
      {
        policy: 'subsidy',
        description: '60岁以上老人签约补助（以个人应付部分为限，共 25.00 元：市级 5.00 元 / 区级 20.00 元）',
        fromPayer: 'selfPay',
        toPayer: 'fiscal',
        amount: 2500,
        parts: [
          { payer: '市级', amount: 500 },
          { payer: '区级', amount: 2000 },
        ],
      },
    ]);
    expect(q.totals).toEqual({ total: 10400, insurance: 6900, publicHealth: 1000, selfPay: 0, fiscal: 2500 });
  });

  it('pays the full 40 yuan a year when self-pay is larger, over three years', () => {
    const local: RegionPolicy = {
      ...policy,
      subsidies: [
        {
          ...policy.subsidies[0],
          amount: 1000,
          payers: [
            { payer: '市级', amount: 200 },
            { payer: '区级', amount: 800 },
          ],
        },
      ],
    };
    const q = quoteOk({ policy: local, birthDate: '1956-03-10', packageCodes: [...basic, 'elderly'], years: 3 });
    expect(q.policyLines).toEqual([
      {
        policy: 'subsidy',
        description: '60岁以上老人签约补助（市级 2.00 元 / 区级 8.00 元 每年）',
        fromPayer: 'selfPay',
        toPayer: 'fiscal',
        amount: 3000,
        parts: [
          { payer: '市级', amount: 600 },
          { payer: '区级', amount: 2400 },
        ],
      },
    ]);
    expect(q.totals).toEqual({ total: 31200, insurance: 20700, publicHealth: 3000, selfPay: 4500, fiscal: 3000 });
  });

  it('keeps the parts adding up when the cap gives an awkward amount', () => {
    const q = quoteOk({ policy, birthDate: '1960-01-01', tags: ['hypertension'], packageCodes: [...basic, 'hypertension'] });
    const subsidy = q.policyLines[0];
    expect(subsidy.amount).toBe(2200);
    expect(subsidy.parts).toEqual([
      { payer: '市级', amount: 440 },
      { payer: '区级', amount: 1760 },
    ]);
    expect(q.totals).toEqual({ total: 11100, insurance: 7900, publicHealth: 1000, selfPay: 0, fiscal: 2200 });
  });

  it('does not apply under 60', () => {
    const q = quoteOk({ policy, birthDate: '1966-12-02', packageCodes: basic });
    expect(q.policyLines).toEqual([]);
    expect(q.totals.selfPay).toBe(500);
  });

  it('applies after a waiver, on what is left', () => {
    const q = quoteOk({ policy, birthDate: '1956-03-10', tags: ['lowIncome'], packageCodes: [...basic, 'elderly'] });
    expect(q.policyLines.map((l) => [l.policy, l.amount])).toEqual([
      ['waiver', 500],
      ['subsidy', 2000],
    ]);
    expect(q.policyLines[1].parts).toEqual([
      { payer: '市级', amount: 400 },
      { payer: '区级', amount: 1600 },
    ]);
    expect(q.totals).toEqual({ total: 10400, insurance: 6900, publicHealth: 1000, selfPay: 0, fiscal: 2500 });
  });
});
