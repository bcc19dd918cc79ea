import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/auth/auth-context';
import { hashPassword } from '../../src/auth/password';
import { StaffAccount } from '../../src/auth/staff-account.entity';
import { NoticesService } from '../../src/notices/notices.service';
import { BASIC, demoTeam, familyMember, residentWithActiveContract, sign } from './contract-factories';
import { residentWithProfile, staffLogin } from './factories';
import { freshSlot } from './referral-factories';
import { createWave, standardAnswers, submit } from './survey-factories';
import { probe, ProbeResult } from './http-probe';
import { listPathFor, Route, valuesOf } from './route-table';
import type { TestApp } from './test-app';

export type Headers = Record<string, string>;

/** A caller of the matrix: its token, role, and the side of the world it belongs to (null: sees both). */
export interface Actor {
  name: string;
  role: Role;
  headers: Headers;
  accountId: string;
  side: 'a' | 'b' | null;
}

/** The private records of one side: one resident household with its contracts, response, notice and referral. */
export interface Side {
  personIds: string[];
  contractIds: string[];
  responseIds: string[];
  noticeIds: string[];
  referralIds: string[];
}

/**
 * Two separate worlds made through the API: side A is a household in 东关村 signed with
 * clinic 1's first team (one active contract, one pending for a family member, a survey answer, a
 * notice, a referral to the demo hospital), side B a household in 东城社区 signed with clinic 2.
 * Actors belong to a side (its resident, its team's doctor, its clinic's admin), see both (region
 * admin), or only the residents referred to them (the hospital coordinator: side A), or neither
 * (a doctor of clinic 1's other team).
 */
export async function buildScopeWorld(t: TestApp) {
  const staffHeaders = {
    clinic1Admin: await staffLogin(t, 'clinic1.admin'),
    clinic1Doctor: await staffLogin(t, 'clinic1.doctor1'),
    clinic2Admin: await staffLogin(t, 'clinic2.admin'),
    clinic2Doctor: await staffLogin(t, 'clinic2.doctor1'),
    region: await staffLogin(t, 'region.admin'),
    coordinator: await staffLogin(t, 'hospital1.coordinator'),
  };
  const otherTeamDoctor = await doctorOfTeam(t, '城关镇第二家庭医生团队');

  const a = await residentWithActiveContract(t, {}, { declaredTags: ['hypertension'] });
  const aSpouse = await familyMember(t, a.resident, { name: '甲家人' });
  const aPending = await sign(t, a.resident, { personIds: [aSpouse.id] });
  if (aPending.status !== 201) throw new Error(`side A pending contract: ${aPending.status} ${JSON.stringify(aPending.body)}`);
  const waveA = await createWave(t, staffHeaders.clinic1Admin, { title: '甲方调查' });
  const responseA = await submit(t, a.resident.auth, waveA.id, standardAnswers()).expect(201);
  const pool = await t.http
    .post('/api/staff/referral-slots')
    .set(staffHeaders.coordinator)
    .send({ ...freshSlot(), capacity: 3 })
    .expect(201);
  const referralA = await t.http
    .post('/api/referrals')
    .set(a.resident.auth)
    .send({ contractId: a.contract.id, slotId: pool.body.id, reason: '血压控制不佳' })
    .expect(201);

  const b = await residentWithProfile(t, { community: '东城社区', declaredTags: ['diabetes2'] });
  const bSpouse = await familyMember(t, b, { name: '乙家人' });
  const teamB = await demoTeam(t, '东城第一家庭医生团队');
  const bContract = await sign(t, b, { teamId: teamB.id, packageCodes: BASIC });
  if (bContract.status !== 201) throw new Error(`side B contract: ${bContract.status} ${JSON.stringify(bContract.body)}`);
  const waveB = await createWave(t, staffHeaders.clinic2Admin, { title: '乙方调查', scopeId: t.demo.institutions.clinic2.id });
  const responseB = await submit(t, b.auth, waveB.id, standardAnswers()).expect(201);

  const notices = t.app.get(NoticesService);
  const notice = async (personId: string, refId: string) => {
    const raised = await t.dataSource.transaction((manager) =>
      notices.raise(manager, {
        personId,
        // Not contractConfirmed: confirming the contract already told the resident so (one notice per event).
        kind: 'renewalWindowOpen',
        body: '测试通知',
        refType: 'contract',
        refId,
        page: '/signing/contract/index',
      }),
    );
    if (!raised) throw new Error('notice not raised');
    return raised.id;
  };

  const sides: Record<'a' | 'b', Side> = {
    a: {
      personIds: [a.resident.person.id, aSpouse.id],
      contractIds: [a.contract.id, aPending.body[0].id],
      responseIds: [responseA.body.id],
      noticeIds: [await notice(a.resident.person.id, a.contract.id)],
      referralIds: [referralA.body.id],
    },
    b: {
      personIds: [b.person.id, bSpouse.id],
      contractIds: [bContract.body[0].id],
      responseIds: [responseB.body.id],
      noticeIds: [await notice(b.person.id, bContract.body[0].id)],
      referralIds: [],
    },
  };

  const accountOf = async (headers: Headers) => (await t.http.get('/api/me').set(headers).expect(200)).body.accountId as string;
  const staffId = async (username: string) => (await t.dataSource.query('SELECT id FROM staff_accounts WHERE username = ?', [username]))[0].id as string;
  const actors: Actor[] = [
    { name: 'resident A', role: 'resident', headers: a.resident.auth, accountId: await accountOf(a.resident.auth), side: 'a' },
    { name: 'resident B (another resident)', role: 'resident', headers: b.auth, accountId: await accountOf(b.auth), side: 'b' },
    { name: 'doctor of team A', role: 'doctor', headers: staffHeaders.clinic1Doctor, accountId: await staffId('clinic1.doctor1'), side: 'a' },
    { name: 'doctor of another team, same clinic', role: 'doctor', headers: otherTeamDoctor.headers, accountId: otherTeamDoctor.accountId, side: null },
    { name: 'doctor of team B', role: 'doctor', headers: staffHeaders.clinic2Doctor, accountId: await staffId('clinic2.doctor1'), side: 'b' },
    { name: 'clinic admin A', role: 'clinicAdmin', headers: staffHeaders.clinic1Admin, accountId: await staffId('clinic1.admin'), side: 'a' },
    {
      name: 'clinic admin B (another institution)',
      role: 'clinicAdmin',
      headers: staffHeaders.clinic2Admin,
      accountId: await staffId('clinic2.admin'),
      side: 'b',
    },
    {
      name: 'hospital coordinator',
      role: 'hospitalCoordinator',
      headers: staffHeaders.coordinator,
      accountId: await staffId('hospital1.coordinator'),
      side: 'a',
    },
    { name: 'region admin', role: 'regionAdmin', headers: staffHeaders.region, accountId: await staffId('region.admin'), side: null },
  ];
  return { sides, actors, waves: { a: waveA.id, b: waveB.id } };
}

