import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithLease } from '../coordination/job-lease';
import { rollUpPushes } from './push-rollup';

export const PUSH_ROLLUP_LEASE = { name: 'indicator-push-rollup', ttlMs: 50_000 } as const;

/**
 * Every minute, one instance rolls up the pushes not rolled up when they were published (push-rollup.ts):
 * those withdrawn while releasing, and any written around the API.
 */
@Injectable()
export class PushRollupJob {
  private readonly logger = new Logger(PushRollupJob.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Interval(PUSH_ROLLUP_LEASE.name, 60_000)
  async run(): Promise<void> {
    try {
      await runWithLease(this.dataSource, PUSH_ROLLUP_LEASE.name, PUSH_ROLLUP_LEASE.ttlMs, () => rollUpPushes(this.dataSource));
    } catch (error) {
      this.logger.error(`push roll-up failed: ${(error as Error).message}`);
    }
  }
}
