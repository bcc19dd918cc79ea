import { Module } from '@nestjs/common';
import { SurveysModule } from '../surveys/surveys.module';
import { IndicatorAreas } from './indicator-area';
import { IndicatorTargetsService } from './indicator-targets.service';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';
import { PopulationsService } from './populations.service';
import { SurveyMeasures } from './survey-measures';

/** The performance-evaluation dashboard (绩效考核, domain.md §9). ContractFacts lives with the contracts that write it. */
@Module({
  imports: [SurveysModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsService, IndicatorAreas, IndicatorTargetsService, PopulationsService, SurveyMeasures],
})
export class IndicatorsModule {}
