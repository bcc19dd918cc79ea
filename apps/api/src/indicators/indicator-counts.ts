import {
  INDICATORS,
  IndicatorCounts,
  POPULATION_GROUPS,
  PoolTally,
  PopulationFigures,
  pushCoverageCounts,
  referralIndicatorCounts,
  ReferralTally,
} from '@jiayi/domain';
import type { ContractTally } from './contract-measures';
import type { PlanCounts } from './plan-items';
import type { SurveyTally } from './survey-measures';

/** What the counters found for one area (a team, an institution or the region). */
export interface AreaTallies {
  contracts: ContractTally;
  surveys: SurveyTally;
  referrals: ReferralTally;
  /** 慢病随访及时率 and 履约率 from the plan-item facts (plan-items.ts), for every level; null leaves them "no data". */
  plans: PlanCounts | null;
  /** The region's referral pools; null for a team or an institution (pools belong to hospitals). */
  pools: PoolTally | null;
  familyDoctors: number;
  doctorCapacity: number;
  /** null when no community of the area has figures for the year. */
  population: PopulationFigures | null;
}

/**
 * Numerator and denominator of every indicator from the area's tallies. Indicators without counts
 * (population figures not entered, pool use below the region) are absent and read "no data".
 */
export function indicatorCounts({
  contracts,
  surveys,
  referrals,
  pools,
  plans,
  familyDoctors,
  doctorCapacity,
  population,
}: AreaTallies): Record<string, IndicatorCounts> {
  const counts: Record<string, IndicatorCounts> = {
    continuation: { numerator: contracts.continued, denominator: contracts.newPrevious },
    saturation: { numerator: contracts.signed, denominator: familyDoctors * doctorCapacity },
    paidShare: { numerator: contracts.paid, denominator: contracts.signed },
    renewal: { numerator: contracts.renewed, denominator: contracts.ended },
    awareness: surveys.awareness,
    satisfaction: surveys.satisfaction,
    ...contracts.services,
    ...referralIndicatorCounts(referrals, pools),
    pushCoverage: pushCoverageCounts(contracts.pushReached, contracts.keyGroupSigned),
    ...(plans ?? {}),
  };
  if (population) {
    counts.signing = { numerator: contracts.signed, denominator: population.residents };
    let numerator = 0;
    let denominator = 0;
    for (const g of POPULATION_GROUPS) {
      const count = { numerator: contracts.groups[g.code], denominator: population.groups[g.code] ?? 0 };
      counts[`keyGroupSigning.${g.code}`] = count;
      numerator += count.numerator;
      denominator += count.denominator;
    }
    counts.keyGroupSigning = { numerator, denominator };
  }
  return Object.fromEntries(INDICATORS.filter((i) => i.code in counts).map((i) => [i.code, counts[i.code]]));
}
