import { needsGuardianConsent, PRIVACY_POLICY_VERSION } from './consent';

describe('needsGuardianConsent', () => {
  it('is true under 14 and false from the 14th birthday', () => {
    expect(needsGuardianConsent('2012-12-02', '2026-12-01')).toBe(true);
    expect(needsGuardianConsent('2012-12-01', '2026-12-01')).toBe(false);
    expect(needsGuardianConsent('1956-03-10', '2026-12-01')).toBe(false);
  });

  it('names the current privacy-policy version', () => {
    expect(PRIVACY_POLICY_VERSION).toBe('2026-11');
  });
});
