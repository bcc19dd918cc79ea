import type { RefusalCode } from './refusals';

/** A rule said no: a stable code for machines (see `refusals.ts`), a plain Chinese message for people. */
export type Refusal = { ok: false; code: RefusalCode; message: string; field?: string };

/** A rule said yes, and here is what it produced. */
export type Ok<T> = { ok: true; value: T };

/** What every rule check returns: expected refusals are values, not exceptions. */
export type Result<T> = Ok<T> | Refusal;

/**
 * Wraps a value as a success.
 * @example ok(3) // → { ok: true, value: 3 }
 */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/**
 * Builds a refusal; `field` names the input at fault when there is one.
 * @example refuse('ID.REQUIRED', '请填写身份证号', 'idNumber')
 */
export function refuse(code: RefusalCode, message: string, field?: string): Refusal {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}
