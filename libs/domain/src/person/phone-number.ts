/** A mainland mobile number: 11 digits starting with 1 (what both apps accept). */
export const MOBILE_PHONE_PATTERN = /^1\d{10}$/;

/**
 * True for an 11-digit mainland mobile number.
 * @example isMobilePhone('13800138000') // → true
 */
export function isMobilePhone(phone: string): boolean {
  return MOBILE_PHONE_PATTERN.test(phone);
}
