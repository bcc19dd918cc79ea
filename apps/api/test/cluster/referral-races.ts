import { ReferralJobs } from '../../src/referrals/referral-jobs';
import { inBatches } from '../support/contract-factories';
import { staffLogin } from '../support/factories';
import { coordinatorLogin, poolHeld, publishPool, referable, requested, requestReferral, type Referable } from '../support/referral-factories';
import type { ClusterApps } from './cluster-app';
import type { Race } from './races';

type Reply = { status: number; body: { code?: string } };

/** Pools whose `held` differs from the referrals occupying them or exceeds their capacity (read through node 1). */
async function poolsDisagreeing(c: ClusterApps): Promise<unknown[]> {
  const rows: { id: string; held: number; capacity: number; n: string | number }[] = await c.t.dataSource.query(
    `SELECT p.id, p.held, p.capacity, (SELECT COUNT(*) FROM referrals r WHERE r.slotId = p.id AND r.status IN ('requested', 'booked', 'visited', 'noShow')) AS n
     FROM referral_slot_pools p`,
  );
  return rows.filter((r) => Number(r.held) !== Number(r.n) || Number(r.held) > Number(r.capacity));
}

/**
 * Reads a pool's `held` on both nodes, over and over, while `work` runs; the highest value seen.
 * (With wsrep_sync_wait=1 each read sees every write the cluster committed before it.)
 */
async function maxHeldDuring(c: ClusterApps, poolId: string, work: Promise<unknown>): Promise<number> {
  let max = 0;
  let done = false;
  const sample = async (i: 0 | 1) => {
    while (!done) {
      const [row] = await c.dataSources[i].query('SELECT held FROM referral_slot_pools WHERE id = ?', [poolId]);
      max = Math.max(max, Number(row.held));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const samplers = [sample(0), sample(1)];
  await work.finally(() => {
    done = true;
  });
  await Promise.all(samplers);
  return max;
}

let residents: Promise<Referable[]> | undefined;
/** 30 residents with an active contract (team 1 of clinic 1), made once for both referral races. */
const referableResidents = (c: ClusterApps) => (residents ??= inBatches(30, 10, () => referable(c.t)));

export const referralSlots: Race = {
  name: 'referral slots: 30 residents book one pool of 4 places, half through each node; held never above capacity, held = live referrals',
  async run(c) {
    const coordinator = await coordinatorLogin(c.t);
    const people = await referableResidents(c);
    const pool = await publishPool(c.t, coordinator, { capacity: 4 });
    const race = Promise.all(people.map((r, i) => requestReferral(c.t, r, pool.id, '血压控制不佳，需专科调整用药', c.servers[i % 2])));
    const maxHeld = await maxHeldDuring(c, pool.id, race);
    const replies: Reply[] = await race;
    const full = replies.filter((r) => r.status === 409 && r.body.code === 'REFERRAL.SLOT_FULL').length;
    expect([replies.filter((r) => r.status === 201).length, full]).toEqual([4, 26]);
    expect(maxHeld).toBeLessThanOrEqual(4);
    expect(await poolHeld(c.t, pool.id)).toEqual({ held: 4, capacity: 4, occupying: 4 });
    expect(await poolsDisagreeing(c)).toEqual([]);
  },
};

export const referralSweep: Race = {
  name: 'referral sweep: expiry jobs on both nodes race approvals, cancellations and new bookings; each hold ends once, places return once',
  async run(c) {
    const coordinator = await coordinatorLogin(c.t);
    const doctor = await staffLogin(c.t, 'clinic1.doctor1');
    const people = await referableResidents(c);
    const capacity = 8;
    const pool = await publishPool(c.t, coordinator, { capacity, department: '眼科' });
    const first = people.slice(0, capacity);
    const holds = await Promise.all(first.map((r) => requested(c.t, r, pool.id)));
    // Half of the holds are past their time, so the sweeps of both nodes compete with approvals for them.
    await c.t.dataSource.query('UPDATE referrals SET holdExpiresAt = ? WHERE id IN (?)', [
      new Date(Date.now() - 60_000),
      holds.filter((_, i) => i % 2 === 0).map((h) => h.id),
    ]);
    const jobs = [c.t.app.get(ReferralJobs), c.second.get(ReferralJobs)];
    // The lease row may be held since boot; free it so the scheduled runs below race for it.
    await c.t.dataSource.query(`DELETE FROM job_leases WHERE name = 'referral-sweep'`);
    const late = people.slice(capacity, capacity + 12);
    const race = Promise.all([
      ...holds.map((h, i) => c.servers[i % 2].post(`/api/staff/referrals/${h.id}/approve`).set(doctor)),
      ...holds.map((h, i) => c.servers[(i + 1) % 2].post(`/api/referrals/${h.id}/cancel`).set(first[i].auth)),
      jobs[0].scheduled(),
      jobs[1].scheduled(),
      jobs[0].expireHolds(),
      jobs[1].expireHolds(),
      ...late.map((r, i) => requestReferral(c.t, r, pool.id, '视物模糊', c.servers[i % 2])),
    ]);
    const maxHeld = await maxHeldDuring(c, pool.id, race);
    const results = await race;
    expect(maxHeld).toBeLessThanOrEqual(capacity);
    const statuses = (results as unknown[]).filter((r): r is Reply => typeof r === 'object' && r !== null && 'status' in r).map((r) => r.status);
    expect(statuses.filter((s) => ![200, 201, 409].includes(s))).toEqual([]);
    expect(await c.t.dataSource.query(`SELECT holder FROM job_leases WHERE name = 'referral-sweep'`)).toHaveLength(1);
    // Every hold ended in exactly one state; nothing requested is left past its time.
    const ended: { status: string; n: string }[] = await c.t.dataSource.query('SELECT status, COUNT(*) AS n FROM referrals WHERE id IN (?) GROUP BY status', [
      holds.map((h) => h.id),
    ]);
    expect(ended.reduce((sum, r) => sum + Number(r.n), 0)).toBe(capacity);
    const [{ stale }] = await c.t.dataSource.query(`SELECT COUNT(*) AS stale FROM referrals WHERE slotId = ? AND status = 'requested' AND holdExpiresAt < ?`, [
      pool.id,
      new Date(Date.now() - 30_000),
    ]);
    expect(Number(stale)).toBe(0);
    const { held, occupying } = await poolHeld(c.t, pool.id);
    expect(held).toBe(occupying);
    expect(held).toBeLessThanOrEqual(capacity);
    // No hold was told twice that it expired (or was approved, or cancelled).
    const notices = await c.t.dataSource.query(
      'SELECT refId, kind, COUNT(*) AS n FROM resident_notices WHERE refId IN (?) GROUP BY refId, kind HAVING COUNT(*) > 1',
      [holds.map((h) => h.id)],
    );
    expect(notices).toEqual([]);
    expect(await poolsDisagreeing(c)).toEqual([]);
  },
};
