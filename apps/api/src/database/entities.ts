import { Agreement } from '../agreements/agreement.entity';
import { AuditLog } from '../audit/audit-log.entity';
import { ResidentAccount } from '../auth/resident-account.entity';
import { StaffAccount } from '../auth/staff-account.entity';
import { IdempotencyRecord } from '../common/idempotency-record.entity';
import { ContractFact } from '../indicators/contract-fact.entity';
import { IndicatorSettings } from '../indicators/indicator-settings.entity';
import { Population } from '../indicators/population.entity';
import { ServicePersonYear } from '../indicators/service-person-year.entity';
import { ServicePlanItem } from '../indicators/plan-item.entity';
import { PushRollup } from '../indicators/push-rollup';
import { IndicatorPersonMark, IndicatorTallyVersion, IndicatorTeamTally } from '../indicators/team-tallies';
import '../indicators/service-record-index';
import '../indicators/activity-indexes';
import { Contract } from '../contracts/contract.entity';
import { SigningRefusal } from '../contracts/signing-refusal.entity';
import { ServicePackageVersion } from '../packages/package-versions';
import { ServicePackageRecord } from '../packages/service-package.entity';
import { ResidentNotice } from '../notices/resident-notice.entity';
import { Person } from '../people/person.entity';
import { PersonPlacement } from '../people/person-placement.entity';
import { DownReferralRecord } from '../referrals/down-referral.entity';
import { ReferralRecord } from '../referrals/referral.entity';
import { SlotPoolRecord } from '../referrals/slot-pool.entity';
import { Community } from '../reference/community.entity';
import { Doctor } from '../reference/doctor.entity';
import { Hospital } from '../reference/hospital.entity';
import { Institution } from '../reference/institution.entity';
import { Region } from '../reference/region.entity';
import { Team, TeamCommunity } from '../reference/team.entity';
import { QuestionnaireRecord } from '../surveys/questionnaire.entity';
import { SurveyAnswer } from '../surveys/survey-answer.entity';
import { SurveyCall } from '../surveys/survey-call.entity';
import { SurveyCounter } from '../surveys/survey-counter.entity';
import { SurveyResponse } from '../surveys/survey-response.entity';
import { SurveySampleMember } from '../surveys/survey-sample-member.entity';
import { SurveyWave } from '../surveys/survey-wave.entity';
import { FeedbackRecord } from '../feedback/feedback.entity';
import { OutboxMessage } from '../pushes/outbox-message.entity';
import { Push, PushTarget } from '../pushes/push.entity';
import { SubscriptionLedger } from '../pushes/subscription.entity';
import { WechatToken } from '../pushes/wechat-token.entity';

import { JobLease } from '../coordination/job-lease.entity';
import { RateLimitHit } from '../coordination/rate-limit-hit.entity';
import { ServiceRecord } from '../services/service-record.entity';

/** Every entity, listed explicitly. */
export const entities = [
  Region,
  Institution,
  Community,
  Team,
  TeamCommunity,
  Doctor,
  Hospital,
  StaffAccount,
  ResidentAccount,
  Person,
  PersonPlacement,
  ServicePackageRecord,
  ServicePackageVersion,
  Agreement,
  AuditLog,
  IdempotencyRecord,
  Contract,
  SigningRefusal,
  QuestionnaireRecord,
  SurveyWave,
  SurveySampleMember,
  SurveyCall,
  SurveyResponse,
  SurveyAnswer,
  SurveyCounter,
  ResidentNotice,
  JobLease,
  RateLimitHit,
  SlotPoolRecord,
  ReferralRecord,
  DownReferralRecord,
  Push,
  PushTarget,
  OutboxMessage,
  SubscriptionLedger,
  WechatToken,
  FeedbackRecord,
  Population,
  IndicatorSettings,
  ContractFact,
  ServicePersonYear,
  ServicePlanItem,
  PushRollup,
  IndicatorTallyVersion,
  IndicatorPersonMark,
  IndicatorTeamTally,
  ServiceRecord,
];
