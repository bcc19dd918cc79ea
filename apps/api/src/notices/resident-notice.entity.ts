import { Entity, Index } from 'typeorm';
import type { NoticeKind } from '@jiayi/domain';
import { IdColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * One event told to one resident (the person it is about, seen by the account that manages them).
 * The text says what happened in plain words and never carries a diagnosis or an ID number.
 */
@Entity('resident_notices')
@Index('IDX_resident_notices_account_created', ['accountId', 'createdAt'])
@Index('UQ_resident_notices_event', ['kind', 'refId', 'personId'], { unique: true })
export class ResidentNotice {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @RefColumn() personId: string;
  @TextColumn(30) kind: NoticeKind;
  @TextColumn(100) title: string;
  @TextColumn(300) body: string;
  /** What the notice is about (a contract, a referral …) and its id; with `kind`, unique per person. */
  @TextColumn(20) refType: string;
  @RefColumn() refId: string;
  /** The mini-program page that shows it. */
  @TextColumn(200) page: string;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) readAt: Date | null;
}
