/**
 * Where a push stands. `scheduled` waits for its publish time (it reaches no feed yet);
 * `releasing` is due and the release job is writing its audience (targets and outbox, in chunks);
 * `published` is in the feeds of its whole audience; `withdrawn` has left them (its reads stay counted).
 */
export const PUSH_STATUSES = ['scheduled', 'releasing', 'published', 'withdrawn'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

export const PUSH_STATUS_LABELS: Record<PushStatus, string> = {
  scheduled: '定时待发',
  releasing: '发布中',
  published: '已发布',
  withdrawn: '已撤回',
};
