import { Index } from 'typeorm';
import { PushTarget } from '../pushes/push.entity';
import { ReferralRecord } from '../referrals/referral.entity';

/**
 * Indexes the dashboard's referral and push counts read, declared here by the dashboard rather
 * than in the referral and push entities (as service-record-index.ts); the indicator roll-ups
 * migration creates them:
 * - referrals of an institution or the region by outpatient day (a team's use `teamId, status`);
 * - the pushes a person was sent (the drill-down of 推送覆盖率 looks them up per person).
 */
Index('IDX_referrals_region_date', ['regionId', 'date'])(ReferralRecord);
Index('IDX_referrals_institution_date', ['institutionId', 'date'])(ReferralRecord);
Index('IDX_push_targets_person', ['personId', 'pushId'])(PushTarget);
