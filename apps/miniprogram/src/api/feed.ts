import { http } from './client'
import type { FeedItem } from './types'

export const feedApi = {
  list: () => http.get<FeedItem[]>('/feed'),
  open: (id: string) => http.get<FeedItem & { body?: string }>(`/feed/${id}`),
}
