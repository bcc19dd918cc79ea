import { Entity, Index } from 'typeorm';
import type { FeedbackCategory, FeedbackKind, FeedbackStatus } from '@jiayi/domain';
import { IdColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/** 居民反馈 / 投诉 about the resident's team, handled in the team's institution. */
@Entity('feedback')
@Index('IDX_feedback_institution_status', ['institutionId', 'status', 'createdAt'])
@Index('IDX_feedback_account', ['accountId', 'createdAt'])
export class FeedbackRecord {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @RefColumn() personId: string;
  @RefColumn() teamId: string;
  @RefColumn() institutionId: string;
  @RefColumn() regionId: string;
  @TextColumn(10) kind: FeedbackKind;
  @TextColumn(20) category: FeedbackCategory;
  @TextColumn(500) text: string;
  @TextColumn(200, { nullable: true }) photoUrl: string | null;
  @TextColumn(12) status: FeedbackStatus;
  @TextColumn(500, { nullable: true }) reply: string | null;
  @RefColumn({ nullable: true }) handlerStaffId: string | null;
  @TextColumn(50, { nullable: true }) handlerName: string | null;
  @TimeColumn() createdAt: Date;
  @TimeColumn() updatedAt: Date;
  @TimeColumn({ nullable: true }) closedAt: Date | null;
}
