import { useState } from 'react'
import { View } from '@tarojs/components'
import { FEEDBACK_CATEGORY_LABELS, FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS, FEEDBACK_STATUSES, type FeedbackStatus } from '@jiayi/domain'
import { outreachApi } from '../../api/outreach'
import type { StaffFeedback } from '../../api/types'
import { BigButton, TextArea } from '../../components/Form'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { toast } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'

function FeedbackItem({ item, onChanged }: { item: StaffFeedback; onChanged: () => void }) {
  const [reply, setReply] = useState('')
  const update = useAction(async (status: FeedbackStatus) => {
    await outreachApi.updateFeedback(item.id, status, status === 'closed' ? reply : undefined)
    toast(status === 'closed' ? '已办结，居民会收到答复' : '已接手处理')
    onChanged()
  })
  return (
    <View className='card' data-testid='staff-feedback-card'>
      <View className='card__row'>
        <View className='tag'>
          {FEEDBACK_KIND_LABELS[item.kind]} · {FEEDBACK_CATEGORY_LABELS[item.category]}
        </View>
        <View className={`badge ${item.status === 'closed' ? 'badge--done' : 'badge--pending'}`}>{FEEDBACK_STATUS_LABELS[item.status]}</View>
      </View>
      <View>{item.text}</View>
      {item.photoUrl && <View className='link'>附有照片：{item.photoUrl}</View>}
      <View className='muted'>
        {item.residentName} · {item.teamName} · {formatDateTime(item.createdAt)} ·{' '}
        {item.status === 'closed' ? `${item.daysOpen} 天办结` : `已等待 ${item.daysOpen} 天`}
      </View>
      {item.handlerName && <View className='muted'>处理人：{item.handlerName}</View>}
      {item.reply && <View className='note'>答复：{item.reply}</View>}
      {item.status !== 'closed' && (
        <View>
          <TextArea label='给居民的答复' value={reply} onInput={setReply} testId='staff-feedback-reply' />
          <ErrorMessage error={update.error} />
          <View className='row'>
            {item.status === 'open' && (
              <BigButton testId='staff-feedback-take' kind='plain' small loading={update.busy} onClick={() => update.run('inProgress')}>
                接手处理
              </BigButton>
            )}
            <BigButton testId='staff-feedback-close' small loading={update.busy} disabled={!reply.trim()} onClick={() => update.run('closed')}>
              办结并答复
            </BigButton>
          </View>
        </View>
      )}
    </View>
  )
}

function Queue() {
  const [status, setStatus] = useState<FeedbackStatus | undefined>('open')
  const list = useRequest(() => outreachApi.feedback(status), [status], { refreshOnShow: true })
  return (
    <View>
      <View className='chips'>
        {[undefined, ...FEEDBACK_STATUSES].map((s) => (
          <View
            key={s ?? 'all'}
            className={`chip ${status === s ? 'chip--on' : ''}`}
            data-testid={`staff-feedback-filter-${s ?? 'all'}`}
            onClick={() => setStatus(s)}
          >
            {s ? FEEDBACK_STATUS_LABELS[s] : '全部'}
          </View>
        ))}
      </View>
      <StateView state={list} isEmpty={isEmptyList} emptyText='没有这类反馈'>
        {(items) => items.map((item) => <FeedbackItem key={item.id} item={item} onChanged={list.reload} />)}
      </StateView>
    </View>
  )
}

export default function OutreachFeedbackPage() {
  return (
    <StaffGate area='feedback' title='居民反馈与投诉' testId='outreach-feedback'>
      {() => <Queue />}
    </StaffGate>
  )
}
