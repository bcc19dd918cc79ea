import type { AuthContext } from './auth-context';

/** Where a staff member of a clinic sees residents: the whole region, one institution, or one team. */
export type StaffScope =
  | { level: 'region'; regionId: string; institutionId: null; teamId: null }
  | { level: 'institution'; regionId: string; institutionId: string; teamId: null }
  | { level: 'team'; regionId: string; institutionId: string; teamId: string };

/** A place a record belongs to (a contract, a wave, a resident's placement). */
export interface ScopedPlace {
  regionId: string | null;
  institutionId: string | null;
  teamId: string | null;
}

/**
 * The one staff-scope model of the API: a region admin the region, a clinic admin the
 * institution, a doctor the team. Null for everyone else (residents, hospital coordinators —
 * whose scope is their hospital, checked by the referral feature).
 */
export function staffScope(auth: AuthContext): StaffScope | null {
  if (!auth.regionId) return null;
  if (auth.role === 'regionAdmin') return { level: 'region', regionId: auth.regionId, institutionId: null, teamId: null };
  if (auth.role === 'clinicAdmin' && auth.institutionId)
    return { level: 'institution', regionId: auth.regionId, institutionId: auth.institutionId, teamId: null };
  if (auth.role === 'doctor' && auth.institutionId && auth.teamId) {
    return { level: 'team', regionId: auth.regionId, institutionId: auth.institutionId, teamId: auth.teamId };
  }
  return null;
}

/** The condition on a table with `regionId` / `institutionId` / `teamId` columns that keeps the scope's rows. */
export function scopeWhere(scope: StaffScope): { teamId: string } | { institutionId: string } | { regionId: string } {
  if (scope.level === 'team') return { teamId: scope.teamId };
  if (scope.level === 'institution') return { institutionId: scope.institutionId };
  return { regionId: scope.regionId };
}

/** Whether a place lies inside the scope. */
export function placeWithinScope(scope: StaffScope, place: ScopedPlace): boolean {
  if (place.regionId !== scope.regionId) return false;
  if (scope.level === 'region') return true;
  if (scope.level === 'institution') return place.institutionId === scope.institutionId;
  return place.teamId === scope.teamId;
}
