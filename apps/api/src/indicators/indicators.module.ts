import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { ServicesModule } from '../services/services.module';
import { SurveysModule } from '../surveys/surveys.module';
import { ContractFactsJob } from './contract-facts.job';
import { IndicatorAreas } from './indicator-area';
import { IndicatorTargetsService } from './indicator-targets.service';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';
import { PopulationsService } from './populations.service';
import { PushRollupJob } from './push-rollup.job';
import { SurveyMeasures } from './survey-measures';
import { TeamTalliesJob } from './team-tallies.job';

/** The performance-evaluation dashboard (绩效考核, domain.md §9). ContractFacts lives with the contracts that write it. */
@Module({
  imports: [SurveysModule, ContractsModule, ServicesModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsService, IndicatorAreas, IndicatorTargetsService, PopulationsService, SurveyMeasures, ContractFactsJob, PushRollupJob, TeamTalliesJob],
})
export class IndicatorsModule {}
