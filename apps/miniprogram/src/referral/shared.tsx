import { View } from '@tarojs/components'
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from '@jiayi/domain/referrals/referral-status'
import { SLOT_PERIOD_HOURS, SLOT_PERIOD_LABELS, slotLabel, type SlotPeriod } from '@jiayi/domain/referrals/slot-period'
import { addDays, todayInChina } from '@jiayi/domain/dates/calendar-date'
import type { ReferralFeedback } from '@jiayi/contract'
import './referral.css'

export { addDays, slotLabel, SLOT_PERIOD_LABELS, SLOT_PERIOD_HOURS }
export type { SlotPeriod }

/** Today's date in China, `YYYY-MM-DD`. */
export const today = () => todayInChina(new Date())

const BADGES: Record<ReferralStatus, string> = {
  requested: 'pending',
  booked: 'active',
  visited: 'done',
  noShow: 'rejected',
  declined: 'rejected',
  cancelled: 'expired',
  expired: 'expired',
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <View className={`badge badge--${BADGES[status as ReferralStatus] ?? 'pending'}`} data-testid='referral-status'>
      {REFERRAL_STATUS_LABELS[status as ReferralStatus] ?? status}
    </View>
  )
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** `2026-12-07` → `周一` */
export function weekday(date: string): string {
  return `周${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`
}

/** The hospital's written reply, in three labelled parts. */
export function FeedbackBlock({ feedback }: { feedback: ReferralFeedback }) {
  return (
    <View className='referral-feedback' data-testid='referral-feedback'>
      <View className='card__title'>医院回执</View>
      <View className='muted'>诊断与检查结果</View>
      <View className='referral-feedback__text'>{feedback.findings}</View>
      <View className='muted'>治疗建议</View>
      <View className='referral-feedback__text'>{feedback.advice}</View>
      <View className='muted'>下一步安排</View>
      <View className='referral-feedback__text'>{feedback.nextStep}</View>
    </View>
  )
}
