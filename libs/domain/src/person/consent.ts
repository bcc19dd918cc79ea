import { ageOn } from './age';

/** The privacy-policy version residents currently accept (recorded with each consent). */
export const PRIVACY_POLICY_VERSION = '2026-11';

/** Age below which a guardian consents for the child (PIPL art. 31). */
export const GUARDIAN_CONSENT_AGE = 14;

/**
 * True when the person is under 14 on the date, so a guardian's consent is required.
 * @example needsGuardianConsent('2015-06-01', '2026-01-01') // → true (10 years old)
 */
export function needsGuardianConsent(birthDate: string, on: string): boolean {
  return ageOn(birthDate, on) < GUARDIAN_CONSENT_AGE;
}
