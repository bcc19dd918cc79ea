import { Entity, Index } from 'typeorm';
import type { SlotPeriod } from '@jiayi/domain';
import { BoolColumn, DateColumn, IdColumn, IntColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * A partner hospital's reserved outpatient places for family doctors: one row per hospital,
 * department, day and half-day. `held` counts the referrals occupying a place (requested, booked,
 * visited, no-show) and is only ever moved by conditional updates of this row, so the database
 * decides every race: `held + 1` only `WHERE held < capacity AND closed = false`.
 */
@Entity('referral_slot_pools')
@Index('UQ_referral_slot_pools_slot', ['hospitalId', 'department', 'date', 'period'], { unique: true })
@Index('IDX_referral_slot_pools_hospital_date', ['hospitalId', 'date'])
export class SlotPoolRecord {
  @IdColumn() id: string;
  @RefColumn() hospitalId: string;
  @TextColumn(30) department: string;
  @DateColumn() date: string;
  @TextColumn(2) period: SlotPeriod;
  @IntColumn() capacity: number;
  @IntColumn({ default: 0 }) held: number;
  @BoolColumn({ default: false }) closed: boolean;
  @RefColumn() createdBy: string;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
}
