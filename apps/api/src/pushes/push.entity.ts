import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { PushAudience, PushCategory, PushStatus } from '@jiayi/domain';
import { IdColumn, IntColumn, JsonColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * A health information push. Its audience is resolved to persons by the release job when it is
 * due (at once, or at `publishAt`), so age tags and registrations are those of that moment; while
 * the job writes the targets and outbox rows in chunks the push is `releasing`.
 */
@Entity('pushes')
@Index('IDX_pushes_institution_created', ['institutionId', 'createdAt'])
@Index('IDX_pushes_status_publish', ['status', 'publishAt'])
export class Push {
  @IdColumn() id: string;
  @RefColumn() regionId: string;
  @RefColumn() institutionId: string;
  @RefColumn({ nullable: true }) teamId: string | null;
  @RefColumn() authorStaffId: string;
  @TextColumn(50) authorName: string;
  @TextColumn(100) title: string;
  @TextColumn(200) summary: string;
  /** Sanitised rich text (rich-text.ts). */
  @LongTextColumn() body: string;
  @TextColumn(20) category: PushCategory;
  @TextColumn(200, { nullable: true }) coverUrl: string | null;
  @JsonColumn() audience: PushAudience;
  @TextColumn(12) status: PushStatus;
  @TimeColumn() publishAt: Date;
  @TimeColumn({ nullable: true }) withdrawnAt: Date | null;
  @IntColumn({ default: 0 }) targeted: number;
  /** Persons targeted per key group, counted when published (aggregates only: no person's tags are kept in clear). */
  @JsonColumn({ nullable: true }) targetedByTag: Record<string, number> | null;
  /** While releasing: the last person id of the last chunk committed (a release cut short resumes after it). */
  @RefColumn({ nullable: true }) releaseCursor: string | null;
  @TimeColumn() createdAt: Date;
}

/** One person a published push addresses; `readAt` is set once, by a conditional update. */
@Entity('push_targets')
@Index('IDX_push_targets_account', ['accountId', 'pushId'])
export class PushTarget {
  @PrimaryColumn({ type: 'varchar', length: 36 }) pushId: string;
  @PrimaryColumn({ type: 'varchar', length: 36 }) personId: string;
  @RefColumn() accountId: string;
  /** The team of the person's active contract when published (for the breakdown), null when unsigned. */
  @RefColumn({ nullable: true }) teamId: string | null;
  @TimeColumn({ nullable: true }) readAt: Date | null;
}
