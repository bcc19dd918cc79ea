import { evaluate } from './indicator-evaluation';
import { INDICATORS } from './indicator-definitions';
import { effectiveTargets } from './indicator-targets';
import { addReferralTallies, dayAfter, emptyReferralTally, pushCoverageCounts, pushQuarter, referralIndicatorCounts } from './activity-indicators';

describe('referral and push indicators over plain counts', () => {
  const tally = { requested: 10, booked: 8, visited: 6, noShow: 1, feedback: 3 };

  it('转诊: booking over requests, attendance over the days that came, feedback over visits, pool use for a region only', () => {
    expect(referralIndicatorCounts(tally, { booked: 8, capacity: 20 })).toEqual({
      referralBooking: { numerator: 8, denominator: 10 },
      referralAttendance: { numerator: 6, denominator: 7 },
      referralFeedback: { numerator: 3, denominator: 6 },
      poolUse: { numerator: 8, denominator: 20 },
    });
    expect(referralIndicatorCounts(tally, null).poolUse).toBeNull();
    expect(addReferralTallies(tally, { ...emptyReferralTally(), requested: 2, noShow: 1 })).toEqual({ ...tally, requested: 12, noShow: 2 });
  });

  it('no referrals: the rates are not applicable (denominator 0), pool use without pools too', () => {
    const evaluation = evaluate(INDICATORS, referralIndicatorCounts(emptyReferralTally(), { booked: 0, capacity: 0 }), effectiveTargets({}));
    for (const code of ['referralBooking', 'referralAttendance', 'referralFeedback', 'poolUse']) {
      expect(evaluation.indicators.find((i) => i.code === code)!.status).toBe('notApplicable');
    }
  });

  it('推送覆盖率 counts over the signed key-group residents; the quarter is the counting day’s, up to it', () => {
    expect(pushCoverageCounts(45, 50)).toEqual({ numerator: 45, denominator: 50 });
    expect(pushQuarter('2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(pushQuarter('2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(pushQuarter('2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-01-01' });
    expect(dayAfter({ from: '2026-10-01', to: '2026-12-31' })).toBe('2027-01-01');
  });

  it('the new indicators are shown but not scored by default (the points still add up to 100)', () => {
    for (const code of ['referralBooking', 'referralAttendance', 'poolUse']) expect(INDICATORS.find((i) => i.code === code)!.points).toBe(0);
    expect(INDICATORS.reduce((sum, i) => sum + i.points, 0)).toBe(100);
  });
});
