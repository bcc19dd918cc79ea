import type { Notice } from '@jiayi/contract'
import { http } from './client'

/** What happened to the resident's contracts, referrals and surveys (GET /api/notices), newest first. */
export const noticesApi = {
  list: () => http.get<Notice[]>('/notices'),
  markRead: (id: string) => http.post<Notice>(`/notices/${id}/read`, {}),
}
