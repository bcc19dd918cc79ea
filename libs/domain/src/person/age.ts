import { isCalendarDate } from '../dates/calendar-date';

export { addDays, addYears, daysBetween, todayInChina } from '../dates/calendar-date';

/** Age bands of the standard questionnaire (question 1), plus one for minors. */
export type AgeBand = '<18' | '18-30' | '31-50' | '51-65' | '65+';

/**
 * Full years (周岁) on a date. Someone born on 29 February turns a year older on 1 March
 * in a common year.
 * @example ageOn('1956-03-10', '2026-03-09') // → 69
 */
export function ageOn(birthDate: string, on: string): number {
  if (!isCalendarDate(birthDate)) throw new RangeError(`not a calendar date: ${JSON.stringify(birthDate)}`);
  if (!isCalendarDate(on)) throw new RangeError(`not a calendar date: ${JSON.stringify(on)}`);
  const [birthYear, birthMonth, birthDay] = birthDate.split('-').map(Number);
  const [year, month, day] = on.split('-').map(Number);
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
}

/**
 * The questionnaire's age band. The questionnaire's bands touch at 65 ("51-65岁" and
 * "65岁以上"); 65 goes to '65+' so the band agrees with the key group 65岁及以上老年人.
 * @example ageBand(65) // → '65+'; ageBand(30) // → '18-30'
 */
export function ageBand(age: number): AgeBand {
  if (age < 18) return '<18';
  if (age <= 30) return '18-30';
  if (age <= 50) return '31-50';
  if (age < 65) return '51-65';
  return '65+';
}
