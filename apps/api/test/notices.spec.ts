import { NoticesService } from '../src/notices/notices.service';
import { addDays } from '@jiayi/domain';
import { ReferralJobs } from '../src/referrals/referral-jobs';
import { residentWithProfile, staffLogin } from './support/factories';
import { subscribe, usePushTestSettings } from './support/push-factories';
import { coordinatorLogin, moveReferralDate, publishPool, referable, requested, today, type Referable } from './support/referral-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('resident notices (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
    usePushTestSettings();
    t = await createTestApp('mariadb');
  });
  afterAll(async () => t?.close());

  it('stores an event once per person, runs the hooks once, and shows it only to its account', async () => {
    const alice = await residentWithProfile(t);
    const bob = await residentWithProfile(t);
    const notices = t.app.get(NoticesService);
    const hooked: string[] = [];
    notices.onRaised(async (_manager, notice) => {
      hooked.push(notice.id);
    });
    const event = {
      personId: alice.person.id,
      kind: 'contractConfirmed' as const,
      body: '王建国医生已确认您的签约',
      refType: 'contract',
      refId: 'c-1',
      page: '/signing/contract/index?id=c-1',
    };
    const [first, second] = await Promise.all([
      t.dataSource.transaction((manager) => notices.raise(manager, event)),
      t.dataSource.transaction((manager) => notices.raise(manager, event)).catch(() => null),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(hooked).toHaveLength(1);

    const listed = await t.http.get('/api/notices').set(alice.auth).expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ kind: 'contractConfirmed', title: '签约已生效', personId: alice.person.id, readAt: null })]);
    expect((await t.http.get('/api/notices').set(bob.auth).expect(200)).body).toEqual([]);
    await t.http.post(`/api/notices/${listed.body[0].id}/read`).set(bob.auth).expect(404);
    const read = await t.http.post(`/api/notices/${listed.body[0].id}/read`).set(alice.auth).expect(201);
    expect(read.body.readAt).toEqual(expect.any(String));
  });

  it('tells the resident when the hospital records a referral visit or a no-show (by hand or by the job), with a WeChat message when subscribed', async () => {
    const coordinator = await coordinatorLogin(t);
    const doctor = await staffLogin(t, 'clinic1.doctor1');
    const pool = await publishPool(t, coordinator, { capacity: 3 });
    const residents = [await referable(t), await referable(t), await referable(t)];
    // One message for the booking, one for the outcome.
    for (const r of residents) await subscribe(t, r.auth, 'demo-referral-progress', 2);
    const [visited, missed, late] = await Promise.all(residents.map((r) => requested(t, r, pool.id)));
    for (const r of [visited, missed, late]) await t.http.post(`/api/staff/referrals/${r.id}/approve`).set(doctor).expect(200);
    await moveReferralDate(t, visited.id, today());
    await moveReferralDate(t, missed.id, today());
    await moveReferralDate(t, late.id, addDays(today(), -4));
    await t.http.post(`/api/staff/referrals/${visited.id}/visit`).set(coordinator).expect(200);
    await t.http.post(`/api/staff/referrals/${missed.id}/no-show`).set(coordinator).expect(200);
    expect(await t.app.get(ReferralJobs).markNoShows()).toBeGreaterThanOrEqual(1);

    const expected: [Referable, string, string, string, RegExp][] = [
      [residents[0], visited.id, 'referralVisited', '转诊就诊已记录', /医院已记录您在.+就诊/],
      [residents[1], missed.id, 'referralNoShow', '转诊预约未就诊', /未见您就诊/],
      [residents[2], late.id, 'referralNoShow', '转诊预约未就诊', /未见您就诊/],
    ];
    for (const [resident, referralId, kind, title, body] of expected) {
      const listed = (await t.http.get('/api/notices').set(resident.auth).expect(200)).body as {
        id: string;
        kind: string;
        title: string;
        body: string;
        refId: string;
        page: string;
      }[];
      const notice = listed.find((n) => n.kind === kind && n.refId === referralId);
      expect(notice).toMatchObject({ title, page: expect.stringContaining(referralId) });
      expect(notice!.body).toMatch(body);
      const queued = await t.dataSource.query("SELECT templateId, status FROM outbox_messages WHERE sourceType = 'notice' AND sourceId = ?", [notice!.id]);
      expect(queued).toEqual([{ templateId: 'demo-referral-progress', status: 'pending' }]);
    }
  });
});
