import { Entity, Index } from 'typeorm';
import { IdColumn, IntColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

export type { WaveScopeType } from '@jiayi/domain';
import type { WaveScopeType } from '@jiayi/domain';

/**
 * 调查批次: one questionnaire version run for a region, institution or team over a period.
 * `institutionId` and `teamId` repeat the scope's place (null above it) so scope checks are one comparison.
 */
@Entity('survey_waves')
@Index('IDX_survey_waves_region', ['regionId'])
export class SurveyWave {
  @IdColumn() id: string;
  @RefColumn() regionId: string;
  @RefColumn() questionnaireId: string;
  @TextColumn(200) title: string;
  @TextColumn(20) scopeType: WaveScopeType;
  @RefColumn() scopeId: string;
  @RefColumn({ nullable: true }) institutionId: string | null;
  @RefColumn({ nullable: true }) teamId: string | null;
  @TimeColumn() opensAt: Date;
  @TimeColumn() closesAt: Date;
  /** Residents drawn for the phone follow-up (null: no sample). */
  @IntColumn({ nullable: true }) sampleSize: number | null;
  @RefColumn({ nullable: true }) createdBy: string | null;
  @TimeColumn() createdAt: Date;
}
