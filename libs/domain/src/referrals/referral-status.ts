import { ok, refuse, Result } from '../result';

/**
 * States of a referral (domain.md §6). `requested` holds a place of its pool; `booked`, `visited`
 * and `noShow` keep it (the place was used); `declined`, `cancelled` and `expired` gave it back.
 */
export const REFERRAL_STATUSES = ['requested', 'booked', 'visited', 'noShow', 'declined', 'cancelled', 'expired'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  requested: '待医生审核',
  booked: '已预约',
  visited: '已就诊',
  noShow: '未就诊',
  declined: '未通过',
  cancelled: '已取消',
  expired: '已过期',
};

/** Statuses that count in their pool's `held`: the place is held, booked or was used. */
export const POOL_OCCUPYING_STATUSES: readonly ReferralStatus[] = ['requested', 'booked', 'visited', 'noShow'];

/** Statuses in which the referral is still open (one per person, hospital and department). */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['requested', 'booked'];

/** The moves a referral may make; a move into a status that frees its place returns exactly one place. */
const TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  requested: ['booked', 'declined', 'cancelled', 'expired'],
  booked: ['visited', 'noShow', 'cancelled'],
  visited: [],
  noShow: [],
  declined: [],
  cancelled: [],
  expired: [],
};

/**
 * Whether a referral may move from `from` to `to`.
 * @example referralTransition('requested', 'booked') // → { ok: true, value: 'booked' }
 * @example referralTransition('expired', 'booked').ok // → false (REFERRAL.INVALID_TRANSITION)
 */
export function referralTransition(from: ReferralStatus, to: ReferralStatus): Result<ReferralStatus> {
  if (TRANSITIONS[from].includes(to)) return ok(to);
  return refuse('REFERRAL.INVALID_TRANSITION', `这次转诊${REFERRAL_STATUS_LABELS[from]}，不能再改为${REFERRAL_STATUS_LABELS[to]}`);
}

/**
 * Whether moving into `to` gives the held place back to the pool.
 * @example freesPlace('cancelled') // → true
 */
export function freesPlace(to: ReferralStatus): boolean {
  return to === 'declined' || to === 'cancelled' || to === 'expired';
}

/**
 * The value of the unique open key while a referral is open: one open referral per person,
 * hospital and department; NULL once it ends.
 * @example openReferralKey('p1', 'h1', '眼科') // → 'p1|h1|眼科'
 */
export function openReferralKey(personId: string, hospitalId: string, department: string): string {
  return `${personId}|${hospitalId}|${department}`;
}
