import { addDays, addYears, daysBetween, formatChineseDate, isCalendarDate, todayInChina } from './calendar-date';

describe('calendar dates', () => {
  it('recognises real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
  });

  it('adds days across month, year and leap day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2027-01-31', -30)).toBe('2027-01-01');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
  });

  it('adds years, clamping 29 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2026-03-01', 3)).toBe('2029-03-01');
    expect(addYears('2026-03-01', -1)).toBe('2025-03-01');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2026-03-01', '2026-01-01')).toBe(-59);
  });

  it('gives the date in China whatever the host time zone', () => {
    expect(todayInChina(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(todayInChina(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(todayInChina(new Date('2026-07-01T00:30:00+08:00'))).toBe('2026-07-01');
  });

  it('writes dates the Chinese way', () => {
    expect(formatChineseDate('2027-01-01')).toBe('2027年1月1日');
    expect(formatChineseDate('2026-11-30')).toBe('2026年11月30日');
  });

  it('throws on malformed input (a bug, not user input)', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
  });
});
