import { addDays, countingDay, previousPeriod, todayInChina } from '@jiayi/domain';
import { ContractFacts } from '../src/indicators/contract-facts';
import { contractTalliesByTeam, CountWindow, emptyTally } from '../src/indicators/contract-measures';
import { refreshPlanItems } from '../src/indicators/plan-items';
import { snapshotTallies, SnapshotStats, TallyTeam } from '../src/indicators/team-tallies';
import { refreshPlacementsOfContracts } from '../src/people/placements';
import { residentWithActiveContract } from './support/contract-factories';
import { communityNamed, staffLogin } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('the evaluation dashboard on SQLite (the zero-setup database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('counts the same way: populations, signed residents, key groups, drill-down, workbook', async () => {
    const admin = await staffLogin(t, 'clinic1.admin');
    const year = Number(todayInChina(new Date()).slice(0, 4));
    const communityId = await communityNamed(t, admin, '东关村');
    await t.http
      .put('/api/staff/populations')
      .set(admin)
      .send({ communityId, year, residents: 10, groups: { elderly65: 4 } })
      .expect(200);
    await residentWithActiveContract(t, {}, { name: '钱老人', birthDate: '1950-01-01' });
    await residentWithActiveContract(t, {}, { name: '孙青年' });
    const response = await t.http
      .get('/api/staff/indicators?teamId=' + (await t.dataSource.query("SELECT id FROM teams WHERE name = '城关镇第一家庭医生团队'"))[0].id)
      .set(admin)
      .expect(200);
    const byCode = new Map(response.body.indicators.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('signing')).toMatchObject({ numerator: 2, denominator: 10, status: 'scored' });
    expect(byCode.get('keyGroupSigning.elderly65')).toMatchObject({ numerator: 1, denominator: 4 });
    expect(byCode.get('healthCheck')).toMatchObject({ numerator: 0, denominator: 1, met: false });
    const gap = await t.http.get('/api/staff/indicators/healthCheck/people').set(admin).expect(200);
    expect(gap.body.items.map((p: { name: string }) => p.name)).toEqual(['钱老人']);
    await t.http.get('/api/staff/indicators.xlsx').set(admin).expect(200);
    const trend = await t.http.get('/api/staff/indicators/trend?code=signing').set(admin).expect(200);
    expect(trend.body.points.at(-1)).toMatchObject({ numerator: 2 });
  });

  it('keeps the tally snapshots exact: a write recounts only its bucket, in the SQLite dialect', async () => {
    const today = todayInChina(new Date());
    const period = { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` };
    const w: CountWindow = { period, day: countingDay(period, today), today, previous: previousPeriod(period) };
    const teams: TallyTeam[] = await t.dataSource.query(
      'SELECT t.id AS id, t.institutionId AS institutionId FROM teams t JOIN institutions i ON i.id = t.institutionId WHERE i.regionId = ? ORDER BY t.id',
      [t.demo.regionId],
    );
    const expectExact = async () => {
      const stats = {} as SnapshotStats;
      const kept = await snapshotTallies(t.dataSource, teams, w, stats);
      const fresh = await contractTalliesByTeam(t.dataSource, { regionId: t.demo.regionId }, w, { rollUp: false });
      expect(Object.fromEntries(teams.map((x) => [x.id, kept.get(x.id)]))).toEqual(
        Object.fromEntries(teams.map((x) => [x.id, fresh.get(x.id) ?? emptyTally()])),
      );
      return stats;
    };
    await expectExact();
    expect((await expectExact()).fromSnapshot).toBe(teams.length);
    await residentWithActiveContract(t, {}, { name: '李老人', birthDate: '1948-03-03', declaredTags: ['hypertension'] });
    const stats = await expectExact();
    expect(stats).toMatchObject({ fromSnapshot: teams.length - 1, recomputedTeams: 1, recomputedBuckets: 1 });
  });

  it('慢病随访及时率 and 履约率 from the plan-item facts for the institution, with the drill-down', async () => {
    const [admin, doctor] = [await staffLogin(t, 'clinic1.admin'), await staffLogin(t, 'clinic1.doctor1')];
    const today = todayInChina(new Date());
    const start = addDays(today, -300);
    const { contract } = await residentWithActiveContract(t, {}, { name: '周高血压', birthDate: '1960-01-01', declaredTags: ['hypertension'] });
    await t.dataSource.query('UPDATE contracts SET startDate = ?, endDate = ? WHERE id = ?', [start, addDays(start, 364), contract.id]);
    await t.dataSource.transaction(async (manager) => {
      await refreshPlanItems(manager, [contract.id]);
      await refreshPlacementsOfContracts(manager, [contract.id]);
    });
    await t.app.get(ContractFacts).rebuild();
    // Q1 on time, Q2 missed, Q3 late (named for its item).
    for (const [day, planItemId] of [
      [10, undefined],
      [280, `${contract.id}:chronic:3`],
    ] as const)
      await t.http
        .post('/api/staff/services')
        .set(doctor)
        .send({ contractId: contract.id, type: 'followUp', date: addDays(start, day), channel: 'clinic', ...(planItemId ? { planItemId } : {}) })
        .expect(201);
    const clinic = (
      await t.http
        .get(`/api/staff/indicators?from=${addDays(today, -364)}&to=${today}`)
        .set(admin)
        .expect(200)
    ).body;
    const byCode = new Map(clinic.indicators.map((i: { code: string }) => [i.code, i]));
    expect(byCode.get('followUpTimeliness')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(byCode.get('fulfilment')).toMatchObject({ numerator: 0, denominator: 1 });
    const gap = await t.http
      .get(`/api/staff/indicators/fulfilment/people?from=${addDays(today, -364)}&to=${today}`)
      .set(admin)
      .expect(200);
    expect(gap.body.items.map((p: { name: string; detail: string }) => [p.name, p.detail])).toEqual([['周高血压', '到期服务 3 项，已完成 2 项']]);
  });
});
