import { Entity, PrimaryColumn } from 'typeorm';
import { BoolColumn, IntColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

export type { CallOutcome } from '@jiayi/domain';
import type { CallOutcome } from '@jiayi/domain';

/** A signed resident drawn for a wave's phone follow-up, with where the calls stand. */
@Entity('survey_sample_members')
export class SurveySampleMember {
  @PrimaryColumn({ type: 'varchar', length: 36 }) waveId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId: string;
  @RefColumn() teamId: string;
  @RefColumn() institutionId: string;
  @IntColumn({ default: 0 }) calls: number;
  @TextColumn(20, { nullable: true }) lastOutcome: CallOutcome | null;
  @TimeColumn({ nullable: true }) lastCalledAt: Date | null;
  /** Someone picked up at least once (接通 or 拒访). */
  @BoolColumn({ default: false }) reached: boolean;
}
