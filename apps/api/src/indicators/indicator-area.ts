import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { notFound } from '../common/api-error';
import { Community } from '../reference/community.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { Team, TeamCommunity } from '../reference/team.entity';

export interface AreaTeam {
  id: string;
  name: string;
  institutionId: string;
  communityIds: string[];
}

/** The area a dashboard is about, resolved within the caller's scope: its teams and communities. */
export interface Area {
  kind: 'region' | 'institution' | 'team';
  id: string;
  name: string;
  region: Region;
  institutions: Institution[];
  teams: AreaTeam[];
  communities: Community[];
}

/**
 * Resolves `?institutionId=&teamId=` against the caller: a region admin may pick any institution
 * or team of the region, a clinic admin its own institution or one of its teams, a doctor only
 * their team. Anything else is answered 404, as if it did not exist.
 */
@Injectable()
export class IndicatorAreas {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(auth: AuthContext, query: { institutionId?: string; teamId?: string }): Promise<Area> {
    if (!auth.regionId || !['regionAdmin', 'clinicAdmin', 'doctor'].includes(auth.role)) throw notFound();
    const region = await this.dataSource.getRepository(Region).findOneBy({ id: auth.regionId });
    if (!region) throw notFound();
    let institutions = await this.dataSource.getRepository(Institution).find({ where: { regionId: region.id }, order: { name: 'ASC' } });
    const own = (id: string | undefined) => (id === undefined ? undefined : institutions.find((i) => i.id === id));

    let institutionId = query.institutionId;
    let teamId = query.teamId;
    if (auth.role === 'clinicAdmin') {
      if (institutionId !== undefined && institutionId !== auth.institutionId) throw notFound('没有找到这个机构');
      institutionId = auth.institutionId;
    }
    if (auth.role === 'doctor') {
      if ((teamId !== undefined && teamId !== auth.teamId) || (institutionId !== undefined && institutionId !== auth.institutionId)) {
        throw notFound('没有找到这个团队');
      }
      teamId = auth.teamId;
    }
    if (institutionId !== undefined) {
      const institution = own(institutionId);
      if (!institution) throw notFound('没有找到这个机构');
      institutions = [institution];
    }
    const teams = await this.teamsOf(institutions.map((i) => i.id));
    if (teamId !== undefined) {
      const team = teams.find((t) => t.id === teamId);
      if (!team) throw notFound('没有找到这个团队');
      const institution = own(team.institutionId)!;
      const communities = await this.communities(team.communityIds);
      return { kind: 'team', id: team.id, name: team.name, region, institutions: [institution], teams: [team], communities };
    }
    const communities = institutions.length
      ? await this.dataSource.getRepository(Community).find({ where: { institutionId: In(institutions.map((i) => i.id)) }, order: { name: 'ASC' } })
      : [];
    if (institutionId !== undefined) {
      return { kind: 'institution', id: institutions[0].id, name: institutions[0].name, region, institutions, teams, communities };
    }
    return { kind: 'region', id: region.id, name: region.name, region, institutions, teams, communities };
  }

  private async teamsOf(institutionIds: string[]): Promise<AreaTeam[]> {
    if (institutionIds.length === 0) return [];
    const teams = await this.dataSource.getRepository(Team).find({ where: { institutionId: In(institutionIds) }, order: { name: 'ASC' } });
    const links = teams.length ? await this.dataSource.getRepository(TeamCommunity).findBy({ teamId: In(teams.map((t) => t.id)) }) : [];
    return teams.map((t) => ({
      id: t.id,
      name: t.name,
      institutionId: t.institutionId,
      communityIds: links.filter((l) => l.teamId === t.id).map((l) => l.communityId),
    }));
  }

  private async communities(ids: string[]): Promise<Community[]> {
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(Community).find({ where: { id: In(ids) }, order: { name: 'ASC' } });
  }
}
