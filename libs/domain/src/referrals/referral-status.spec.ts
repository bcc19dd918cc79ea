import { freesPlace, openReferralKey, REFERRAL_STATUSES, referralTransition } from './referral-status';

describe('referral status', () => {
  it('allows the moves of domain.md §6', () => {
    const allowed = REFERRAL_STATUSES.flatMap((from) => REFERRAL_STATUSES.filter((to) => referralTransition(from, to).ok).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual([
      'booked→cancelled',
      'booked→noShow',
      'booked→visited',
      'requested→booked',
      'requested→cancelled',
      'requested→declined',
      'requested→expired',
    ]);
  });

  it('refuses any other move with a Chinese message naming both states', () => {
    expect(referralTransition('expired', 'booked')).toEqual({ ok: false, code: 'REFERRAL.INVALID_TRANSITION', message: '这次转诊已过期，不能再改为已预约' });
  });

  it('frees a place on decline, cancel and expiry only', () => {
    expect(REFERRAL_STATUSES.filter(freesPlace)).toEqual(['declined', 'cancelled', 'expired']);
  });

  it('keys open referrals by person, hospital and department', () => {
    expect(openReferralKey('p1', 'h1', '眼科')).toBe('p1|h1|眼科');
  });
});
