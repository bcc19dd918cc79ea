import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { PeopleModule } from '../people/people.module';
import { NonSigningService } from './non-signing.service';
import { OnsiteSigningService } from './onsite-signing.service';
import { ServicePlansService } from './service-plans.service';
import { ServiceRecordsService } from './service-records.service';
import { ServicesController } from './services.controller';
import { StaffServicesController } from './staff-services.controller';
import { TodoService } from './todo.service';

/** Service delivery (履约): on-site signing, service plans and records, the team's to-do list. */
@Module({
  imports: [ContractsModule, PeopleModule],
  controllers: [StaffServicesController, ServicesController],
  providers: [OnsiteSigningService, ServicePlansService, ServiceRecordsService, TodoService, NonSigningService],
  // The dashboard derives 慢病随访及时率 and 履约率 from the same plans.
  exports: [ServicePlansService],
})
export class ServicesModule {}
