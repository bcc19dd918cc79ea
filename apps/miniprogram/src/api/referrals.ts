import { http } from './client'
import type {
  DownReferralInput,
  PublishedPools,
  Referral,
  ReferralFeedbackInput,
  ReferralInput,
  SlotPool,
  SlotPoolBatchInput,
  SlotPoolUpdate,
  StaffDownReferral,
  StaffReferral,
} from '@jiayi/contract'

export type { Referral, SlotPool, StaffDownReferral, StaffReferral }

export interface Hospital {
  id: string
  name: string
  level: string
  address: string
  departments: string[]
}

interface SlotQuery {
  hospitalId: string
  department?: string
  from?: string
  to?: string
}

/** The resident's referrals. */
export const referralsApi = {
  hospitals: () => http.get<Hospital[]>('/hospitals'),
  slots: (query: SlotQuery) => http.get<SlotPool[]>('/referral-slots', { ...query }),
  list: () => http.get<Referral[]>('/referrals'),
  request: (input: ReferralInput) => http.create<Referral>('/referrals', input),
  cancel: (id: string) => http.post<Referral>(`/referrals/${id}/cancel`, {}),
}

/** Referrals in the workspace: the team's queue and bookings, the hospital's pools and arrivals. */
export const staffReferralsApi = {
  slots: (query: SlotQuery | Omit<SlotQuery, 'hospitalId'>) => http.get<SlotPool[]>('/staff/referral-slots', { ...query }),
  publishWeek: (input: SlotPoolBatchInput) => http.create<PublishedPools>('/staff/referral-slots/batch', input),
  updatePool: (id: string, input: SlotPoolUpdate) => http.put<SlotPool>(`/staff/referral-slots/${id}`, input),
  list: (query: { status?: string; from?: string; to?: string } = {}) => http.get<StaffReferral[]>('/staff/referrals', query),
  book: (input: ReferralInput) => http.create<StaffReferral>('/staff/referrals', input),
  approve: (id: string) => http.post<StaffReferral>(`/staff/referrals/${id}/approve`, {}),
  decline: (id: string, reason: string) => http.post<StaffReferral>(`/staff/referrals/${id}/decline`, { reason }),
  visit: (id: string) => http.post<StaffReferral>(`/staff/referrals/${id}/visit`, {}),
  noShow: (id: string) => http.post<StaffReferral>(`/staff/referrals/${id}/no-show`, {}),
  feedback: (id: string, input: ReferralFeedbackInput) => http.post<StaffReferral>(`/staff/referrals/${id}/feedback`, input),
  downReferrals: (pending?: boolean) => http.get<StaffDownReferral[]>('/staff/down-referrals', { pending }),
  sendDown: (input: DownReferralInput) => http.create<StaffDownReferral>('/staff/down-referrals', input),
  acknowledge: (id: string) => http.post<StaffDownReferral>(`/staff/down-referrals/${id}/acknowledge`, {}),
}
