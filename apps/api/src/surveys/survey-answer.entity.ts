import { Entity, Index, PrimaryColumn } from 'typeorm';
import { RefColumn } from '../database/columns';

/**
 * One ticked option of a response (several for multiple choice), or `optionId` '' for an answered
 * text question. Never a sensitive question's answer, never the text itself: those stay only in
 * the response's encrypted answers (and, as counts, in the wave's counters).
 */
@Entity('survey_answers')
@Index('IDX_survey_answers_wave_question', ['waveId', 'questionId', 'optionId'])
export class SurveyAnswer {
  @PrimaryColumn({ type: 'varchar', length: 36 }) responseId: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) questionId: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) optionId: string;
  @RefColumn() waveId: string;
}
