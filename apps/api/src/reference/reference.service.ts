import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { effectivePolicy } from '@jiayi/domain';
import type { Community as CommunityView, Hospital as HospitalView, Team as TeamShape } from '@jiayi/contract';
import { Community } from './community.entity';
import { Doctor } from './doctor.entity';
import { Hospital } from './hospital.entity';
import { Institution } from './institution.entity';
import { Region } from './region.entity';
import { Team, TeamCommunity } from './team.entity';

export type TeamView = TeamShape;

/** Communities, teams with their places left, hospitals: what a resident chooses from. */
@Injectable()
export class ReferenceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async communities(): Promise<CommunityView[]> {
    const [communities, institutions] = await Promise.all([
      this.dataSource.getRepository(Community).find({ order: { name: 'ASC' } }),
      this.dataSource.getRepository(Institution).find(),
    ]);
    const byId = new Map(institutions.map((i) => [i.id, i]));
    return communities.map((c) => ({ id: c.id, name: c.name, institutionId: c.institutionId, institutionName: byId.get(c.institutionId)?.name ?? '' }));
  }

  /** Teams serving a community, or the given teams; family doctors with their places left under the region's cap. */
  async teams(filter: { communityId?: string; teamIds?: string[]; institutionIds?: string[] }): Promise<TeamView[]> {
    let teamIds = filter.teamIds;
    if (filter.communityId) {
      const links = await this.dataSource.getRepository(TeamCommunity).findBy({ communityId: filter.communityId });
      teamIds = links.map((l) => l.teamId);
    }
    const where = teamIds ? { id: In(teamIds) } : filter.institutionIds ? { institutionId: In(filter.institutionIds) } : {};
    const teams = await this.dataSource.getRepository(Team).find({ where, order: { name: 'ASC' } });
    if (teams.length === 0) return [];
    const ids = teams.map((t) => t.id);
    const [doctors, links, institutions] = await Promise.all([
      this.dataSource.getRepository(Doctor).find({ where: { teamId: In(ids) }, order: { name: 'ASC' } }),
      this.dataSource.getRepository(TeamCommunity).findBy({ teamId: In(ids) }),
      this.dataSource.getRepository(Institution).findBy({ id: In([...new Set(teams.map((t) => t.institutionId))]) }),
    ]);
    const communities = await this.dataSource.getRepository(Community).findBy({ id: In([...new Set(links.map((l) => l.communityId))]) });
    const regions = await this.dataSource.getRepository(Region).findBy({ id: In([...new Set(institutions.map((i) => i.regionId))]) });
    const capacityOf = (institutionId: string) => {
      const regionId = institutions.find((i) => i.id === institutionId)?.regionId;
      return (regions.find((r) => r.id === regionId)?.policy ?? effectivePolicy(null)).doctorCapacity;
    };
    return teams.map((team) => {
      const capacity = capacityOf(team.institutionId);
      const members = doctors
        .filter((d) => d.teamId === team.id)
        .map((d) => ({
          id: d.id,
          name: d.name,
          title: d.title,
          phone: d.phone,
          isFamilyDoctor: d.isFamilyDoctor,
          signed: d.heldPlaces,
          placesLeft: d.isFamilyDoctor ? Math.max(0, capacity - d.heldPlaces) : 0,
        }));
      return {
        id: team.id,
        name: team.name,
        phone: team.phone,
        institutionId: team.institutionId,
        institutionName: institutions.find((i) => i.id === team.institutionId)?.name ?? '',
        communities: links
          .filter((l) => l.teamId === team.id)
          .map((l) => ({ id: l.communityId, name: communities.find((c) => c.id === l.communityId)?.name ?? '' })),
        placesLeft: members.reduce((sum, d) => sum + d.placesLeft, 0),
        doctors: members,
      };
    });
  }

  async hospitals(): Promise<HospitalView[]> {
    const hospitals = await this.dataSource.getRepository(Hospital).find({ order: { name: 'ASC' } });
    return hospitals.map(({ id, name, level, address, departments }) => ({ id, name, level, address, departments }));
  }
}
