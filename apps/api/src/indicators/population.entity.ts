import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { PopulationGroup } from '@jiayi/domain';
import { IntColumn, JsonColumn, RefColumn, TimeColumn } from '../database/columns';

/** 常住人口 and each key group's count of one community in one year, entered by admins (the denominators). */
@Entity('populations')
@Index('IDX_populations_institution_year', ['institutionId', 'year'])
@Index('IDX_populations_region_year', ['regionId', 'year'])
export class Population {
  @PrimaryColumn({ type: 'varchar', length: 36 }) communityId: string;
  @PrimaryColumn({ type: 'int' }) year: number;
  @RefColumn() institutionId: string;
  @RefColumn() regionId: string;
  @IntColumn() residents: number;
  @JsonColumn() groups: Partial<Record<PopulationGroup, number>>;
  @RefColumn() updatedBy: string;
  @TimeColumn() updatedAt: Date;
}
