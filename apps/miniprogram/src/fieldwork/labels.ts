import type { PlanItemView, Todo } from '@jiayi/contract'

export const TODO_LABELS: Record<Todo['items'][number]['kind'], string> = {
  serviceOverdue: '逾期未服务',
  serviceDueThisWeek: '本周到期服务',
  contractEnding: '30天内到期',
  contractLapsed: '到期未续约',
  serviceUnconfirmed: '居民未确认',
  contractRejected: '退回待回访',
  referralToApprove: '转诊待审核',
  downReferralToAcknowledge: '转回待接收',
  referralFollowUp: '转诊后待随访',
}

export const PLAN_STATE_LABELS: Record<PlanItemView['state'], string> = {
  done: '已完成',
  due: '待完成',
  overdue: '已逾期',
  upcoming: '未到期',
}
