import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runWithLease } from '../coordination/job-lease';
import { SurveyRollupService } from './survey-rollup.service';
import { SurveyWavesService } from './survey-waves.service';

/** One instance rolls up per minute; reports roll up their own wave anyway, so a missed minute costs nothing. */
export const SURVEY_ROLLUP_LEASE = { name: 'survey-rollup', ttlMs: 50_000 } as const;

/**
 * Every minute, folds the waves' uncounted responses into their counters so reports stay quick.
 * The lease keeps the other API instances from queueing on the same waves' row locks.
 */
@Injectable()
export class SurveyRollupJob {
  private readonly logger = new Logger(SurveyRollupJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rollup: SurveyRollupService,
    private readonly waves: SurveyWavesService,
  ) {}

  @Interval(60_000)
  async run(): Promise<void> {
    try {
      await runWithLease(this.dataSource, SURVEY_ROLLUP_LEASE.name, SURVEY_ROLLUP_LEASE.ttlMs, () => this.rollUpAll());
    } catch (error) {
      this.logger.error(`survey roll-up failed: ${(error as Error).message}`);
    }
  }

  /** Rolls up every wave with uncounted responses; returns how many waves. */
  async rollUpAll(): Promise<number> {
    let rolled = 0;
    for (const waveId of await this.rollup.wavesWithBacklog()) {
      const loaded = await this.waves.load(waveId);
      if (loaded) {
        await this.rollup.rollUp(waveId, loaded.questionnaire);
        rolled++;
      }
    }
    return rolled;
  }
}
