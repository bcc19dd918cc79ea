// Response shapes of the HTTP contract (shared/spec/api.md) that the domain library does not model.
// Money is always integer 分; dates are 'YYYY-MM-DD' or ISO 8601.
import type { KeyGroupTag, PackageTotals, Quote, Questionnaire, ServicePackage } from '@jiayi/domain'
import type { SessionUser } from '../session'

export type { KeyGroupTag, Quote, Questionnaire, ServicePackage }

/** A package as GET /api/packages offers it: with its yearly totals. */
export type OfferedPackage = ServicePackage & { totals: PackageTotals }

export interface LoginResponse {
  accessToken: string
  expiresIn: number
  user: SessionUser
}

export type { Me, Person, ProfileInput, FamilyMemberInput, ConsentWithdrawal, AccountClosure } from '@jiayi/contract'

export interface Community {
  id: string
  name: string
  institutionId: string
  institutionName: string
}

export interface TeamDoctor {
  id: string
  name: string
  title: string
  placesLeft: number
  /** Nurses and other members are listed with the team but hold no contracts. */
  isFamilyDoctor?: boolean
}

export interface Team {
  id: string
  name: string
  institutionId: string
  communities: unknown[]
  placesLeft: number
  doctors: TeamDoctor[]
  phone?: string
}

export interface Agreement {
  version: string
  title: string
  text: string
  hash: string
}

export type ContractStatus = 'pending' | 'active' | 'rejected' | 'expired' | 'terminated'

export interface Contract {
  id: string
  personId: string
  teamId: string
  doctorId: string | null
  status: ContractStatus
  startDate: string
  endDate: string
  years: number
  packageCodes: string[]
  fees: Quote
  signedBy: string
  agreementVersion: string
  renewalOf?: string | null
  /** The pending or active renewal continuing this contract. */
  renewedBy?: string | null
  /** For an active contract: the first day it may be renewed. */
  renewalOpensOn?: string | null
  createdAt: string
  confirmedAt?: string | null
  rejectionReason?: string | null
  terminationReason?: string | null
  person: { id: string; name: string }
  team: { id: string; name: string; phone: string }
  doctor: { id: string; name: string; title: string; phone: string } | null
  institution: { id: string; name: string }
}

export interface CreateContractInput {
  personIds: string[]
  teamId: string
  doctorId?: string
  /** Packages for everyone not listed in `selections`. */
  packageCodes: string[]
  /** Per-person packages, for a household whose members choose differently. */
  selections?: { personId: string; packageCodes: string[] }[]
  years: number
  agreementVersion: string
  insuranceAuthorized: boolean
}

export interface SurveyWaveSummary {
  id: string
  title: string
  questionnaireTitle: string
  opensAt: string
  closesAt: string
  answered: boolean
}

export interface SurveyWave {
  id: string
  title: string
  closesAt: string
  answered: boolean
  questionnaire: Questionnaire
}

export interface Answer {
  questionId: string
  optionIds?: string[]
  text?: string
}

export interface FeedItem {
  id: string
  title: string
  summary: string
  category: string
  publishedAt: string
  read: boolean
}

/** A paged list: one page of `items` out of `total`. */
export interface Page<T> {
  items: T[]
  total: number
  limit: number
  offset: number
}

export interface PendingContract extends Omit<Contract, 'person'> {
  person: {
    id: string
    name: string
    idNumberMasked: string
    gender: string
    age: number
    tags: string[]
    declaredTags: string[]
  }
}

export interface StaffDoctor {
  id: string
  name: string
  title: string
  signed: number
  pending: number
  placesLeft: number
}

export interface StaffTeam {
  id: string
  name: string
  institutionId?: string
  doctors: StaffDoctor[]
  placesLeft: number
}

export interface RefusalInput {
  name: string
  idNumber: string
  phone?: string
  teamId: string
  reason: string
}

/** One informed refusal (知情拒签) as GET /api/staff/refusals lists it, newest first. */
export interface SigningRefusal {
  id: string
  name: string
  idNumberMasked: string
  phoneMasked: string | null
  teamId: string
  teamName: string
  reason: string
  createdAt: string
}

export interface StaffResident {
  id: string
  name: string
  idNumberMasked: string
  gender?: string
  age?: number
}

export interface QuestionnaireSummary {
  id: string
  code: string
  version: number | string
  title: string
}

export type ScopeType = 'region' | 'institution' | 'team'

export interface StaffWave {
  id: string
  title: string
  scope: { type: ScopeType; id: string; name?: string } | string
  opensAt: string
  closesAt: string
  sampleSize: number | null
  respondents: number
}

export interface CreateWaveInput {
  questionnaireId: string
  title: string
  scopeType: ScopeType
  scopeId: string
  opensAt: string
  closesAt: string
  sampleSize?: number
}

export interface Indicator {
  code: string
  name: string
  /** A rate counts respondents; a mean score averages option scores (0–100), its rate being mean / 100. */
  kind?: 'rate' | 'meanScore'
  numerator: number
  denominator: number
  rate: number | null
  ci95: [number, number] | null
}

export interface ReportQuestion {
  questionId: string
  title: string
  type: string
  validRespondents: number
  options: { optionId: string; label: string; count: number; percent: number }[]
}

export interface SurveyReport {
  waveId: string
  respondents: number
  questions: ReportQuestion[]
  indicators: Indicator[]
  breakdowns: Record<string, { key: string; label: string; indicators: Indicator[] }[]>
}
