import { addDays } from '../dates/calendar-date';

/** Half-day periods of an outpatient slot pool. */
export const SLOT_PERIODS = ['am', 'pm'] as const;
export type SlotPeriod = (typeof SLOT_PERIODS)[number];

export const SLOT_PERIOD_LABELS: Record<SlotPeriod, string> = { am: '上午', pm: '下午' };

/** When the resident should arrive and when the period's clinic closes (China time, HH:MM). */
export const SLOT_PERIOD_HOURS: Record<SlotPeriod, { arrive: string; closes: string }> = {
  am: { arrive: '08:00', closes: '12:00' },
  pm: { arrive: '14:00', closes: '17:30' },
};

/**
 * Whether a slot can no longer be booked at `now`: its day is past, or it is today and the
 * period's clinic has closed.
 * @example isSlotPast('2026-12-01', 'am', new Date('2026-12-01T05:00:00Z')) // → true (13:00 in China)
 */
export function isSlotPast(date: string, period: SlotPeriod, now: Date): boolean {
  const china = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString();
  const today = china.slice(0, 10);
  if (date !== today) return date < today;
  return china.slice(11, 16) >= SLOT_PERIOD_HOURS[period].closes;
}

/**
 * The dates from `from` to `to` inclusive whose weekday (0 = Sunday … 6 = Saturday) is in `weekdays`:
 * a week template applied to a range.
 * @example datesOnWeekdays('2026-12-07', '2026-12-13', [1, 3]) // → ['2026-12-07', '2026-12-09']
 */
export function datesOnWeekdays(from: string, to: string, weekdays: readonly number[]): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (weekdays.includes(new Date(`${date}T00:00:00Z`).getUTCDay())) dates.push(date);
  }
  return dates;
}

/**
 * A slot as a resident reads it.
 * @example slotLabel('2026-12-07', 'am') // → '12月7日 上午'
 */
export function slotLabel(date: string, period: SlotPeriod): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日 ${SLOT_PERIOD_LABELS[period]}`;
}
