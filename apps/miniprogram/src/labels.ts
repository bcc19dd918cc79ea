// Chinese labels of codes the API sends; the vocabularies themselves live in the domain library.
import {
  CONTRACT_STATUS_LABELS,
  TERMINATION_REASON_LABELS,
  type ContractStatus,
  type TerminationReason,
} from '@jiayi/domain'

export function contractStatusLabel(status: string): string {
  return CONTRACT_STATUS_LABELS[status as ContractStatus] ?? status
}

export function terminationReasonLabel(reason: string): string {
  return TERMINATION_REASON_LABELS[reason as TerminationReason] ?? reason
}

/** What a resident may give as a reason; death and unreachability are recorded by staff. */
export const RESIDENT_TERMINATION_REASONS: TerminationReason[] = ['movedAway', 'residentRequest', 'other']

export const RELATIONS = ['配偶', '父母', '子女', '其他'] as const
