import { Module } from '@nestjs/common';
import { ContractFacts } from '../indicators/contract-facts';
import { PeopleModule } from '../people/people.module';
import { ContractExpiryJob } from './contract-expiry.job';
import { ContractViews } from './contract-views';
import { RenewalNoticeJob } from './renewal-notice.job';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { StaffContractsController } from './staff-contracts.controller';
import { StaffContractsService } from './staff-contracts.service';

@Module({
  imports: [PeopleModule],
  controllers: [ContractsController, StaffContractsController],
  providers: [ContractsService, StaffContractsService, ContractViews, ContractExpiryJob, RenewalNoticeJob, ContractFacts],
  exports: [ContractsService, ContractExpiryJob, ContractFacts],
})
export class ContractsModule {}
