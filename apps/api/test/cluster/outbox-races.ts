import { randomUUID } from 'node:crypto';
import { OutboxDispatcher } from '../../src/pushes/outbox-dispatcher';
import { OutboxService } from '../../src/pushes/outbox.service';
import { SubscriptionsService } from '../../src/pushes/subscriptions.service';
import { WechatTokenService } from '../../src/pushes/wechat-token.service';
import { inBatches } from '../support/contract-factories';
import { residentWithProfile } from '../support/factories';
import { PUSH_TEMPLATE, subscribe } from '../support/push-factories';
import type { Race } from './races';

type Sent = { touser: string; template_id: string; page: string };

/**
 * The outbox, independent of how pushes are published: the test queues one message for each of
 * 40 subscribed residents through OutboxService (as any publisher does, in a transaction), then
 * the dispatchers of both instances drain at the same time, each through its own node.
 */
export const outboxDispatch: Race = {
  name: 'push outbox: two dispatchers on two nodes drain 40 queued messages; each is sent to the WeChat stand-in exactly once',
  async run(c) {
    const residents = await inBatches(40, 10, async () => {
      const resident = await residentWithProfile(c.t);
      await subscribe(c.t, resident.auth);
      return resident;
    });
    const accounts: { personId: string; accountId: string; openid: string }[] = await c.t.dataSource.query(
      `SELECT p.id AS personId, a.id AS accountId, a.openid FROM persons p JOIN resident_accounts a ON a.id = p.accountId WHERE p.id IN (?)`,
      [residents.map((r) => r.person.id)],
    );
    expect(accounts).toHaveLength(40);
    const sourceId = randomUUID();
    const template = c.t.app.get(SubscriptionsService).template('push');
    expect(template.templateId).toBe(PUSH_TEMPLATE);
    const content = { title: '集群发送测试', body: '每条消息只发一次', time: new Date(), sender: '城关镇卫生院' };
    const queued = await c.t.dataSource.transaction((manager) =>
      c.t.app.get(OutboxService).enqueue(manager, 'push', sourceId, template, `news/detail/index?id=${sourceId}`, content, accounts),
    );
    expect(queued).toBe(40);

    c.t.wechat.messages.length = 0;
    const dispatchers = [c.t.app.get(OutboxDispatcher), c.second.get(OutboxDispatcher)];
    // Both instances hold the access token before the race, so neither spends its first batch fetching it
    // while the other claims every row (seen once: node 2 handled none, a lost race rather than a fault).
    await Promise.all([c.t.app.get(WechatTokenService).token(), c.second.get(WechatTokenService).token()]);
    const handled = await Promise.all([dispatchers[0].drain(), dispatchers[1].drain(), dispatchers[0].drain(), dispatchers[1].drain()]);
    expect(handled.reduce((a, b) => a + b, 0)).toBe(40);
    expect(handled[1] + handled[3]).toBeGreaterThan(0);
    expect(handled[0] + handled[2]).toBeGreaterThan(0);

    const messages = c.t.wechat.messages as Sent[];
    expect(messages).toHaveLength(40);
    expect(new Set(messages.map((m) => m.touser))).toEqual(new Set(accounts.map((a) => a.openid)));
    expect(messages.every((m) => m.template_id === PUSH_TEMPLATE && m.page === `news/detail/index?id=${sourceId}`)).toBe(true);
    const rows: { status: string; attempts: number; consumed: number; claimedBy: string | null }[] = await c.t.dataSource.query(
      'SELECT status, attempts, consumed, claimedBy FROM outbox_messages WHERE sourceId = ?',
      [sourceId],
    );
    expect(rows.map((r) => [r.status, Number(r.attempts), Number(r.consumed), r.claimedBy])).toEqual(Array(40).fill(['sent', 1, 1, null]));
    // Each account's one subscription was taken exactly once.
    const [ledger] = await c.t.dataSource.query(
      'SELECT COUNT(*) AS n, SUM(remaining) AS remaining FROM subscriptions WHERE templateId = ? AND accountId IN (?)',
      [PUSH_TEMPLATE, accounts.map((a) => a.accountId)],
    );
    expect([Number(ledger.n), Number(ledger.remaining)]).toEqual([40, 0]);
    expect(await Promise.all(dispatchers.map((d) => d.drain()))).toEqual([0, 0]);
    expect(c.t.wechat.messages).toHaveLength(40);
  },
};
