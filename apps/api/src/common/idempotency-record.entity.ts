import { Entity, Index } from 'typeorm';
import { IdColumn, IntColumn, LongTextColumn, RefColumn, TextColumn, TimeColumn } from '../database/columns';

/** The first answer to a creating POST sent with an Idempotency-Key, replayed on repeats. */
@Entity('idempotency_records')
@Index('UQ_idempotency_records_account_key', ['accountId', 'key'], { unique: true })
export class IdempotencyRecord {
  @IdColumn() id: string;
  @RefColumn() accountId: string;
  @TextColumn(100) key: string;
  @TextColumn(200) route: string;
  @IntColumn() statusCode: number;
  @LongTextColumn() body: string;
  @TimeColumn() createdAt: Date;
}
