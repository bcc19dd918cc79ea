import type { NoticeKind } from '../notices/notice-kinds';

/**
 * What a subscribe-message template is for. The mini-program asks for the templates of one
 * purpose at the moment that matters (after signing: `contract`; after booking: `referral`; on
 * the feed: `push`); each event notice is sent with the template of its purpose.
 */
export const TEMPLATE_PURPOSES = ['push', 'contract', 'referral', 'survey', 'feedback'] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

export const TEMPLATE_PURPOSE_LABELS: Record<TemplatePurpose, string> = {
  push: '健康资讯提醒',
  contract: '签约进度通知',
  referral: '转诊预约通知',
  survey: '满意度调查邀请',
  feedback: '反馈处理结果',
};

const NOTICE_PURPOSES: Record<NoticeKind, TemplatePurpose> = {
  contractConfirmed: 'contract',
  contractRejected: 'contract',
  contractTerminated: 'contract',
  renewalWindowOpen: 'contract',
  referralBooked: 'referral',
  referralDeclined: 'referral',
  referralExpired: 'referral',
  referralCancelled: 'referral',
  referralVisited: 'referral',
  referralNoShow: 'referral',
  referralFeedback: 'referral',
  downReferral: 'referral',
  surveyInvitation: 'survey',
  serviceRecorded: 'contract',
  feedbackReplied: 'feedback',
};

/**
 * The purpose whose template announces a notice.
 * @example noticePurpose('referralBooked') // → 'referral'
 */
export function noticePurpose(kind: NoticeKind): TemplatePurpose {
  return NOTICE_PURPOSES[kind];
}

/** One-time templates allow one message per acceptance; long-term ones stay on until refused. */
export const TEMPLATE_KINDS = ['oneTime', 'longTerm'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** What `wx.requestSubscribeMessage` answers for each template id. */
export const SUBSCRIBE_ANSWERS = ['accept', 'reject', 'ban', 'filter'] as const;
export type SubscribeAnswer = (typeof SUBSCRIBE_ANSWERS)[number];

/** WeChat takes at most this many template ids in one `requestSubscribeMessage`. */
export const MAX_TEMPLATES_PER_REQUEST = 3;
