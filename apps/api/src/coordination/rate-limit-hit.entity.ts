import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IntColumn } from '../database/columns';

/** Requests counted for one limiter key in one fixed time window (the window start is part of the key). */
@Entity('rate_limit_hits')
@Index('IDX_rate_limit_hits_expires', ['expiresAt'])
export class RateLimitHit {
  @PrimaryColumn({ type: 'varchar', length: 160 }) bucketKey: string;
  @IntColumn() hits: number;
  /** Milliseconds since the epoch; expired rows are swept now and then. */
  @Column({ type: 'bigint' }) expiresAt: string;
}
