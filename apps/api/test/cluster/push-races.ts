import { OutboxDispatcher } from '../../src/pushes/outbox-dispatcher';
import { PushesService } from '../../src/pushes/pushes.service';
import { inBatches } from '../support/contract-factories';
import { residentWithProfile, staffLogin } from '../support/factories';
import { publish, subscribe } from '../support/push-factories';
import type { Race } from './races';
import type { ClusterApps } from './cluster-app';

/** `count` subscribed residents with the key-group tag. */
const audience = (c: ClusterApps, count: number, tag: string) =>
  inBatches(count, 8, async () => {
    const resident = await residentWithProfile(c.t, { declaredTags: [tag] });
    await subscribe(c.t, resident.auth);
  });

const rows = async (c: ClusterApps, pushId: string) => {
  const [{ targets, distinct }] = await c.t.dataSource.query(
    'SELECT COUNT(*) AS targets, COUNT(DISTINCT personId) AS `distinct` FROM push_targets WHERE pushId = ?',
    [pushId],
  );
  const outbox: { status: string; personId: string }[] = await c.t.dataSource.query('SELECT status, personId FROM outbox_messages WHERE sourceId = ?', [
    pushId,
  ]);
  return { targets: Number(targets), distinct: Number(distinct), outbox };
};

export const pushReleaseOnBothNodes: Race = {
  name: 'push release: both instances release one push at once in chunks of 2, through two nodes; each target and message written once',
  async run(c) {
    const admin = await staffLogin(c.t, 'clinic1.admin');
    await audience(c, 15, 'monitoredRural');
    const push = await publish(c.t, admin, { audience: { tags: ['monitoredRural'] } }, { release: false });
    const releases = await Promise.all([
      c.t.app.get(PushesService).release(push.id, { chunkSize: 2 }),
      c.second.get(PushesService).release(push.id, { chunkSize: 2 }),
    ]);
    // The instances' own release job may also have taken it (the create nudges it): at most one of these finished it.
    expect(releases.filter(Boolean).length).toBeLessThanOrEqual(1);
    const [{ status, targeted }] = await c.t.dataSource.query('SELECT status, targeted FROM pushes WHERE id = ?', [push.id]);
    expect({ status, targeted: Number(targeted) }).toEqual({ status: 'published', targeted: 15 });
    const written = await rows(c, push.id);
    expect(written).toMatchObject({ targets: 15, distinct: 15 });
    expect(written.outbox).toHaveLength(15);
    expect(new Set(written.outbox.map((m) => m.personId)).size).toBe(15);
  },
};

export const withdrawDuringRelease: Race = {
  name: 'push withdrawn through node 2 while node 1 releases it one person a chunk: no message left pending, none sent from a cancelled row',
  async run(c) {
    const admin = await staffLogin(c.t, 'clinic1.admin');
    await audience(c, 20, 'familyPlanningSpecial');
    const push = await publish(c.t, admin, { audience: { tags: ['familyPlanningSpecial'] } }, { release: false });
    let withdrawal: Promise<{ status: number }> | null = null;
    const released = await c.t.app.get(PushesService).release(push.id, {
      chunkSize: 1,
      afterChunk: async (written) => {
        // Not awaited: the withdrawal races the following chunks.
        if (written === 1)
          withdrawal = c.servers[1]
            .post(`/api/staff/pushes/${push.id}/withdraw`)
            .set(admin)
            .then((r) => r);
      },
    });
    expect((await withdrawal!)?.status).toBe(200);
    const [{ status }] = await c.t.dataSource.query('SELECT status FROM pushes WHERE id = ?', [push.id]);
    expect(status).toBe('withdrawn');
    const before = await rows(c, push.id);
    expect(before.outbox.filter((m) => m.status === 'pending')).toEqual([]);
    expect(before.targets).toBe(before.distinct);
    await Promise.all([c.t.app.get(OutboxDispatcher).drain(), c.second.get(OutboxDispatcher).drain()]);
    const after = await rows(c, push.id);
    const sent = (c.t.wechat.messages as { page: string }[]).filter((m) => m.page.endsWith(`id=${push.id}`));
    expect(sent).toHaveLength(after.outbox.filter((m) => m.status === 'sent').length);
    expect(after.outbox.filter((m) => m.status === 'cancelled').length).toBe(before.outbox.filter((m) => m.status === 'cancelled').length);
    if (released) expect(before.targets).toBe(20);
  },
};
