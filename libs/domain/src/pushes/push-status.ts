/**
 * Where a push stands. `scheduled` waits for its publish time (it reaches no feed yet);
 * `published` is in the feeds of its audience; `withdrawn` has left them (its reads stay counted).
 */
export const PUSH_STATUSES = ['scheduled', 'published', 'withdrawn'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

export const PUSH_STATUS_LABELS: Record<PushStatus, string> = {
  scheduled: '定时待发',
  published: '已发布',
  withdrawn: '已撤回',
};
