import { Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';
import type { CallOutcome } from './survey-sample-member.entity';

/** One phone call of the follow-up (电话回访) and how it went. */
@Entity('survey_calls')
@Index('IDX_survey_calls_wave_person', ['waveId', 'personId'])
export class SurveyCall {
  @IdColumn() id: string;
  @RefColumn() waveId: string;
  @RefColumn() personId: string;
  @TextColumn(20) outcome: CallOutcome;
  @TextColumn(200, { nullable: true }) note: string | null;
  @RefColumn() calledBy: string;
  @TimeColumn() calledAt: Date;
}
