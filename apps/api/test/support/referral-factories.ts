import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, todayInChina } from '@jiayi/domain';
import { hashPassword } from '../../src/auth/password';
import { residentWithActiveContract, type Resident } from './contract-factories';
import { staffLogin } from './factories';
import type { TestApp } from './test-app';

type Http = ReturnType<typeof request>;
type Auth = Record<string, string>;

/** Departments of the demo hospital without demo pools, so tests own every pool they touch. */
const TEST_DEPARTMENTS = ['中医科', '妇产科', '儿科'];
const slotsTaken = new Map<string, number>();
let rotation = 0;

/** A slot no other test of this file uses: a department without demo pools (or the one named), 15–59 days ahead. */
export function freshSlot(department = TEST_DEPARTMENTS[rotation++ % TEST_DEPARTMENTS.length]): { department: string; date: string; period: 'am' | 'pm' } {
  const n = slotsTaken.get(department) ?? 0;
  slotsTaken.set(department, n + 1);
  const daysAhead = 15 + Math.floor(n / 2);
  if (daysAhead > 59) throw new Error(`out of fresh slots in ${department}`);
  return { department, date: addDays(todayInChina(new Date()), daysAhead), period: n % 2 === 0 ? 'am' : 'pm' };
}

export const coordinatorLogin = (t: TestApp) => staffLogin(t, 'hospital1.coordinator');

/** Publishes a pool (201 expected) and returns it. */
export async function publishPool(
  t: TestApp,
  coordinator: Auth,
  overrides: { capacity?: number; department?: string; date?: string; period?: 'am' | 'pm' } = {},
) {
  const response = await t.http
    .post('/api/staff/referral-slots')
    .set(coordinator)
    .send({ ...freshSlot(overrides.department), capacity: 3, ...overrides });
  if (response.status !== 201) throw new Error(`publish failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; department: string; date: string; period: 'am' | 'pm'; capacity: number; booked: number; left: number };
}

/** A resident with an active contract, ready to be referred. */
export async function referable(t: TestApp) {
  const { resident, contract } = await residentWithActiveContract(t);
  return { ...resident, contractId: contract.id as string };
}
export type Referable = Resident & { contractId: string };

/** POST /api/referrals for a resident; `http` may be a second instance's. */
export function requestReferral(t: TestApp, resident: Referable, slotId: string, reason = '血压控制不佳，需专科调整用药', http: Http = t.http) {
  return http.post('/api/referrals').set(resident.auth).send({ contractId: resident.contractId, slotId, reason });
}

export async function requested(t: TestApp, resident: Referable, slotId: string) {
  const response = await requestReferral(t, resident, slotId);
  if (response.status !== 201) throw new Error(`referral failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; status: string; date: string };
}

/** Moves a referral and its pool to another day (as if that day had come). */
export async function moveReferralDate(t: TestApp, referralId: string, date: string) {
  await t.dataSource.query('UPDATE referral_slot_pools SET date = ? WHERE id = (SELECT slotId FROM referrals WHERE id = ?)', [date, referralId]);
  await t.dataSource.query('UPDATE referrals SET date = ? WHERE id = ?', [date, referralId]);
}

export const today = () => todayInChina(new Date());

export async function poolHeld(t: TestApp, poolId: string): Promise<{ held: number; capacity: number; occupying: number }> {
  const [pool] = await t.dataSource.query('SELECT held, capacity FROM referral_slot_pools WHERE id = ?', [poolId]);
  const [{ n }] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM referrals WHERE slotId = ? AND status IN ('requested', 'booked', 'visited', 'noShow')`, [
    poolId,
  ]);
  return { held: Number(pool.held), capacity: Number(pool.capacity), occupying: Number(n) };
}

/** A second hospital of the region with its own coordinator account, for scope tests. */
export async function otherHospitalCoordinator(t: TestApp): Promise<Auth> {
  const hospitalId = randomUUID();
  const username = `hospital-${hospitalId.slice(0, 8)}`;
  await t.dataSource.query('INSERT INTO hospitals (id, regionId, name, level, address, departments) VALUES (?, ?, ?, ?, ?, ?)', [
    hospitalId,
    t.demo.regionId,
    '示范县中医医院',
    '二级甲等',
    '示范县建设路8号',
    JSON.stringify(['中医科']),
  ]);
  await t.dataSource.query(
    'INSERT INTO staff_accounts (id, username, passwordHash, role, name, regionId, hospitalId, isDemo, failedLogins) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [randomUUID(), username, await hashPassword('jiayi-demo'), 'hospitalCoordinator', '中医院转诊办', t.demo.regionId, hospitalId, 1, 0],
  );
  return staffLogin(t, username);
}
