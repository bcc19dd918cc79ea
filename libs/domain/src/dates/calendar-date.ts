// Calendar dates are 'YYYY-MM-DD' strings meaning a day in China. All arithmetic runs in UTC
// on those strings, so the host's time zone can never shift a date by one.

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * True for a real calendar date written 'YYYY-MM-DD'.
 * @example isCalendarDate('2024-02-29') // → true; isCalendarDate('2023-02-29') // → false
 */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtc(date: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return utc;
}

function fromUtc(date: Date): string {
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/**
 * The date n days later (n may be negative).
 * @example addDays('2026-12-31', 1) // → '2027-01-01'
 */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  return fromUtc(new Date(toUtc(date).getTime() + n * DAY_MS));
}

/**
 * The same day n years later; 29 February falls back to 28 February in a common year.
 * @example addYears('2024-02-29', 1) // → '2025-02-28'
 */
export function addYears(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`years must be an integer: ${n}`);
  const [year, month, day] = date.split('-').map(Number);
  toUtc(date);
  const target = year + n;
  const result = new Date(0);
  result.setUTCFullYear(target, month - 1, Math.min(day, daysInMonth(target, month)));
  return fromUtc(result);
}

function daysInMonth(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
}

/**
 * Whole days from a to b (negative when b is earlier).
 * @example daysBetween('2026-01-01', '2026-03-01') // → 59
 */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / DAY_MS);
}

/**
 * The calendar date in China (UTC+8, no daylight saving) at a moment.
 * @example todayInChina(new Date('2026-12-31T16:00:00Z')) // → '2027-01-01'
 */
export function todayInChina(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('invalid Date');
  return fromUtc(new Date(now.getTime() + CHINA_OFFSET_MS));
}

/**
 * A date the way it is written in Chinese text.
 * @example formatChineseDate('2027-01-01') // → '2027年1月1日'
 */
export function formatChineseDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  toUtc(date);
  return `${year}年${month}月${day}日`;
}
