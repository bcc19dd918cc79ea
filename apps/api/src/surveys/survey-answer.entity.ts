import { Entity, Index, PrimaryColumn } from 'typeorm';
import { LongTextColumn, RefColumn } from '../database/columns';

/**
 * One ticked option of a response (several for multiple choice), or its text (`optionId` ''),
 * encrypted: free text may say anything ("我有糖尿病"). Never a sensitive question's answer: that
 * stays only in the response's encrypted answers and, as counts, in the wave's counters.
 */
@Entity('survey_answers')
@Index('IDX_survey_answers_wave_question', ['waveId', 'questionId', 'optionId'])
export class SurveyAnswer {
  @PrimaryColumn({ type: 'varchar', length: 36 }) responseId: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) questionId: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) optionId: string;
  @RefColumn() waveId: string;
  @LongTextColumn({ nullable: true }) textCipher: string | null;
}
