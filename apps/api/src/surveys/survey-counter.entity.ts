import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn } from '../database/columns';

/**
 * A wave's running totals (see `TallyKey` in libs/domain), split over shards so that concurrent
 * submissions do not all wait for one row lock; a report sums the shards.
 */
@Entity('survey_counters')
export class SurveyCounter {
  @PrimaryColumn({ type: 'varchar', length: 36 }) waveId: string;
  @PrimaryColumn({ type: 'varchar', length: 20 }) dimension: string;
  @PrimaryColumn({ type: 'varchar', length: 90 }) dimensionKey: string;
  @PrimaryColumn({ type: 'varchar', length: 40 }) questionId: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) optionId: string;
  @PrimaryColumn({ type: 'int' }) shard: number;
  @IntColumn() n: number;
}
