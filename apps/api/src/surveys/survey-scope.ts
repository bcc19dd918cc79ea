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

/** Where a person belongs (people/placements.ts keeps it): the active contract, or, when unsigned, the community's institution. */
export async function placePerson(dataSource: DataSource, personId: string): Promise<Placement> {
  const [row] = await dataSource.query('SELECT regionId, institutionId, teamId, signedSince FROM person_placements WHERE personId = ?', [personId]);
  return placementOf(personId, row);
}

/**
 * The account holder's self person, placed, in one query: null when the profile is not filled in
 * yet.
 */
export async function placeSelf(
  dataSource: DataSource,
  accountId: string,
): Promise<{ person: { id: string; birthDate: string; declaredTagsCipher: string; communityId: string | null }; placement: Placement } | null> {
  const [row] = await dataSource.query(
    `SELECT p.id, p.birthDate, p.declaredTagsCipher, p.communityId, pl.regionId, pl.institutionId, pl.teamId, pl.signedSince
       FROM persons p
       LEFT JOIN person_placements pl ON pl.personId = p.id
      WHERE p.accountId = ? AND p.relation = 'self'
      ORDER BY p.id LIMIT 1`,
    [accountId],
  );
  if (!row) return null;
  return {
    person: { id: row.id, birthDate: dateText(row.birthDate)!, declaredTagsCipher: row.declaredTagsCipher, communityId: row.communityId },
    placement: placementOf(row.id, row),
  };
}

function placementOf(
  personId: string,
  row: { regionId: string | null; institutionId: string | null; teamId: string | null; signedSince: unknown } | undefined,
): Placement {
  return {
    personId,
    regionId: row?.regionId ?? null,
    institutionId: row?.institutionId ?? null,
    teamId: row?.teamId ?? null,
    signedSince: dateText(row?.signedSince),
  };
}

function dateText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}
