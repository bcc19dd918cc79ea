import { countingDay, previousPeriod, trendMonths, yearOf } from './indicator-period';

describe('indicator periods', () => {
  it('defaults to the calendar year and counts signed residents on its last day or today', () => {
    expect(yearOf('2026-07-15')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(countingDay({ from: '2026-01-01', to: '2026-12-31' }, '2026-07-15')).toBe('2026-07-15');
    expect(countingDay({ from: '2025-01-01', to: '2025-12-31' }, '2026-07-15')).toBe('2025-12-31');
  });

  it('the previous period is the previous year, or the same number of days before', () => {
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-04-01', to: '2026-06-30' })).toEqual({ from: '2025-12-31', to: '2026-03-31' });
  });

  it('the last 12 months end with the current month, across a year boundary', () => {
    const months = trendMonths('2026-02-10', 12);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: '2025-03', from: '2025-03-01', to: '2025-03-31' });
    expect(months[11]).toEqual({ month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
  });
});
