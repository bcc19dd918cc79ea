import { isCalendarDate } from '../dates/calendar-date';
import { ok, refuse, Result } from '../result';

/** A checked resident ID number (GB 11643-1999) and what it tells. */
export interface ParsedIdNumber {
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const FIELD = 'idNumber';

/**
 * The check character for the first 17 digits.
 * @example idCheckCharacter('11010519491231002') // → 'X'
 */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/** Full-width digits and X, typed with a Chinese input method, become ASCII; spaces go. */
function normalise(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[\uFF38\uFF58]/g, 'X')
    .replace(/\s+/g, '')
    .replace(/x$/, 'X');
}

/**
 * Checks an 18-digit resident ID number and reads the birth date and gender from it.
 * @example parseIdNumber(' 11010519491231002x ', '2026-01-01')
 *   // → { ok: true, value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' } }
 */
export function parseIdNumber(raw: string, today: string): Result<ParsedIdNumber> {
  const id = normalise(raw ?? '');
  if (id === '') return refuse('ID.REQUIRED', '请填写身份证号', FIELD);
  if (/^\d{15}$/.test(id)) {
    return refuse('ID.LEGACY_15', '请填写18位身份证号，15位的老身份证号不能使用', FIELD);
  }
  if (id.length !== 18) {
    return refuse('ID.LENGTH', `身份证号应为18位，您填写了${id.length}位，请核对`, FIELD);
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return refuse('ID.CHARACTERS', '身份证号只能填写数字，最后一位可以是X', FIELD);
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate > today || birthDate < '1890-01-01') {
    return refuse('ID.BIRTH_DATE', '身份证号里的出生日期不对，请核对', FIELD);
  }
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) {
    return refuse('ID.CHECK_CHARACTER', '身份证号校验位不正确，请核对', FIELD);
  }
  return ok({ idNumber: id, birthDate, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' });
}

/**
 * The ID number as it may be shown: first 6 and last 4 characters, 8 stars between.
 * @example maskIdNumber('11010519491231002X') // → '110105********002X'
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/**
 * Test helper: a valid ID number from region 110105 (北京市朝阳区). `seq` picks the order code
 * (1–499) so several people with the same birthday and gender get different numbers.
 * @example makeIdNumber('1956-03-10', 'male') // → '110105195603100015'
 */
export function makeIdNumber(birthDate: string, gender: 'male' | 'female', seq = 1): string {
  if (!isCalendarDate(birthDate)) throw new RangeError(`not a calendar date: ${birthDate}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > 499) throw new RangeError('seq must be 1–499');
  const order = String((seq - 1) * 2 + (gender === 'male' ? 1 : 2)).padStart(3, '0');
  const first17 = `110105${birthDate.replace(/-/g, '')}${order}`;
  return first17 + idCheckCharacter(first17);
}
