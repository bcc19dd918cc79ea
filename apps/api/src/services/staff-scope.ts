import { DataSource, FindOptionsWhere } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { notFound } from '../common/api-error';
import { Contract } from '../contracts/contract.entity';
import { Institution } from '../reference/institution.entity';
import { Team } from '../reference/team.entity';

/** What a staff account sees: a doctor its team, a clinic admin its institution, a region admin its region. */
export type StaffScope = { teamId: string } | { institutionId: string } | { regionId: string };

export function staffScope(auth: AuthContext): StaffScope {
  if (auth.role === 'doctor' && auth.teamId) return { teamId: auth.teamId };
  if (auth.role === 'clinicAdmin' && auth.institutionId) return { institutionId: auth.institutionId };
  if (auth.role === 'regionAdmin' && auth.regionId) return { regionId: auth.regionId };
  throw notFound();
}

/** `[column, value]` of the scope, for raw SQL over tables that carry teamId, institutionId and regionId. */
export function scopeColumn(scope: StaffScope): [string, string] {
  return Object.entries(scope)[0] as [string, string];
}

/** A team the caller may act for, or 404. */
export async function teamInScope(dataSource: DataSource, auth: AuthContext, teamId: string): Promise<Team> {
  const scope = staffScope(auth);
  const team = await dataSource.getRepository(Team).findOneBy({ id: teamId });
  const institution = team ? await dataSource.getRepository(Institution).findOneBy({ id: team.institutionId }) : null;
  const visible =
    team &&
    institution &&
    ('teamId' in scope
      ? team.id === scope.teamId
      : 'institutionId' in scope
        ? team.institutionId === scope.institutionId
        : institution.regionId === scope.regionId);
  if (!visible) throw notFound('没有找到这个家庭医生团队');
  return team;
}

/** A contract in the caller's scope, or 404. */
export async function contractInScope(dataSource: DataSource, auth: AuthContext, id: string): Promise<Contract> {
  const contract = await dataSource.getRepository(Contract).findOneBy({ id, ...(staffScope(auth) as FindOptionsWhere<Contract>) });
  if (!contract) throw notFound('没有找到这份签约');
  return contract;
}

/** The contracts of a person in the caller's scope, newest first; 404 when there are none (a resident outside scope). */
export async function contractsOfPersonInScope(dataSource: DataSource, auth: AuthContext, personId: string): Promise<Contract[]> {
  const contracts = await dataSource.getRepository(Contract).find({
    where: { personId, ...(staffScope(auth) as FindOptionsWhere<Contract>) },
    order: { startDate: 'DESC', createdAt: 'DESC' },
  });
  if (contracts.length === 0) throw notFound('没有找到这位居民');
  return contracts;
}
