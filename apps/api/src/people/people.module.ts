import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { PeopleService } from './people.service';
import { PrivacyRightsService } from './privacy-rights.service';

@Module({ controllers: [MeController], providers: [PeopleService, PrivacyRightsService], exports: [PeopleService] })
export class PeopleModule {}
