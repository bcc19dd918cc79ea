import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OutboxDispatcher } from '../src/pushes/outbox-dispatcher';
import { OutboxJob } from '../src/pushes/outbox.job';
import { PushesService } from '../src/pushes/pushes.service';
import { inBatches } from './support/contract-factories';
import { residentWithProfile, staffLogin } from './support/factories';
import { feedIds, publish, releasePushes, staffPush, subscribe, usePushTestSettings } from './support/push-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('releasing a push in chunks (MariaDB, two API instances)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let admin: Record<string, string>;
  beforeAll(async () => {
    usePushTestSettings();
    t = await createTestApp('mariadb');
    second = await t.startSecondInstance();
    admin = await staffLogin(t, 'clinic1.admin');
  });
  afterAll(async () => t?.close());
  beforeEach(() => {
    t.wechat.messages.length = 0;
  });

  /** `count` subscribed residents with the tag, each the holder of their own account. */
  const audienceOf = (count: number, tag: string) =>
    inBatches(count, 6, async () => {
      const resident = await residentWithProfile(t, { declaredTags: [tag] });
      await subscribe(t, resident.auth);
      return resident;
    });
  const rows = async (pushId: string) => {
    const [{ targets, distinctTargets }] = await t.dataSource.query(
      'SELECT COUNT(*) AS targets, COUNT(DISTINCT personId) AS distinctTargets FROM push_targets WHERE pushId = ?',
      [pushId],
    );
    const outbox: { status: string; personId: string }[] = await t.dataSource.query('SELECT status, personId FROM outbox_messages WHERE sourceId = ?', [
      pushId,
    ]);
    return { targets: Number(targets), distinctTargets: Number(distinctTargets), outbox };
  };
  /** What the WeChat stand-in received about this push. */
  const sentAbout = (pushId: string) => (t.wechat.messages as { touser: string; page: string }[]).filter((m) => m.page.endsWith(`id=${pushId}`));

  it('answers at once as 发布中 (releasing); the release job writes the audience and marks it published', async () => {
    const residents = await audienceOf(3, 'povertyAlleviated');
    const answered = await publish(t, admin, { audience: { tags: ['povertyAlleviated'] } }, { release: false });
    expect(answered).toMatchObject({ status: 'releasing', targeted: 0 });
    expect(await staffPush(t, admin, answered.id)).toMatchObject({ status: 'releasing' });
    expect(await feedIds(t, residents[0].auth)).not.toContain(answered.id);
    expect(await rows(answered.id)).toMatchObject({ targets: 0, outbox: [] });

    expect(await releasePushes(t)).toBe(1);
    expect(await staffPush(t, admin, answered.id)).toMatchObject({ status: 'published', targeted: 3 });
    for (const r of residents) expect(await feedIds(t, r.auth)).toContain(answered.id);
    expect((await rows(answered.id)).outbox).toHaveLength(3);
    expect(await releasePushes(t)).toBe(0);
  });

  it('resumes a release cut short after a partial write, without duplicates', async () => {
    await audienceOf(5, 'severeMental');
    const push = await publish(t, admin, { audience: { tags: ['severeMental'] } }, { release: false });
    const crash = new Error('instance died after its first chunk');
    await expect(
      t.app.get(PushesService).release(push.id, {
        chunkSize: 2,
        afterChunk: async () => {
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const [cut] = await t.dataSource.query('SELECT status, targeted, releaseCursor FROM pushes WHERE id = ?', [push.id]);
    expect(cut).toMatchObject({ status: 'releasing', targeted: 0, releaseCursor: expect.any(String) });
    expect(await rows(push.id)).toMatchObject({ targets: 2, outbox: [expect.anything(), expect.anything()] });

    // An abandoned release whose cursor was lost rewrites its first chunk too: the unique keys keep one row each.
    await t.dataSource.query('UPDATE pushes SET releaseCursor = NULL WHERE id = ?', [push.id]);
    expect(await t.app.get(PushesService).release(push.id, { chunkSize: 2 })).toBe(true);
    const after = await rows(push.id);
    expect(after).toMatchObject({ targets: 5, distinctTargets: 5 });
    expect(after.outbox).toHaveLength(5);
    expect(new Set(after.outbox.map((m) => m.personId)).size).toBe(5);
    expect(await staffPush(t, admin, push.id)).toMatchObject({ status: 'published', targeted: 5 });
    const [{ releaseCursor }] = await t.dataSource.query('SELECT releaseCursor AS releaseCursor FROM pushes WHERE id = ?', [push.id]);
    expect(releaseCursor).toBeNull();

    await Promise.all([t.app.get(OutboxDispatcher).drain(), second.get(OutboxDispatcher).drain()]);
    expect(sentAbout(push.id)).toHaveLength(5);
    expect(new Set(sentAbout(push.id).map((m) => m.touser)).size).toBe(5);
  });

  it('stops between chunks when its instance shuts down, and the next round finishes it', async () => {
    await audienceOf(3, 'lowIncome');
    const push = await publish(t, admin, { audience: { tags: ['lowIncome'] } }, { release: false });
    let asked = 0;
    // Asked before the push (go on) and after its one chunk (stop): written, not yet marked published.
    expect(await t.app.get(PushesService).releaseDue(new Date(), () => asked++ > 0)).toBe(0);
    expect((await rows(push.id)).targets).toBe(3);
    expect(await staffPush(t, admin, push.id)).toMatchObject({ status: 'releasing' });
    expect(await releasePushes(t)).toBe(1);
    expect(await staffPush(t, admin, push.id)).toMatchObject({ status: 'published', targeted: 3 });
  });

  it('writes each target and message once when two instances release the same push at once', async () => {
    await audienceOf(7, 'monitoredRural');
    const push = await publish(t, admin, { audience: { tags: ['monitoredRural'] } }, { release: false });
    const outcomes = await Promise.all([
      t.app.get(PushesService).release(push.id, { chunkSize: 2 }),
      second.get(PushesService).release(push.id, { chunkSize: 2 }),
    ]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const written = await rows(push.id);
    expect(written).toMatchObject({ targets: 7, distinctTargets: 7 });
    expect(written.outbox).toHaveLength(7);
    expect(await staffPush(t, admin, push.id)).toMatchObject({ status: 'published', targeted: 7 });
    await Promise.all([t.app.get(OutboxDispatcher).drain(), second.get(OutboxDispatcher).drain()]);
    expect(sentAbout(push.id)).toHaveLength(7);
    expect(new Set(sentAbout(push.id).map((m) => m.touser)).size).toBe(7);
  });

  it('runs the release job in one instance at a time (lease), and that one releases the push', async () => {
    await audienceOf(2, 'tuberculosis');
    const push = await publish(t, admin, { audience: { tags: ['tuberculosis'] } }, { release: false });
    const released = await Promise.all([t.app.get(OutboxJob).release(), second.get(OutboxJob).release()]);
    expect(released.sort()).toEqual([0, 1]);
    expect(await staffPush(t, admin, push.id)).toMatchObject({ status: 'published', targeted: 2 });
  });

  it('withdrawn in the middle of its release: the release stops, nothing is sent, it leaves every feed', async () => {
    const residents = await audienceOf(6, 'disabled');
    const push = await publish(t, admin, { audience: { tags: ['disabled'] } }, { release: false });
    let chunks = 0;
    const finished = await t.app.get(PushesService).release(push.id, {
      chunkSize: 2,
      afterChunk: async () => {
        chunks++;
        if (chunks === 1) {
          const withdrawn = await t.http.post(`/api/staff/pushes/${push.id}/withdraw`).set(admin).expect(200);
          expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
        }
      },
    });
    expect(finished).toBe(false);
    expect(chunks).toBe(1);
    const written = await rows(push.id);
    expect(written.targets).toBe(2);
    expect(written.outbox.map((m) => m.status)).toEqual(['cancelled', 'cancelled']);
    expect(await t.app.get(PushesService).releaseDue()).toBe(0);
    expect(await second.get(PushesService).release(push.id)).toBe(false);
    expect((await rows(push.id)).targets).toBe(2);
    await Promise.all([t.app.get(OutboxDispatcher).drain(), second.get(OutboxDispatcher).drain()]);
    expect(sentAbout(push.id)).toHaveLength(0);
    for (const r of residents) expect(await feedIds(t, r.auth)).not.toContain(push.id);
    expect(await staffPush(t, admin, push.id)).toMatchObject({ status: 'withdrawn' });
  });
});
