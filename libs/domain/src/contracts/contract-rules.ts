import { addDays, addYears, formatChineseDate } from '../dates/calendar-date';
import { ok, refuse, Refusal, Result } from '../result';

export const CONTRACT_STATUSES = ['pending', 'active', 'rejected', 'expired', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  pending: '待医生确认',
  active: '已生效',
  rejected: '未通过',
  expired: '已到期',
  terminated: '已解约',
};

export const TERMINATION_REASONS = ['movedAway', 'death', 'unreachable', 'refusedService', 'residentRequest', 'changedTeam', 'other'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];
export const TERMINATION_REASON_LABELS: Record<TerminationReason, string> = {
  movedAway: '迁出',
  death: '死亡',
  unreachable: '连续一年无法联系',
  refusedService: '连续一年拒绝服务',
  residentRequest: '主动解约',
  changedTeam: '改签',
  other: '其他',
};

export const SIGNING_CHANNELS = ['miniProgram', 'onsite'] as const;
export type SigningChannel = (typeof SIGNING_CHANNELS)[number];

export const SIGNED_BY = ['self', 'family', 'doctor'] as const;
export type SignedBy = (typeof SIGNED_BY)[number];
export const SIGNED_BY_LABELS: Record<SignedBy, string> = {
  self: '本人',
  family: '家人代签',
  doctor: '医生代签',
};

/** Messages for the contract refusals; the API answers these with 409 (or 400 for bad input). */
export const CONTRACT_REFUSALS = {
  'CONTRACT.CAPACITY_FULL': '该医生签约名额已满，请选择其他医生或团队',
  'CONTRACT.TEAM_CAPACITY_FULL': '该团队签约名额已满，请选择其他团队',
  'CONTRACT.ALREADY_SIGNED': '已经有一份生效或等待确认的签约，不能重复签约',
  'CONTRACT.NOT_PENDING': '这份签约已经处理过了，不能再确认或退回',
  'CONTRACT.NOT_ACTIVE': '只有已生效的签约才能办理这项业务',
  'CONTRACT.OUTSIDE_RENEWAL_WINDOW': '现在还不能续约',
  'CONTRACT.ALREADY_RENEWED': '这份签约已经续约过了',
  'CONTRACT.NOT_TERMINABLE': '这份签约已经结束，不需要再解约',
  'CONTRACT.TERMINATION_REASON': '请选择解约原因',
  'CONTRACT.INVALID_TRANSITION': '签约状态不能这样变更',
  'CONTRACT.TEAM_NOT_SERVING': '这个团队不负责您所在的村或社区，请选择其他团队',
  'CONTRACT.AGREEMENT_OUTDATED': '签约协议已经更新，请重新阅读并同意',
  'CONTRACT.GUARDIAN_CONSENT_REQUIRED': '14岁以下儿童签约需要监护人同意',
  'CONTRACT.REJECTION_REASON': '请填写退回原因',
} as const;
export type ContractRefusalCode = keyof typeof CONTRACT_REFUSALS;

/**
 * The refusal for a contract code, with its standard message.
 * @example contractRefusal('CONTRACT.CAPACITY_FULL', 'doctorId')
 *   // → { ok: false, code: 'CONTRACT.CAPACITY_FULL', message: '该医生签约名额已满，请选择其他医生或团队', field: 'doctorId' }
 */
export function contractRefusal(code: ContractRefusalCode, field?: string): Refusal {
  return refuse(code, CONTRACT_REFUSALS[code], field);
}

const TRANSITIONS: Record<ContractStatus, readonly ContractStatus[]> = {
  pending: ['active', 'rejected', 'terminated'],
  active: ['expired', 'terminated'],
  rejected: [],
  expired: [],
  terminated: [],
};

/**
 * True when a contract may move from one status to the other. A pending contract may be
 * withdrawn (terminated) before the doctor confirms it.
 * @example canTransition('pending', 'active') // → true; canTransition('expired', 'active') // → false
 */
export function canTransition(from: ContractStatus, to: ContractStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * The period of a contract: `years` years from the start, ending the day before the anniversary.
 * @example contractPeriod('2026-03-01', 1) // → { startDate: '2026-03-01', endDate: '2027-02-28' }
 */
export function contractPeriod(startDate: string, years: number): { startDate: string; endDate: string } {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`years must be a positive integer: ${years}`);
  // 29 February + 1 year: the period ends on 28 February, a full year later.
  const sameDay = addYears(startDate, years);
  const anniversary = startDate.endsWith('-02-29') && sameDay.endsWith('-02-28') ? addDays(sameDay, 1) : sameDay;
  return { startDate, endDate: addDays(anniversary, -1) };
}

/**
 * Whether an active contract may be renewed today: from `windowDays` before its end date up to
 * the end date itself. The renewal starts the day after the old contract ends.
 * @example checkRenewal({ status: 'active', endDate: '2027-01-31' }, '2026-12-01', 30)
 *   // → { ok: false, code: 'CONTRACT.OUTSIDE_RENEWAL_WINDOW', message: '续约将于2027年1月1日开放（到期前30天）' }
 */
export function checkRenewal(contract: { status: ContractStatus | string; endDate: string }, today: string, windowDays: number): Result<{ startDate: string }> {
  if (contract.status !== 'active') return contractRefusal('CONTRACT.NOT_ACTIVE');
  const opens = addDays(contract.endDate, -windowDays);
  if (today < opens) {
    return refuse('CONTRACT.OUTSIDE_RENEWAL_WINDOW', `续约将于${formatChineseDate(opens)}开放（到期前${windowDays}天）`);
  }
  if (today > contract.endDate) {
    return refuse('CONTRACT.OUTSIDE_RENEWAL_WINDOW', `这份签约已于${formatChineseDate(contract.endDate)}到期，请重新签约`);
  }
  return ok({ startDate: addDays(contract.endDate, 1) });
}

/**
 * True when x is one of the termination reasons.
 * @example isTerminationReason('death') // → true
 */
export function isTerminationReason(x: unknown): x is TerminationReason {
  return typeof x === 'string' && (TERMINATION_REASONS as readonly string[]).includes(x);
}

/**
 * Whether a contract in this status may be terminated for this reason (pending or active only).
 * @example checkTermination('expired', 'movedAway') // → { ok: false, code: 'CONTRACT.NOT_TERMINABLE', ... }
 */
export function checkTermination(status: ContractStatus | string, reason: string): Result<TerminationReason> {
  if (!isTerminationReason(reason)) return contractRefusal('CONTRACT.TERMINATION_REASON', 'reason');
  if (status !== 'pending' && status !== 'active') return contractRefusal('CONTRACT.NOT_TERMINABLE');
  return ok(reason);
}
