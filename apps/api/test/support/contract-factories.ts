import request from 'supertest';
import { idNumberFor, residentWithProfile, staffLogin } from './factories';
import { refreshPlacementsOfContracts } from '../../src/people/placements';
import { refreshPlanItems } from '../../src/indicators/plan-items';
import type { TestApp } from './test-app';

export const BASIC = ['basicPublicHealth', 'basicMedical'];

export type Resident = Awaited<ReturnType<typeof residentWithProfile>>;
type Http = ReturnType<typeof request>;

/** A demo team by name, with its family doctors by name. */
export async function demoTeam(t: TestApp, name = '城关镇第一家庭医生团队') {
  const [team] = await t.dataSource.query('SELECT id, institutionId FROM teams WHERE name = ?', [name]);
  if (!team) throw new Error(`no team ${name}`);
  const doctors: { id: string; name: string; isFamilyDoctor: number | boolean; heldPlaces: number }[] = await t.dataSource.query(
    'SELECT id, name, isFamilyDoctor, heldPlaces FROM doctors WHERE teamId = ?',
    [team.id],
  );
  const doctor = (doctorName: string) => {
    const found = doctors.find((d) => d.name === doctorName);
    if (!found) throw new Error(`no doctor ${doctorName}`);
    return found.id;
  };
  return { id: team.id as string, institutionId: team.institutionId as string, doctor };
}

export async function currentAgreementVersion(t: TestApp): Promise<string> {
  const [row] = await t.dataSource.query('SELECT version FROM agreements ORDER BY effectiveFrom DESC LIMIT 1');
  return row.version;
}

export interface SignOverrides {
  personIds?: string[];
  teamId?: string;
  doctorId?: string;
  packageCodes?: string[];
  years?: number;
  agreementVersion?: string;
  insuranceAuthorized?: boolean;
  selections?: { personId: string; packageCodes: string[] }[];
}

/** The POST /api/contracts body for a resident, with defaults: the basic packages, 1 year, team 1 of clinic 1. */
export async function signBody(t: TestApp, resident: Resident, overrides: SignOverrides = {}) {
  const team = overrides.teamId ? null : await demoTeam(t);
  return {
    personIds: [resident.person.id],
    teamId: team?.id,
    packageCodes: BASIC,
    years: 1,
    agreementVersion: await currentAgreementVersion(t),
    insuranceAuthorized: true,
    ...overrides,
  };
}

/** Signs (POST /api/contracts) and returns the raw response; `http` may be a second instance's. */
export async function sign(t: TestApp, resident: Resident, overrides: SignOverrides = {}, http: Http = t.http) {
  return http
    .post('/api/contracts')
    .set(resident.auth)
    .send(await signBody(t, resident, overrides));
}

/** A resident with one pending contract (201 expected). */
export async function residentWithPendingContract(t: TestApp, overrides: SignOverrides = {}, profile: Parameters<typeof residentWithProfile>[1] = {}) {
  const resident = await residentWithProfile(t, profile);
  const response = await sign(t, resident, overrides);
  if (response.status !== 201) throw new Error(`sign failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { resident, contract: response.body[0] };
}

/** A resident with an active contract, confirmed by clinic 1's admin (any team of clinic 1). */
export async function residentWithActiveContract(t: TestApp, overrides: SignOverrides = {}, profile: Parameters<typeof residentWithProfile>[1] = {}) {
  const { resident, contract } = await residentWithPendingContract(t, overrides, profile);
  const admin = await staffLogin(t, 'clinic1.admin');
  const confirmed = await t.http.post(`/api/staff/contracts/${contract.id}/confirm`).set(admin).send({ confirmedTags: resident.person.declaredTags });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { resident, contract: confirmed.body };
}

/** Adds a family member to a resident's household. */
export async function familyMember(
  t: TestApp,
  resident: Resident,
  overrides: { name?: string; birthDate?: string; relation?: string; declaredTags?: string[]; guardianConsent?: boolean } = {},
) {
  const response = await t.http
    .post('/api/me/family-members')
    .set(resident.auth)
    .send({
      name: overrides.name ?? '家人',
      idNumber: idNumberFor(overrides.birthDate ?? '1982-02-02'),
      relation: overrides.relation ?? 'spouse',
      declaredTags: overrides.declaredTags ?? [],
      ...(overrides.guardianConsent !== undefined ? { guardianConsent: overrides.guardianConsent } : {}),
    });
  if (response.status !== 201) throw new Error(`family member failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; name: string };
}

/** Leaves a doctor `left` places under the region's capacity. */
export async function leavePlaces(t: TestApp, doctorId: string, left: number) {
  const [region] = await t.dataSource.query('SELECT policy FROM regions LIMIT 1');
  const capacity = JSON.parse(region.policy).doctorCapacity as number;
  await t.dataSource.query('UPDATE doctors SET heldPlaces = ? WHERE id = ?', [capacity - left, doctorId]);
}

export async function heldPlaces(t: TestApp, doctorId: string): Promise<number> {
  const [row] = await t.dataSource.query('SELECT heldPlaces FROM doctors WHERE id = ?', [doctorId]);
  return Number(row.heldPlaces);
}

/** Moves a contract's period so that it ends on `endDate` (dates are strings 'YYYY-MM-DD'). */
export async function moveEndDate(t: TestApp, contractId: string, endDate: string) {
  await t.dataSource.query('UPDATE contracts SET endDate = ? WHERE id = ?', [endDate, contractId]);
  await refreshPlacementsOfContracts(t.dataSource.manager, [contractId]);
}

/**
 * Moves a confirmed contract's period (and its confirmation, to its first day) by hand, as tests of
 * past years need, and places its person and rewrites its plan items as the API's own writes would.
 */
export async function setContractDates(t: TestApp, contractId: string, startDate: string, endDate: string) {
  await t.dataSource.query('UPDATE contracts SET startDate = ?, endDate = ?, doctorConfirmedAt = ? WHERE id = ?', [
    startDate,
    endDate,
    `${startDate} 02:00:00`,
    contractId,
  ]);
  await t.dataSource.transaction(async (manager) => {
    await refreshPlacementsOfContracts(manager, [contractId]);
    await refreshPlanItems(manager, [contractId]);
  });
}

/** Runs `count` async factories `concurrency` at a time. */
export async function inBatches<T>(count: number, concurrency: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += concurrency) {
    const size = Math.min(concurrency, count - start);
    results.push(...(await Promise.all(Array.from({ length: size }, (_, j) => make(start + j)))));
  }
  return results;
}
