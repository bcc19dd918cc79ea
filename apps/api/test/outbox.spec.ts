import type { INestApplication } from '@nestjs/common';
import { OutboxDispatcher } from '../src/pushes/outbox-dispatcher';
import { WechatTokenService } from '../src/pushes/wechat-token.service';
import { inBatches, residentWithPendingContract } from './support/contract-factories';
import { residentWithProfile, staffLogin } from './support/factories';
import { CONTRACT_TEMPLATE, feedIds, publish, PUSH_TEMPLATE, subscribe, usePushTestSettings } from './support/push-factories';
import { createTestApp, TestApp } from './support/test-app';

type Message = { touser: string; template_id: string; page: string; data: Record<string, { value: string }> };

describe('outbox and dispatcher (MariaDB, two API instances)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let dispatchers: OutboxDispatcher[];
  let instances: INestApplication[];
  beforeAll(async () => {
    usePushTestSettings();
    t = await createTestApp('mariadb');
    admin = await staffLogin(t, 'clinic1.admin');
    const second = await t.startSecondInstance();
    instances = [t.app, second];
    dispatchers = instances.map((app) => app.get(OutboxDispatcher));
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    t.wechat.messages.length = 0;
  });

  const drainBoth = () => Promise.all(dispatchers.map((d) => d.drain()));
  const outbox = async (pushId: string) =>
    (await t.dataSource.query('SELECT status, attempts, lastErrcode, consumed FROM outbox_messages WHERE sourceId = ?', [pushId])) as {
      status: string;
      attempts: number;
      lastErrcode: number | null;
      consumed: number;
    }[];
  const remaining = async (auth: Record<string, string>, templateId = PUSH_TEMPLATE) => {
    const { accountId } = (await t.http.get('/api/me').set(auth).expect(200)).body;
    const [row] = await t.dataSource.query('SELECT remaining FROM subscriptions WHERE accountId = ? AND templateId = ?', [accountId, templateId]);
    return Number(row?.remaining ?? 0);
  };

  it('sends every message exactly once with two instances dispatching at once, sharing one access token; no subscription, no message', async () => {
    const subscribed = await inBatches(40, 8, async () => {
      const resident = await residentWithProfile(t, { declaredTags: ['diabetes2'] });
      await subscribe(t, resident.auth);
      return resident;
    });
    const unsubscribed = await residentWithProfile(t, { declaredTags: ['diabetes2'] });
    const push = await publish(t, admin, { title: '糖尿病患者冬季饮食、运动与血糖监测的十条建议', audience: { tags: ['diabetes2'] } });
    expect(push.targeted).toBe(41);
    const tokensBefore = t.wechat.tokensIssued();
    // Both instances hold the (shared) access token before the race, so neither spends its first batch
    // fetching it while the other claims every row (seen once under a full test run's load).
    await Promise.all(instances.map((app) => app.get(WechatTokenService).token()));

    const [first, second] = await drainBoth();
    expect(first + second).toBe(40);
    expect(Math.min(first, second)).toBeGreaterThan(0);
    const messages = t.wechat.messages as Message[];
    expect(messages).toHaveLength(40);
    expect(new Set(messages.map((m) => m.touser)).size).toBe(40);
    expect(messages[0]).toMatchObject({ template_id: PUSH_TEMPLATE, page: `news/detail/index?id=${push.id}`, miniprogram_state: 'developer', lang: 'zh_CN' });
    expect(messages[0].data.thing1.value).toBe('糖尿病患者冬季饮食、运动与血糖监测的十…');
    expect(messages[0].data.thing2.value).toBe('城关镇卫生院');
    expect(messages[0].data.time3.value).toMatch(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/);
    expect(t.wechat.tokensIssued() - tokensBefore).toBeLessThanOrEqual(1);
    expect(new Set(messages.map((m) => (m as unknown as { accessToken: string }).accessToken)).size).toBe(1);

    expect(await feedIds(t, unsubscribed.auth)).toContain(push.id);
    const unsubscribedOpenid = (
      await t.dataSource.query('SELECT a.openid FROM resident_accounts a JOIN persons p ON p.accountId = a.id WHERE p.id = ?', [unsubscribed.person.id])
    )[0].openid;
    expect(messages.map((m) => m.touser)).not.toContain(unsubscribedOpenid);
    expect(await remaining(subscribed[0].auth)).toBe(0);
    const stats = await t.http.get(`/api/staff/pushes/${push.id}/stats`).set(admin).expect(200);
    expect(stats.body).toMatchObject({ targeted: 41, notified: 40, queued: 0, notifiedRate: 0.9756 });
    expect(await drainBoth()).toEqual([0, 0]);
    expect(t.wechat.messages).toHaveLength(40);
  });

  it('retries transient failures (-1, a dropped connection) with back-off and then succeeds, taking one subscription', async () => {
    const resident = await residentWithProfile(t, { declaredTags: ['familyPlanningSpecial'] });
    await subscribe(t, resident.auth, PUSH_TEMPLATE, 2);
    t.wechat.failNext(-1, 1);
    t.wechat.failNext('network', 1);
    const push = await publish(t, admin, { audience: { tags: ['familyPlanningSpecial'] } });
    await drainBoth();
    expect(t.wechat.messages).toHaveLength(1);
    expect(await outbox(push.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 3, lastErrcode: 0 })]);
    expect(await remaining(resident.auth)).toBe(1);
  });

  it('gives up after the attempt limit and gives the subscription back', async () => {
    const resident = await residentWithProfile(t, { declaredTags: ['povertyAlleviated'] });
    await subscribe(t, resident.auth);
    t.wechat.failNext(-1, 3);
    const push = await publish(t, admin, { audience: { tags: ['povertyAlleviated'] } });
    await drainBoth();
    expect(t.wechat.messages).toHaveLength(0);
    expect(await outbox(push.id)).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, lastErrcode: -1 })]);
    expect(await remaining(resident.auth)).toBe(1);
  });

  it('does not retry 43101 (no subscription left at WeChat) and empties the ledger; does not retry 47003', async () => {
    const noQuota = await residentWithProfile(t, { declaredTags: ['lowIncome'], community: '西关村' });
    await subscribe(t, noQuota.auth, PUSH_TEMPLATE, 3);
    const attemptsBefore = t.wechat.sendAttempts();
    t.wechat.failNext(43101, 1);
    const push = await publish(t, admin, { audience: { tags: ['lowIncome'], minAge: 40, maxAge: 50 } });
    await drainBoth();
    expect(t.wechat.sendAttempts() - attemptsBefore).toBe(1);
    expect(await outbox(push.id)).toEqual([expect.objectContaining({ status: 'noQuota', attempts: 1, lastErrcode: 43101 })]);
    expect(await remaining(noQuota.auth)).toBe(0);
    expect((await t.http.get(`/api/staff/pushes/${push.id}/stats`).set(admin).expect(200)).body.templates).toEqual([
      expect.objectContaining({ templateId: PUSH_TEMPLATE, noQuota: 1 }),
    ]);

    await subscribe(t, noQuota.auth);
    t.wechat.failNext(47003, 1);
    const invalid = await publish(t, admin, { title: '第二条', audience: { tags: ['lowIncome'], minAge: 40, maxAge: 50 } });
    await drainBoth();
    expect(await outbox(invalid.id)).toEqual([expect.objectContaining({ status: 'failed', attempts: 1, lastErrcode: 47003, consumed: 0 })]);
    expect(await remaining(noQuota.auth)).toBe(1);
  });

  it('refreshes an invalid access token once for all instances and sends again', async () => {
    const resident = await residentWithProfile(t, { declaredTags: ['tuberculosis'] });
    await subscribe(t, resident.auth);
    t.wechat.expireTokens();
    const issued = t.wechat.tokensIssued();
    const push = await publish(t, admin, { audience: { tags: ['tuberculosis'] } });
    await drainBoth();
    expect(t.wechat.messages).toHaveLength(1);
    expect(t.wechat.tokensIssued() - issued).toBe(1);
    expect(await outbox(push.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  });

  it('takes one subscription per message: two items for an account with one left send one message', async () => {
    const resident = await residentWithProfile(t, { declaredTags: ['maternal'], community: '西关村' });
    await subscribe(t, resident.auth);
    const first = await publish(t, admin, { title: '孕期营养', audience: { tags: ['maternal'], maxAge: 60 } });
    const second = await publish(t, admin, { title: '产后访视', audience: { tags: ['maternal'], maxAge: 60 } });
    await drainBoth();
    expect(t.wechat.messages).toHaveLength(1);
    const statuses = [...(await outbox(first.id)), ...(await outbox(second.id))].map((r) => r.status).sort();
    expect(statuses).toEqual(['noQuota', 'sent']);
    expect(await remaining(resident.auth)).toBe(0);
  });

  it('takes over a row whose claim lapsed (its instance died after claiming)', async () => {
    const resident = await residentWithProfile(t, { birthDate: '2022-05-01' });
    await subscribe(t, resident.auth);
    const push = await publish(t, admin, { audience: { tags: ['child0to6'] } });
    await t.dataSource.query('UPDATE outbox_messages SET claimedBy = ?, claimUntil = ? WHERE sourceId = ?', [
      'dead-instance',
      new Date(Date.now() + 3600_000),
      push.id,
    ]);
    await drainBoth();
    expect(t.wechat.messages).toHaveLength(0);
    await t.dataSource.query('UPDATE outbox_messages SET claimUntil = ? WHERE sourceId = ?', [new Date(Date.now() - 1000), push.id]);
    await drainBoth();
    expect(t.wechat.messages).toHaveLength(1);
    expect(await outbox(push.id)).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('sends nothing for an item withdrawn before dispatch', async () => {
    const resident = await residentWithProfile(t, { declaredTags: ['severeMental'] });
    await subscribe(t, resident.auth);
    const push = await publish(t, admin, { audience: { tags: ['severeMental'] } });
    await t.http.post(`/api/staff/pushes/${push.id}/withdraw`).set(admin).expect(200);
    await drainBoth();
    expect(t.wechat.messages).toHaveLength(0);
    expect(await outbox(push.id)).toEqual([expect.objectContaining({ status: 'cancelled', attempts: 0 })]);
    expect(await remaining(resident.auth)).toBe(1);
  });

  it('queues event notices for subscribed accounts: a confirmed contract is told once, with the contract template', async () => {
    const { resident, contract } = await residentWithPendingContract(t);
    await subscribe(t, resident.auth, CONTRACT_TEMPLATE);
    const silent = await residentWithPendingContract(t);
    await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(admin).send({ confirmedTags: [] }).expect(200);
    await t.http.post(`/api/staff/contracts/${silent.contract.id}/reject`).set(admin).send({ reason: '资料不全，请到卫生院补充' }).expect(200);
    await drainBoth();
    const messages = t.wechat.messages as Message[];
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      template_id: CONTRACT_TEMPLATE,
      page: `signing/contract/index?id=${contract.id}`,
      data: { phrase1: { value: '签约已生效' } },
    });
    const notices = await t.http.get('/api/notices').set(silent.resident.auth).expect(200);
    expect(notices.body).toEqual([expect.objectContaining({ kind: 'contractRejected', body: '签约未通过：资料不全，请到卫生院补充' })]);
  });
});
