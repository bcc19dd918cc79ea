import { isCalendarDate } from '../dates/calendar-date';

/** How long a respondent has been signed, in the bands of the standard questionnaire (question 3). */
export type SigningDurationBand = 'unsigned' | 'under6m' | '6to12m' | 'over1y';

export const SIGNING_DURATION_LABELS: Record<SigningDurationBand, string> = {
  unsigned: '未签约',
  under6m: '不到半年',
  '6to12m': '半年-1年',
  over1y: '1年以上',
};

function fullMonthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/**
 * The signing-duration band on a date, counted from the first day of signing (null: not signed).
 * Half a year is six calendar months; a signing that starts later than `on` counts as under six months.
 * @example signingDurationBand('2025-01-15', '2025-07-15') // → '6to12m'
 * @example signingDurationBand(null, '2026-01-01') // → 'unsigned'
 */
export function signingDurationBand(signedSince: string | null, on: string): SigningDurationBand {
  if (signedSince === null) return 'unsigned';
  if (!isCalendarDate(signedSince) || !isCalendarDate(on)) throw new RangeError(`not calendar dates: ${signedSince}, ${on}`);
  const months = fullMonthsBetween(signedSince, on);
  if (months < 6) return 'under6m';
  if (months < 12) return '6to12m';
  return 'over1y';
}
