// Chinese labels of codes the API sends; the vocabularies themselves live in the domain library.
import { CONTRACT_STATUS_LABELS, RELATION_LABELS, TERMINATION_REASON_LABELS, type ContractStatus, type TerminationReason } from '@jiayi/domain'

export function contractStatusLabel(status: string): string {
  return CONTRACT_STATUS_LABELS[status as ContractStatus] ?? status
}

/** Plain words after the code's label where the label alone is office talk. */
const TERMINATION_REASON_NOTES: Partial<Record<TerminationReason, string>> = { changedTeam: '（已换到新的医生团队）' }

export function terminationReasonLabel(reason: string): string {
  const label = TERMINATION_REASON_LABELS[reason as TerminationReason] ?? reason
  return label + (TERMINATION_REASON_NOTES[reason as TerminationReason] ?? '')
}

/** What a resident may give as a reason; death and unreachability are recorded by staff. */
export { RESIDENT_TERMINATION_REASONS } from '@jiayi/domain'

/** The codes the API takes for a family member's relation to the account holder. */
export { FAMILY_RELATIONS as RELATIONS, type FamilyRelation as Relation } from '@jiayi/domain'

export function relationLabel(relation: string | undefined): string {
  return RELATION_LABELS[relation as keyof typeof RELATION_LABELS] ?? '家人'
}
