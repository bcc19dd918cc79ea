import { Entity, PrimaryColumn } from 'typeorm';
import type { IndicatorTarget } from '@jiayi/domain';
import { JsonColumn, RefColumn, TimeColumn } from '../database/columns';

/** A region's targets, points and scoring rules where they differ from the seeds' defaults (one row per region). */
@Entity('indicator_settings')
export class IndicatorSettings {
  @PrimaryColumn({ type: 'varchar', length: 36 }) regionId: string;
  @JsonColumn() targets: Record<string, IndicatorTarget>;
  @RefColumn() updatedBy: string;
  @TimeColumn() updatedAt: Date;
}
