import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { SurveyRollupService } from './survey-rollup.service';
import { SurveyWavesService } from './survey-waves.service';

/** Every minute, folds the waves' uncounted responses into their counters so reports stay quick. */
@Injectable()
export class SurveyRollupJob {
  private readonly logger = new Logger(SurveyRollupJob.name);

  constructor(
    private readonly rollup: SurveyRollupService,
    private readonly waves: SurveyWavesService,
  ) {}

  @Interval(60_000)
  async run(): Promise<void> {
    try {
      for (const waveId of await this.rollup.wavesWithBacklog()) {
        const loaded = await this.waves.load(waveId);
        if (loaded) await this.rollup.rollUp(waveId, loaded.questionnaire);
      }
    } catch (error) {
      this.logger.error(`survey roll-up failed: ${(error as Error).message}`);
    }
  }
}
