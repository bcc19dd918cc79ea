import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementsModule } from './agreements/agreements.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { ContractsModule } from './contracts/contracts.module';
import { appConfig, authConfig, databaseConfig, DatabaseSettings, referralsConfig, wechatConfig } from './config/configuration';
import { dataSourceOptions } from './database/data-source-options';
import { HealthController } from './health/health.controller';
import { IndicatorsModule } from './indicators/indicators.module';
import { NoticesModule } from './notices/notices.module';
import { PackagesModule } from './packages/packages.module';
import { PeopleModule } from './people/people.module';
import { PushesModule } from './pushes/pushes.module';
import { FeedbackModule } from './feedback/feedback.module';
import { ReferenceModule } from './reference/reference.module';
import { ReferralsModule } from './referrals/referrals.module';
import { SeedModule } from './seed/seed.module';
import { SurveysModule } from './surveys/surveys.module';
import { ServicesModule } from './services/services.module';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig, authConfig, wechatConfig, databaseConfig, referralsConfig] }),
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      // Pending migrations are applied at boot (never `synchronize`); MIGRATIONS_RUN=0 leaves them to the CLI.
      useFactory: (settings: DatabaseSettings) => ({
        ...dataSourceOptions(settings),
        migrationsRun: process.env.MIGRATIONS_RUN !== '0',
        migrationsTransactionMode: 'each',
      }),
    }),
    CommonModule,
    AuthModule,
    ReferenceModule,
    AgreementsModule,
    PeopleModule,
    NoticesModule,
    PackagesModule,
    ScheduleModule.forRoot(),
    ContractsModule,
    SurveysModule,
    ReferralsModule,
    PushesModule,
    FeedbackModule,
    SeedModule,
    ServicesModule,
    IndicatorsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
