import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithLease } from '../coordination/job-lease';
import { IndicatorsService } from './indicators.service';
import { pruneSnapshots } from './team-tallies';

export const TALLY_WARM_LEASE = { name: 'indicator-tally-warm', ttlMs: 50_000 } as const;

/**
 * Every minute, one instance brings this year's dashboard snapshots of every region up to date
 * (team-tallies.ts) and deletes old ones: it recounts the buckets that writes made stale and, after
 * a push reached someone new, 推送覆盖率's numerator, so that a dashboard request rarely counts
 * anything. In the last half hour before midnight (China time) it also counts tomorrow's window,
 * whose key every snapshot moves to at midnight (IndicatorsService.warmSnapshots).
 */
@Injectable()
export class TeamTalliesJob {
  private readonly logger = new Logger(TeamTalliesJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly indicators: IndicatorsService,
  ) {}

  @Interval(TALLY_WARM_LEASE.name, 60_000)
  async run(): Promise<void> {
    try {
      await runWithLease(this.dataSource, TALLY_WARM_LEASE.name, TALLY_WARM_LEASE.ttlMs, async () => {
        await this.indicators.warmSnapshots();
        await pruneSnapshots(this.dataSource);
      });
    } catch (error) {
      this.logger.error(`tally snapshot warming failed: ${(error as Error).message}`);
    }
  }
}
