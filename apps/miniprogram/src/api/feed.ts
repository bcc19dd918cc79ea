import type { PushCategory } from '@jiayi/domain'
import { http } from './client'
import type { Feedback, FeedbackInput, FeedItem, FeedItemDetail, Notice, NotificationTemplate, Subscription, SubscriptionsInput, Upload } from './types'

export const feedApi = {
  list: (category?: PushCategory) => http.get<FeedItem[]>('/feed', { category }),
  /** Opening records the read. */
  open: (id: string) => http.get<FeedItemDetail>(`/feed/${id}`),
}

export const noticesApi = {
  list: () => http.get<Notice[]>('/notices'),
  read: (id: string) => http.post<Notice>(`/notices/${id}/read`),
}

export const subscriptionsApi = {
  templates: () => http.get<NotificationTemplate[]>('/notification-templates'),
  record: (input: SubscriptionsInput) => http.post<Subscription[]>('/subscriptions', input),
}

export const feedbackApi = {
  mine: () => http.get<Feedback[]>('/feedback'),
  send: (input: FeedbackInput) => http.create<Feedback>('/feedback', input),
}

export const uploadsApi = {
  image: (contentType: 'image/png' | 'image/jpeg' | 'image/webp', data: string) => http.create<Upload>('/uploads', { contentType, data }),
}
