import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, addYears, countingDay, previousPeriod, todayInChina } from '@jiayi/domain';
import { backfillCoverage, ContractFacts } from '../src/indicators/contract-facts';
import { contractTalliesByTeam, CountWindow } from '../src/indicators/contract-measures';
import { quarterBit, rollUpPushes } from '../src/indicators/push-rollup';
import { backfillServiceYears } from '../src/indicators/service-years';
import { demoTeam, moveEndDate, residentWithActiveContract } from './support/contract-factories';
import { staffLogin } from './support/factories';
import { member, onsiteBody, recordService } from './support/service-factories';
import { createTestApp, TestApp } from './support/test-app';
import { refreshPlacementsOfContracts } from '../src/people/placements';

type Headers = Record<string, string>;
const today = todayInChina(new Date());
const year = Number(today.slice(0, 4));
const lastYear = year - 1;

/**
 * The aggregates behind the county-scale dashboard (BENCHMARKS.md §6): the yearly service roll-up
 * kept by the service writes and the coverage kept on first contract facts must always equal a
 * recount from the records and facts — after inserts, corrections across years and racing writers
 * on two API instances — and the year dashboard read from them must give the numbers of the
 * per-record counts.
 */
describe('indicator roll-ups: service_person_years and the coverage of first facts (MariaDB)', () => {
  let t: TestApp;
  let doctor: Headers;
  let admin: Headers;
  const patients: { contractId: string; personId: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [doctor, admin] = await Promise.all(['clinic1.doctor1', 'clinic1.admin'].map((u) => staffLogin(t, u)));
    // Three patients signed on site: 65+ with hypertension, 65+ with type-2 diabetes, 65+ with both.
    for (const [name, tags] of [
      ['甲高血压', ['hypertension']],
      ['乙糖尿病', ['diabetes2']],
      ['丙两病', ['hypertension', 'diabetes2']],
    ] as const) {
      const signed = await t.http
        .post('/api/staff/onsite-signings')
        .set(doctor)
        .send(await onsiteBody(t, doctor, [member({ name, birthDate: '1950-05-05', phone: '1370000222' + patients.length, declaredTags: [...tags] })]));
      if (signed.status !== 201) throw new Error(`onsite: ${signed.status} ${JSON.stringify(signed.body)}`);
      const contract = signed.body.contracts[0];
      // Signed 700 days ago (so that last year's services can be recorded), ending in 200 days.
      await t.dataSource.query('UPDATE contracts SET startDate = ?, endDate = ?, doctorConfirmedAt = ? WHERE id = ?', [
        addDays(today, -700),
        addDays(today, 200),
        `${addDays(today, -700)} 02:00:00`,
        contract.id,
      ]);
      await refreshPlacementsOfContracts(t.dataSource.manager, [contract.id]);
      patients.push({ contractId: contract.id, personId: contract.personId });
    }
    await t.app.get(ContractFacts).rebuild();
  });
  afterAll(async () => t?.close());

  const record = (http: TestApp['http'], patient: (typeof patients)[number], type: string, date: string, systolic?: number, fastingGlucose?: number) =>
    recordService(http, doctor, patient.contractId, type, date, systolic, fastingGlucose);

  /** The roll-up recounted independently from every current record, in the test. */
  const recount = async () => {
    const rows: { personId: string; type: string; serviceDate: string; bp: number | null; glucose: number | null; createdAt: Date }[] =
      await t.dataSource.query(
        `SELECT personId, type, DATE_FORMAT(serviceDate, '%Y-%m-%d') AS serviceDate, bloodPressureOnTarget AS bp, glucoseOnTarget AS glucose, createdAt
         FROM service_records WHERE current = 1 AND type IN ('healthCheck', 'followUp')`,
      );
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(`${r.personId}|${r.serviceDate.slice(0, 4)}`, [...(byKey.get(`${r.personId}|${r.serviceDate.slice(0, 4)}`) ?? []), r]);
    const latest = (list: typeof rows, column: 'bp' | 'glucose') => {
      const withReading = list
        .filter((r) => r.type === 'followUp' && r[column] !== null)
        .sort((a, b) => b.serviceDate.localeCompare(a.serviceDate) || b.createdAt.getTime() - a.createdAt.getTime());
      return withReading.length ? Number(withReading[0][column]) : null;
    };
    return [...byKey.entries()]
      .map(([key, list]) => ({
        key,
        checks: list.filter((r) => r.type === 'healthCheck').length,
        followUps: list.filter((r) => r.type === 'followUp').length,
        bp: latest(list, 'bp'),
        glucose: latest(list, 'glucose'),
        last: list
          .map((r) => r.serviceDate)
          .sort()
          .at(-1),
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  };
  /** The maintained roll-up, rows with nothing left in them (a correction moved the records away) left out. */
  const rolledUp = async () =>
    (
      await t.dataSource.query(
        `SELECT CONCAT(personId, '|', year) AS \`key\`, checks, followUps, bloodPressureLatest AS bp, glucoseLatest AS glucose,
                DATE_FORMAT(lastServiceDate, '%Y-%m-%d') AS last FROM service_person_years WHERE lastServiceDate IS NOT NULL`,
      )
    )
      .map((r: Record<string, unknown>) => ({
        key: String(r.key),
        checks: Number(r.checks),
        followUps: Number(r.followUps),
        bp: r.bp === null ? null : Number(r.bp),
        glucose: r.glucose === null ? null : Number(r.glucose),
        last: String(r.last),
      }))
      .sort((a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key));

  const yearWindow = (y: number): CountWindow => {
    const period = { from: `${y}-01-01`, to: `${y}-12-31` };
    return { period, day: countingDay(period, today), today, previous: previousPeriod(period) };
  };
  const bothWays = async (w: CountWindow) => {
    const filter = { regionId: t.demo.regionId };
    const viaRollUp = await contractTalliesByTeam(t.dataSource, filter, w);
    const viaRecords = await contractTalliesByTeam(t.dataSource, filter, w, { rollUp: false });
    return { viaRollUp: Object.fromEntries(viaRollUp), viaRecords: Object.fromEntries(viaRecords) };
  };

  it('new records and corrections (across years, changing type and readings) keep the roll-up equal to a recount', async () => {
    const [hyper, diabetic, both] = patients;
    const ids: string[] = [];
    for (const [patient, type, date, systolic, glucose] of [
      [hyper, 'followUp', `${lastYear}-03-10`, 150, undefined],
      [hyper, 'followUp', `${lastYear}-06-10`, 130, undefined],
      [hyper, 'healthCheck', `${lastYear}-09-10`, undefined, undefined],
      [hyper, 'followUp', addDays(today, -60), 128, undefined],
      [hyper, 'followUp', addDays(today, -30), 155, undefined],
      [diabetic, 'followUp', addDays(today, -40), undefined, 6.1],
      [diabetic, 'followUp', addDays(today, -20), undefined, 8.2],
      [both, 'followUp', addDays(today, -10), 135, 6.5],
      [both, 'healthCheck', addDays(today, -5), undefined, undefined],
    ] as const) {
      const response = await record(t.http, patient, type, date, systolic, glucose);
      expect([response.status, date, response.body.message]).toEqual([201, date, undefined]);
      ids.push(response.body.id);
    }
    expect(await rolledUp()).toEqual(await recount());
    const hyperNow = (await rolledUp()).find((r: { key: string }) => r.key === `${hyper.personId}|${year}`);
    expect(hyperNow).toMatchObject({ followUps: 2, checks: 0, bp: 0 });

    // This year's latest reading corrected to on target; last year's check moved into this year as a follow-up.
    const corrections: [string, Record<string, unknown>][] = [
      [ids[4], { type: 'followUp', date: addDays(today, -30), channel: 'clinic', measurements: { systolic: 125, diastolic: 80 }, reason: '血压录入错误' }],
      [ids[2], { type: 'followUp', date: addDays(today, -3), channel: 'clinic', measurements: { systolic: 160, diastolic: 95 }, reason: '类型和日期录错' }],
      [ids[6], { type: 'followUp', date: `${lastYear}-12-31`, channel: 'clinic', measurements: { fastingGlucose: 6.0 }, reason: '日期录错' }],
    ];
    for (const [id, body] of corrections) await t.http.post(`/api/staff/services/${id}/corrections`).set(doctor).send(body).expect(201);
    const after = await rolledUp();
    expect(after).toEqual(await recount());
    expect(after.find((r: { key: string }) => r.key === `${hyper.personId}|${lastYear}`)).toMatchObject({ checks: 0, followUps: 2, bp: 1 });
    expect(after.find((r: { key: string }) => r.key === `${hyper.personId}|${year}`)).toMatchObject({ checks: 0, followUps: 3, bp: 0 });
    expect(after.find((r: { key: string }) => r.key === `${diabetic.personId}|${lastYear}`)).toMatchObject({ followUps: 1, glucose: 1 });
  });

  it('racing writers on two API instances (new records and corrections of one person) leave it equal to a recount', async () => {
    const second = await t.startSecondInstance();
    const { default: request } = await import('supertest');
    const other = request(second.getHttpServer());
    const [hyper, , both] = patients;
    const existing: { id: string }[] = await t.dataSource.query("SELECT id FROM service_records WHERE personId = ? AND current = 1 AND type = 'followUp'", [
      both.personId,
    ]);
    const writes = [
      ...Array.from({ length: 10 }, (_, i) =>
        record(i % 2 ? t.http : other, i % 3 ? hyper : both, i % 4 ? 'followUp' : 'healthCheck', addDays(today, -(i * 7) - 1), 120 + i * 5),
      ),
      ...existing.map((r, i) =>
        (i % 2 ? t.http : other)
          .post(`/api/staff/services/${r.id}/corrections`)
          .set(doctor)
          .send({ type: 'followUp', date: `${lastYear}-11-0${i + 1}`, channel: 'home', measurements: { systolic: 170, diastolic: 100 }, reason: '并发更正' }),
      ),
    ];
    const responses = await Promise.all(writes);
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    expect(await rolledUp()).toEqual(await recount());
  });

  it('the year dashboard read from the roll-up gives the numbers of the per-record counts', async () => {
    for (const y of [year, lastYear]) {
      const { viaRollUp, viaRecords } = await bothWays(yearWindow(y));
      expect(viaRollUp).toEqual(viaRecords);
    }
    const team = await demoTeam(t);
    const { viaRollUp, viaRecords } = await bothWays(yearWindow(year));
    // All three are 65+ (health checks: 丙 this year and 甲 from the races), hypertension 甲 and 丙, diabetes 乙 and 丙.
    expect(viaRollUp[team.id].services['managed.hypertension'].denominator).toBe(2);
    expect(viaRollUp[team.id].services['control.diabetes2'].denominator).toBe(1);
    const report = await t.http.get(`/api/staff/indicators?from=${year}-01-01&to=${year}-12-31`).set(admin).expect(200);
    const shown = (code: string) => report.body.indicators.find((i: { code: string }) => i.code === code);
    const sum = (code: 'control.hypertension' | 'healthCheck') => Object.values(viaRecords).reduce((s, tally) => s + tally.services[code].numerator, 0);
    expect(shown('control.hypertension').numerator).toBe(sum('control.hypertension'));
    expect(shown('healthCheck').numerator).toBe(sum('healthCheck'));
  });

  it('a record back-dated after the counting day of a past window falls back to the records (same numbers)', async () => {
    // A roll-up row holding a date after the counting day (only possible for data written around the API).
    await t.dataSource.query('UPDATE service_person_years SET lastServiceDate = ? WHERE personId = ? AND year = ?', [
      `${year}-12-31`,
      patients[0].personId,
      year,
    ]);
    const { viaRollUp, viaRecords } = await bothWays(yearWindow(year));
    expect(viaRollUp).toEqual(viaRecords);
  });

  it('the migration backfill gives the same roll-up as the writes kept', async () => {
    await t.dataSource.query('UPDATE service_person_years SET lastServiceDate = ? WHERE personId = ? AND year = ?', [
      (await recount()).find((r) => r.key === `${patients[0].personId}|${year}`)!.last,
      patients[0].personId,
      year,
    ]);
    const kept = await rolledUp();
    await backfillServiceYears(t.dataSource, true);
    expect(await rolledUp()).toEqual(kept);
  });

  it('coverage on first facts follows renewals and terminations, equals the facts, and 新增接续率 agrees with a probe per person', async () => {
    // A renewal confirmed: the first fact's coverage runs to the renewal's end.
    const renewer = await residentWithActiveContract(t, {}, { name: '续约人' });
    await moveEndDate(t, renewer.contract.id, addDays(today, 10));
    const renewal = await t.http.post(`/api/contracts/${renewer.contract.id}/renew`).set(renewer.resident.auth).send({}).expect(201);
    await t.http.post(`/api/staff/contracts/${renewal.body.id}/confirm`).set(admin).send({ confirmedTags: [] }).expect(200);
    // Facts follow moved dates only on a rebuild (as for an import); the renewal's confirmation itself refreshed the coverage.
    const [renewalFact] = await t.dataSource.query('SELECT DATE_FORMAT(signedUntil, "%Y-%m-%d") AS until FROM contract_facts WHERE contractId = ?', [
      renewal.body.id,
    ]);
    const [first] = await t.dataSource.query(
      'SELECT DATE_FORMAT(coveredUntil, "%Y-%m-%d") AS coveredUntil, coverageGaps FROM contract_facts WHERE contractId = ?',
      [renewer.contract.id],
    );
    expect(first).toEqual({ coveredUntil: renewalFact.until, coverageGaps: 0 });
    // Terminated today: coverage ends today.
    const moved = await residentWithActiveContract(t, {}, { name: '迁出人' });
    await t.http.post(`/api/staff/contracts/${moved.contract.id}/terminate`).set(admin).send({ reason: 'movedAway' }).expect(200);
    const [ended] = await t.dataSource.query('SELECT DATE_FORMAT(coveredUntil, "%Y-%m-%d") AS coveredUntil FROM contract_facts WHERE contractId = ?', [
      moved.contract.id,
    ]);
    expect(ended.coveredUntil).toBe(today);

    const kept = await t.dataSource.query('SELECT contractId, coveredUntil, coverageGaps FROM contract_facts ORDER BY contractId');
    await backfillCoverage(t.dataSource);
    expect(await t.dataSource.query('SELECT contractId, coveredUntil, coverageGaps FROM contract_facts ORDER BY contractId')).toEqual(kept);

    // On many counting days, "still signed" read from the coverage equals a probe of every fact.
    const days = [-400, -200, -30, 0, 5, 11, 200, 400, 800].map((d) => addDays(today, d));
    for (const day of days) {
      const [{ viaCoverage, viaProbe }] = await t.dataSource.query(
        `SELECT SUM(CASE WHEN (f.signedFrom <= ? AND f.coveredUntil > ?) OR ((f.coverageGaps = 1 OR f.coveredUntil IS NULL)
                  AND EXISTS (SELECT 1 FROM contract_facts g WHERE g.personId = f.personId AND g.signedFrom <= ? AND g.signedUntil > ?)) THEN 1 ELSE 0 END) AS viaCoverage,
                SUM(CASE WHEN EXISTS (SELECT 1 FROM contract_facts g WHERE g.personId = f.personId AND g.signedFrom <= ? AND g.signedUntil > ?) THEN 1 ELSE 0 END) AS viaProbe
           FROM contract_facts f WHERE f.firstSigning = 1`,
        [day, day, day, day, day, day],
      );
      expect(Number(viaCoverage)).toBe(Number(viaProbe));
    }
    // And the continuation counts of a window whose previous period holds these first signings.
    const next = addYears(today, 1);
    const period = { from: addDays(next, -364), to: next };
    const w: CountWindow = { period, day: countingDay(period, today), today, previous: previousPeriod(period) };
    const tallies = await contractTalliesByTeam(t.dataSource, { regionId: t.demo.regionId }, w);
    const total = [...tallies.values()].reduce((s, x) => s + x.continued, 0);
    const [{ probe }] = await t.dataSource.query(
      `SELECT COUNT(*) AS probe FROM contract_facts f WHERE f.regionId = ? AND f.firstSigning = 1 AND f.signedFrom >= ? AND f.signedFrom <= ?
         AND EXISTS (SELECT 1 FROM contract_facts g WHERE g.personId = f.personId AND g.signedFrom <= ? AND g.signedUntil > ?)`,
      [t.demo.regionId, w.previous.from, w.previous.to, w.day, w.day],
    );
    expect(total).toBe(Number(probe));
    expect(total).toBeGreaterThan(0);
  });

  it('pushes roll up into the quarter bits once each, whichever of two instances gets there, equal to a recount of the targets', async () => {
    const people: { id: string }[] = [
      { id: patients[0].personId },
      ...(await t.dataSource.query('SELECT id FROM persons WHERE id <> ? ORDER BY id LIMIT 39', [patients[0].personId])),
    ];
    const push = async (publishAt: Date, status: string, targets: { id: string }[]) => {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO pushes (id, regionId, institutionId, teamId, authorStaffId, authorName, title, summary, body, category, audience, status, publishAt, targeted, createdAt)
         VALUES (?, ?, ?, NULL, 'staff', '医生', '标题', '摘要', '<p>正文</p>', 'chronicDisease', '{}', ?, ?, 0, ?)`,
        [id, t.demo.regionId, t.demo.institutions.clinic1.id, status, publishAt, publishAt],
      );
      for (const p of targets)
        await t.dataSource.query('INSERT INTO push_targets (pushId, personId, accountId, teamId, readAt) VALUES (?, ?, ?, NULL, NULL)', [id, p.id, 'account']);
    };
    await push(new Date(), 'published', people.slice(0, 30));
    await push(new Date(), 'withdrawn', people.slice(20, 40));
    await push(new Date(`${lastYear}-05-05T10:00:00+08:00`), 'published', people.slice(10, 25));
    await push(new Date(Date.now() + 86_400_000), 'scheduled', people);
    const second = await t.startSecondInstance();
    const rolled = await Promise.all([rollUpPushes(t.dataSource), rollUpPushes(second.get(DataSource)), rollUpPushes(t.dataSource)]);
    expect(rolled.reduce((a, b) => a + b.rolled, 0)).toBe(3);
    expect(await rollUpPushes(t.dataSource)).toEqual({ rolled: 0, reachedNew: 0 });

    const targets: { personId: string; publishAt: Date }[] = await t.dataSource.query(
      "SELECT pt.personId, p.publishAt FROM push_targets pt JOIN pushes p ON p.id = pt.pushId WHERE p.status IN ('published', 'withdrawn')",
    );
    const expected = new Map<string, number>();
    for (const r of targets) {
      const day = todayInChina(r.publishAt);
      const key = `${r.personId}|${day.slice(0, 4)}`;
      expected.set(key, (expected.get(key) ?? 0) | quarterBit(day));
    }
    const kept: { key: string; bits: number }[] = await t.dataSource.query(
      "SELECT CONCAT(personId, '|', year) AS `key`, pushQuarters AS bits FROM service_person_years WHERE pushQuarters <> 0",
    );
    expect(new Map(kept.map((r) => [r.key, Number(r.bits)]))).toEqual(expected);
    // A service write afterwards keeps the person's push bits.
    const row = kept.find((r) => r.key === `${patients[0].personId}|${year}`)!;
    expect(row.bits).toBe(quarterBit(today));
    await record(t.http, patients[0], 'followUp', today, 118).expect(201);
    const [after] = await t.dataSource.query('SELECT pushQuarters FROM service_person_years WHERE personId = ? AND year = ?', [patients[0].personId, year]);
    expect(Number(after.pushQuarters)).toBe(Number(row.bits));
  });
});
