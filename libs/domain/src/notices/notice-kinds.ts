/**
 * The events a resident is told about (domain.md §8): each lands in their notice list and, where
 * they subscribed, becomes a WeChat subscribe message through the outbox.
 */
export const NOTICE_KINDS = [
  'contractConfirmed',
  'contractRejected',
  'contractTerminated',
  'renewalWindowOpen',
  'referralBooked',
  'referralDeclined',
  'referralExpired',
  'referralCancelled',
  'referralVisited',
  'referralNoShow',
  'referralFeedback',
  'downReferral',
  'surveyInvitation',
  'serviceRecorded',
  'feedbackReplied',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  contractConfirmed: '签约已生效',
  contractRejected: '签约未通过',
  contractTerminated: '签约已解约',
  renewalWindowOpen: '可以续约了',
  referralBooked: '转诊预约成功',
  referralDeclined: '转诊申请未通过',
  referralExpired: '转诊申请已过期',
  referralCancelled: '转诊预约已取消',
  referralVisited: '转诊就诊已记录',
  referralNoShow: '转诊预约未就诊',
  referralFeedback: '医院回执已送达',
  downReferral: '医院已转回签约团队',
  surveyInvitation: '邀请您参加满意度调查',
  serviceRecorded: '家庭医生记录了一次服务',
  feedbackReplied: '您的反馈有了回复',
};
