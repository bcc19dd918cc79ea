import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithLease } from '../coordination/job-lease';
import { IndicatorsService } from './indicators.service';
import { rollUpPushes } from './push-rollup';

export const PUSH_ROLLUP_LEASE = { name: 'indicator-push-rollup', ttlMs: 50_000 } as const;

/**
 * Every minute, one instance rolls the newly published pushes into the person-year rows (see
 * push-rollup.ts). When one reached someone new, every dashboard snapshot is stale (推送覆盖率 moved),
 * so the same run counts this year's snapshots again: the next dashboard request finds them.
 */
@Injectable()
export class PushRollupJob {
  private readonly logger = new Logger(PushRollupJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: IndicatorsService,
  ) {}

  @Interval(PUSH_ROLLUP_LEASE.name, 60_000)
  async run(): Promise<void> {
    try {
      await runWithLease(this.dataSource, PUSH_ROLLUP_LEASE.name, PUSH_ROLLUP_LEASE.ttlMs, async () => {
        const { reachedNew } = await rollUpPushes(this.dataSource);
        if (reachedNew > 0) await this.indicators.warmSnapshots();
      });
    } catch (error) {
      this.logger.error(`push roll-up failed: ${(error as Error).message}`);
    }
  }
}
