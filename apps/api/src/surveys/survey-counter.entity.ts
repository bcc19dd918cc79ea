import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn } from '../database/columns';

/**
 * A wave's running totals (see `TallyKey` in libs/domain), maintained by the roll-up from the
 * responses not yet counted; a report reads these instead of recounting the answers.
 */
@Entity('survey_counters')
export class SurveyCounter {
  @PrimaryColumn({ type: 'varchar', length: 36 }) waveId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) dimension: string;
  @PrimaryColumn({ type: 'varchar', length: 90 }) dimensionKey: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) questionId: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) optionId: string;
  @IntColumn() n: number;
}
