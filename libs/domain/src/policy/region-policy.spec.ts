import { effectivePolicy, DEFAULT_REGION_POLICY, RegionPolicy, validateRegionPolicy } from './region-policy';

const withSubsidy: RegionPolicy = {
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

describe('DEFAULT_REGION_POLICY', () => {
  it('holds the domain defaults', () => {
    expect(DEFAULT_REGION_POLICY).toEqual({
      doctorCapacity: 2000,
      maxPersonalisedPackages: 1,
      renewalWindowDays: 30,
      waivers: [
        {
          tags: ['severeMental', 'disabled', 'povertyAlleviated', 'familyPlanningSpecial', 'lowIncome'],
          packageKinds: ['basic'],
          toPayer: 'fiscal',
        },
      ],
      subsidies: [],
    });
  });
});

describe('validateRegionPolicy', () => {
  it('accepts the default and a policy with a subsidy', () => {
    expect(validateRegionPolicy(DEFAULT_REGION_POLICY)).toEqual({ ok: true, value: DEFAULT_REGION_POLICY });
    expect(validateRegionPolicy(withSubsidy).ok).toBe(true);
    expect(validateRegionPolicy({ ...DEFAULT_REGION_POLICY, teamCapacity: 1500 }).ok).toBe(true);
    expect(validateRegionPolicy({ ...DEFAULT_REGION_POLICY, teamCapacity: null }).ok).toBe(true);
  });

  it.each<[Partial<RegionPolicy>, string, string]>([
    [{ doctorCapacity: 0 }, 'POLICY.DOCTOR_CAPACITY', 'doctorCapacity'],
    [{ doctorCapacity: 1999.5 }, 'POLICY.DOCTOR_CAPACITY', 'doctorCapacity'],
    [{ teamCapacity: 0 }, 'POLICY.TEAM_CAPACITY', 'teamCapacity'],
    [{ teamCapacity: 1500.5 }, 'POLICY.TEAM_CAPACITY', 'teamCapacity'],
    [{ maxPersonalisedPackages: -1 }, 'POLICY.MAX_PERSONALISED', 'maxPersonalisedPackages'],
    [{ renewalWindowDays: 400 }, 'POLICY.RENEWAL_WINDOW', 'renewalWindowDays'],
    [{ waivers: [{ tags: [], packageKinds: ['basic'], toPayer: 'fiscal' }] }, 'POLICY.WAIVER_TAGS', 'waivers[0].tags'],
    [{ waivers: [{ tags: ['lowIncome'], packageKinds: ['basic'], toPayer: 'selfPay' }] }, 'POLICY.WAIVER_PAYER', 'waivers[0].toPayer'],
  ])('refuses %j', (change, code, field) => {
    expect(validateRegionPolicy({ ...DEFAULT_REGION_POLICY, ...change })).toMatchObject({ ok: false, code, field });
  });

  it('refuses a subsidy whose payer split does not add up', () => {
    const bad = {
      ...withSubsidy,
      subsidies: [
        {
          ...withSubsidy.subsidies[0],
          payers: [
            { payer: '市级', amount: 800 },
            { payer: '区级', amount: 3000 },
          ],
        },
      ],
    };
    expect(validateRegionPolicy(bad)).toEqual({
      ok: false,
      code: 'POLICY.SUBSIDY_SPLIT',
      message: '各级承担的金额加起来要等于补助金额',
      field: 'subsidies[0].payers',
    });
  });
});

describe('effectivePolicy', () => {
  it('lays the stored fields over the defaults', () => {
    expect(effectivePolicy({ doctorCapacity: 1500 })).toEqual({ ...DEFAULT_REGION_POLICY, doctorCapacity: 1500 });
  });

  it('is the defaults when nothing is stored', () => {
    expect(effectivePolicy(null)).toEqual(DEFAULT_REGION_POLICY);
  });
});
