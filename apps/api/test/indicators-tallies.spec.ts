import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, closedBy, countingDay, previousPeriod, todayInChina, yearOf } from '@jiayi/domain';
import { ContractFacts } from '../src/indicators/contract-facts';
import { CONTRACT_MEASURES, contractTalliesByTeam, CountWindow, emptyTally, measureOverWindows } from '../src/indicators/contract-measures';
import { IndicatorsService } from '../src/indicators/indicators.service';
import { rollUpPushes } from '../src/indicators/push-rollup';
import { TeamTalliesJob } from '../src/indicators/team-tallies.job';
import { publish } from './support/push-factories';
import { pruneSnapshots, SnapshotStats, snapshotTallies, TallyTeam } from '../src/indicators/team-tallies';
import { demoTeam, moveEndDate, residentWithActiveContract, setContractDates, sign } from './support/contract-factories';
import { residentWithProfile, staffLogin } from './support/factories';
import { recordService } from './support/service-factories';
import { createTestApp, TestApp } from './support/test-app';

type Headers = Record<string, string>;
const today = todayInChina(new Date());
const year = Number(today.slice(0, 4));

const windowOf = (period: { from: string; to: string }): CountWindow => ({ period, day: countingDay(period, today), today, previous: previousPeriod(period) });
/** The year (read from the roll-ups), the last 365 days (read from the records) and last year. */
const WINDOWS = [
  windowOf({ from: `${year}-01-01`, to: `${year}-12-31` }),
  windowOf({ from: addDays(today, -364), to: today }),
  windowOf({ from: `${year - 1}-01-01`, to: `${year - 1}-12-31` }),
];

/**
 * The dashboard's per-team tally snapshots (indicators/team-tallies.ts): after each kind of write
 * that changes a tally, the snapshots the next request uses give exactly a fresh count, and only
 * the stale buckets were counted again; racing requests and writes leave nothing stale.
 */
