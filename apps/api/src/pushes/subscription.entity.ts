import { Entity, Index, PrimaryColumn } from 'typeorm';
import type { SubscribeAnswer, TemplateKind } from '@jiayi/domain';
import { BoolColumn, IntColumn, TextColumn, TimeColumn } from '../database/columns';

/**
 * The account's subscription ledger for one template. WeChat cannot be asked what is left, so
 * the server counts: each one-time acceptance adds one message, each message sent takes one.
 */
@Entity('subscriptions')
@Index('IDX_subscriptions_template', ['templateId'])
export class SubscriptionLedger {
  @PrimaryColumn({ type: 'varchar', length: 36 }) accountId: string;
  @PrimaryColumn({ type: 'varchar', length: 64 }) templateId: string;
  @TextColumn(10) kind: TemplateKind;
  @IntColumn({ default: 0 }) remaining: number;
  @BoolColumn({ default: false }) longTermOn: boolean;
  /** Answers reject or ban, counted for the per-item stats. */
  @IntColumn({ default: 0 }) refusals: number;
  /** Each answer counted, for the per-template stats (counted since the push-release migration). */
  @IntColumn({ default: 0 }) accepts: number;
  @IntColumn({ default: 0 }) rejects: number;
  @IntColumn({ default: 0 }) bans: number;
  @IntColumn({ default: 0 }) filters: number;
  @TextColumn(10) lastAnswer: SubscribeAnswer;
  @TimeColumn() updatedAt: Date;
}
