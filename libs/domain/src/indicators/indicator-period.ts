import { addDays } from '../dates/calendar-date';

/** A closed date range, both ends inclusive (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

/**
 * The default period: the calendar year of `today`.
 * @example yearOf('2026-07-15') // → { from: '2026-01-01', to: '2026-12-31' }
 */
export function yearOf(today: string): Period {
  const year = today.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * The day a period's "signed residents" are counted on: its last day, or today while it runs.
 * @example countingDay({ from: '2026-01-01', to: '2026-12-31' }, '2026-07-15') // → '2026-07-15'
 */
export function countingDay(period: Period, today: string): string {
  return period.to < today ? period.to : today;
}

/**
 * The period of the same length just before this one (for 新增签约接续率).
 * @example previousPeriod({ from: '2026-01-01', to: '2026-12-31' }) // → { from: '2025-01-01', to: '2025-12-31' }
 */
export function previousPeriod(period: Period): Period {
  const from = period.from;
  if (from.endsWith('-01-01') && period.to === `${from.slice(0, 4)}-12-31`) {
    const year = Number(from.slice(0, 4)) - 1;
    return { from: `${year}-01-01`, to: `${year}-12-31` };
  }
  const days = Math.round((Date.parse(period.to) - Date.parse(from)) / 86_400_000) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/**
 * The last `count` calendar months up to the month of `today`, oldest first, each as a period.
 * @example trendMonths('2026-03-10', 2) // → [{ month: '2026-02', from: '2026-02-01', to: '2026-02-28' }, { month: '2026-03', from: '2026-03-01', to: '2026-03-31' }]
 */
export function trendMonths(today: string, count: number): (Period & { month: string })[] {
  const months: (Period & { month: string })[] = [];
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  for (let i = 0; i < count; i++) {
    const mm = String(month).padStart(2, '0');
    const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    months.unshift({ month: `${year}-${mm}`, from: `${year}-${mm}-01`, to: addDays(next, -1) });
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}
