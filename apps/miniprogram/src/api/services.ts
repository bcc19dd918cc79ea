import { http } from './client'
import type {
  NonSigning,
  OnsiteQuote,
  OnsiteQuoteInput,
  OnsiteSigning,
  OnsiteSigningInput,
  ResidentRecord,
  ResidentServices,
  ServiceCorrectionInput,
  ServiceInput,
  ServiceRecordView,
  Signature,
  Todo,
} from '@jiayi/contract'

/** The team's side of the contract: on-site signing, service records, to-do, the resident's record. */
export const fieldworkApi = {
  onsiteQuote: (input: OnsiteQuoteInput) => http.post<OnsiteQuote>('/staff/onsite-quotes', input),
  signOnSite: (input: OnsiteSigningInput) => http.create<OnsiteSigning>('/staff/onsite-signings', input),
  todo: (mine: boolean) => http.get<Todo>('/staff/todo', { mine: mine ? 'true' : undefined }),
  residentRecord: (personId: string) => http.get<ResidentRecord>(`/staff/residents/${personId}/record`),
  recordService: (input: ServiceInput) => http.create<ServiceRecordView>('/staff/services', input),
  correctService: (id: string, input: ServiceCorrectionInput) => http.create<ServiceRecordView>(`/staff/services/${id}/corrections`, input),
  contractSignature: (contractId: string) => http.get<Signature>(`/staff/contracts/${contractId}/signature`),
  updateNonSigning: (id: string, input: { category: NonSigning['category']; reason: string }) => http.put<NonSigning>(`/staff/refusals/${id}`, input),
}

/** 我的服务 of the resident and their family. */
export const servicesApi = {
  mine: () => http.get<ResidentServices>('/services'),
  confirm: (id: string) => http.post<ServiceRecordView>(`/services/${id}/confirm`),
}
