import { Module } from '@nestjs/common';
import { SurveysDemoSeed } from '../surveys/surveys-demo-seed';
import { SurveysModule } from '../surveys/surveys.module';
import { ReferralsDemoSeed } from '../referrals/referrals-demo-seed';
import { ReferralsModule } from '../referrals/referrals.module';
import { DEMO_SEED_CONTRIBUTIONS, DemoSeedService } from './demo-seed.service';

/**
 * The demo seed. A feature that brings demo data of its own provides a `DemoSeedContribution`,
 * imports its module here and lists the class in `inject`.
 */
@Module({
  imports: [SurveysModule, ReferralsModule],
  providers: [
    DemoSeedService,
    { provide: DEMO_SEED_CONTRIBUTIONS, inject: [SurveysDemoSeed, ReferralsDemoSeed], useFactory: (...contributions: unknown[]) => contributions },
  ],
  exports: [DemoSeedService],
})
export class SeedModule {}
