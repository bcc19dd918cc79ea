import type { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { placeWithinScope, staffScope } from '../auth/staff-scope';
import type { SurveyWave } from './survey-wave.entity';

/** Where a resident belongs: the active contract's team, or the community's institution when unsigned. */
export interface Placement {
  personId: string;
  regionId: string | null;
  institutionId: string | null;
  teamId: string | null;
  /** First day of the current run of contracts (active or expired ones), null when not signed. */
  signedSince: string | null;
}

/** The wave lies inside the caller's scope: the caller may read its report. */
export function waveWithinStaffScope(auth: AuthContext, wave: SurveyWave): boolean {
  const scope = staffScope(auth);
  return !!scope && placeWithinScope(scope, wave);
}

/** The wave and the caller's scope share residents: the caller takes part in its fieldwork. */
export function waveOverlapsStaffScope(auth: AuthContext, wave: SurveyWave): boolean {
  if (waveWithinStaffScope(auth, wave)) return true;
  const scope = staffScope(auth);
  if (!scope || wave.regionId !== scope.regionId) return false;
  if (wave.scopeType === 'region') return true;
  return scope.level === 'team' && wave.scopeType === 'institution' && wave.institutionId === scope.institutionId;
}

/** A resident placed at `placement` is someone the caller's scope covers. */
export function placementWithinStaffScope(auth: AuthContext, placement: Placement): boolean {
  const scope = staffScope(auth);
  return !!scope && placeWithinScope(scope, placement);
}

/** The wave's scope contains the resident. */
export function waveContains(wave: SurveyWave, placement: Placement): boolean {
  if (wave.scopeType === 'region') return placement.regionId === wave.scopeId;
  if (wave.scopeType === 'institution') return placement.institutionId === wave.scopeId;
  return placement.teamId !== null && placement.teamId === wave.scopeId;
}

/** SQL condition (on `contracts c`) for the signed residents of a wave's scope. */
export function contractScopeCondition(wave: Pick<SurveyWave, 'scopeType' | 'scopeId'>): { sql: string; params: string[] } {
  const column = wave.scopeType === 'region' ? 'c.regionId' : wave.scopeType === 'institution' ? 'c.institutionId' : 'c.teamId';
  return { sql: `${column} = ?`, params: [wave.scopeId] };
}

/** Places a person by the active contract, or, when unsigned, by the community's institution. */
export async function placePerson(dataSource: DataSource, personId: string, communityId: string | null): Promise<Placement> {
  const [contract] = await dataSource.query(
    `SELECT c.teamId, c.institutionId, c.regionId,
            (SELECT MIN(e.startDate) FROM contracts e WHERE e.personId = c.personId AND e.status IN ('active', 'expired')) AS signedSince
       FROM contracts c WHERE c.personId = ? AND c.status = 'active' ORDER BY c.startDate LIMIT 1`,
    [personId],
  );
  if (contract) {
    return {
      personId,
      regionId: contract.regionId,
      institutionId: contract.institutionId,
      teamId: contract.teamId,
      signedSince: dateText(contract.signedSince),
    };
  }
  if (!communityId) return { personId, regionId: null, institutionId: null, teamId: null, signedSince: null };
  const [community] = await dataSource.query(
    `SELECT cm.institutionId, i.regionId FROM communities cm JOIN institutions i ON i.id = cm.institutionId WHERE cm.id = ?`,
    [communityId],
  );
  return { personId, regionId: community?.regionId ?? null, institutionId: community?.institutionId ?? null, teamId: null, signedSince: null };
}

/**
 * The account holder's self person, placed, in one query (the hot path of a resident's
 * submission): null when the profile is not filled in yet.
 */
export async function placeSelf(
  dataSource: DataSource,
  accountId: string,
): Promise<{ person: { id: string; birthDate: string; declaredTagsCipher: string; communityId: string | null }; placement: Placement } | null> {
  const [row] = await dataSource.query(
    `SELECT p.id, p.birthDate, p.declaredTagsCipher, p.communityId,
            c.teamId, c.institutionId, c.regionId,
            (SELECT MIN(e.startDate) FROM contracts e WHERE e.personId = p.id AND e.status IN ('active', 'expired')) AS signedSince,
            cm.institutionId AS communityInstitutionId, i.regionId AS communityRegionId
       FROM persons p
       LEFT JOIN contracts c ON c.personId = p.id AND c.status = 'active'
       LEFT JOIN communities cm ON cm.id = p.communityId
       LEFT JOIN institutions i ON i.id = cm.institutionId
      WHERE p.accountId = ? AND p.relation = 'self'
      ORDER BY c.startDate LIMIT 1`,
    [accountId],
  );
  if (!row) return null;
  const person = { id: row.id, birthDate: dateText(row.birthDate)!, declaredTagsCipher: row.declaredTagsCipher, communityId: row.communityId };
  const placement: Placement = row.teamId
    ? { personId: row.id, regionId: row.regionId, institutionId: row.institutionId, teamId: row.teamId, signedSince: dateText(row.signedSince) }
    : { personId: row.id, regionId: row.communityRegionId ?? null, institutionId: row.communityInstitutionId ?? null, teamId: null, signedSince: null };
  return { person, placement };
}

function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
