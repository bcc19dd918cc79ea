import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module';
import { ReferralJobs } from './referral-jobs';
import { ReferralPoolsService } from './referral-pools.service';
import { ReferralViews } from './referral-views';
import { ReferralsController } from './referrals.controller';
import { ReferralsDemoSeed } from './referrals-demo-seed';
import { ReferralsService } from './referrals.service';
import { StaffReferralsController } from './staff-referrals.controller';
import { StaffReferralsService } from './staff-referrals.service';

@Module({
  imports: [PeopleModule],
  controllers: [ReferralsController, StaffReferralsController],
  providers: [ReferralsService, StaffReferralsService, ReferralPoolsService, ReferralViews, ReferralJobs, ReferralsDemoSeed],
  exports: [ReferralJobs, ReferralsDemoSeed],
})
export class ReferralsModule {}
