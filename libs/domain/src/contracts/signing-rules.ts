import { needsGuardianConsent } from '../person/consent';
import type { PayerTotals } from '../price/quote';
import { ok, refuse, Result } from '../result';
import { checkTermination, contractRefusal, ContractStatus, TerminationReason } from './contract-rules';

/** Refusals of signing that contract-rules.ts does not name; the API answers them with 409. */
export const SIGNING_REFUSALS = {
  'CONTRACT.INSURANCE_AUTHORIZATION_REQUIRED': '所选服务包有医保基金支付的部分，需要您勾选授权医保支付后才能签约',
  'CONTRACT.DOCTOR_NOT_IN_TEAM': '所选医生不是这个团队的家庭医生，请重新选择',
  'CONTRACT.FEES_CHANGED': '按确认的重点人群重新计算，费用与居民签约时看到的不一致；请退回并请居民重新签约',
  'CONTRACT.SAME_TEAM': '您已经和这个团队签约，不需要改签',
  'CONTRACT.REASON_NOT_ALLOWED': '这个解约原因不能在这里选择',
  'CONTRACT.CHANGE_PENDING': '您已申请更换医生团队，正在等待新团队确认；如要换别的团队，请先撤回那份申请',
} as const;
export type SigningRefusalCode = keyof typeof SIGNING_REFUSALS;

/**
 * The refusal for a signing code, with its standard message.
 * @example signingRefusal('CONTRACT.SAME_TEAM').message // → '您已经和这个团队签约，不需要改签'
 */
export function signingRefusal(code: SigningRefusalCode, field?: string) {
  return refuse(code, SIGNING_REFUSALS[code], field);
}

/** Reasons a resident may give when ending their own contract (改签 has its own step). */
export const RESIDENT_TERMINATION_REASONS = ['residentRequest', 'movedAway', 'other'] as const satisfies readonly TerminationReason[];
/** Reasons the team may record when ending a contract. */
export const STAFF_TERMINATION_REASONS = ['movedAway', 'death', 'unreachable', 'refusedService', 'other'] as const satisfies readonly TerminationReason[];

/**
 * Whether this party may end a contract in this status for this reason.
 * @example checkTerminationBy('resident', 'active', 'death')
 *   // → { ok: false, code: 'CONTRACT.REASON_NOT_ALLOWED', field: 'reason', ... }
 */
export function checkTerminationBy(party: 'resident' | 'staff', status: ContractStatus | string, reason: string): Result<TerminationReason> {
  const checked = checkTermination(status, reason);
  if (!checked.ok) return checked;
  const allowed: readonly string[] = party === 'resident' ? RESIDENT_TERMINATION_REASONS : STAFF_TERMINATION_REASONS;
  if (!allowed.includes(checked.value)) return signingRefusal('CONTRACT.REASON_NOT_ALLOWED', 'reason');
  return checked;
}

/**
 * Insurance may pay only with the resident's explicit authorisation (domain.md §4).
 * @example checkInsuranceAuthorization({ insurance: 2000 }, false)
 *   // → { ok: false, code: 'CONTRACT.INSURANCE_AUTHORIZATION_REQUIRED', field: 'insuranceAuthorized', ... }
 */
export function checkInsuranceAuthorization(totals: Pick<PayerTotals, 'insurance'>, authorized: boolean): Result<true> {
  if (totals.insurance > 0 && !authorized) return signingRefusal('CONTRACT.INSURANCE_AUTHORIZATION_REQUIRED', 'insuranceAuthorized');
  return ok(true);
}

/**
 * A child under 14 on the start date is signed only with the guardian's consent on record (PIPL art. 31).
 * @example checkGuardianConsent('2020-01-01', '2026-12-01', null)
 *   // → { ok: false, code: 'CONTRACT.GUARDIAN_CONSENT_REQUIRED', ... }
 */
export function checkGuardianConsent(birthDate: string, on: string, consentAt: Date | string | null): Result<true> {
  if (needsGuardianConsent(birthDate, on) && !consentAt) return contractRefusal('CONTRACT.GUARDIAN_CONSENT_REQUIRED', 'personIds');
  return ok(true);
}

export interface DoctorPlaces {
  id: string;
  isFamilyDoctor: boolean;
  heldPlaces: number;
}

/**
 * The team's family doctors who still have `needed` places under the cap, most places left first
 * (ties by id, so every caller tries them in the same order).
 * @example familyDoctorsWithPlaces([{ id: 'a', isFamilyDoctor: true, heldPlaces: 1990 },
 *   { id: 'b', isFamilyDoctor: true, heldPlaces: 10 }], 2000).map((d) => d.id) // → ['b', 'a']
 */
export function familyDoctorsWithPlaces<T extends DoctorPlaces>(doctors: readonly T[], capacity: number, needed = 1): T[] {
  return doctors
    .filter((d) => d.isFamilyDoctor && capacity - d.heldPlaces >= needed)
    .sort((a, b) => a.heldPlaces - b.heldPlaces || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * True when two splits have the same totals per payer, to the fen.
 * @example sameTotals({ total: 1, insurance: 1, publicHealth: 0, selfPay: 0, fiscal: 0 },
 *   { total: 1, insurance: 0, publicHealth: 0, selfPay: 1, fiscal: 0 }) // → false
 */
export function sameTotals(a: PayerTotals, b: PayerTotals): boolean {
  return a.total === b.total && a.insurance === b.insurance && a.publicHealth === b.publicHealth && a.selfPay === b.selfPay && a.fiscal === b.fiscal;
}
