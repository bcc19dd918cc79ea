import { ReferralJobs } from '../src/referrals/referral-jobs';
import { ReferralRecord } from '../src/referrals/referral.entity';
import { inBatches } from './support/contract-factories';
import { staffLogin } from './support/factories';
import { coordinatorLogin, poolHeld, publishPool, referable, requested, requestReferral } from './support/referral-factories';
import { createTestApp, TestApp } from './support/test-app';

describe('referrals on the embedded SQLite default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('holds, approves, cancels and expires, returning each place once; 10 racing for 2 places get exactly 2', async () => {
    const coordinator = await coordinatorLogin(t);
    const doctor = await staffLogin(t, 'clinic1.doctor1');
    const pool = await publishPool(t, coordinator, { capacity: 2 });
    const residents = await inBatches(10, 5, () => referable(t));
    const responses = await Promise.all(residents.map((r) => requestReferral(t, r, pool.id)));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, ...Array(8).fill(409)]);
    expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'REFERRAL.SLOT_FULL')).toBe(true);
    const [first, second] = responses.filter((r) => r.status === 201).map((r) => r.body);
    await t.http.post(`/api/staff/referrals/${first.id}/approve`).set(doctor).expect(200);
    const firstOwner = residents[responses.findIndex((r) => r.body.id === first.id)];
    await t.http.post(`/api/referrals/${first.id}/cancel`).set(firstOwner.auth).expect(200);
    await t.dataSource.getRepository(ReferralRecord).update({ id: second.id }, { holdExpiresAt: new Date(Date.now() - 60_000) });
    expect(await t.app.get(ReferralJobs).expireHolds()).toBe(1);
    expect(await poolHeld(t, pool.id)).toEqual({ held: 0, capacity: 2, occupying: 0 });
    await requested(t, residents[9], pool.id);
    expect(await poolHeld(t, pool.id)).toEqual({ held: 1, capacity: 2, occupying: 1 });
  });
});
