import { Entity, Index } from 'typeorm';
import type { ReferralStatus, SlotPeriod } from '@jiayi/domain';
import { DateColumn, IdColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * 预约转诊: a resident with an active contract referred to a hospital department on one slot.
 * The reason and the feedback are health information (encrypted). `openKey` is
 * `personId|hospitalId|department` while the referral is requested or booked and NULL after; its
 * unique index refuses a second open referral. Status moves only by conditional updates
 * (`WHERE id = ? AND status = ?`), so each move — and each place it frees — happens once.
 */
@Entity('referrals')
@Index('UQ_referrals_open_key', ['openKey'], { unique: true })
@Index('IDX_referrals_person', ['personId'])
@Index('IDX_referrals_team_status', ['teamId', 'status'])
@Index('IDX_referrals_hospital_date', ['hospitalId', 'date'])
@Index('IDX_referrals_status_hold', ['status', 'holdExpiresAt'])
@Index('IDX_referrals_status_date', ['status', 'date'])
@Index('IDX_referrals_slot', ['slotId'])
export class ReferralRecord {
  @IdColumn() id: string;
  @RefColumn() personId: string;
  @RefColumn() contractId: string;
  /** The contract's team, doctor, institution and region when referred: the staff scopes. */
  @RefColumn() teamId: string;
  @RefColumn() doctorId: string;
  @RefColumn() institutionId: string;
  @RefColumn() regionId: string;
  @RefColumn() hospitalId: string;
  @TextColumn(30) department: string;
  @RefColumn() slotId: string;
  @DateColumn() date: string;
  @TextColumn(2) period: SlotPeriod;
  @TextColumn(12) status: ReferralStatus;
  @LongTextColumn() reasonCipher: string;
  @TextColumn(10) requestedBy: 'resident' | 'doctor';
  @RefColumn() requestedByAccountId: string;
  @TimeColumn({ nullable: true }) holdExpiresAt: Date | null;
  @TimeColumn({ nullable: true }) approvedAt: Date | null;
  @RefColumn({ nullable: true }) approvedBy: string | null;
  @TextColumn(200, { nullable: true }) declineReason: string | null;
  @TimeColumn({ nullable: true }) endedAt: Date | null;
  @RefColumn({ nullable: true }) outcomeBy: string | null;
  @LongTextColumn({ nullable: true }) feedbackCipher: string | null;
  @TimeColumn({ nullable: true }) feedbackAt: Date | null;
  @TextColumn(120, { nullable: true }) openKey: string | null;
  @TimeColumn() createdAt: Date;
}
