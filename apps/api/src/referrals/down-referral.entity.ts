import { Entity, Index } from 'typeorm';
import { IdColumn, LongTextColumn, RefColumn, TimeColumn } from '../database/columns';

/**
 * 下转: the hospital sends a referred patient back to the family-doctor team with a discharge
 * summary and a follow-up plan (both encrypted). One per referral (unique); it stays on the
 * team's list until acknowledged.
 */
@Entity('down_referrals')
@Index('UQ_down_referrals_referral', ['referralId'], { unique: true })
@Index('IDX_down_referrals_team_ack', ['teamId', 'acknowledgedAt'])
@Index('IDX_down_referrals_hospital', ['hospitalId'])
export class DownReferralRecord {
  @IdColumn() id: string;
  @RefColumn() referralId: string;
  @RefColumn() personId: string;
  @RefColumn() teamId: string;
  @RefColumn() institutionId: string;
  @RefColumn() regionId: string;
  @RefColumn() hospitalId: string;
  @LongTextColumn() summaryCipher: string;
  @LongTextColumn() planCipher: string;
  @RefColumn() sentBy: string;
  @TimeColumn() sentAt: Date;
  @TimeColumn({ nullable: true }) acknowledgedAt: Date | null;
  @RefColumn({ nullable: true }) acknowledgedBy: string | null;
}
