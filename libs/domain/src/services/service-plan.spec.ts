import { packageItemType, PlanContract, servicePlan, splitPeriod } from './service-plan';
import { REFERENCE_CATALOG } from '../packages/reference-catalog';

const hypertensionPackage = REFERENCE_CATALOG.find((p) => p.code === 'hypertension')!;
const basicPublicHealth = REFERENCE_CATALOG.find((p) => p.code === 'basicPublicHealth')!;

const contract = (overrides: Partial<PlanContract> = {}): PlanContract => ({
  id: 'c1',
  startDate: '2026-03-01',
  endDate: '2028-02-29',
  birthDate: '1956-06-15',
  tags: ['hypertension'],
  packages: [basicPublicHealth, hypertensionPackage],
  ...overrides,
});

describe('splitPeriod', () => {
  it('cuts a year into quarters that touch and cover it', () => {
    const quarters = splitPeriod('2026-03-01', '2027-02-28', 4);
    expect(quarters).toEqual([
      { start: '2026-03-01', end: '2026-05-30' },
      { start: '2026-05-31', end: '2026-08-29' },
      { start: '2026-08-30', end: '2026-11-28' },
      { start: '2026-11-29', end: '2027-02-28' },
    ]);
  });
});

describe('packageItemType', () => {
  it.each([
    ['建立家庭病床和巡诊（建床费14元，病床巡诊10元）', 'familyBed'],
    ['家庭巡诊', 'homeVisit'],
    ['贴敷疗法（中）', 'tcm'],
    ['中医辨证施膳指导（赠送5元脉图诊断）', 'tcm'],
    ['眼底照相', 'other'],
    ['病情稳定的慢性病患者长处方（4至12周）', 'longPrescription'],
  ])('%s → %s', (name, type) => expect(packageItemType(name)).toBe(type));
});

describe('servicePlan', () => {
  it('a 70-year-old with hypertension on a 2-year contract: 8 quarterly follow-ups, 2 health checks, the package items per year', () => {
    const plan = servicePlan(contract());
    const byKey = (key: string) => plan.filter((i) => i.id.split(':')[1] === key);
    const followUps = byKey('chronic');
    expect(followUps).toHaveLength(8);
    expect(followUps.every((i) => i.type === 'followUp' && i.source === 'publicHealth')).toBe(true);
    expect(followUps[0]).toMatchObject({ id: 'c1:chronic:1', windowStart: '2026-03-01', windowEnd: '2026-05-30' });
    expect(followUps[7]).toMatchObject({ windowEnd: '2028-02-29' });
    expect(byKey('elderlyCheck').map((i) => [i.windowStart, i.windowEnd])).toEqual([
      ['2026-03-01', '2027-02-28'],
      ['2027-03-01', '2028-02-29'],
    ]);
    // 电解质 ×5 a year, 眼底照相 ×1, 家庭巡诊 ×1, 中医辨证施膳指导 ×4, γ-GT ×1 — each year
    expect(byKey('hypertension.3')).toHaveLength(10);
    expect(byKey('hypertension.1').map((i) => i.type)).toEqual(['homeVisit', 'homeVisit']);
    expect(byKey('hypertension.5').every((i) => i.type === 'tcm')).toBe(true);
    // the basic package's items are continuous, not scheduled
    expect(plan.some((i) => i.id.includes('basicPublicHealth'))).toBe(false);
    expect(plan).toHaveLength(8 + 2 + 2 * (1 + 1 + 5 + 1 + 4));
    expect(plan.map((i) => i.windowStart)).toEqual([...plan.map((i) => i.windowStart)].sort());
  });

  it('a person who turns 65 during the contract gets the health check from the year they are 65 in', () => {
    const plan = servicePlan(contract({ birthDate: '1962-04-10', tags: [], packages: [] }));
    expect(plan.map((i) => i.windowStart)).toEqual(['2027-03-01']);
  });

  it('a child: four checks in the first year of life, two a year until 3, then one a year', () => {
    const baby = servicePlan(contract({ birthDate: '2026-01-20', tags: [], packages: [], endDate: '2029-02-28' }));
    expect(baby.map((i) => i.type)).toEqual(Array(4 + 2 + 2).fill('healthCheck'));
    expect(baby.filter((i) => i.windowEnd <= '2027-02-28')).toHaveLength(4);
    const fiveYearOld = servicePlan(contract({ birthDate: '2021-01-20', tags: [], packages: [], endDate: '2029-02-28' }));
    // 5 and 6 at the start of the first two years; 7 at the third: no more child checks
    expect(fiveYearOld.map((i) => i.windowStart)).toEqual(['2026-03-01', '2027-03-01']);
  });

  it('a renewal plans its own period from its start, with numbering of its own', () => {
    const first = servicePlan(contract({ endDate: '2027-02-28' }));
    const renewal = servicePlan(contract({ id: 'c2', startDate: '2027-03-01', endDate: '2028-02-29' }));
    expect(first.every((i) => i.windowEnd <= '2027-02-28')).toBe(true);
    expect(renewal.every((i) => i.windowStart >= '2027-03-01' && i.id.startsWith('c2:'))).toBe(true);
    expect(renewal.filter((i) => i.id.startsWith('c2:chronic:')).map((i) => i.id)[0]).toBe('c2:chronic:1');
  });

  it('a contract terminated mid-year stops: nothing starts after the day it ended, the open window ends that day', () => {
    const plan = servicePlan(contract({ terminatedOn: '2026-07-15' }));
    expect(plan.every((i) => i.windowStart <= '2026-07-15' && i.windowEnd <= '2026-07-15')).toBe(true);
    expect(plan.filter((i) => i.id.includes(':chronic:')).map((i) => [i.windowStart, i.windowEnd])).toEqual([
      ['2026-03-01', '2026-05-30'],
      ['2026-05-31', '2026-07-15'],
    ]);
  });

  it('hypertension and diabetes share one quarterly follow-up; severe mental disorder has its own', () => {
    const plan = servicePlan(contract({ tags: ['hypertension', 'diabetes2', 'severeMental'], packages: [], birthDate: '1980-01-01', endDate: '2027-02-28' }));
    expect(plan.filter((i) => i.id.includes(':chronic:'))).toHaveLength(4);
    expect(plan.filter((i) => i.id.includes(':mental:'))).toHaveLength(4);
  });
});
