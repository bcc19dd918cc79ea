import { NoticesService } from '../src/notices/notices.service';
import { residentWithProfile } from './support/factories';
import { createTestApp, TestApp } from './support/test-app';

describe('resident notices (MariaDB)', () => {
  let t: TestApp;
  beforeAll(async () => {
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
});
