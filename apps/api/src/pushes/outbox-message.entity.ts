import { Entity, Index } from 'typeorm';
import type { OutboxStatus } from '@jiayi/domain';
import { BoolColumn, IdColumn, IntColumn, JsonColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * One WeChat subscribe message to send: unique per (source, person, template), so the same event
 * is never queued twice. A dispatcher owns a row only after its committed conditional update of
 * `claimedBy` / `claimUntil` succeeded (outbox-dispatcher.ts).
 */
@Entity('outbox_messages')
@Index('UQ_outbox_messages_source_person_template', ['sourceType', 'sourceId', 'personId', 'templateId'], { unique: true })
@Index('IDX_outbox_messages_status_due', ['status', 'dueAt'])
@Index('IDX_outbox_messages_source', ['sourceId', 'status'])
export class OutboxMessage {
  @IdColumn() id: string;
  /** `push` or `notice`. */
  @TextColumn(10) sourceType: 'push' | 'notice';
  @RefColumn() sourceId: string;
  @RefColumn() personId: string;
  @RefColumn() accountId: string;
  @TextColumn(64) templateId: string;
  @TextColumn(200) page: string;
  /** Keyword values, already cut to their types' limits. */
  @JsonColumn() data: Record<string, { value: string }>;
  @TextColumn(12) status: OutboxStatus;
  @IntColumn({ default: 0 }) attempts: number;
  @TimeColumn() dueAt: Date;
  @RefColumn({ nullable: true }) claimedBy: string | null;
  @TimeColumn({ nullable: true }) claimUntil: Date | null;
  /** True once the message took one subscription off the ledger (never taken twice on retries). */
  @BoolColumn({ default: false }) consumed: boolean;
  @IntColumn({ nullable: true }) lastErrcode: number | null;
  @TimeColumn({ nullable: true }) sentAt: Date | null;
  @TimeColumn() createdAt: Date;
}
