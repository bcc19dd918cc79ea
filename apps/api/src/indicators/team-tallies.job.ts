import { Injectable, Logger } from '@nestjs/common';
import { Interval, Timeout } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithLease } from '../coordination/job-lease';
import { IndicatorsService } from './indicators.service';
import { pruneSnapshots } from './team-tallies';

export const TALLY_WARM_LEASE = { name: 'indicator-tally-warm', ttlMs: 50_000 } as const;
/** The first run, soon after the app starts (a deploy may have changed the snapshot format, or none exist yet). */
export const TALLY_WARM_AT_START = { name: 'indicator-tally-warm-at-start', delayMs: 5_000 } as const;

/**
 * Soon after start and then every minute, one instance brings the dashboard snapshots of every region
 * (this year's and last year's) up to date
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

  @Timeout(TALLY_WARM_AT_START.name, TALLY_WARM_AT_START.delayMs)
  async runAtStart(): Promise<void> {
    await this.run();
  }

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
