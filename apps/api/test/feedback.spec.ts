import { RenewalNoticeJob } from '../src/contracts/renewal-notice.job';
import { moveEndDate, residentWithActiveContract } from './support/contract-factories';
import { residentWithProfile, staffLogin } from './support/factories';
import { usePushTestSettings } from './support/push-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('resident feedback and complaints, renewal notices (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    usePushTestSettings();
    t = await createTestApp('mariadb');
  });
  afterAll(async () => t?.close());

  it('goes from the resident to the institution queue, 待处理 → 处理中 → 已办结 with a reply the resident is told of', async () => {
    const { resident } = await residentWithActiveContract(t);
    const admin = await staffLogin(t, 'clinic1.admin');
    const otherAdmin = await staffLogin(t, 'clinic2.admin');
    const sent = await t.http
      .post('/api/feedback')
      .set(resident.auth)
      .send({ kind: 'complaint', category: 'followUp', text: '  说好每季度随访，半年没人来  ' })
      .expect(201);
    expect(sent.body).toMatchObject({
      status: 'open',
      kind: 'complaint',
      text: '说好每季度随访，半年没人来',
      teamName: '城关镇第一家庭医生团队',
      handlerName: null,
      daysOpen: 0,
    });

    const queue = await t.http.get('/api/staff/feedback?status=open').set(admin).expect(200);
    expect(queue.body).toEqual([expect.objectContaining({ id: sent.body.id, residentName: '测试居民' })]);
    expect((await t.http.get('/api/staff/feedback').set(otherAdmin).expect(200)).body).toEqual([]);
    await t.http.post(`/api/staff/feedback/${sent.body.id}`).set(otherAdmin).send({ status: 'inProgress' }).expect(404);

    const noReply = await t.http.post(`/api/staff/feedback/${sent.body.id}`).set(admin).send({ status: 'closed' }).expect(409);
    expect(noReply.body.code).toBe('FEEDBACK.REPLY_REQUIRED');
    const [taken, raced] = await Promise.all([
      t.http.post(`/api/staff/feedback/${sent.body.id}`).set(admin).send({ status: 'inProgress' }),
      t.http.post(`/api/staff/feedback/${sent.body.id}`).set(admin).send({ status: 'inProgress' }),
    ]);
    expect([taken.status, raced.status].sort()).toEqual([200, 409]);
    const closed = await t.http
      .post(`/api/staff/feedback/${sent.body.id}`)
      .set(admin)
      .send({ status: 'closed', reply: '已安排王医生本周上门随访' })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', reply: '已安排王医生本周上门随访', handlerName: expect.any(String), closedAt: expect.any(String) });
    const back = await t.http.post(`/api/staff/feedback/${sent.body.id}`).set(admin).send({ status: 'inProgress' }).expect(409);
    expect(back.body.code).toBe('FEEDBACK.INVALID_TRANSITION');

    expect((await t.http.get('/api/feedback').set(resident.auth).expect(200)).body).toEqual([
      expect.objectContaining({ status: 'closed', reply: '已安排王医生本周上门随访' }),
    ]);
    const notices = await t.http.get('/api/notices').set(resident.auth).expect(200);
    expect(notices.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'feedbackReplied', body: '您的投诉已办结：已安排王医生本周上门随访' })]),
    );
  });

  it('refuses feedback without a team, a foreign photo and unknown categories', async () => {
    const unsigned = await residentWithProfile(t);
    expect(
      (await t.http.post('/api/feedback').set(unsigned.auth).send({ kind: 'feedback', category: 'attitude', text: '态度很好' }).expect(409)).body.code,
    ).toBe('FEEDBACK.NO_TEAM');
    const { resident } = await residentWithActiveContract(t);
    const photo = await t.http
      .post('/api/feedback')
      .set(resident.auth)
      .send({ kind: 'complaint', category: 'fees', text: '多收费', photoUrl: 'https://evil.example/a.jpg' })
      .expect(400);
    expect(photo.body.code).toBe('FEEDBACK.PHOTO_URL');
    await t.http.post('/api/feedback').set(resident.auth).send({ kind: 'complaint', category: 'rude', text: '多收费' }).expect(400);
    await t.http.post('/api/feedback').set(resident.auth).send({ kind: 'complaint', category: 'fees', text: '   ' }).expect(400);
  });

  it('tells a resident once when the renewal window of an active contract opens', async () => {
    const { resident, contract } = await residentWithActiveContract(t);
    const job = t.app.get(RenewalNoticeJob);
    await moveEndDate(t, contract.id, '2027-01-20');
    expect(await job.notifyOpenWindows('2026-11-01')).toBe(0);
    expect(await job.notifyOpenWindows('2026-12-25')).toBe(1);
    expect(await job.notifyOpenWindows('2026-12-26')).toBe(0);
    const notices = await t.http.get('/api/notices').set(resident.auth).expect(200);
    expect(notices.body.filter((n: { kind: string }) => n.kind === 'renewalWindowOpen')).toEqual([
      expect.objectContaining({ refId: contract.id, body: '签约将于2027年1月20日到期，现在可以续约' }),
    ]);
  });
});
