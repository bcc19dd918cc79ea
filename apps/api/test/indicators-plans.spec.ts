import ExcelJS from 'exceljs';
import { addDays, countingDay, previousPeriod, todayInChina } from '@jiayi/domain';
import { ContractFacts } from '../src/indicators/contract-facts';
import type { CountWindow } from '../src/indicators/contract-measures';
import { backfillPlanItems, planCountsByTeam, refreshPlanItems } from '../src/indicators/plan-items';
import { demoTeam, moveEndDate, residentWithActiveContract, residentWithPendingContract } from './support/contract-factories';
import { idNumberFor, staffLogin } from './support/factories';
import { member, onsiteBody } from './support/service-factories';
import { counts, Shown, unit } from './support/indicator-report';
import { derivedPlanCounts } from './support/plan-derivation';
import { createTestApp, TestApp } from './support/test-app';
import { refreshPlacementsOfContracts } from '../src/people/placements';

type Headers = Record<string, string>;
type Listed = { personId: string; name: string; detail?: string };

const binary = (res: import('superagent').Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * 慢病随访及时率 and 履约率 from the plan-item facts (domain.md §9, §10) for a team, an institution
 * and the region. Hypertensive patients signed for a year that started 300 days ago, so that three
 * quarterly follow-up windows ([0, 90], [91, 181], [182, 272] days after the start) have closed and
 * the fourth and the yearly health check are still open:
 * - team 1: 甲 on time in Q1 and Q2 and late in Q3 (a follow-up named for Q3, done after it);
 *   乙 in Q1 only (a Q3 follow-up corrected into Q1, where it fulfils nothing); 丙 in all three,
 *   then terminated today; 丁 signed today (nothing due); 戊 on a contract that ended 36 days ago
 *   (renewed, the renewal's first window still open), followed up in 2 of its 4 quarters;
 * - team 2 of clinic 1: 己 never followed up; clinic 2: 庚 never followed up.
 * Every fact is written by the API writes (confirmation, on-site signing, services, correction,
 * termination); dates moved in SQL are followed by a refresh of that contract, as the tests move them.
 */
describe('the dashboard’s plan indicators: 慢病随访及时率 and 履约率 from the plan-item facts (MariaDB)', () => {
  let t: TestApp;
  let admin1: Headers;
  let admin2: Headers;
  let region: Headers;
  let doctor: Headers;
  const today = todayInChina(new Date());
  const start = addDays(today, -300);
  const period = { from: addDays(today, -364), to: today };
  const query = `from=${period.from}&to=${period.to}`;
  const ids: Record<string, string> = {};

  const report = async (auth: Headers, extra = '') => (await t.http.get(`/api/staff/indicators?${query}${extra}`).set(auth).expect(200)).body;
  const people = async (auth: Headers, code: string, part: string, extra = '') =>
    (await t.http.get(`/api/staff/indicators/${code}/people?${query}&part=${part}${extra}`).set(auth).expect(200)).body;
  const names = (list: { items: Listed[] }) => list.items.map((i) => i.name).sort();

  /** Moves a contract's dates in SQL and rewrites its plan items (what a date change would do). */
  const setDates = async (contractId: string, startDate: string, endDate: string) => {
    await t.dataSource.query('UPDATE contracts SET startDate = ?, endDate = ? WHERE id = ?', [startDate, endDate, contractId]);
    await t.dataSource.transaction(async (manager) => {
      await refreshPlanItems(manager, [contractId]);
      await refreshPlacementsOfContracts(manager, [contractId]);
    });
  };
  const followUp = async (auth: Headers, contractId: string, date: string, planItemId?: string) => {
    const response = await t.http
      .post('/api/staff/services')
      .set(auth)
      .send({ contractId, type: 'followUp', date, channel: 'clinic', measurements: { systolic: 130, diastolic: 80 }, ...(planItemId ? { planItemId } : {}) });
    if (response.status !== 201) throw new Error(`service: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [admin1, admin2, region, doctor] = await Promise.all(['clinic1.admin', 'clinic2.admin', 'region.admin', 'clinic1.doctor1'].map((u) => staffLogin(t, u)));
    const team1 = (await demoTeam(t)).id;
    const team2 = (await demoTeam(t, '城关镇第二家庭医生团队')).id;
    const clinic2Team = (await demoTeam(t, '东城第一家庭医生团队')).id;
    Object.assign(ids, { team1, team2, clinic2Team, clinic1: t.demo.institutions.clinic1.id, clinic2: t.demo.institutions.clinic2.id });

    const onsite = async (name: string, phone: string) => {
      const signed = await t.http
        .post('/api/staff/onsite-signings')
        .set(doctor)
        .send(await onsiteBody(t, doctor, [member({ name, birthDate: '1950-05-05', phone, declaredTags: ['hypertension'] })]));
      if (signed.status !== 201) throw new Error(`onsite: ${signed.status} ${JSON.stringify(signed.body)}`);
      ids[name] = signed.body.contracts[0].personId;
      return signed.body.contracts[0].id as string;
    };
    // 甲: on time in Q1 and Q2, Q3 done late (named for its item, dated after the window).
    const a = await onsite('甲按时又迟', '13700004441');
    await setDates(a, start, addDays(start, 364));
    await followUp(doctor, a, addDays(start, 10));
    await followUp(doctor, a, addDays(start, 100));
    await followUp(doctor, a, addDays(start, 280), `${a}:chronic:3`);
    // 乙: Q1 only; a Q3 follow-up corrected to a day in Q1 (already kept) leaves Q2 and Q3 missed.
    const b = await onsite('乙漏随访', '13700004442');
    await setDates(b, start, addDays(start, 364));
    await followUp(doctor, b, addDays(start, 10));
    const wrong = await followUp(doctor, b, addDays(start, 200));
    await t.http
      .post(`/api/staff/services/${wrong.id}/corrections`)
      .set(doctor)
      .send({ type: 'followUp', date: addDays(start, 30), channel: 'clinic', measurements: { systolic: 130, diastolic: 80 }, reason: '日期录错' })
      .expect(201);
    // 丙: every closed quarter kept, then terminated today (its follow-ups still count for 及时率, not for 履约率).
    const c = await onsite('丙已解约', '13700004443');
    await setDates(c, start, addDays(start, 364));
    for (const d of [10, 100, 190]) await followUp(doctor, c, addDays(start, d));
    await t.http.post(`/api/staff/contracts/${c}/terminate`).set(admin1).send({ reason: 'movedAway' }).expect(200);
    // 丁: signed today, nothing due yet.
    await onsite('丁今日签', '13700004444');
    // 戊: a year that ended 36 days ago (followed up in Q1 and Q2 of it), renewed from the day after.
    const renewer = await residentWithActiveContract(t, {}, { name: '戊已续约', birthDate: '1951-01-01', declaredTags: ['hypertension'] });
    ids['戊已续约'] = renewer.resident.person.id;
    await moveEndDate(t, renewer.contract.id, addDays(today, 10));
    const renewal = await t.http.post(`/api/contracts/${renewer.contract.id}/renew`).set(renewer.resident.auth).send({}).expect(201);
    await t.http
      .post(`/api/staff/contracts/${renewal.body.id}/confirm`)
      .set(admin1)
      .send({ confirmedTags: ['hypertension'] })
      .expect(200);
    await setDates(renewer.contract.id, addDays(today, -400), addDays(today, -36));
    await setDates(renewal.body.id, addDays(today, -35), addDays(today, 329));
    await followUp(doctor, renewer.contract.id, addDays(today, -390));
    await followUp(doctor, renewer.contract.id, addDays(today, -250));
    // 己 (team 2) and 庚 (clinic 2): confirmed by their admins, never followed up.
    for (const [name, teamId, community, confirmer] of [
      ['己二队', team2, '南街社区', admin1],
      ['庚东城', clinic2Team, '东城社区', admin2],
    ] as const) {
      const { resident, contract } = await residentWithPendingContract(
        t,
        { teamId },
        { name, birthDate: '1952-02-02', declaredTags: ['hypertension'], community },
      );
      await t.http
        .post(`/api/staff/contracts/${contract.id}/confirm`)
        .set(confirmer)
        .send({ confirmedTags: ['hypertension'] })
        .expect(200);
      await setDates(contract.id, start, addDays(start, 364));
      ids[name] = resident.person.id;
    }
    // The signed spans follow the moved dates (the facts job's rebuild, as for data loaded in SQL).
    await t.app.get(ContractFacts).rebuild();
  });
  afterAll(async () => t?.close());

  it('exact numerators and denominators for each team, each institution and the region', async () => {
    const clinic1 = await report(admin1);
    // Team 1: 甲 2/3 + 乙 1/3 + 丙 3/3 + 戊 2/4 follow-ups timely; of the contracts in force with an item due (甲, 乙) 甲 is kept.
    expect(counts(unit(clinic1, ids.team1), 'followUpTimeliness')).toEqual([8, 13]);
    expect(counts(unit(clinic1, ids.team1), 'fulfilment')).toEqual([1, 2]);
    expect(counts(unit(clinic1, ids.team2), 'followUpTimeliness')).toEqual([0, 3]);
    expect(counts(unit(clinic1, ids.team2), 'fulfilment')).toEqual([0, 1]);
    expect(counts(clinic1, 'followUpTimeliness')).toEqual([8, 16]);
    expect(counts(clinic1, 'fulfilment')).toEqual([1, 3]);
    expect(clinic1.indicators.find((i: Shown) => i.code === 'fulfilment')).toMatchObject({ status: 'scored', drillDown: true });
    const team = await report(doctor, `&teamId=${ids.team1}`);
    expect(counts(team, 'followUpTimeliness')).toEqual([8, 13]);
    const whole = await report(region);
    expect(counts(whole, 'followUpTimeliness')).toEqual([8, 19]);
    expect(counts(whole, 'fulfilment')).toEqual([1, 4]);
    expect(counts(unit(whole, ids.clinic2), 'followUpTimeliness')).toEqual([0, 3]);
    expect(counts(unit(whole, ids.clinic2), 'fulfilment')).toEqual([0, 1]);
    expect(counts(await report(admin2), 'fulfilment')).toEqual([0, 1]);
  });

  it('the facts give, for every team and period, what planIndicatorCounts gives over the plans derived per request', async () => {
    const windowOf = (from: string, to: string): CountWindow => {
      const p = { from, to };
      return { period: p, day: countingDay(p, today), today, previous: previousPeriod(p) };
    };
    const teams = [ids.team1, ids.team2, ids.clinic2Team];
    const windows = [
      windowOf(period.from, period.to),
      // Up to the day the second window closed; and a period that holds only the first.
      windowOf(addDays(start, -10), addDays(start, 181)),
      windowOf(addDays(start, -10), addDays(start, 95)),
      windowOf(`${today.slice(0, 4)}-01-01`, today),
    ];
    for (const w of windows) {
      const derived = await derivedPlanCounts(t, teams, w);
      const facts = await planCountsByTeam(t.dataSource, { regionId: t.demo.regionId }, w);
      for (const teamId of teams) {
        const fromFacts = facts.get(teamId) ?? { followUpTimeliness: { numerator: 0, denominator: 0 }, fulfilment: { numerator: 0, denominator: 0 } };
        expect({ window: w.period, teamId, ...fromFacts }).toEqual({ window: w.period, teamId, ...derived.get(teamId)! });
      }
    }
    // The second window above: 甲 and 丙 kept both quarters, 乙 missed the second; 戊's old year closed three quarters in it
    // and kept two. Nobody was signed on its last day (every contract was confirmed today): no contract for 履约率.
    const past = await planCountsByTeam(t.dataSource, { regionId: t.demo.regionId, teamId: ids.team1 }, windows[1]);
    expect(past.get(ids.team1)).toEqual({ followUpTimeliness: { numerator: 7, denominator: 9 }, fulfilment: { numerator: 0, denominator: 0 } });
  });

  it('the rows the writes left are the rows a rebuild from scratch writes', async () => {
    const snapshot = async () =>
      (
        await t.dataSource.query('SELECT id, contractId, teamId, type, source, windowStart, windowEnd, doneOn, serviceId FROM service_plan_items ORDER BY id')
      ).map((r: Record<string, unknown>) => JSON.stringify(r));
    const kept = await snapshot();
    expect(kept.length).toBeGreaterThan(20);
    await t.dataSource.query('DELETE FROM service_plan_items');
    await t.dataSource.transaction((manager) => backfillPlanItems(manager));
    expect(await snapshot()).toEqual(kept);
  });

  it('a corrected birth date and changed or withdrawn declared tags rewrite the plans of the person’s contracts', async () => {
    const rows = async () =>
      (
        await t.dataSource.query('SELECT id, contractId, teamId, type, source, windowStart, windowEnd, doneOn, serviceId FROM service_plan_items ORDER BY id')
      ).map((r: Record<string, unknown>) => JSON.stringify(r));
    const typesOf = async (contractId: string): Promise<string[]> =>
      (await t.dataSource.query('SELECT type FROM service_plan_items WHERE contractId = ? ORDER BY windowStart, type', [contractId])).map(
        (r: { type: string }) => r.type,
      );
    const expectAsRebuilt = async () => {
      const kept = await rows();
      await t.dataSource.query('DELETE FROM service_plan_items');
      await t.dataSource.transaction((manager) => backfillPlanItems(manager));
      expect(await rows()).toEqual(kept);
    };
    const { resident, contract } = await residentWithActiveContract(t, {}, { birthDate: '1970-03-03', declaredTags: ['hypertension'] });
    expect(await typesOf(contract.id)).not.toContain('healthCheck');

    // The ID number was mistyped: the resident was born in 1950, and the yearly check of the 65+ joins the plan.
    await t.http
      .put('/api/me/profile')
      .set(resident.auth)
      .send({
        name: '测试居民',
        idNumber: idNumberFor('1950-03-03'),
        phone: '13800138000',
        communityId: resident.communityId,
        declaredTags: ['hypertension'],
        privacyPolicyVersion: '2026-11',
        sensitiveConsent: true,
      })
      .expect(200);
    expect(await typesOf(contract.id)).toContain('healthCheck');
    await expectAsRebuilt();

    // A contract without confirmed tags is planned by the declared ones, which withdrawing the consent erases.
    await t.dataSource.query('UPDATE contracts SET confirmedTagsCipher = NULL WHERE id = ?', [contract.id]);
    await t.dataSource.transaction((manager) => refreshPlanItems(manager, [contract.id]));
    expect((await typesOf(contract.id)).filter((type) => type === 'followUp').length).toBeGreaterThan(0);
    await t.http.post('/api/me/consent/withdraw').set(resident.auth).expect(200);
    expect(await typesOf(contract.id)).toEqual(['healthCheck']);
    await expectAsRebuilt();
  });

  it('a catalogue edit changes the plans of contracts signed after it, never of those signed before', async () => {
    const packageItems = async (contractId: string) =>
      Number((await t.dataSource.query("SELECT COUNT(*) AS n FROM service_plan_items WHERE contractId = ? AND source = 'package'", [contractId]))[0].n);
    /** What the team sees in the resident's record: the package items of the contract's plan. */
    const planShown = async (contract: { id: string; personId: string }) =>
      (
        (await t.http.get(`/api/staff/residents/${contract.personId}/record`).set(admin1).expect(200)).body.plans as {
          contractId: string;
          items: { source: string }[];
        }[]
      )
        .find((p) => p.contractId === contract.id)!
        .items.filter((i) => i.source === 'package').length;
    const signWith = (birthDate: string) =>
      residentWithActiveContract(t, { packageCodes: ['basicPublicHealth', 'basicMedical', 'hypertension'] }, { birthDate, declaredTags: ['hypertension'] });
    const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100)); // contract and edit times are whole seconds

    const { contract: before } = await signWith('1971-06-06');
    const itemsBefore = await packageItems(before.id);
    expect(itemsBefore).toBeGreaterThan(0);
    expect(await planShown(before)).toBe(itemsBefore);

    // The region cuts the 电解质 tests of the hypertension package from 5 a year to 2 (¥12: ¥10 insurance, ¥2 public health).
    await nextSecond();
    const catalogue = (await t.http.get('/api/staff/packages').set(region).expect(200)).body as { code: string; items: { name: string; count: number }[] }[];
    const { totals: _totals, ...hypertension } = catalogue.find((p) => p.code === 'hypertension') as unknown as Record<string, unknown> & {
      items: { name: string; count: number }[];
    };
    const items = hypertension.items.map((i) => (i.name === '电解质' ? { ...i, count: 2, insurance: 1000, publicHealth: 200, selfPay: 0 } : i));
    const edited = await t.http
      .put('/api/staff/packages/hypertension')
      .set(region)
      .send({ ...hypertension, items });
    expect(edited.body).toEqual(expect.objectContaining({ code: 'hypertension' }));
    await nextSecond();

    // The contract signed before keeps its plan; one signed after has three items fewer a year.
    await t.dataSource.transaction((manager) => refreshPlanItems(manager, [before.id]));
    expect(await packageItems(before.id)).toBe(itemsBefore);
    expect(await planShown(before)).toBe(itemsBefore);
    const { contract: after } = await signWith('1972-07-07');
    expect(await packageItems(after.id)).toBe(itemsBefore - 3 * before.years);
    expect(await planShown(after)).toBe(await packageItems(after.id));
  });

  it('two edits of one package at once keep every content: the original and the first applied as versions, the second as the package', async () => {
    const catalogue = (await t.http.get('/api/staff/packages').set(region).expect(200)).body as (Record<string, unknown> & { code: string })[];
    const { totals: _totals, ...diabetes } = catalogue.find((p) => p.code === 'diabetes')!;
    const edits = await Promise.all(
      ['A', 'B'].map((mark) =>
        t.http
          .put('/api/staff/packages/diabetes')
          .set(region)
          .send({ ...diabetes, description: `${String(diabetes.description)}（${mark}）` }),
      ),
    );
    expect(edits.map((e) => e.status)).toEqual([200, 200]);
    const versions: { content: string }[] = await t.dataSource.query("SELECT content FROM service_package_versions WHERE code = 'diabetes'");
    const [current] = await t.dataSource.query("SELECT description FROM service_packages WHERE code = 'diabetes'");
    const descriptions = [...versions.map((v) => (JSON.parse(v.content) as { description: string }).description), current.description as string];
    expect(descriptions.sort()).toEqual([String(diabetes.description), `${String(diabetes.description)}（A）`, `${String(diabetes.description)}（B）`].sort());
  });

  it('trend: monthly values of both, the last month equal to the year so far', async () => {
    const yearSoFar = (
      await t.http
        .get(`/api/staff/indicators?from=${today.slice(0, 4)}-01-01&to=${today}`)
        .set(admin1)
        .expect(200)
    ).body;
    for (const code of ['followUpTimeliness', 'fulfilment']) {
      const trend = (await t.http.get(`/api/staff/indicators/trend?code=${code}`).set(admin1).expect(200)).body;
      expect(trend.points).toHaveLength(12);
      const last = trend.points.at(-1);
      expect([last.numerator, last.denominator]).toEqual(counts(yearSoFar, code));
      expect(trend.points.every((p: { denominator: number | null }) => p.denominator !== null)).toBe(true);
    }
    const region12 = (await t.http.get('/api/staff/indicators/trend?code=followUpTimeliness').set(region).expect(200)).body;
    expect(region12.points.at(-1).denominator).toBeGreaterThanOrEqual(counts(yearSoFar, 'followUpTimeliness')[1]!);
  });

  it('drill-down: the patients behind numerator and gap, with what is due and done, scoped and audited', async () => {
    const gap = await people(admin1, 'followUpTimeliness', 'gap', `&teamId=${ids.team1}`);
    expect(gap).toMatchObject({ total: 3, partLabel: '有到期随访逾期或未做的慢病患者' });
    expect(names(gap)).toEqual(['乙漏随访', '戊已续约', '甲按时又迟'].sort());
    expect(gap.items.find((i: Listed) => i.name === '甲按时又迟').detail).toBe('到期随访 3 次，按时完成 2 次');
    expect(gap.items.find((i: Listed) => i.name === '戊已续约').detail).toBe('到期随访 4 次，按时完成 2 次');
    expect(names(await people(admin1, 'followUpTimeliness', 'numerator', `&teamId=${ids.team1}`))).toEqual(['丙已解约']);
    // The institution adds team 2's patient; 履约率's partition: 甲 kept everything due, 乙 and 己 did not.
    expect((await people(admin1, 'followUpTimeliness', 'gap')).total).toBe(4);
    expect(names(await people(admin1, 'fulfilment', 'numerator'))).toEqual(['甲按时又迟']);
    const unkept = await people(admin1, 'fulfilment', 'gap');
    expect(names(unkept)).toEqual(['乙漏随访', '己二队'].sort());
    expect(unkept.items.find((i: Listed) => i.name === '乙漏随访').detail).toBe('到期服务 3 项，已完成 1 项');
    expect(unkept.items[0].idNumberMasked).toMatch(/\*/);
    // The region sees clinic 2's patient too; clinic 2's admin sees only theirs.
    expect((await people(region, 'fulfilment', 'gap')).total).toBe(3);
    expect(names(await people(admin2, 'followUpTimeliness', 'gap'))).toEqual(['庚东城']);
    // Scope: another institution's list or team is not found.
    await t.http.get(`/api/staff/indicators/fulfilment/people?${query}&institutionId=${ids.clinic1}`).set(admin2).expect(404);
    await t.http.get(`/api/staff/indicators/followUpTimeliness/people?${query}&teamId=${ids.clinic2Team}`).set(admin1).expect(404);
    const audit = await t.dataSource.query("SELECT personId FROM audit_logs WHERE action = 'indicator.people' AND resourceId = 'fulfilment'");
    expect(audit.map((a: { personId: string }) => a.personId)).toEqual(expect.arrayContaining([ids['甲按时又迟'], ids['乙漏随访'], ids['己二队']]));
  });

  it('the list exports as a sheet with the 情况 column; the export is audited', async () => {
    const response = await t.http
      .get(`/api/staff/indicators/followUpTimeliness/people.xlsx?${query}&part=gap&teamId=${ids.team1}`)
      .set(admin1)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toContain('情况');
    expect(rows.slice(2).map((r) => r[8])).toContain('到期随访 3 次，按时完成 2 次');
    const audit = await t.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'indicator.people.export' AND resourceId = 'followUpTimeliness'",
    );
    expect(Number(audit[0].n)).toBe(3);
  });
  it('racing service writes of one contract on two API instances (two years, new records and corrections) leave the rows a rebuild writes', async () => {
    const second = await t.startSecondInstance();
    const { default: request } = await import('supertest');
    const other = request(second.getHttpServer());
    const [old] = await t.dataSource.query('SELECT id FROM contracts WHERE personId = ? AND startDate = ?', [ids['戊已续约'], addDays(today, -400)]);
    const existing: { id: string }[] = await t.dataSource.query('SELECT id FROM service_records WHERE contractId = ? AND current = 1', [old.id]);
    const body = (date: string) => ({ contractId: old.id, type: 'followUp', date, channel: 'clinic', measurements: { systolic: 130, diastolic: 80 } });
    const responses = await Promise.all([
      ...[-380, -300, -200, -120, -90, -70].map((d, i) =>
        (i % 2 ? t.http : other)
          .post('/api/staff/services')
          .set(doctor)
          .send(body(addDays(today, d))),
      ),
      ...existing.map((r, i) =>
        (i % 2 ? other : t.http)
          .post(`/api/staff/services/${r.id}/corrections`)
          .set(doctor)
          .send({
            type: 'followUp',
            date: addDays(today, -395 + i * 5),
            channel: 'clinic',
            measurements: { systolic: 130, diastolic: 80 },
            reason: '并发更正',
          }),
      ),
    ]);
    expect(responses.map((r) => `${r.status} ${r.status === 201 ? '' : JSON.stringify(r.body)}`)).toEqual(responses.map(() => '201 '));
    const rows = async () =>
      JSON.stringify(await t.dataSource.query('SELECT id, type, doneOn, serviceId FROM service_plan_items WHERE contractId = ? ORDER BY id', [old.id]));
    const kept = await rows();
    await t.dataSource.transaction((manager) => refreshPlanItems(manager, [old.id]));
    expect(await rows()).toEqual(kept);
    // Every quarter of that year is now kept (the two corrections moved into Q1; -300, -200 and -120 fill the rest).
    const followUps = JSON.parse(kept).filter((r: { type: string }) => r.type === 'followUp');
    expect(followUps).toHaveLength(4);
    expect(followUps.filter((r: { doneOn: string | null }) => r.doneOn === null)).toEqual([]);
  });
});
