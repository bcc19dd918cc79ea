import { Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, IntColumn, RefColumn, TextColumn } from '../database/columns';

/**
 * 家庭医生团队 of an institution. `heldPlaces` counts the contracts holding a place with any of its
 * doctors (moved with `doctors.heldPlaces`, by conditional updates) so a region may cap a team.
 */
@Entity('teams')
@Index('IDX_teams_institution', ['institutionId'])
export class Team {
  @IdColumn() id: string;
  @RefColumn() institutionId: string;
  @TextColumn(100) name: string;
  @TextColumn(30) phone: string;
  @IntColumn({ default: 0 }) heldPlaces: number;
}

/** Which communities a team serves. */
@Entity('team_communities')
export class TeamCommunity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) teamId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) communityId: string;
}
