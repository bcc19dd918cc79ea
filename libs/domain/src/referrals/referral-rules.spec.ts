import { REFUSAL_KINDS } from '../refusals';
import {
  checkBookable,
  checkCancellable,
  checkCapacity,
  checkOutcomeDate,
  checkPublishDate,
  holdExpiresAt,
  noShowCutoff,
  REFERRAL_REFUSALS,
} from './referral-rules';
import { whatToBring } from './what-to-bring';

const NOW = new Date('2026-12-01T02:00:00Z'); // 10:00 in China

describe('referral rules', () => {
  it('declares every referral refusal in the refusal table', () => {
    for (const code of Object.keys(REFERRAL_REFUSALS)) expect(REFUSAL_KINDS).toHaveProperty([code]);
  });

  it('refuses a past slot before a closed pool', () => {
    expect(checkBookable({ date: '2026-11-30', period: 'am', closed: true }, NOW)).toMatchObject({ ok: false, code: 'REFERRAL.SLOT_PAST', field: 'slotId' });
    expect(checkBookable({ date: '2026-12-02', period: 'am', closed: true }, NOW)).toMatchObject({ ok: false, code: 'REFERRAL.POOL_CLOSED' });
    expect(checkBookable({ date: '2026-12-01', period: 'pm', closed: false }, NOW).ok).toBe(true);
  });

  it('publishes from today up to 60 days ahead', () => {
    expect(checkPublishDate('2026-12-01', '2026-12-01').ok).toBe(true);
    expect(checkPublishDate('2027-01-30', '2026-12-01').ok).toBe(true);
    expect(checkPublishDate('2027-01-31', '2026-12-01')).toMatchObject({ ok: false, code: 'REFERRAL.POOL_DATE', field: 'date' });
    expect(checkPublishDate('2026-11-30', '2026-12-01').ok).toBe(false);
  });

  it('never lets capacity drop below what is held', () => {
    expect(checkCapacity(5, 5).ok).toBe(true);
    expect(checkCapacity(4, 5)).toEqual({ ok: false, code: 'REFERRAL.CAPACITY_BELOW_HELD', message: '已有5人预约，号源数不能少于5', field: 'capacity' });
    expect(checkCapacity(0, 0)).toMatchObject({ ok: false, code: 'REFERRAL.CAPACITY' });
    expect(checkCapacity(201, 0)).toMatchObject({ ok: false, code: 'REFERRAL.CAPACITY' });
  });

  it('cancels only before the day and records outcomes only from the day', () => {
    expect(checkCancellable('2026-12-02', '2026-12-01').ok).toBe(true);
    expect(checkCancellable('2026-12-01', '2026-12-01')).toMatchObject({ ok: false, code: 'REFERRAL.CANCEL_TOO_LATE' });
    expect(checkOutcomeDate('2026-12-01', '2026-12-01').ok).toBe(true);
    expect(checkOutcomeDate('2026-12-02', '2026-12-01')).toMatchObject({ ok: false, code: 'REFERRAL.OUTCOME_TOO_EARLY' });
  });

  it('times holds and no-shows', () => {
    expect(holdExpiresAt(new Date('2026-12-01T00:00:00Z'), 24).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(noShowCutoff('2026-12-10', 2)).toBe('2026-12-08');
  });

  it('tells what to bring, with the department’s extras', () => {
    expect(whatToBring('内科')).toHaveLength(3);
    expect(whatToBring('眼科')).toContain('佩戴的眼镜');
  });
});
