import { Global, Module } from '@nestjs/common';
import { AgreementsController } from './agreements.controller';
import { AgreementsService } from './agreements.service';

@Global()
@Module({ controllers: [AgreementsController], providers: [AgreementsService], exports: [AgreementsService] })
export class AgreementsModule {}
