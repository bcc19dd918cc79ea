import { Module } from '@nestjs/common';
import { BenchBaselineController } from './bench-baseline.controller';
import { QuestionnairesService } from './questionnaires.service';
import { StaffSurveysController } from './staff-surveys.controller';
import { SurveyReportsService } from './survey-reports.service';
import { SurveyResponsesService } from './survey-responses.service';
import { SurveyRollupJob } from './survey-rollup.job';
import { SurveyRollupService } from './survey-rollup.service';
import { SurveyWavesService } from './survey-waves.service';
import { SurveysController } from './surveys.controller';
import { SurveysDemoSeed } from './surveys-demo-seed';

/** Questionnaires, survey waves, responses and the awareness / satisfaction report. */
@Module({
  controllers: [StaffSurveysController, SurveysController, ...(process.env.BENCH_ROUTES === '1' ? [BenchBaselineController] : [])],
  providers: [QuestionnairesService, SurveyWavesService, SurveyResponsesService, SurveyRollupService, SurveyRollupJob, SurveyReportsService, SurveysDemoSeed],
  exports: [SurveysDemoSeed, SurveyWavesService, SurveyRollupService],
})
export class SurveysModule {}
