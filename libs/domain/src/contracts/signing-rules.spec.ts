import { checkGuardianConsent, checkInsuranceAuthorization, checkTerminationBy, familyDoctorsWithPlaces, sameTotals, signingRefusal } from './signing-rules';

describe('signing rules', () => {
  it('needs the insurance authorisation only when insurance pays something', () => {
    expect(checkInsuranceAuthorization({ insurance: 0 }, false)).toEqual({ ok: true, value: true });
    expect(checkInsuranceAuthorization({ insurance: 2000 }, true)).toEqual({ ok: true, value: true });
    expect(checkInsuranceAuthorization({ insurance: 2000 }, false)).toMatchObject({
      ok: false,
      code: 'CONTRACT.INSURANCE_AUTHORIZATION_REQUIRED',
      field: 'insuranceAuthorized',
    });
  });

  it('needs a guardian consent on record for a child under 14 on the start date', () => {
    expect(checkGuardianConsent('2020-01-01', '2026-12-01', null)).toMatchObject({ ok: false, code: 'CONTRACT.GUARDIAN_CONSENT_REQUIRED' });
    expect(checkGuardianConsent('2020-01-01', '2026-12-01', new Date())).toEqual({ ok: true, value: true });
    expect(checkGuardianConsent('2012-12-01', '2026-12-01', null)).toEqual({ ok: true, value: true });
    expect(checkGuardianConsent('2012-12-02', '2026-12-01', null)).toMatchObject({ ok: false });
  });

  it('lets residents and staff give only their own termination reasons', () => {
    expect(checkTerminationBy('resident', 'active', 'movedAway')).toEqual({ ok: true, value: 'movedAway' });
    expect(checkTerminationBy('resident', 'pending', 'residentRequest')).toEqual({ ok: true, value: 'residentRequest' });
    expect(checkTerminationBy('resident', 'active', 'death')).toMatchObject({ ok: false, code: 'CONTRACT.REASON_NOT_ALLOWED', field: 'reason' });
    expect(checkTerminationBy('resident', 'active', 'changedTeam')).toMatchObject({ ok: false, code: 'CONTRACT.REASON_NOT_ALLOWED' });
    expect(checkTerminationBy('staff', 'active', 'unreachable')).toEqual({ ok: true, value: 'unreachable' });
    expect(checkTerminationBy('staff', 'active', 'residentRequest')).toMatchObject({ ok: false, code: 'CONTRACT.REASON_NOT_ALLOWED' });
    expect(checkTerminationBy('resident', 'expired', 'movedAway')).toMatchObject({ ok: false, code: 'CONTRACT.NOT_TERMINABLE' });
    expect(checkTerminationBy('resident', 'active', 'bored')).toMatchObject({ ok: false, code: 'CONTRACT.TERMINATION_REASON' });
  });

  it('orders the family doctors with enough places, most places left first', () => {
    const doctors = [
      { id: 'c', isFamilyDoctor: true, heldPlaces: 10 },
      { id: 'a', isFamilyDoctor: true, heldPlaces: 1999 },
      { id: 'n', isFamilyDoctor: false, heldPlaces: 0 },
      { id: 'b', isFamilyDoctor: true, heldPlaces: 10 },
      { id: 'f', isFamilyDoctor: true, heldPlaces: 2000 },
    ];
    expect(familyDoctorsWithPlaces(doctors, 2000).map((d) => d.id)).toEqual(['b', 'c', 'a']);
    expect(familyDoctorsWithPlaces(doctors, 2000, 2).map((d) => d.id)).toEqual(['b', 'c']);
    expect(doctors[0].id).toBe('c');
  });

  it('compares splits to the fen', () => {
    const a = { total: 10400, insurance: 6900, publicHealth: 1000, selfPay: 2500, fiscal: 0 };
    expect(sameTotals(a, { ...a })).toBe(true);
    expect(sameTotals(a, { ...a, selfPay: 0, fiscal: 2500 })).toBe(false);
  });

  it('gives each refusal a Chinese message', () => {
    expect(signingRefusal('CONTRACT.SAME_TEAM')).toEqual({ ok: false, code: 'CONTRACT.SAME_TEAM', message: '您已经和这个团队签约，不需要改签' });
  });
});
