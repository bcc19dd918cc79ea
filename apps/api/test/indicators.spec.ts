import ExcelJS from 'exceljs';
import { addDays, addYears, todayInChina } from '@jiayi/domain';
import { ContractFacts } from '../src/indicators/contract-facts';
import { demoTeam, familyMember, moveEndDate, residentWithActiveContract, residentWithPendingContract, sign } from './support/contract-factories';
import { communityNamed, residentWithProfile, staffLogin } from './support/factories';
import { createWave, insertActiveContract, standardAnswers, submit } from './support/survey-factories';
import { createTestApp, TestApp } from './support/test-app';
import { refreshPlacementsOfContracts } from '../src/people/placements';

type Headers = Record<string, string>;
type Row = {
  code: string;
  numerator: number | null;
  denominator: number | null;
  status: string;
  points: number | null;
  maxPoints: number;
  met: boolean | null;
};

const binary = (res: import('superagent').Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('the evaluation dashboard: populations, indicators, drill-down, trend, Excel (MariaDB)', () => {
  let t: TestApp;
  let region: Headers;
  let admin1: Headers;
  let admin2: Headers;
  let doctor1: Headers;
  const today = todayInChina(new Date());
  const year = Number(today.slice(0, 4));
  // The last 365 days: the previous period is the 365 days before (for 新增签约接续率).
  const period = { from: addDays(today, -364), to: today };
  const query = `from=${period.from}&to=${period.to}`;
  const people: Record<string, string> = {};
  let team1: string;
  let team2: string;
  let clinic2Team: string;

  const setDates = async (contractId: string, startDate: string, endDate: string) => {
    await t.dataSource.query('UPDATE contracts SET startDate = ?, endDate = ?, doctorConfirmedAt = ? WHERE id = ?', [
      startDate,
      endDate,
      `${startDate} 02:00:00`,
      contractId,
    ]);
    await refreshPlacementsOfContracts(t.dataSource.manager, [contractId]);
  };

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [region, admin1, admin2, doctor1] = await Promise.all(['region.admin', 'clinic1.admin', 'clinic2.admin', 'clinic1.doctor1'].map((u) => staffLogin(t, u)));
    team1 = (await demoTeam(t)).id;
    team2 = (await demoTeam(t, '城关镇第二家庭医生团队')).id;
    clinic2Team = (await demoTeam(t, '东城第一家庭医生团队')).id;

    // Populations of the year: team 1 serves 东关村 + 西关村, team 2 南街社区 + 西关村.
    const put = async (auth: Headers, community: string, residents: number, groups: Record<string, number>) => {
      const communityId = await communityNamed(t, auth, community);
      await t.http.put('/api/staff/populations').set(auth).send({ communityId, year, residents, groups }).expect(200);
    };
    await put(admin1, '东关村', 100, { elderly65: 20, hypertension: 10, child0to6: 5, povertyAlleviated: 2 });
    await put(admin1, '西关村', 50, { elderly65: 10 });
    await put(admin1, '南街社区', 80, {});
    await put(admin2, '东城社区', 200, {});

    // Signed today with team 1: a 76-year-old hypertensive, a household (adult + child of 3), a resident lifted out of poverty (fee waived).
    const elder = (await residentWithActiveContract(t, {}, { name: '张老汉', birthDate: '1950-03-01', declaredTags: ['hypertension'] })).resident;
    people.elder = elder.person.id;
    const household = await residentWithProfile(t, { name: '李家长', birthDate: '1985-04-04' });
    const child = await familyMember(t, household, { name: '李小宝', birthDate: `${year - 3}-06-01`, relation: 'child', guardianConsent: true });
    const signed = await sign(t, household, { personIds: [household.person.id, child.id] });
    expect(signed.status).toBe(201);
    for (const c of signed.body) await t.http.post(`/api/staff/contracts/${c.id}/confirm`).set(admin1).send({ confirmedTags: [] }).expect(200);
    people.parent = household.person.id;
    people.child = child.id;
    people.poor = (await residentWithActiveContract(t, {}, { name: '王脱贫', declaredTags: ['povertyAlleviated'] })).resident.person.id;

    // Terminated today (moved away): no longer signed.
    const moved = await residentWithActiveContract(t, {}, { name: '赵迁出' });
    await t.http.post(`/api/staff/contracts/${moved.contract.id}/terminate`).set(admin1).send({ reason: 'movedAway' }).expect(200);
    people.moved = moved.resident.person.id;

    // First signed in the previous period, ended 20 days ago and renewed (the renewal confirmed).
    const renewer = await residentWithActiveContract(t, {}, { name: '孙续约' });
    await moveEndDate(t, renewer.contract.id, addDays(today, 10));
    const renewal = await t.http.post(`/api/contracts/${renewer.contract.id}/renew`).set(renewer.resident.auth).send({}).expect(201);
    await t.http.post(`/api/staff/contracts/${renewal.body.id}/confirm`).set(admin1).send({ confirmedTags: [] }).expect(200);
    const oldEnd = addDays(today, -20);
    await setDates(renewer.contract.id, addDays(addYears(addDays(oldEnd, 1), -1), 0), oldEnd);
    await setDates(renewal.body.id, addDays(oldEnd, 1), addDays(addYears(addDays(oldEnd, 1), 1), -1));
    people.renewer = renewer.resident.person.id;

    // First signed in the previous period, ended 40 days ago, not renewed.
    const lapsed = await residentWithActiveContract(t, {}, { name: '钱到期' });
    await setDates(lapsed.contract.id, addDays(today, -400), addDays(today, -40));
    await t.dataSource.query("UPDATE contracts SET status = 'expired', openSlot = NULL WHERE id = ?", [lapsed.contract.id]);
    await refreshPlacementsOfContracts(t.dataSource.manager, [lapsed.contract.id]);
    people.lapsed = lapsed.resident.person.id;

    // Pending (not counted), and a resident of clinic 2 (counted for the region only).
    const pending = (await residentWithPendingContract(t, {}, { name: '周待定' })).resident;
    people.pending = pending.person.id;
    const east = await residentWithPendingContract(t, { teamId: clinic2Team }, { name: '吴东城', community: '东城社区' });
    await t.http.post(`/api/staff/contracts/${east.contract.id}/confirm`).set(admin2).send({ confirmedTags: [] }).expect(200);
    people.clinic2 = east.resident.person.id;
    // Services of the elder (hypertensive, 76): a health check and four follow-ups, the latest on target;
    // an older version of one follow-up was corrected (not current) and does not count.
    const record = (type: string, serviceDate: string, bloodPressureOnTarget: number | null, current = 1) =>
      t.dataSource.query(
        `INSERT INTO service_records (id, personId, contractId, teamId, institutionId, regionId, type, serviceDate, channel, onTarget, bloodPressureOnTarget,
         current, version, lineageId, recordedByStaffId, createdAt)
       VALUES (UUID(), ?, NULL, ?, ?, ?, ?, ?, 'clinic', ?, ?, ?, 1, UUID(), 'staff', NOW())`,
        [people.elder, team1, t.demo.institutions.clinic1.id, t.demo.regionId, type, serviceDate, bloodPressureOnTarget, bloodPressureOnTarget, current],
      );
    await record('healthCheck', addDays(today, -30), null);
    await record('followUp', addDays(today, -90), 0);
    await record('followUp', addDays(today, -60), 0);
    await record('followUp', addDays(today, -30), 0);
    await record('followUp', addDays(today, -29), 0, 0);
    await record('followUp', addDays(today, -1), 1);
    // The dates above were moved in SQL, as an import would: the facts are rebuilt from the contracts.
    await t.app.get(ContractFacts).rebuild();

    // Survey: two signed respondents of team 1 and one unsigned (left out of 知晓率 and 满意率).
    const wave = await createWave(t, admin1);
    await submit(t, elder.auth, wave.id, standardAnswers({ q6: { optionIds: ['A'] }, q11: { optionIds: ['C'] } })).expect(201);
    await submit(t, household.auth, wave.id, standardAnswers({ q6: { optionIds: ['C'] }, q11: { optionIds: ['A'] } })).expect(201);
    await submit(t, pending.auth, wave.id, standardAnswers({ q2: { optionIds: ['B'] }, q6: { optionIds: ['A'] }, q11: { optionIds: ['C'] } })).expect(201);
  });
  afterAll(async () => t?.close());

  const indicators = async (auth: Headers, extra = '') => {
    const response = await t.http.get(`/api/staff/indicators?${query}${extra}`).set(auth).expect(200);
    return { body: response.body, byCode: new Map<string, Row>(response.body.indicators.map((i: Row) => [i.code, i])) };
  };
  const counts = (byCode: Map<string, Row>, code: string) => {
    const row = byCode.get(code)!;
    return [row.numerator, row.denominator];
  };

  it('team 1: exact numerators and denominators of every contract indicator', async () => {
    const { body, byCode } = await indicators(admin1, `&teamId=${team1}`);
    expect(body.area).toMatchObject({ kind: 'team', id: team1, name: '城关镇第一家庭医生团队' });
    expect(body.period).toEqual({ ...period, countingDay: today });
    expect(counts(byCode, 'signing')).toEqual([5, 150]);
    expect(counts(byCode, 'keyGroupSigning.elderly65')).toEqual([1, 30]);
    expect(counts(byCode, 'keyGroupSigning.hypertension')).toEqual([1, 10]);
    expect(counts(byCode, 'keyGroupSigning.child0to6')).toEqual([1, 5]);
    expect(counts(byCode, 'keyGroupSigning.povertyAlleviated')).toEqual([1, 2]);
    expect(counts(byCode, 'keyGroupSigning')).toEqual([4, 47]);
    expect(counts(byCode, 'renewal')).toEqual([1, 2]);
    expect(counts(byCode, 'continuation')).toEqual([1, 2]);
    expect(counts(byCode, 'saturation')).toEqual([5, 4000]);
    expect(counts(byCode, 'paidShare')).toEqual([4, 5]);
    expect(counts(byCode, 'awareness')).toEqual([1, 2]);
    expect(counts(byCode, 'satisfaction')).toEqual([1, 2]);
    expect(counts(byCode, 'healthCheck')).toEqual([1, 1]);
    expect(counts(byCode, 'managed.hypertension')).toEqual([1, 1]);
    expect(counts(byCode, 'control.hypertension')).toEqual([1, 1]);
    expect(byCode.get('control.diabetes2')).toMatchObject({ status: 'notApplicable', denominator: 0 });
    // Every plan window of team 1's contracts is still open (all signed or moved today, or without key groups).
    expect(byCode.get('fulfilment')).toMatchObject({ status: 'notApplicable', numerator: 0, denominator: 0 });
    expect(byCode.get('keyGroupSigning.diabetes2')).toMatchObject({ status: 'notApplicable', numerator: 0, denominator: 0, points: null });
    expect(byCode.get('referralFeedback')).toMatchObject({ status: 'notApplicable', numerator: 0, denominator: 0 });
    // Proportional scoring: 续约率 50 % against 95 % on 10 points.
    expect(byCode.get('renewal')).toMatchObject({ points: 5.26, maxPoints: 10, met: false });
  });

  it('institution and region sum their teams and communities (a community served by two teams counts once)', async () => {
    const clinic = await indicators(admin1);
    expect(clinic.body.area).toMatchObject({ kind: 'institution', id: t.demo.institutions.clinic1.id });
    expect(counts(clinic.byCode, 'signing')).toEqual([5, 230]);
    expect(counts(clinic.byCode, 'saturation')).toEqual([5, 8000]);
    expect(clinic.body.units.map((u: { name: string }) => u.name)).toEqual(['城关镇第一家庭医生团队', '城关镇第二家庭医生团队']);
    const team2Row = clinic.body.units[1].indicators.find((i: Row) => i.code === 'signing');
    expect([team2Row.numerator, team2Row.denominator]).toEqual([0, 130]);

    const county = await indicators(region);
    expect(county.body.area).toMatchObject({ kind: 'region' });
    expect(counts(county.byCode, 'signing')).toEqual([6, 430]);
    expect(counts(county.byCode, 'paidShare')).toEqual([5, 6]);
    expect(county.body.units.map((u: { kind: string }) => u.kind)).toEqual(['institution', 'institution']);
  });

  it('totals, 标化 and grade follow from the scored indicators', async () => {
    const { body } = await indicators(admin1, `&teamId=${team1}`);
    const scored = body.indicators.filter((i: Row) => i.status === 'scored');
    const total = Math.round(scored.reduce((s: number, i: Row) => s + i.points!, 0) * 100) / 100;
    const maxTotal = scored.reduce((s: number, i: Row) => s + i.maxPoints, 0);
    expect(body.total).toBeCloseTo(total, 2);
    expect(body.maxTotal).toBeCloseTo(maxTotal, 2);
    expect(body.fullMark).toBe(100);
    expect(body.standardised).toBeCloseTo((total * 100) / maxTotal, 1);
    expect(body.grade).toBe('poor');
    expect(body.gradeLabel).toBe('差');
  });

  it('drills down to the people behind a rate: renewal gap, continuation, unsigned residents — masked and audited', async () => {
    const gap = await t.http.get(`/api/staff/indicators/renewal/people?${query}&part=gap`).set(admin1).expect(200);
    expect(gap.body).toMatchObject({ code: 'renewal', part: 'gap', partLabel: '到期未续约的协议', total: 1 });
    expect(gap.body.items.map((p: { personId: string }) => p.personId)).toEqual([people.lapsed]);
    expect(gap.body.items[0].idNumberMasked).toMatch(/\*{8}/);
    const renewed = await t.http.get(`/api/staff/indicators/renewal/people?${query}&part=numerator`).set(admin1).expect(200);
    expect(renewed.body.items.map((p: { name: string }) => p.name)).toEqual(['孙续约']);
    const continuation = await t.http.get(`/api/staff/indicators/continuation/people?${query}`).set(admin1).expect(200);
    expect(continuation.body.items.map((p: { name: string }) => p.name)).toEqual(['钱到期']);
    const unsigned = await t.http.get(`/api/staff/indicators/signing/people?${query}&teamId=${team1}`).set(admin1).expect(200);
    expect(unsigned.body.items.map((p: { name: string }) => p.name).sort()).toEqual(['周待定', '赵迁出', '钱到期'].sort());
    const elders = await t.http.get(`/api/staff/indicators/keyGroupSigning.elderly65/people?${query}&part=numerator`).set(admin1).expect(200);
    expect(elders.body.items.map((p: { name: string }) => p.name)).toEqual(['张老汉']);
    const audit = await t.dataSource.query("SELECT personId FROM audit_logs WHERE action = 'indicator.people' AND resourceId = 'renewal'");
    expect(audit.map((a: { personId: string }) => a.personId).sort()).toEqual([people.lapsed, people.renewer].sort());
    await t.http.get(`/api/staff/indicators/satisfaction/people?${query}`).set(admin1).expect(404);
  });

  it('scope: a clinic admin cannot read another institution’s figures or people; a doctor only their team (404)', async () => {
    await t.http.get(`/api/staff/indicators?institutionId=${t.demo.institutions.clinic2.id}`).set(admin1).expect(404);
    await t.http.get(`/api/staff/indicators?teamId=${clinic2Team}`).set(admin1).expect(404);
    await t.http.get(`/api/staff/indicators/signing/people?teamId=${clinic2Team}&part=numerator`).set(admin1).expect(404);
    await t.http.get(`/api/staff/indicators.xlsx?institutionId=${t.demo.institutions.clinic2.id}`).set(admin1).expect(404);
    await t.http.get(`/api/staff/indicators/trend?code=signing&teamId=${clinic2Team}`).set(admin1).expect(404);
    await t.http.get(`/api/staff/indicators?teamId=${team2}`).set(doctor1).expect(404);
    const own = await indicators(doctor1);
    expect(own.body.area).toMatchObject({ kind: 'team', id: team1 });
    // clinic 2 sees only its own resident
    const other = await indicators(admin2);
    expect(counts(other.byCode, 'signing')).toEqual([1, 200]);
    const list = await t.http.get(`/api/staff/indicators/signing/people?${query}&part=numerator`).set(admin2).expect(200);
    expect(list.body.items.map((p: { personId: string }) => p.personId)).toEqual([people.clinic2]);
  });

  it('monthly trend over 12 months ends with this month’s figure', async () => {
    const trend = await t.http.get(`/api/staff/indicators/trend?code=signing&teamId=${team1}`).set(admin1).expect(200);
    expect(trend.body.points).toHaveLength(12);
    expect(trend.body.points[11]).toMatchObject({ month: today.slice(0, 7), numerator: 5, denominator: 150 });
    expect(trend.body.target).toBe(0.75);
    const renewal = await t.http.get(`/api/staff/indicators/trend?code=renewal&months=3`).set(admin1).expect(200);
    expect(renewal.body.points).toHaveLength(3);
    await t.http.get('/api/staff/indicators/trend?code=nope').set(admin1).expect(404);
  });

  it('indicators.xlsx: one sheet for the area and one per team, 分子 and 分母 beside each rate', async () => {
    const response = await t.http.get(`/api/staff/indicators.xlsx?${query}`).set(admin1).buffer(true).parse(binary).expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body);
    expect(book.worksheets.map((s) => s.name)).toEqual(['城关镇卫生院', '城关镇第一家庭医生团队', '城关镇第二家庭医生团队']);
    const rows: unknown[][] = [];
    book.getWorksheet('城关镇第一家庭医生团队')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0][0]).toBe('家庭医生签约服务工作进展情况统计表');
    expect(rows[2].slice(0, 6)).toEqual(['序号', '考核类别', '指标', '分子', '分母', '完成率']);
    const renewal = rows.find((r) => r[2] === '续约率')!;
    expect(renewal.slice(3, 6)).toEqual([1, 2, 0.5]);
    expect(renewal[11]).toBe(5.26);
    expect(renewal[12]).toBe('未达标');
  });

  it('populations: entered per community and year, checked, scoped; doctors read only', async () => {
    const list = await t.http.get(`/api/staff/populations?year=${year}`).set(admin1).expect(200);
    const dongguan = list.body.items.find((i: { communityName: string }) => i.communityName === '东关村');
    expect(dongguan).toMatchObject({
      residents: 100,
      groups: { elderly65: 20, hypertension: 10, child0to6: 5, povertyAlleviated: 2 },
      institutionName: '城关镇卫生院',
    });
    expect(list.body.items.every((i: { institutionId: string }) => i.institutionId === t.demo.institutions.clinic1.id)).toBe(true);
    const tooMany = await t.http
      .put('/api/staff/populations')
      .set(admin1)
      .send({ communityId: dongguan.communityId, year, residents: 10, groups: { elderly65: 11 } })
      .expect(400);
    expect(tooMany.body).toMatchObject({ code: 'POPULATION.GROUP_EXCEEDS', details: [{ field: 'groups.elderly65' }] });
    const unknown = await t.http
      .put('/api/staff/populations')
      .set(admin1)
      .send({ communityId: dongguan.communityId, year, residents: 10, groups: { lefthanded: 1 } })
      .expect(400);
    expect(unknown.body.code).toBe('POPULATION.GROUP');
    const dongcheng = await communityNamed(t, admin2, '东城社区');
    await t.http.put('/api/staff/populations').set(admin1).send({ communityId: dongcheng, year, residents: 1, groups: {} }).expect(404);
    await t.http.put('/api/staff/populations').set(doctor1).send({ communityId: dongguan.communityId, year, residents: 1, groups: {} }).expect(403);
    const [row] = await t.dataSource.query('SELECT residents FROM populations WHERE communityId = ? AND year = ?', [dongguan.communityId, year]);
    expect(Number(row.residents)).toBe(100);
    const mine = await t.http.get(`/api/staff/populations?year=${year}`).set(doctor1).expect(200);
    expect(mine.body.items.map((i: { communityName: string }) => i.communityName).sort()).toEqual(['东关村', '西关村'].sort());
  });

  it('import: the template comes back filled; one bad row refuses the whole file with a row-by-row report, nothing stored', async () => {
    const next = year + 1;
    const template = await t.http.get(`/api/staff/populations/template.xlsx?year=${next}`).set(region).buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.body);
    const sheet = book.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['机构', '村/社区', '编号', '常住人口']);
    const dataRows: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) dataRows.push(n);
    });
    expect(dataRows.length).toBeGreaterThanOrEqual(5);
    for (const n of dataRows) sheet.getRow(n).getCell(4).value = 1000 + n;
    sheet.getRow(dataRows[0]).getCell(5).value = 5000;
    sheet.getRow(dataRows[1]).getCell(4).value = '很多';
    const upload = async () => Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const refused = await t.http
      .post('/api/staff/populations/import')
      .set(region)
      .send({ year: next, fileBase64: await upload() })
      .expect(400);
    expect(refused.body.code).toBe('POPULATION.IMPORT');
    expect(refused.body.details).toEqual([
      { field: `rows[${dataRows[0]}].65岁及以上老年人`, message: `第${dataRows[0]}行：重点人群人数不能多于常住人口` },
      { field: `rows[${dataRows[1]}].常住人口`, message: `第${dataRows[1]}行：常住人口须为不小于0的整数` },
    ]);
    const [{ n: none }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM populations WHERE year = ?', [next]);
    expect(Number(none)).toBe(0);
    sheet.getRow(dataRows[0]).getCell(5).value = 50;
    sheet.getRow(dataRows[1]).getCell(4).value = 2000;
    const stored = await t.http
      .post('/api/staff/populations/import')
      .set(region)
      .send({ year: next, fileBase64: await upload() })
      .expect(200);
    expect(stored.body).toEqual({ year: next, imported: dataRows.length });
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM populations WHERE year = ?', [next]);
    expect(Number(n)).toBe(dataRows.length);
    await t.http
      .post('/api/staff/populations/import')
      .set(admin1)
      .send({ year: next, fileBase64: await upload() })
      .expect(400);
  });

  it('targets: the seeds’ defaults, changed by the region admin only, and used in the scoring', async () => {
    const list = await t.http.get('/api/staff/indicator-targets').set(admin1).expect(200);
    expect(list.body.fullMark).toBe(100);
    expect(list.body.items.find((i: { code: string }) => i.code === 'renewal')).toMatchObject({ target: 0.95, points: 10, scoring: 'proportional' });
    const change = { targets: [{ code: 'renewal', target: 0.5, points: 8, scoring: 'threshold' }] };
    await t.http.put('/api/staff/indicator-targets').set(admin1).send(change).expect(403);
    const bad = await t.http
      .put('/api/staff/indicator-targets')
      .set(region)
      .send({ targets: [{ code: 'renewal', target: 0.5, points: 200, scoring: 'threshold' }] })
      .expect(400);
    expect(bad.body).toMatchObject({ code: 'INDICATOR.POINTS', details: [{ field: 'targets.renewal.points' }] });
    const saved = await t.http.put('/api/staff/indicator-targets').set(region).send(change).expect(200);
    expect(saved.body.fullMark).toBe(98);
    const { byCode } = await indicators(admin1, `&teamId=${team1}`);
    expect(byCode.get('renewal')).toMatchObject({ points: 8, maxPoints: 8, met: true });
    await t.http.put('/api/staff/indicator-targets').set(region).send({ targets: [] }).expect(200);
  });

  it('facts follow the contracts as they change, without a rebuild: confirmed counts, terminated stops counting', async () => {
    const signedInTeam2 = async () => (await indicators(admin1, `&teamId=${team2}`)).byCode.get('signing')!.numerator;
    expect(await signedInTeam2()).toBe(0);
    const { contract } = await residentWithActiveContract(t, { teamId: team2 }, { name: '郑新签', community: '南街社区', birthDate: '1955-01-01' });
    expect(await signedInTeam2()).toBe(1);
    const [fact] = await t.dataSource.query('SELECT signedFrom, groupMask, firstSigning, paid FROM contract_facts WHERE contractId = ?', [contract.id]);
    expect(fact).toMatchObject({ signedFrom: today, groupMask: 1 });
    expect(Boolean(fact.firstSigning) && Boolean(fact.paid)).toBe(true);
    await t.http.post(`/api/staff/contracts/${contract.id}/terminate`).set(admin1).send({ reason: 'death' }).expect(200);
    expect(await signedInTeam2()).toBe(0);
  });

  it('a contract made active without the confirm path (on-site, import) is caught up by the facts job', async () => {
    const resident = await residentWithProfile(t, { name: '冯上门', community: '南街社区' });
    await insertActiveContract(t, resident.person.id, team2, today);
    expect((await indicators(admin1, `&teamId=${team2}`)).byCode.get('signing')!.numerator).toBe(0);
    expect(await t.app.get(ContractFacts).catchUp()).toBe(1);
    expect((await indicators(admin1, `&teamId=${team2}`)).byCode.get('signing')!.numerator).toBe(1);
    expect(await t.app.get(ContractFacts).catchUp()).toBe(0);
  });
});
