import { Global, Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { CatalogService } from './catalog.service';
import { PackagesController } from './packages.controller';
import { StaffCatalogController } from './staff-catalog.controller';

@Global()
@Module({ imports: [PeopleModule], controllers: [PackagesController, StaffCatalogController], providers: [CatalogService], exports: [CatalogService] })
export class PackagesModule {}
