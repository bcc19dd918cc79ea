import { OutboxDispatcher } from '../src/pushes/outbox-dispatcher';
import { PushesService } from '../src/pushes/pushes.service';
import { familyMember, residentWithActiveContract } from './support/contract-factories';
import { residentWithProfile, staffLogin } from './support/factories';
import { feedIds, publish, pushBody, subscribe, usePushTestSettings, PUSH_TEMPLATE } from './support/push-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('health information pushes and the feed (MariaDB)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    usePushTestSettings();
    t = await createTestApp('mariadb');
    admin = await staffLogin(t, 'clinic1.admin');
  });
  afterAll(async () => t?.close());

  it('targets by area, key group (any of), age, sex and family membership, and previews the same count', async () => {
    const inside = await residentWithProfile(t, { birthDate: '1958-04-01', gender: 'male', declaredTags: ['hypertension'] });
    const diabetic = await residentWithProfile(t, { birthDate: '1958-04-01', gender: 'male', declaredTags: ['diabetes2'] });
    const noTags = await residentWithProfile(t, { birthDate: '1958-04-01', gender: 'male' });
    const otherClinic = await residentWithProfile(t, { birthDate: '1958-04-01', gender: 'male', declaredTags: ['hypertension'], community: '东城社区' });
    const woman = await residentWithProfile(t, { birthDate: '1958-04-01', gender: 'female', declaredTags: ['hypertension'] });
    const young = await residentWithProfile(t, { birthDate: '1995-04-01', gender: 'male', declaredTags: ['hypertension'] });
    const household = await residentWithProfile(t, { birthDate: '1990-04-01', gender: 'female' });
    const father = await familyMember(t, household, { name: '父亲', birthDate: '1950-06-01', relation: 'parent', declaredTags: ['hypertension'] });
    await t.dataSource.query("UPDATE persons SET gender = 'male' WHERE id = ?", [father.id]);

    const audience = { tags: ['hypertension', 'diabetes2'], minAge: 50, maxAge: 90, sex: 'male' };
    const preview = await t.http.post('/api/staff/pushes/audience-preview').set(admin).send({ audience }).expect(200);
    const push = await publish(t, admin, { audience });
    expect(push).toMatchObject({ status: 'published', targeted: 3 });
    expect(preview.body.count).toBe(3);

    for (const someone of [inside, diabetic, household]) expect(await feedIds(t, someone.auth)).toContain(push.id);
    for (const someone of [noTags, otherClinic, woman, young]) expect(await feedIds(t, someone.auth)).not.toContain(push.id);
    await t.http.get(`/api/feed/${push.id}`).set(young.auth).expect(404);
  });

  it('derives the 65+ group from the birth date and can address signed residents only', async () => {
    const signed = await residentWithActiveContract(t, {}, { birthDate: '1950-01-01' });
    const unsigned = await residentWithProfile(t, { birthDate: '1950-01-01' });
    const push = await publish(t, admin, { audience: { tags: ['elderly65'], signedOnly: true } });
    expect(await feedIds(t, signed.resident.auth)).toContain(push.id);
    expect(await feedIds(t, unsigned.auth)).not.toContain(push.id);
    const everyone = await publish(t, admin, { audience: { tags: ['elderly65'] } });
    expect(await feedIds(t, unsigned.auth)).toContain(everyone.id);
  });

  it('counts one read per person however often it is opened, and shows the read in the feed and the stats', async () => {
    const reader = await residentWithProfile(t, { declaredTags: ['maternal'] });
    await familyMember(t, reader, { declaredTags: ['maternal'] });
    const push = await publish(t, admin, { category: 'maternalChild', audience: { tags: ['maternal'] } });
    const before = await t.http.get('/api/feed').set(reader.auth).expect(200);
    expect(before.body.find((i: { id: string }) => i.id === push.id)).toMatchObject({ read: false, category: 'maternalChild', withdrawn: false });
    await Promise.all([1, 2, 3].map(() => t.http.get(`/api/feed/${push.id}`).set(reader.auth).expect(200)));
    const detail = await t.http.get(`/api/feed/${push.id}`).set(reader.auth).expect(200);
    expect(detail.body.body).toContain('<h2>冬季控压</h2>');
    const after = await t.http.get('/api/feed?category=maternalChild').set(reader.auth).expect(200);
    expect(after.body.find((i: { id: string }) => i.id === push.id)).toMatchObject({ read: true });
    expect((await t.http.get('/api/feed?category=tcm').set(reader.auth).expect(200)).body.map((i: { id: string }) => i.id)).not.toContain(push.id);
    const stats = await t.http.get(`/api/staff/pushes/${push.id}/stats`).set(admin).expect(200);
    expect(stats.body).toMatchObject({ targeted: 2, read: 1, readRate: 0.5, notified: 0 });
    expect(stats.body.byKeyGroup).toEqual([expect.objectContaining({ key: 'maternal', targeted: 2, read: 1 })]);
    expect(stats.body.byTeam).toEqual([expect.objectContaining({ key: 'unsigned', label: '未签约', targeted: 2, read: 1 })]);
  });

  it('shows a scheduled item only once its time has come and it was released', async () => {
    const resident = await residentWithProfile(t, { declaredTags: ['tuberculosis'] });
    const publishAt = new Date(Date.now() + 3600_000).toISOString();
    const push = await publish(t, admin, { publishAt, audience: { tags: ['tuberculosis'] } });
    expect(push).toMatchObject({ status: 'scheduled', targeted: 0 });
    expect(await t.app.get(PushesService).releaseDue()).toBe(0);
    expect(await feedIds(t, resident.auth)).not.toContain(push.id);
    await t.http.get(`/api/feed/${push.id}`).set(resident.auth).expect(404);

    await t.dataSource.query('UPDATE pushes SET publishAt = ? WHERE id = ?', [new Date(Date.now() - 1000), push.id]);
    const second = await t.startSecondInstance();
    const released = await Promise.all([t.app.get(PushesService).releaseDue(), second.get(PushesService).releaseDue()]);
    expect(released.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await feedIds(t, resident.auth)).toContain(push.id);
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM push_targets WHERE pushId = ?', [push.id]);
    expect(Number(n)).toBe(1);
  });

  it('takes a withdrawn item out of every feed and opens it as 已撤回 without its body', async () => {
    const resident = await residentWithProfile(t, { declaredTags: ['disabled'] });
    const push = await publish(t, admin, { audience: { tags: ['disabled'] } });
    expect(await feedIds(t, resident.auth)).toContain(push.id);
    const withdrawn = await t.http.post(`/api/staff/pushes/${push.id}/withdraw`).set(admin).expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    expect(await feedIds(t, resident.auth)).not.toContain(push.id);
    const opened = await t.http.get(`/api/feed/${push.id}`).set(resident.auth).expect(200);
    expect(opened.body).toMatchObject({ withdrawn: true, body: '' });
    const again = await t.http.post(`/api/staff/pushes/${push.id}/withdraw`).set(admin).expect(409);
    expect(again.body.code).toBe('PUSH.ALREADY_WITHDRAWN');
  });

  it('sanitises the body on the server and refuses what cannot be published', async () => {
    const own = `/api/uploads/${'ab'.repeat(32)}.png`;
    const push = await publish(t, admin, {
      audience: { tags: ['lowIncome'] },
      body: `<p onclick="x()">正文<script>alert(1)</script></p><img src="https://evil.example/p.gif"><img src="${own}"><a href="javascript:alert(1)">链接</a>`,
    });
    const [{ body }] = await t.dataSource.query('SELECT body FROM pushes WHERE id = ?', [push.id]);
    expect(body).toBe(`<p>正文</p><img src="${own}" />链接`);

    const refused = async (overrides: Record<string, unknown>, status: number, code?: string) => {
      const response = await t.http.post('/api/staff/pushes').set(admin).send(pushBody(overrides)).expect(status);
      if (code) expect(response.body.code).toBe(code);
      return response.body;
    };
    await refused({ body: '<script>alert(1)</script><p> </p>' }, 400, 'PUSH.BODY_EMPTY');
    await refused({ audience: { minAge: 70, maxAge: 60 } }, 400, 'PUSH.AUDIENCE_AGE');
    await refused({ audience: { tags: ['flu'] } }, 400);
    await refused({ coverUrl: 'https://evil.example/cover.png' }, 400, 'PUSH.COVER_URL');
    await refused({ publishAt: '2020-01-01T00:00:00+08:00' }, 400, 'PUSH.PUBLISH_AT_PAST');
    await refused({ category: '养生' }, 400);
    expect((await refused({ extra: 1 }, 400)).details[0].field).toBe('extra');
    const [{ n }] = await t.dataSource.query('SELECT COUNT(*) AS n FROM pushes');
    expect(Number(n)).toBe(7);
  });

  it('keeps staff to their scope: a doctor their team, another clinic sees nothing, residents cannot publish', async () => {
    const doctor = await staffLogin(t, 'clinic1.doctor1');
    const otherAdmin = await staffLogin(t, 'clinic2.admin');
    const [otherTeam] = await t.dataSource.query("SELECT id FROM teams WHERE name <> '城关镇第一家庭医生团队' LIMIT 1");
    await t.http
      .post('/api/staff/pushes')
      .set(doctor)
      .send(pushBody({ audience: { teamId: otherTeam.id } }))
      .expect(404);
    const own = await publish(t, doctor, { audience: { tags: ['severeMental'] } });
    expect((await t.http.get('/api/staff/pushes').set(doctor).expect(200)).body.map((p: { id: string }) => p.id)).toEqual([own.id]);
    await t.http.get(`/api/staff/pushes/${own.id}/stats`).set(otherAdmin).expect(404);
    await t.http.post(`/api/staff/pushes/${own.id}/withdraw`).set(otherAdmin).expect(404);
    expect((await t.http.get('/api/staff/pushes').set(otherAdmin).expect(200)).body).toEqual([]);
    const resident = await residentWithProfile(t);
    await t.http.post('/api/staff/pushes').set(resident.auth).send(pushBody()).expect(403);
  });

  it('records what WeChat answered in the subscription ledger', async () => {
    const resident = await residentWithProfile(t);
    const templates = await t.http.get('/api/notification-templates').set(resident.auth).expect(200);
    expect(templates.body).toEqual(expect.arrayContaining([{ purpose: 'push', templateId: PUSH_TEMPLATE, kind: 'oneTime', title: '健康资讯提醒' }]));
    await subscribe(t, resident.auth, PUSH_TEMPLATE, 2);
    const answered = await t.http
      .post('/api/subscriptions')
      .set(resident.auth)
      .send({ results: [{ templateId: PUSH_TEMPLATE, status: 'reject' }] })
      .expect(200);
    expect(answered.body).toEqual([{ templateId: PUSH_TEMPLATE, kind: 'oneTime', remaining: 2, longTermOn: false, lastAnswer: 'reject' }]);
    const four = Array.from({ length: 4 }, () => ({ templateId: PUSH_TEMPLATE, status: 'accept' }));
    expect((await t.http.post('/api/subscriptions').set(resident.auth).send({ results: four }).expect(400)).body.code).toBe('SUBSCRIPTION.TOO_MANY');
    expect(
      (
        await t.http
          .post('/api/subscriptions')
          .set(resident.auth)
          .send({ results: [{ templateId: 'nope', status: 'accept' }] })
          .expect(400)
      ).body.code,
    ).toBe('SUBSCRIPTION.UNKNOWN_TEMPLATE');
    await t.http
      .post('/api/subscriptions')
      .set(resident.auth)
      .send({ results: [{ templateId: PUSH_TEMPLATE, status: 'maybe' }] })
      .expect(400);
  });

  it('stores uploaded images by content, serves them back, and refuses what is not an image', async () => {
    const resident = await residentWithProfile(t);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
    const stored = await t.http
      .post('/api/uploads')
      .set(resident.auth)
      .send({ contentType: 'image/png', data: png.toString('base64') })
      .expect(201);
    expect(stored.body.url).toMatch(/^\/api\/uploads\/[0-9a-f]{64}\.png$/);
    const served = await t.http.get(stored.body.url).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.body as Buffer, png)).toBe(0);
    const fake = await t.http
      .post('/api/uploads')
      .set(resident.auth)
      .send({ contentType: 'image/png', data: Buffer.from('<svg onload=alert(1)>').toString('base64') })
      .expect(400);
    expect(fake.body.code).toBe('UPLOAD.TYPE');
    await t.http
      .post('/api/uploads')
      .set(resident.auth)
      .send({ contentType: 'image/svg+xml', data: png.toString('base64') })
      .expect(400);
    await t.http.get('/api/uploads/..%2F..%2Fpackage.json').expect(404);
    await t.http
      .post('/api/uploads')
      .send({ contentType: 'image/png', data: png.toString('base64') })
      .expect(401);
  });

  it("counts per template, in the caller's scope: answers, subscriptions left, messages sent and 43101 refusals", async () => {
    type Row = {
      templateId: string;
      accounts: number;
      accepts: number;
      rejects: number;
      bans: number;
      filters: number;
      remaining: number;
      sent: number;
      noQuota: number;
    };
    const otherAdmin = await staffLogin(t, 'clinic2.admin');
    const templates = async (staff: Record<string, string>) => {
      const rows = (await t.http.get('/api/staff/pushes/templates').set(staff).expect(200)).body as Row[];
      return Object.fromEntries(rows.map((r) => [r.templateId, r]));
    };
    const change = (after: Record<string, Row>, before: Record<string, Row>, templateId: string) => {
      const [a, b] = [after[templateId], before[templateId]];
      return Object.fromEntries(Object.entries(a).flatMap(([k, v]) => (typeof v === 'number' ? [[k, v - (b[k as keyof Row] as number)]] : [])));
    };
    const before = await templates(admin);
    const otherBefore = await templates(otherAdmin);
    expect(Object.keys(before)).toEqual(expect.arrayContaining([PUSH_TEMPLATE, 'demo-contract-progress', 'demo-referral-progress']));

    const first = await residentWithProfile(t, { declaredTags: ['lowIncome'] });
    const second = await residentWithProfile(t, { declaredTags: ['familyPlanningSpecial'] });
    const elsewhere = await residentWithProfile(t, { community: '东城社区' });
    await subscribe(t, first.auth, PUSH_TEMPLATE, 2);
    await subscribe(t, second.auth, PUSH_TEMPLATE, 1);
    await subscribe(t, elsewhere.auth, PUSH_TEMPLATE, 1);
    const answer = (auth: Record<string, string>, templateId: string, status: string) =>
      t.http
        .post('/api/subscriptions')
        .set(auth)
        .send({ results: [{ templateId, status }] })
        .expect(200);
    await answer(first.auth, 'demo-contract-progress', 'reject');
    await answer(first.auth, 'demo-referral-progress', 'ban');
    await answer(second.auth, 'demo-referral-progress', 'filter');

    // The first resident's message is refused with 43101 (the ledger empties); the second's is sent.
    const dispatcher = t.app.get(OutboxDispatcher);
    await publish(t, admin, { audience: { tags: ['lowIncome'] } });
    t.wechat.failNext(43101, 1);
    await dispatcher.drain();
    await publish(t, admin, { audience: { tags: ['familyPlanningSpecial'] } });
    await dispatcher.drain();

    const after = await templates(admin);
    expect(change(after, before, PUSH_TEMPLATE)).toEqual({
      accounts: 2,
      accepts: 3,
      rejects: 0,
      bans: 0,
      filters: 0,
      remaining: 0,
      longTermOn: 0,
      sent: 1,
      noQuota: 1,
    });
    expect(change(after, before, 'demo-contract-progress')).toMatchObject({ accounts: 1, rejects: 1, accepts: 0 });
    expect(change(after, before, 'demo-referral-progress')).toMatchObject({ accounts: 2, bans: 1, filters: 1, accepts: 0 });
    expect(after[PUSH_TEMPLATE]).toMatchObject({ purpose: 'push', kind: 'oneTime', title: '健康资讯提醒' });
    expect(change(await templates(otherAdmin), otherBefore, PUSH_TEMPLATE)).toMatchObject({ accounts: 1, accepts: 1, remaining: 1, sent: 0 });
    await t.http.get('/api/staff/pushes/templates').set(first.auth).expect(403);
  });
});
