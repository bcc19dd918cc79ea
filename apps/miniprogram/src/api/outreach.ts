import type { FeedbackStatus } from '@jiayi/domain'
import { http } from './client'
import type { AudienceInput, AudiencePreview, PushInput, PushStats, StaffFeedback, StaffPush, TemplateStats } from './types'

export const outreachApi = {
  pushes: () => http.get<StaffPush[]>('/staff/pushes'),
  preview: (audience: AudienceInput) => http.post<AudiencePreview>('/staff/pushes/audience-preview', { audience }),
  publish: (input: PushInput) => http.create<StaffPush>('/staff/pushes', input),
  withdraw: (id: string) => http.post<StaffPush>(`/staff/pushes/${id}/withdraw`),
  stats: (id: string) => http.get<PushStats>(`/staff/pushes/${id}/stats`),
  templateStats: () => http.get<TemplateStats[]>('/staff/pushes/templates'),
  feedback: (status?: FeedbackStatus) => http.get<StaffFeedback[]>('/staff/feedback', { status }),
  updateFeedback: (id: string, status: FeedbackStatus, reply?: string) => http.post<StaffFeedback>(`/staff/feedback/${id}`, { status, reply }),
}
