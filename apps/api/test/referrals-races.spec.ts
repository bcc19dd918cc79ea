import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ReferralJobs } from '../src/referrals/referral-jobs';
import { inBatches } from './support/contract-factories';
import { staffLogin } from './support/factories';
import { coordinatorLogin, poolHeld, publishPool, referable, requested, requestReferral, type Referable } from './support/referral-factories';
import { createTestApp, TestApp } from './support/test-app';

/** Every pool's `held` equals the referrals occupying it and never exceeds its capacity. */
async function poolsAgree(t: TestApp) {
  const rows: { id: string; held: number; capacity: number; n: string | number }[] = await t.dataSource.query(
    `SELECT p.id, p.held, p.capacity, (SELECT COUNT(*) FROM referrals r WHERE r.slotId = p.id AND r.status IN ('requested', 'booked', 'visited', 'noShow')) AS n
     FROM referral_slot_pools p`,
  );
  return rows.filter((r) => Number(r.held) !== Number(r.n) || Number(r.held) > Number(r.capacity));
}

/** Samples a pool's `held` while `work` runs; returns the highest value seen. */
async function maxHeldDuring(t: TestApp, poolId: string, work: Promise<unknown>): Promise<number> {
  let max = 0;
  let done = false;
  const sampler = (async () => {
    while (!done) {
      const [row] = await t.dataSource.query('SELECT held FROM referral_slot_pools WHERE id = ?', [poolId]);
      max = Math.max(max, Number(row.held));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  await work.finally(() => {
    done = true;
  });
  await sampler;
  return max;
}

describe('referrals under concurrency (MariaDB, one and two API processes)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;
  let coordinator: Record<string, string>;
  let doctor: Record<string, string>;
  let residents: Referable[];
  beforeAll(async () => {
    t = await createTestApp('mariadb');
    second = await t.startSecondInstance();
    coordinator = await coordinatorLogin(t);
    doctor = await staffLogin(t, 'clinic1.doctor1');
    residents = await inBatches(30, 10, () => referable(t));
  }, 180_000);
  afterAll(async () => t?.close());

  const summarise = (responses: { status: number; body: { code?: string; message?: string } }[]) => ({
    created: responses.filter((r) => r.status === 201).length,
    full: responses.filter((r) => r.status === 409 && r.body.code === 'REFERRAL.SLOT_FULL' && r.body.message === '这个时段的转诊号已约满，请选择其他日期或时段')
      .length,
    other: responses.filter((r) => r.status !== 201 && r.body.code !== 'REFERRAL.SLOT_FULL').map((r) => [r.status, r.body]),
  });

  it('lets exactly 2 of 30 residents racing for 2 places hold one; 28 get 409 with a Chinese message', async () => {
    const pool = await publishPool(t, coordinator, { capacity: 2 });
    const responses = await Promise.all(residents.map((r) => requestReferral(t, r, pool.id)));
    expect(summarise(responses)).toEqual({ created: 2, full: 28, other: [] });
    expect(await poolHeld(t, pool.id)).toEqual({ held: 2, capacity: 2, occupying: 2 });
  });

  it('holds the cap across two API processes on one database', async () => {
    const pool = await publishPool(t, coordinator, { capacity: 2 });
    const servers = [t.http, request(second.getHttpServer())];
    const responses = await Promise.all(residents.map((r, i) => requestReferral(t, r, pool.id, '心悸', servers[i % 2])));
    expect(summarise(responses)).toEqual({ created: 2, full: 28, other: [] });
    expect(await poolHeld(t, pool.id)).toEqual({ held: 2, capacity: 2, occupying: 2 });
  });

  it('gives one referral to a resident asking twice at once for the same department on two processes', async () => {
    const [a, b] = [
      await publishPool(t, coordinator, { capacity: 5, department: '内分泌科' }),
      await publishPool(t, coordinator, { capacity: 5, department: '内分泌科' }),
    ];
    const servers = [t.http, request(second.getHttpServer())];
    const resident = residents[0];
    const responses = await Promise.all([a, b, a, b].map((pool, i) => requestReferral(t, resident, pool.id, '孕检', servers[i % 2])));
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(
      responses
        .filter((r) => r.status === 409)
        .map((r) => r.body.code)
        .every((code) => code === 'REFERRAL.ALREADY_OPEN' || code === 'REFERRAL.SLOT_FULL'),
    ).toBe(true);
    expect(await poolsAgree(t)).toEqual([]);
  });

  // Each case in its own department, so that earlier cases' open referrals do not refuse these residents.
  it.each([
    ['one process', false, '骨科'],
    ['two processes, the expiry job running on both', true, '眼科'],
  ])(
    'keeps held within capacity and equal to live holds and bookings when approvals, cancellations, the expiry job and new requests race (%s)',
    async (_, twoProcesses, department) => {
      const capacity = 8;
      const pool = await publishPool(t, coordinator, { capacity, department });
      const first = residents.slice(0, capacity);
      const holds = await Promise.all(first.map((r) => requested(t, r, pool.id)));
      // Half of the holds are past their time, so the expiry job competes with approvals for them.
      await t.dataSource.query('UPDATE referrals SET holdExpiresAt = ? WHERE id IN (?)', [
        new Date(Date.now() - 60_000),
        holds.filter((_, i) => i % 2 === 0).map((h) => h.id),
      ]);
      const servers = twoProcesses ? [t.http, request(second.getHttpServer())] : [t.http];
      const jobs = twoProcesses ? [t.app.get(ReferralJobs), second.get(ReferralJobs)] : [t.app.get(ReferralJobs)];
      const late = residents.slice(capacity, capacity + 12);
      const race = Promise.all([
        ...holds.map((h, i) => servers[i % servers.length].post(`/api/staff/referrals/${h.id}/approve`).set(doctor)),
        ...holds.map((h, i) => servers[(i + 1) % servers.length].post(`/api/referrals/${h.id}/cancel`).set(first[i].auth)),
        ...jobs.map((job) => job.expireHolds()),
        ...jobs.map((job) => job.expireHolds()),
        ...late.map((r, i) => requestReferral(t, r, pool.id, '失眠', servers[i % servers.length])),
      ]);
      const maxHeld = await maxHeldDuring(t, pool.id, race);
      const results = await race;
      expect(maxHeld).toBeLessThanOrEqual(capacity);
      const statuses = (results as { status?: number }[]).filter((r) => typeof r === 'object' && r.status).map((r) => r.status);
      expect(statuses.every((s) => s === 200 || s === 201 || s === 409)).toBe(true);
      const { held, occupying } = await poolHeld(t, pool.id);
      expect(held).toBe(occupying);
      expect(held).toBeLessThanOrEqual(capacity);
      // Every hold ended in exactly one state; a late request got a place only if one was free.
      const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM referrals WHERE slotId = ? AND status IN ('requested', 'booked')`, [pool.id]);
      expect(Number(n)).toBe(held);
      const notices = await t.dataSource.query(
        `SELECT refId, COUNT(*) AS n FROM resident_notices WHERE refId IN (?) GROUP BY refId, kind HAVING COUNT(*) > 1`,
        [holds.map((h) => h.id)],
      );
      expect(notices).toEqual([]);
      expect(await poolsAgree(t)).toEqual([]);
    },
  );
});
