import { Entity, Index } from 'typeorm';
import type { Questionnaire } from '@jiayi/domain';
import { IdColumn, IntColumn, JsonColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/** One version of a questionnaire of a region; an edit is saved as the next version, never in place. */
@Entity('questionnaires')
@Index('UQ_questionnaires_region_code_version', ['regionId', 'code', 'version'], { unique: true })
export class QuestionnaireRecord {
  @IdColumn() id: string;
  @RefColumn() regionId: string;
  @TextColumn(40) code: string;
  @IntColumn() version: number;
  @TextColumn(200) title: string;
  /** The questions, options, display logic and indicators, as libs/domain's `Questionnaire`. */
  @JsonColumn() definition: Questionnaire;
  @RefColumn({ nullable: true }) createdBy: string | null;
  @TimeColumn() createdAt: Date;
}