describe('dashboard tally snapshots: recounted where data changed, always a fresh count (MariaDB)', () => {
  let t: TestApp;
  let admin: Headers;
  let doctor: Headers;
  let teams: TallyTeam[];
  const elderly: { contractId: string; personId: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [admin, doctor] = await Promise.all(['clinic1.admin', 'clinic1.doctor1'].map((u) => staffLogin(t, u)));
    teams = await t.dataSource.query(
      'SELECT t.id AS id, t.institutionId AS institutionId FROM teams t JOIN institutions i ON i.id = t.institutionId WHERE i.regionId = ? ORDER BY t.id',
      [t.demo.regionId],
    );
    for (const tags of [['hypertension'], ['diabetes2'], ['hypertension', 'diabetes2']]) {
      const { contract } = await residentWithActiveContract(t, {}, { birthDate: '1950-05-05', declaredTags: tags });
      elderly.push({ contractId: contract.id, personId: contract.personId });
      // Signed 700 days ago (so that last year's services can be recorded), ending in 200 days.
      await setContractDates(t, contract.id, addDays(today, -700), addDays(today, 200));
    }
    // Facts follow moved dates on a rebuild (which invalidates every snapshot).
    await t.app.get(ContractFacts).rebuild();
  });
  afterAll(async () => t?.close());

  /** Every window: the snapshots (as kept) equal a count from the facts and records; returns the year window's stats. */
  const expectExact = async (): Promise<SnapshotStats> => {
    let first: SnapshotStats | null = null;
    for (const w of WINDOWS) {
      const stats = {} as SnapshotStats;
      const kept = await snapshotTallies(t.dataSource, teams, w, stats);
      first ??= stats;
      const fresh = await contractTalliesByTeam(t.dataSource, { regionId: t.demo.regionId }, w, { rollUp: false });
      expect(Object.fromEntries(teams.map((team) => [team.id, kept.get(team.id)]))).toEqual(
        Object.fromEntries(teams.map((team) => [team.id, fresh.get(team.id) ?? emptyTally()])),
      );
      // 推送覆盖率's numerator as kept (the facts' push columns) equals the one counted from the pushes themselves.
      const [fromPushes] = await measureOverWindows(t.dataSource, { regionId: t.demo.regionId }, CONTRACT_MEASURES.pushCoverage, [w]);
      expect([...kept.values()].reduce((sum, tally) => sum + tally.pushReached, 0)).toBe(fromPushes.numerator);
    }
    return first!;
  };
  /** The year dashboard served with the snapshots equals the one computed with none. */
  const expectDashboardExact = async () => {
    const served = (await t.http.get('/api/staff/indicators').set(admin).expect(200)).body;
    await t.dataSource.query('DELETE FROM indicator_team_tallies');
    const counted = (await t.http.get('/api/staff/indicators').set(admin).expect(200)).body;
    expect(served).toEqual(counted);
  };
  const record = (patient: (typeof elderly)[number], type: string, date: string, systolic?: number, fastingGlucose?: number) =>
    recordService(t.http, doctor, patient.contractId, type, date, systolic, fastingGlucose);

  it('a second request reads every team from its snapshot', async () => {
    await expectExact();
    const again = await expectExact();
    expect(again).toEqual({ teams: teams.length, fromSnapshot: teams.length, recomputedTeams: 0, recomputedBuckets: 0, reachRecountedTeams: 0 });
  });

  it('a signing confirmed recounts only its bucket', async () => {
    await expectExact();
    const before = (await snapshotTallies(t.dataSource, teams, WINDOWS[0])).get((await demoTeam(t)).id)!;
    await residentWithActiveContract(t, {}, { birthDate: '1952-02-02', declaredTags: ['hypertension'] });
    const stats = await expectExact();
    expect(stats.recomputedBuckets).toBeGreaterThan(0);
    expect(stats.fromSnapshot).toBe(teams.length - 1);
    const after = (await snapshotTallies(t.dataSource, teams, WINDOWS[0])).get((await demoTeam(t)).id)!;
    expect(after.signed).toBe(before.signed + 1);
    await expectDashboardExact();
  });

  it('service records created and corrected (this year and last) invalidate the buckets of the person', async () => {
    await expectExact();
    const [hyper, diabetic, both] = elderly;
    const ids: string[] = [];
    for (const [patient, type, date, systolic, glucose] of [
      [hyper, 'followUp', today, 150, undefined],
      [diabetic, 'followUp', today, undefined, 6.1],
      [both, 'healthCheck', today, undefined, undefined],
    ] as const) {
      const response = await record(patient, type, date, systolic, glucose);
      expect([response.status, response.body.message]).toEqual([201, undefined]);
      ids.push(response.body.id);
      expect((await expectExact()).recomputedBuckets).toBeGreaterThan(0);
    }
    await t.http
      .post(`/api/staff/services/${ids[0]}/corrections`)
      .set(doctor)
      .send({ type: 'followUp', date: today, channel: 'clinic', measurements: { systolic: 125, diastolic: 80 }, reason: '血压录入错误' })
      .expect(201);
    expect((await expectExact()).recomputedBuckets).toBeGreaterThan(0);
    await t.http
      .post(`/api/staff/services/${ids[2]}/corrections`)
      .set(doctor)
      .send({ type: 'followUp', date: `${year - 1}-12-30`, channel: 'clinic', measurements: { systolic: 160, diastolic: 95 }, reason: '日期录错' })
      .expect(201);
    expect((await expectExact()).recomputedBuckets).toBeGreaterThan(0);
    await expectDashboardExact();
  });

  it('plan items: a follow-up done in a closed window moves 慢病随访及时率 through the snapshot, recounting only its bucket', async () => {
    await expectExact();
    const [hyper] = elderly;
    const [item] = await t.dataSource.query(
      `SELECT id, windowStart FROM service_plan_items WHERE contractId = ? AND type = 'followUp' AND source = 'publicHealth' AND doneOn IS NULL
          AND windowEnd >= ? AND windowEnd < ? ORDER BY windowEnd DESC LIMIT 1`,
      [hyper.contractId, WINDOWS[0].period.from, closedBy(WINDOWS[0].day, WINDOWS[0].today)],
    );
    expect(item).toBeDefined();
    const team = (await demoTeam(t)).id;
    const before = (await snapshotTallies(t.dataSource, teams, WINDOWS[0])).get(team)!;
    const done = await t.http
      .post('/api/staff/services')
      .set(doctor)
      .send({ contractId: hyper.contractId, type: 'followUp', date: String(item.windowStart).slice(0, 10), channel: 'clinic', planItemId: item.id });
    expect(done.status).toBe(201);
    const stats = await expectExact();
    expect(stats.fromSnapshot).toBe(teams.length - 1);
    const after = (await snapshotTallies(t.dataSource, teams, WINDOWS[0])).get(team)!;
    expect([after.planDue, after.planTimely]).toEqual([before.planDue, before.planTimely + 1]);
    await expectDashboardExact();
  });

  it('a renewal, a termination and a change of team each invalidate what they change', async () => {
    await expectExact();
    const renewer = await residentWithActiveContract(t, {}, { birthDate: '1949-09-09', declaredTags: ['diabetes2'] });
    await moveEndDate(t, renewer.contract.id, addDays(today, 10));
    const renewal = await t.http.post(`/api/contracts/${renewer.contract.id}/renew`).set(renewer.resident.auth).send({}).expect(201);
    await expectExact();
    await t.http
      .post(`/api/staff/contracts/${renewal.body.id}/confirm`)
      .set(admin)
      .send({ confirmedTags: ['diabetes2'] })
      .expect(200);
    expect((await expectExact()).recomputedBuckets).toBeGreaterThan(0);

    await t.http.post(`/api/staff/contracts/${elderly[1].contractId}/terminate`).set(admin).send({ reason: 'movedAway' }).expect(200);
    expect((await expectExact()).recomputedBuckets).toBeGreaterThan(0);

    const mover = await residentWithActiveContract(t, {}, { birthDate: '1948-08-08', declaredTags: ['hypertension'], community: '西关村' });
    await expectExact();
    const team2 = await demoTeam(t, '城关镇第二家庭医生团队');
    const change = await t.http
      .post(`/api/contracts/${mover.contract.id}/change-team`)
      .set(mover.resident.auth)
      .send({ teamId: team2.id, doctorId: team2.doctor('吴春生') })
      .expect(201);
    await t.http
      .post(`/api/staff/contracts/${change.body.id}/confirm`)
      .set(admin)
      .send({ confirmedTags: ['hypertension'] })
      .expect(200);
    const stats = await expectExact();
    expect(stats.recomputedTeams).toBe(2);
    await expectDashboardExact();
  });

  /** A published push to these persons, written as the release job leaves it. */
  const publishPush = async (personIds: string[]) => {
    const id = randomUUID();
    const now = new Date();
    await t.dataSource.query(
      `INSERT INTO pushes (id, regionId, institutionId, teamId, authorStaffId, authorName, title, summary, body, category, audience, status, publishAt, targeted, createdAt)
       VALUES (?, ?, ?, NULL, 'staff', '医生', '标题', '摘要', '<p>正文</p>', 'chronicDisease', '{}', 'published', ?, ?, ?)`,
      [id, t.demo.regionId, t.demo.institutions.clinic1.id, now, personIds.length, now],
    );
    for (const personId of personIds) {
      await t.dataSource.query('INSERT INTO push_targets (pushId, personId, accountId, teamId, readAt) VALUES (?, ?, ?, NULL, NULL)', [
        id,
        personId,
        'account',
      ]);
    }
  };
  const pushReached = async () => [...(await snapshotTallies(t.dataSource, teams, WINDOWS[0])).values()].reduce((s, x) => s + x.pushReached, 0);

  it('a push that reaches someone new recounts 推送覆盖率 alone in every snapshot; one to people already reached this quarter recounts nothing', async () => {
    await expectExact();
    await publishPush(elderly.slice(0, 2).map((p) => p.personId));
    expect(await rollUpPushes(t.dataSource)).toEqual({ rolled: 1, reachedNew: 1 });
    const onlyReach = { teams: teams.length, fromSnapshot: 0, recomputedTeams: teams.length, recomputedBuckets: 0, reachRecountedTeams: teams.length };
    expect(await expectExact()).toEqual(onlyReach);
    const reached = await pushReached();
    expect(reached).toBeGreaterThan(0);
    await expectDashboardExact();

    // The same people again: no count moves, every team is read from its snapshot.
    await expectExact(); // (the dashboard check above left only the institution's snapshots)
    await publishPush([elderly[1].personId, elderly[0].personId]);
    expect(await rollUpPushes(t.dataSource)).toEqual({ rolled: 1, reachedNew: 0 });
    expect(await expectExact()).toEqual({ teams: teams.length, fromSnapshot: teams.length, recomputedTeams: 0, recomputedBuckets: 0, reachRecountedTeams: 0 });
    expect(await pushReached()).toBe(reached);

    // One of them and a third person, with a follow-up of the first written since: the third is
    // new, every team's reach is counted again and the first's bucket in full.
    await record(elderly[0], 'followUp', addDays(today, -1), 126);
    await publishPush([elderly[0].personId, elderly[2].personId]);
    expect(await rollUpPushes(t.dataSource)).toEqual({ rolled: 1, reachedNew: 1 });
    const stats = await expectExact();
    expect(stats).toEqual({ ...onlyReach, recomputedBuckets: 1 });
    expect(await pushReached()).toBe(reached + 1);
    await expectDashboardExact();
  });

  it('a profile edit changes no tally and invalidates nothing', async () => {
    await expectExact();
    const resident = await residentWithProfile(t, { birthDate: '1951-01-01', declaredTags: ['hypertension'] });
    await t.http
      .put('/api/me/profile')
      .set(resident.auth)
      .send({
        name: '改名居民',
        idNumber: resident.idNumber,
        phone: '13900139000',
        communityId: resident.communityId,
        declaredTags: [],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(200);
    expect((await expectExact()).recomputedBuckets).toBe(0);
  });

  it('racing dashboard requests and writes on two instances leave no stale snapshot', async () => {
    const second = await t.startSecondInstance();
    const { default: request } = await import('supertest');
    const other = request(second.getHttpServer());
    const residents = await Promise.all(
      Array.from({ length: 4 }, (_, i) => residentWithProfile(t, { birthDate: `194${i}-03-03`, declaredTags: ['hypertension'] })),
    );
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 12; i++) {
      // elderly[1]'s contract was terminated above.
      work.push(record(elderly[i % 2 ? 0 : 2], i % 4 ? 'followUp' : 'healthCheck', addDays(today, -i), 120 + i * 4));
      work.push((i % 2 ? t.http : other).get('/api/staff/indicators').set(admin));
      work.push(snapshotTallies(t.dataSource, teams, WINDOWS[i % 3]));
    }
    for (const [i, resident] of residents.entries()) {
      work.push(
        (async () => {
          const signed = await sign(t, resident, {}, i % 2 ? t.http : other);
          expect(signed.status).toBe(201);
          await (i % 2 ? other : t.http)
            .post(`/api/staff/contracts/${signed.body[0].id}/confirm`)
            .set(admin)
            .send({ confirmedTags: ['hypertension'] })
            .expect(200);
        })(),
      );
    }
    // Pushes reaching each new patient while they are being signed, rolled up on either instance.
    for (const [i, resident] of residents.entries()) {
      work.push(
        (async () => {
          await publishPush([resident.person.id]);
          await rollUpPushes(i % 2 ? t.dataSource : second.get(DataSource));
        })(),
      );
    }
    const settled = await Promise.all(work);
    const statuses = settled.filter((r): r is { status: number } => r !== null && typeof r === 'object' && 'status' in r).map((r) => r.status);
    expect(statuses.filter((s) => s !== 200 && s !== 201)).toEqual([]);
    await expectExact();
    await expectDashboardExact();
  });

  it('the warming job counts this year and last year before anyone asks; old snapshots are pruned', async () => {
    await t.dataSource.query('DELETE FROM indicator_team_tallies');
    await t.app.get(IndicatorsService).warmSnapshots();
    for (const w of [WINDOWS[0], WINDOWS[2]]) {
      const stats = {} as SnapshotStats;
      await snapshotTallies(t.dataSource, teams, w, stats);
      expect(stats.fromSnapshot).toBe(teams.length);
    }
    // The staff screen's year dashboards, as served, equal a fresh count.
    for (const y of [year, year - 1]) {
      const served = (await t.http.get(`/api/staff/indicators?from=${y}-01-01&to=${y}-12-31`).set(admin).expect(200)).body;
      await t.dataSource.query('DELETE FROM indicator_team_tallies');
      const counted = (await t.http.get(`/api/staff/indicators?from=${y}-01-01&to=${y}-12-31`).set(admin).expect(200)).body;
      expect(served).toEqual(counted);
      await t.app.get(IndicatorsService).warmSnapshots();
    }
    await pruneSnapshots(t.dataSource, new Date(Date.now() + 4 * 86_400_000));
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM indicator_team_tallies');
    expect(Number(n)).toBe(0);
  });

  it("before midnight the warming job counts tomorrow's dashboard too; its first request recounts only what was written since", async () => {
    const tomorrow = addDays(today, 1);
    const period = yearOf(tomorrow);
    const tomorrows: CountWindow = { period, day: countingDay(period, tomorrow), today: tomorrow, previous: previousPeriod(period) };
    const statsOf = async (w: CountWindow) => {
      const stats = {} as SnapshotStats;
      const kept = await snapshotTallies(t.dataSource, teams, w, stats);
      return { stats, kept };
    };
    const service = t.app.get(IndicatorsService);

    // At noon only today's window is warmed.
    await t.dataSource.query('DELETE FROM indicator_team_tallies');
    await service.warmSnapshots(new Date(`${today}T12:00:00+08:00`));
    expect((await statsOf(tomorrows)).stats.fromSnapshot).toBe(0);

    // At 23:45 tomorrow's is counted as well.
    await t.dataSource.query('DELETE FROM indicator_team_tallies');
    await service.warmSnapshots(new Date(`${today}T23:45:00+08:00`));
    expect((await statsOf(WINDOWS[0])).stats.fromSnapshot).toBe(teams.length);
    expect((await statsOf(tomorrows)).stats).toEqual({
      teams: teams.length,
      fromSnapshot: teams.length,
      recomputedTeams: 0,
      recomputedBuckets: 0,
      reachRecountedTeams: 0,
    });

    // A follow-up written before midnight: tomorrow's first request recounts that bucket alone, and counts it.
    await record(elderly[0], 'followUp', today, 128);
    const { stats, kept } = await statsOf(tomorrows);
    expect(stats.fromSnapshot).toBe(teams.length - 1);
    expect(stats.recomputedBuckets).toBe(1);
    const fresh = await contractTalliesByTeam(t.dataSource, { regionId: t.demo.regionId }, tomorrows, { rollUp: false });
    expect(Object.fromEntries(teams.map((team) => [team.id, kept.get(team.id)]))).toEqual(
      Object.fromEntries(teams.map((team) => [team.id, fresh.get(team.id) ?? emptyTally()])),
    );
  });

  it('a push published by the release job is rolled up as it is published; the warming job then counts its reach before any dashboard asks', async () => {
    await expectExact();
    const resident = await residentWithProfile(t, { birthDate: '1949-09-09', declaredTags: ['hypertension'] });
    const signed = await sign(t, resident);
    await t.http
      .post(`/api/staff/contracts/${signed.body[0].id}/confirm`)
      .set(admin)
      .send({ confirmedTags: ['hypertension'] })
      .expect(200);
    await expectExact();
    const reached = await pushReached();
    const pushEpoch = async () =>
      Number((await t.dataSource.query("SELECT version FROM indicator_tally_versions WHERE teamId = '*' AND bucket = 1"))[0]?.version ?? 0);
    const epochBefore = await pushEpoch();
    const push = await publish(t, admin, { audience: { tags: ['hypertension'] } });
    expect(push.status).toBe('published');
    expect(await rollUpPushes(t.dataSource)).toEqual({ rolled: 0, reachedNew: 0 });
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM push_rollups WHERE pushId = ?', [push.id]);
    expect(Number(n)).toBe(1);
    // The publication moved the push epoch (the new patient was reached): every snapshot's reach is stale
    // until the warming job's run, after which a request counts nothing.
    expect(await pushEpoch()).toBe(epochBefore + 1);
    await t.app.get(TeamTalliesJob).run();
    expect(await expectExact()).toEqual({ teams: teams.length, fromSnapshot: teams.length, recomputedTeams: 0, recomputedBuckets: 0, reachRecountedTeams: 0 });
    expect(await pushReached()).toBeGreaterThan(reached);
  });
});
