import { OutboxDispatcher } from '../src/pushes/outbox-dispatcher';
import { PushesService } from '../src/pushes/pushes.service';
import { residentWithProfile, staffLogin } from './support/factories';
import { feedIds, publish, subscribe, usePushTestSettings } from './support/push-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('pushes on the embedded SQLite default', () => {
  let t: TestApp;
  beforeAll(async () => {
    usePushTestSettings();
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('publishes, schedules, reads once, and dispatches with the ledger', async () => {
    const admin = await staffLogin(t, 'clinic1.admin');
    const resident = await residentWithProfile(t, { declaredTags: ['hypertension'] });
    await subscribe(t, resident.auth);
    const push = await publish(t, admin, { audience: { tags: ['hypertension'] } });
    const later = await publish(t, admin, { audience: { tags: ['hypertension'] }, publishAt: new Date(Date.now() + 3600_000).toISOString() });
    expect(await feedIds(t, resident.auth)).toEqual([push.id]);
    expect(await t.app.get(PushesService).releaseDue()).toBe(0);
    await t.http.get(`/api/feed/${push.id}`).set(resident.auth).expect(200);
    await t.http.get(`/api/feed/${push.id}`).set(resident.auth).expect(200);
    expect((await t.http.get(`/api/staff/pushes/${push.id}/stats`).set(admin).expect(200)).body).toMatchObject({ targeted: 1, read: 1 });
    expect(await t.app.get(OutboxDispatcher).drain()).toBe(1);
    expect(t.wechat.messages).toHaveLength(1);
    await t.dataSource.query('UPDATE pushes SET publishAt = ? WHERE id = ?', [
      new Date(Date.now() - 1000).toISOString().replace('T', ' ').slice(0, 23),
      later.id,
    ]);
    expect(await t.app.get(PushesService).releaseDue()).toBe(1);
    expect(await feedIds(t, resident.auth)).toEqual(expect.arrayContaining([push.id, later.id]));
  });
});