/**
 * Which side's private records an actor may reach: its own side (for the coordinator, the side
 * referred to its hospital), both for the region admin, none for the doctor of a team that holds none.
 */
export function reachableSides(actor: Actor): ('a' | 'b')[] {
  if (actor.role === 'regionAdmin') return ['a', 'b'];
  return actor.side ? [actor.side] : [];
}

/** A doctor account of another team (not in the demo data), signed in with a token like staff-login's. */
async function doctorOfTeam(t: TestApp, teamName: string): Promise<{ headers: Headers; accountId: string }> {
  const team = await demoTeam(t, teamName);
  const [doctor] = await t.dataSource.query('SELECT id FROM doctors WHERE teamId = ? ORDER BY id LIMIT 1', [team.id]);
  const [region] = await t.dataSource.query('SELECT regionId FROM institutions WHERE id = ?', [team.institutionId]);
  const accountId = randomUUID();
  await t.dataSource.getRepository(StaffAccount).insert({
    id: accountId,
    username: `doctor.${accountId.slice(0, 8)}`,
    passwordHash: await hashPassword(randomUUID()),
    role: 'doctor',
    name: '另队医生',
    regionId: region.regionId,
    institutionId: team.institutionId,
    teamId: team.id,
    doctorId: doctor.id,
    hospitalId: null,
    isDemo: true,
    failedLogins: 0,
    lockedUntil: null,
  });
  const token = await t.app
    .get(JwtService)
    .signAsync({ sub: accountId, role: 'doctor', regionId: region.regionId, institutionId: team.institutionId, teamId: team.id, doctorId: doctor.id });
  return { headers: { Authorization: `Bearer ${token}` }, accountId };
}

/** Per actor: the ids (and codes) each list route showed it, keyed `<list path>#<field>`. */
export type VisibleIds = Map<string, Map<string, Set<string>>>;

export interface ListRead {
  actor: Actor;
  route: Route;
  url: string;
  result: ProbeResult;
}

/**
 * Calls every list route (a GET without path parameters) as every actor its roles allow, and
 * records which ids each actor was shown: the records a path parameter is filled with.
 */
export async function readLists(
  t: TestApp,
  routes: Route[],
  actors: Actor[],
  query: (route: Route) => string,
): Promise<{ visible: VisibleIds; reads: ListRead[] }> {
  const visible: VisibleIds = new Map();
  const reads: ListRead[] = [];
  for (const route of routes.filter((r) => r.method === 'GET' && r.pathParams.length === 0 && !r.isPublic)) {
    for (const actor of actors.filter((a) => route.roles === null || route.roles.includes(a.role))) {
      const url = `${route.path}${query(route)}`;
      const result = await probe(t, { method: 'GET', url, headers: actor.headers });
      reads.push({ actor, route, url, result });
      const byPath = visible.get(actor.name) ?? new Map<string, Set<string>>();
      visible.set(actor.name, byPath);
      if (result.status !== 200) continue;
      const body = parseJson(result.text);
      for (const field of ['id', 'code']) byPath.set(`${route.path}#${field}`, new Set(valuesOf(body, field)));
    }
  }
  return { visible, reads };
}

/** The ids of a path parameter's records that `actor` saw (every actor's when none is given). */
export function seenIds(visible: VisibleIds, route: Route, param: string, actor?: Actor): Set<string> {
  const key = `${listPathFor(route, param)}#${param}`;
  const maps = actor ? [visible.get(actor.name)] : [...visible.values()];
  return new Set(maps.flatMap((m) => [...(m?.get(key) ?? [])]));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
