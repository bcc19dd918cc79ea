import { Foundation1764000000000 } from './1764000000000-foundation';
import { Contracts1764000001000 } from './1764000001000-contracts';
import { Surveys1764000002000 } from './1764000002000-surveys';
import { Notices1765000000000 } from './1765000000000-notices';
import { SharedCoordination1765000600000 } from './1765000600000-shared-coordination';
import { Referrals1765000100000 } from './1765000100000-referrals';
import { Pushes1765000200000 } from './1765000200000-pushes';
import { Services1765000300000 } from './1765000300000-services';
import { Indicators1765000400000 } from './1765000400000-indicators';
import { Privacy1765000700000 } from './1765000700000-privacy';
import { PushRelease1796170980000 } from './1796170980000-push-release';
import { IndicatorRollups1796171100000 } from './1796171100000-indicator-rollups';
import { PushRollup1796172480000 } from './1796172480000-push-rollup';
import { PersonPlacements1796181120000 } from './1796181120000-person-placements';
import { PlanItems1796181420000 } from './1796181420000-plan-items';
import { TeamTallies1796182620000 } from './1796182620000-team-tallies';
import { TallyBuckets1796182680000 } from './1796182680000-tally-buckets';
import { PlanItemsFill1796185620000 } from './1796185620000-plan-items-fill';
import { PackageVersions1796191980000 } from './1796191980000-package-versions';
import { FactPushReach1796193420000 } from './1796193420000-fact-push-reach';

/** Every migration, in order. Listed explicitly (TypeORM 1.x: no globs). */
export const migrations = [
  Foundation1764000000000,
  Contracts1764000001000,
  Surveys1764000002000,
  Notices1765000000000,
  Referrals1765000100000,
  Pushes1765000200000,
  Services1765000300000,
  Indicators1765000400000,
  SharedCoordination1765000600000,
  Privacy1765000700000,
  PushRelease1796170980000,
  IndicatorRollups1796171100000,
  PushRollup1796172480000,
  PersonPlacements1796181120000,
  PlanItems1796181420000,
  TeamTallies1796182620000,
  TallyBuckets1796182680000,
  PlanItemsFill1796185620000,
  PackageVersions1796191980000,
  FactPushReach1796193420000,
];
