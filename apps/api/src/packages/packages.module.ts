import { Global, Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { CatalogService } from './catalog.service';
import { PackagesController } from './packages.controller';
import { StaffCatalogController } from './staff-catalog.controller';
import { StaffCatalogService } from './staff-catalog.service';

@Global()
@Module({
  imports: [PeopleModule],
  controllers: [PackagesController, StaffCatalogController],
  providers: [CatalogService, StaffCatalogService],
  exports: [CatalogService],
})
export class PackagesModule {}
