import { ok, refuse, type Result } from '../result';

/** 居民反馈 or 投诉: a complaint is about something that went wrong and is followed up as such. */
export const FEEDBACK_KINDS = ['feedback', 'complaint'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export const FEEDBACK_KIND_LABELS: Record<FeedbackKind, string> = { feedback: '意见建议', complaint: '投诉' };

/** What the resident writes about. */
export const FEEDBACK_CATEGORIES = ['attitude', 'quality', 'followUp', 'fees', 'environment', 'other'] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number];
export const FEEDBACK_CATEGORY_LABELS: Record<FeedbackCategory, string> = {
  attitude: '服务态度',
  quality: '医疗质量',
  followUp: '随访履约',
  fees: '收费问题',
  environment: '就医环境',
  other: '其他',
};

/** 待处理 → 处理中 → 已办结; a reply is required to close. */
export const FEEDBACK_STATUSES = ['open', 'inProgress', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = { open: '待处理', inProgress: '处理中', closed: '已办结' };

const NEXT: Record<FeedbackStatus, readonly FeedbackStatus[]> = { open: ['inProgress', 'closed'], inProgress: ['closed'], closed: [] };

/**
 * Whether staff may move an item from `from` to `to`; closing needs a reply.
 * @example checkFeedbackTransition('open', 'inProgress', '') // → ok
 * @example checkFeedbackTransition('closed', 'inProgress', '') // → refusal FEEDBACK.INVALID_TRANSITION
 */
export function checkFeedbackTransition(from: FeedbackStatus, to: FeedbackStatus, reply: string): Result<FeedbackStatus> {
  if (!NEXT[from].includes(to)) {
    return refuse('FEEDBACK.INVALID_TRANSITION', `“${FEEDBACK_STATUS_LABELS[from]}”的反馈不能改为“${FEEDBACK_STATUS_LABELS[to]}”`, 'status');
  }
  if (to === 'closed' && reply.trim() === '') return refuse('FEEDBACK.REPLY_REQUIRED', '办结前请填写给居民的答复', 'reply');
  return ok(to);
}
