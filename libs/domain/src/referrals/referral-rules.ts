import { addDays } from '../dates/calendar-date';
import { ok, refuse, Refusal, Result } from '../result';
import { isSlotPast, SlotPeriod } from './slot-period';

/** Messages of the referral refusals (codes declared in refusals.ts). */
export const REFERRAL_REFUSALS = {
  'REFERRAL.NO_ACTIVE_CONTRACT': '只有已生效签约的居民才能预约转诊',
  'REFERRAL.SLOT_PAST': '这个号源的就诊时间已过，请选择其他日期',
  'REFERRAL.POOL_CLOSED': '这个号源已停止预约，请选择其他日期',
  'REFERRAL.SLOT_FULL': '这个时段的转诊号已约满，请选择其他日期或时段',
  'REFERRAL.ALREADY_OPEN': '在这家医院的这个科室已有一次转诊正在进行，不能重复预约',
  'REFERRAL.INVALID_TRANSITION': '这次转诊的状态不能这样变更',
  'REFERRAL.HOLD_EXPIRED': '这次转诊申请已超过审核时限，号源已释放',
  'REFERRAL.CAPACITY_BELOW_HELD': '号源数不能少于已预约的人数',
  'REFERRAL.POOL_EXISTS': '这一天这个时段已经发布过号源，请直接修改',
  'REFERRAL.CANCEL_TOO_LATE': '就诊当天及之后不能取消预约',
  'REFERRAL.OUTCOME_TOO_EARLY': '就诊日期还没到，不能登记就诊结果',
  'REFERRAL.NOT_VISITED': '只有已就诊的转诊才能填写回执或转回',
  'REFERRAL.DOWN_ALREADY_SENT': '这位居民已经转回过签约团队了',
  'REFERRAL.DOWN_ALREADY_ACKNOWLEDGED': '这次转回已经确认接收了',
  'REFERRAL.UNKNOWN_DEPARTMENT': '这家医院没有这个科室',
  'REFERRAL.POOL_DATE': '只能发布今天起60天内的号源',
  'REFERRAL.DATE_RANGE': '日期范围不正确',
  'REFERRAL.CAPACITY': '号源数须为1到200之间的整数',
} as const;
export type ReferralRefusalCode = keyof typeof REFERRAL_REFUSALS;

/**
 * A referral refusal with its standard message.
 * @example referralRefusal('REFERRAL.SLOT_FULL').message // → '这个时段的转诊号已约满，请选择其他日期或时段'
 */
export function referralRefusal(code: ReferralRefusalCode, field?: string): Refusal {
  return refuse(code, REFERRAL_REFUSALS[code], field);
}

/** The most places one pool may offer; the furthest ahead (days) a pool may be published. */
export const MAX_POOL_CAPACITY = 200;
export const MAX_PUBLISH_DAYS_AHEAD = 60;

export interface PoolState {
  date: string;
  period: SlotPeriod;
  closed: boolean;
}

/**
 * Whether a pool can take a new hold at `now` (before the database decides about its places).
 * @example checkBookable({ date: '2026-12-01', period: 'am', closed: true }, now).ok // → false
 */
export function checkBookable(pool: PoolState, now: Date): Result<PoolState> {
  if (isSlotPast(pool.date, pool.period, now)) return referralRefusal('REFERRAL.SLOT_PAST', 'slotId');
  if (pool.closed) return referralRefusal('REFERRAL.POOL_CLOSED', 'slotId');
  return ok(pool);
}

/**
 * Whether a pool may be published for `date` when today is `today`.
 * @example checkPublishDate('2026-12-01', '2026-12-02').ok // → false (in the past)
 */
export function checkPublishDate(date: string, today: string): Result<string> {
  if (date < today || date > addDays(today, MAX_PUBLISH_DAYS_AHEAD)) return referralRefusal('REFERRAL.POOL_DATE', 'date');
  return ok(date);
}

/**
 * Whether a new capacity is acceptable for a pool holding `held` places (the database checks
 * again in the same UPDATE, since `held` may move in between).
 * @example checkCapacity(3, 5).ok // → false (REFERRAL.CAPACITY_BELOW_HELD)
 */
export function checkCapacity(capacity: number, held: number): Result<number> {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_POOL_CAPACITY) return referralRefusal('REFERRAL.CAPACITY', 'capacity');
  if (capacity < held) return refuse('REFERRAL.CAPACITY_BELOW_HELD', `已有${held}人预约，号源数不能少于${held}`, 'capacity');
  return ok(capacity);
}

/**
 * A resident may cancel before the day of the visit.
 * @example checkCancellable('2026-12-05', '2026-12-05').ok // → false
 */
export function checkCancellable(date: string, today: string): Result<string> {
  return date > today ? ok(date) : referralRefusal('REFERRAL.CANCEL_TOO_LATE');
}

/**
 * The hospital records the outcome (visited / no-show) on or after the day.
 * @example checkOutcomeDate('2026-12-05', '2026-12-04').ok // → false
 */
export function checkOutcomeDate(date: string, today: string): Result<string> {
  return date <= today ? ok(date) : referralRefusal('REFERRAL.OUTCOME_TOO_EARLY');
}

/**
 * When a hold not approved by the family doctor expires.
 * @example holdExpiresAt(new Date('2026-12-01T00:00:00Z'), 24).toISOString() // → '2026-12-02T00:00:00.000Z'
 */
export function holdExpiresAt(createdAt: Date, holdHours: number): Date {
  return new Date(createdAt.getTime() + holdHours * 60 * 60 * 1000);
}

/**
 * The last slot date that the no-show job leaves alone at `today`: bookings on or before
 * `today - graceDays - 1` without an outcome become no-shows.
 * @example noShowCutoff('2026-12-10', 2) // → '2026-12-08' (dates before it are due)
 */
export function noShowCutoff(today: string, graceDays: number): string {
  return addDays(today, -graceDays);
}
