import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { addDays, pushQuarter, todayInChina } from '@jiayi/domain';
import { demoTeam, residentWithPendingContract } from './support/contract-factories';
import { residentWithProfile, staffLogin } from './support/factories';
import { counts, Shown, unit } from './support/indicator-report';
import { createTestApp, TestApp } from './support/test-app';

type Headers = Record<string, string>;

const binary = (res: import('superagent').Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * The referral (转诊) and push (健康信息推送覆盖率) indicators from their own tables: exact
 * numerators and denominators at team, institution and region level, scope, the drill-down of the
 * push coverage gap, the trend and the workbook. Referrals and pushes are written in SQL, as the
 * referral and push modules leave them, so that every status and date is known.
 */
describe('the dashboard’s referral and push indicators (MariaDB)', () => {
  let t: TestApp;
  let region: Headers;
  let admin1: Headers;
  let admin2: Headers;
  let doctor1: Headers;
  const today = todayInChina(new Date());
  const period = { from: addDays(today, -364), to: today };
  const query = `from=${period.from}&to=${period.to}`;
  const ids: Record<string, string> = {};

  const report = async (auth: Headers, extra = '') => (await t.http.get(`/api/staff/indicators?${query}${extra}`).set(auth).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp('mariadb');
    [region, admin1, admin2, doctor1] = await Promise.all(['region.admin', 'clinic1.admin', 'clinic2.admin', 'clinic1.doctor1'].map((u) => staffLogin(t, u)));
    const team1 = (await demoTeam(t)).id;
    const team2 = (await demoTeam(t, '城关镇第二家庭医生团队')).id;
    const clinic2Team = (await demoTeam(t, '东城第一家庭医生团队')).id;
    Object.assign(ids, { team1, team2, clinic2Team, clinic1: t.demo.institutions.clinic1.id, clinic2: t.demo.institutions.clinic2.id });

    // Signed key-group residents: two of team 1 (one pushed to this quarter, one last quarter only),
    // one of team 2 (pushed), one of clinic 2 (pushed); a signed resident in no key group (pushed,
    // not counted); a key-group resident whose contract is pending (pushed, not counted).
    const signed = async (name: string, profile: Record<string, unknown>, teamId: string, confirmer = admin1) => {
      const { resident, contract } = await residentWithPendingContract(t, { teamId }, { name, ...profile });
      await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(confirmer).send({ confirmedTags: resident.person.declaredTags }).expect(200);
      return { personId: resident.person.id as string, accountId: resident.person.accountId as string, contractId: contract.id as string };
    };
    const pushedNow = await signed('推送高血压', { declaredTags: ['hypertension'] }, team1);
    const pushedBefore = await signed('上季度推送', { birthDate: '1950-01-01' }, team1);
    const team2Pushed = await signed('二队糖尿病', { declaredTags: ['diabetes2'], birthDate: '1952-02-02', community: '南街社区' }, team2);
    const clinic2Pushed = await signed('东城残疾人', { declaredTags: ['disabled'], community: '东城社区' }, clinic2Team, admin2);
    const notKeyGroup = await signed('普通居民', {}, team1);
    const pending = (await residentWithPendingContract(t, { teamId: team1 }, { name: '待签老人', birthDate: '1949-09-09' })).resident;
    const unsigned = await residentWithProfile(t, { name: '未签约', birthDate: '1948-08-08' });
    Object.assign(ids, { pushedNow: pushedNow.personId, pushedBefore: pushedBefore.personId, team2Pushed: team2Pushed.personId });

    const quarter = pushQuarter(today);
    const push = async (publishedOn: Date, status: string, persons: { personId: string; accountId: string }[]) => {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO pushes (id, regionId, institutionId, teamId, authorStaffId, authorName, title, summary, body, category, coverUrl, audience, status,
           publishAt, withdrawnAt, targeted, targetedByTag, createdAt) VALUES (?, ?, ?, NULL, 'staff', '医生', '标题', '摘要', '<p>正文</p>', 'chronicDisease', NULL, '{}', ?, ?, NULL, ?, NULL, ?)`,
        [id, t.demo.regionId, ids.clinic1, status, publishedOn, persons.length, publishedOn],
      );
      for (const p of persons)
        await t.dataSource.query('INSERT INTO push_targets (pushId, personId, accountId, teamId, readAt) VALUES (?, ?, ?, NULL, NULL)', [
          id,
          p.personId,
          p.accountId ?? 'account',
        ]);
    };
    const inQuarter = new Date(`${quarter.from}T00:30:00+08:00`);
    const lastQuarter = new Date(`${addDays(quarter.from, -1)}T23:30:00+08:00`);
    await push(inQuarter, 'published', [pushedNow, team2Pushed, notKeyGroup, { personId: pending.person.id, accountId: pending.person.accountId }]);
    // Withdrawn after it reached the feeds: still sent. Two pushes to one person count them once.
    await push(new Date(), 'withdrawn', [clinic2Pushed, pushedNow, { personId: unsigned.person.id, accountId: unsigned.person.accountId }]);
    await push(lastQuarter, 'published', [pushedBefore]);
    // Scheduled (not yet published) with a target row would not count either.
    await push(new Date(Date.now() + 86_400_000), 'scheduled', [pushedBefore]);

    // Referrals: pools of two days of the demo hospital, and referrals of every status.
    const [d1, d2] = [addDays(today, -3), addDays(today, -30)];
    const pool = async (date: string, capacity: number) => {
      const id = randomUUID();
      await t.dataSource.query(
        `INSERT INTO referral_slot_pools (id, hospitalId, department, date, period, capacity, held, closed, createdBy, createdAt, updatedAt)
         VALUES (?, ?, '内科', ?, 'am', ?, 0, 0, 'test', NOW(), NOW())`,
        [id, t.demo.hospitalId, date, capacity],
      );
      return id;
    };
    const slots = { [d1]: await pool(d1, 10), [d2]: await pool(d2, 6) };
    const referral = async (teamId: string, institutionId: string, status: string, date: string, feedback = false) =>
      t.dataSource.query(
        `INSERT INTO referrals (id, personId, contractId, teamId, doctorId, institutionId, regionId, hospitalId, department, slotId, date, period, status,
           reasonCipher, requestedBy, requestedByAccountId, feedbackAt, createdAt) VALUES (?, ?, ?, ?, 'doctor', ?, ?, ?, '内科', ?, ?, 'am', ?, 'v1:x', 'doctor', 'staff', ?, NOW())`,
        [
          randomUUID(),
          pushedNow.personId,
          pushedNow.contractId,
          teamId,
          institutionId,
          t.demo.regionId,
          t.demo.hospitalId,
          slots[date] ?? 'none',
          date,
          status,
          feedback ? new Date() : null,
        ],
      );
    for (const [status, feedback] of [
      ['requested', false],
      ['booked', false],
      ['visited', true],
      ['visited', false],
      ['noShow', false],
      ['declined', false],
      ['cancelled', false],
    ] as const)
      await referral(team1, ids.clinic1, status, d1, feedback);
    await referral(team1, ids.clinic1, 'visited', addDays(today, -400), true); // before the period
    await referral(team1, ids.clinic1, 'booked', addDays(today, 5)); // after the counting day
    await referral(team2, ids.clinic1, 'visited', d2, true);
    await referral(team2, ids.clinic1, 'visited', d2, true);
    await referral(team2, ids.clinic1, 'booked', d1);
    await referral(clinic2Team, ids.clinic2, 'visited', d2);
    await referral(clinic2Team, ids.clinic2, 'noShow', d1);
  });
  afterAll(async () => t?.close());

  it('referral indicators: exact counts for each team, each institution and the region; pool use for the region only', async () => {
    const clinic1 = await report(admin1);
    // team 1: 7 requested in the period, 4 booked (booked, visited ×2, no-show), 2 visited, 1 no-show, 1 feedback.
    const team1 = unit(clinic1, ids.team1);
    expect(counts(team1, 'referralBooking')).toEqual([4, 7]);
    expect(counts(team1, 'referralAttendance')).toEqual([2, 3]);
    expect(counts(team1, 'referralFeedback')).toEqual([1, 2]);
    const team2 = unit(clinic1, ids.team2);
    expect(counts(team2, 'referralBooking')).toEqual([3, 3]);
    expect(counts(team2, 'referralAttendance')).toEqual([2, 2]);
    expect(counts(team2, 'referralFeedback')).toEqual([2, 2]);
    expect(counts(clinic1, 'referralBooking')).toEqual([7, 10]);
    expect(counts(clinic1, 'referralAttendance')).toEqual([4, 5]);
    expect(counts(clinic1, 'referralFeedback')).toEqual([3, 4]);
    expect(clinic1.indicators.find((i: Shown) => i.code === 'poolUse').status).toBe('noData');

    const whole = await report(region);
    expect(counts(whole, 'referralBooking')).toEqual([9, 12]);
    expect(counts(whole, 'referralAttendance')).toEqual([5, 7]);
    expect(counts(whole, 'referralFeedback')).toEqual([3, 5]);
    // 9 booked places of the two days / 10 + 6 places.
    expect(counts(whole, 'poolUse')).toEqual([9, 16]);
    expect(counts(unit(whole, ids.clinic2), 'referralFeedback')).toEqual([0, 1]);
    expect(counts(unit(whole, ids.clinic2), 'referralAttendance')).toEqual([1, 2]);

    const team = await report(doctor1, `&teamId=${ids.team1}`);
    expect(counts(team, 'referralBooking')).toEqual([4, 7]);
  });

  it('健康信息推送覆盖率: signed key-group residents sent a push this quarter (feed delivery), each once', async () => {
    const clinic1 = await report(admin1);
    expect(counts(unit(clinic1, ids.team1), 'pushCoverage')).toEqual([1, 2]);
    expect(counts(unit(clinic1, ids.team2), 'pushCoverage')).toEqual([1, 1]);
    expect(counts(clinic1, 'pushCoverage')).toEqual([2, 3]);
    const whole = await report(region);
    expect(counts(whole, 'pushCoverage')).toEqual([3, 4]);
    expect(counts(unit(whole, ids.clinic2), 'pushCoverage')).toEqual([1, 1]);
    expect(clinic1.indicators.find((i: Shown) => i.code === 'pushCoverage').drillDown).toBe(true);
  });

  it('drill-down of the push gap lists the key-group residents not reached, scoped (404 for another institution)', async () => {
    const gap = await t.http.get(`/api/staff/indicators/pushCoverage/people?${query}&part=gap`).set(admin1).expect(200);
    expect(gap.body).toMatchObject({ total: 1, partLabel: '本季度尚未推送资讯的签约重点人群' });
    expect(gap.body.items.map((i: { personId: string }) => i.personId)).toEqual([ids.pushedBefore]);
    const reached = await t.http.get(`/api/staff/indicators/pushCoverage/people?${query}&part=numerator`).set(admin1).expect(200);
    expect(reached.body.items.map((i: { personId: string }) => i.personId).sort()).toEqual([ids.pushedNow, ids.team2Pushed].sort());
    await t.http.get(`/api/staff/indicators/pushCoverage/people?${query}&institutionId=${ids.clinic2}`).set(admin1).expect(404);
    await t.http.get(`/api/staff/indicators?${query}&institutionId=${ids.clinic1}`).set(admin2).expect(404);
    // clinic 2's admin sees clinic 2's figures only.
    const clinic2 = await report(admin2);
    expect(counts(clinic2, 'referralBooking')).toEqual([2, 2]);
    expect(counts(clinic2, 'pushCoverage')).toEqual([1, 1]);
  });

  it('drill-down of the referral rates: the referrals behind numerator and gap, scoped and audited; pool use has no people (409)', async () => {
    const people = async (auth: Headers, code: string, part: string, extra = '') =>
      (await t.http.get(`/api/staff/indicators/${code}/people?${query}&part=${part}${extra}`).set(auth).expect(200)).body;
    // 预约成功率 of team 1 is 4 of 7: the gap is the request waiting, the declined and the cancelled one.
    const bookingGap = await people(admin1, 'referralBooking', 'gap', `&teamId=${ids.team1}`);
    expect(bookingGap).toMatchObject({ total: 3, partLabel: '未预约成功的转诊（待审核、未通过、已取消或已过期）' });
    expect(bookingGap.items.map((i: { detail: string }) => i.detail.split(' · ')[1]).sort()).toEqual(['已取消', '未通过', '待医生审核'].sort());
    expect(bookingGap.items[0]).toMatchObject({ personId: ids.pushedNow, teamName: '城关镇第一家庭医生团队' });
    expect((await people(admin1, 'referralBooking', 'numerator', `&teamId=${ids.team1}`)).total).toBe(4);
    // The institution: numerator + gap = the denominator of each rate (7/10, 4/5, 3/4).
    for (const [code, numerator, denominator] of [
      ['referralBooking', 7, 10],
      ['referralAttendance', 4, 5],
      ['referralFeedback', 3, 4],
    ] as const) {
      expect((await people(admin1, code, 'numerator')).total).toBe(numerator);
      expect((await people(admin1, code, 'gap')).total).toBe(denominator - numerator);
    }
    const noShow = await people(admin1, 'referralAttendance', 'gap');
    expect(noShow.items[0].detail).toContain('未就诊');
    expect((await people(region, 'referralFeedback', 'gap')).total).toBe(2);
    // Scope: clinic 2's admin cannot list clinic 1's referrals.
    await t.http.get(`/api/staff/indicators/referralFeedback/people?${query}&institutionId=${ids.clinic1}`).set(admin2).expect(404);
    const audit = await t.dataSource.query("SELECT personId FROM audit_logs WHERE action = 'indicator.people' AND resourceId = 'referralBooking'");
    expect(audit.map((a: { personId: string }) => a.personId)).toContain(ids.pushedNow);
    // 号源使用率 counts slot-pool places, not residents: a refusal that says so, not an empty list.
    const pool = await t.http.get(`/api/staff/indicators/poolUse/people?${query}`).set(region).expect(409);
    expect(pool.body.message).toContain('没有人员名单');
    const whole = await report(region);
    expect(whole.indicators.find((i: Shown) => i.code === 'poolUse').drillDown).toBe(false);
    expect(whole.indicators.find((i: Shown) => i.code === 'referralBooking').drillDown).toBe(true);
  });

  it('trend: the referral and push indicators have monthly values, the last month equal to the year so far', async () => {
    const trend = await t.http.get('/api/staff/indicators/trend?code=referralFeedback').set(region).expect(200);
    expect(trend.body.points).toHaveLength(12);
    const last = trend.body.points.at(-1);
    const sameYear = (
      await t.http
        .get(`/api/staff/indicators?from=${today.slice(0, 4)}-01-01&to=${today}`)
        .set(region)
        .expect(200)
    ).body;
    expect([last.numerator, last.denominator]).toEqual(counts(sameYear, 'referralFeedback'));
    const push = await t.http.get('/api/staff/indicators/trend?code=pushCoverage').set(admin1).expect(200);
    expect([push.body.points.at(-1).numerator, push.body.points.at(-1).denominator]).toEqual([2, 3]);
  });

  it('indicators.xlsx carries the new indicators with 分子 and 分母', async () => {
    const response = await t.http.get(`/api/staff/indicators.xlsx?${query}`).set(admin1).buffer(true).parse(binary).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.body);
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[2] === '健康信息推送覆盖率')!.slice(3, 5)).toEqual([2, 3]);
    expect(rows.find((r) => r[2] === '转诊预约成功率')!.slice(3, 5)).toEqual([7, 10]);
    expect(rows.find((r) => r[2] === '转诊反馈率')!.slice(3, 5)).toEqual([3, 4]);
  });
});
