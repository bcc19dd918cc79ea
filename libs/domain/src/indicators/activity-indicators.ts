import { addDays } from '../dates/calendar-date';
import type { IndicatorCounts } from './indicator-evaluation';
import type { Period } from './indicator-period';

/**
 * The referral indicators (转诊, domain.md §6 and §9) from plain counts of one area's referrals
 * whose outpatient day falls in the period, up to the counting day:
 * - 转诊预约率: booked (approved: booked, visited or no-show) / requested (every referral);
 * - 转诊就诊率: visited / referrals whose day came and went (visited or no-show);
 * - 转诊反馈率: visited with the hospital's feedback written / visited;
 * - 号源使用率 (pool use): booked places / the capacity of the region's pools of those days —
 *   pools belong to hospitals, not clinics, so only a region has it (null elsewhere: "no data").
 */
export interface ReferralTally {
  requested: number;
  booked: number;
  visited: number;
  noShow: number;
  feedback: number;
}

export interface PoolTally {
  booked: number;
  capacity: number;
}

/** Statuses of a referral whose place was booked (approved by the family doctor). */
export const BOOKED_REFERRAL_STATUSES = ['booked', 'visited', 'noShow'] as const;

export const emptyReferralTally = (): ReferralTally => ({ requested: 0, booked: 0, visited: 0, noShow: 0, feedback: 0 });

export function addReferralTallies(a: ReferralTally, b: ReferralTally): ReferralTally {
  return {
    requested: a.requested + b.requested,
    booked: a.booked + b.booked,
    visited: a.visited + b.visited,
    noShow: a.noShow + b.noShow,
    feedback: a.feedback + b.feedback,
  };
}

/**
 * @example referralIndicatorCounts({ requested: 10, booked: 8, visited: 6, noShow: 1, feedback: 3 }, null)
 *   // → { referralBooking: { numerator: 8, denominator: 10 }, referralAttendance: { numerator: 6, denominator: 7 },
 *   //     referralFeedback: { numerator: 3, denominator: 6 }, poolUse: null }
 */
export function referralIndicatorCounts(referrals: ReferralTally, pools: PoolTally | null): Record<string, IndicatorCounts> {
  return {
    referralBooking: { numerator: referrals.booked, denominator: referrals.requested },
    referralAttendance: { numerator: referrals.visited, denominator: referrals.visited + referrals.noShow },
    referralFeedback: { numerator: referrals.feedback, denominator: referrals.visited },
    poolUse: pools ? { numerator: pools.booked, denominator: pools.capacity } : null,
  };
}

/**
 * The quarter 健康信息推送覆盖率 looks at: the calendar quarter that holds the counting day, up to
 * that day.
 * @example pushQuarter('2026-05-20') // → { from: '2026-04-01', to: '2026-05-20' }
 */
export function pushQuarter(countingDay: string): Period {
  const month = Number(countingDay.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return { from: `${countingDay.slice(0, 4)}-${String(first).padStart(2, '0')}-01`, to: countingDay };
}

/**
 * 健康信息推送覆盖率: the key-group residents signed on the counting day to whom at least one push
 * was sent in the quarter / the key-group residents signed on that day. "Sent" is feed delivery —
 * the push was published to them (a 推送对象 of the item, its "targeted" figure): every resident
 * gets the feed, while a WeChat message also needs a subscription the resident may not have
 * given, so the message is not required. A person counts once however many groups and pushes.
 * @example pushCoverageCounts(45, 50) // → { numerator: 45, denominator: 50 }
 */
export function pushCoverageCounts(reached: number, keyGroupSigned: number): IndicatorCounts {
  return { numerator: reached, denominator: keyGroupSigned };
}

/** The day after a period ends (an exclusive bound for moments). @example dayAfter({ from: '2026-04-01', to: '2026-05-20' }) // → '2026-05-21' */
export function dayAfter(period: Period): string {
  return addDays(period.to, 1);
}
