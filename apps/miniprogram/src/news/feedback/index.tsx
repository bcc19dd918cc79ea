import { useState } from 'react'
import { Image, View } from '@tarojs/components'
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_KIND_LABELS,
  FEEDBACK_KINDS,
  FEEDBACK_STATUS_LABELS,
  type FeedbackCategory,
  type FeedbackKind,
} from '@jiayi/domain'
import { feedbackApi } from '../../api/feed'
import { BigButton, OptionRow, TextArea } from '../../components/Form'
import { Page } from '../../components/Page'
import { ErrorMessage, StateView, isEmptyList } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { pickAndUploadImage } from '../../image-upload'
import { toast } from '../../navigation'

/** 意见反馈 / 投诉 about the resident's family-doctor team, and the answers received. */
export default function FeedbackPage() {
  const mine = useRequest(() => feedbackApi.mine(), [])
  const [kind, setKind] = useState<FeedbackKind>('feedback')
  const [category, setCategory] = useState<FeedbackCategory>()
  const [text, setText] = useState('')
  const [photoUrl, setPhotoUrl] = useState<string>()
  const photo = useAction(async () => setPhotoUrl(await pickAndUploadImage()))
  const send = useAction(async () => {
    if (!category) return
    await feedbackApi.send({ kind, category, text, ...(photoUrl ? { photoUrl } : {}) })
    setText('')
    setPhotoUrl(undefined)
    toast('已提交，处理后会通知您')
    mine.reload()
  })

  return (
    <Page title='意见反馈与投诉' testId='feedback'>
      <View className='note'>您的意见会交给签约团队所在的卫生院，由专人处理并答复。</View>
      <View className='chips'>
        {FEEDBACK_KINDS.map((k) => (
          <View key={k} className={`chip ${kind === k ? 'chip--on' : ''}`} data-testid={`feedback-kind-${k}`} onClick={() => setKind(k)}>
            {FEEDBACK_KIND_LABELS[k]}
          </View>
        ))}
      </View>
      <View className='section-title'>类别</View>
      {FEEDBACK_CATEGORIES.map((c) => (
        <OptionRow key={c} selected={category === c} testId={`feedback-category-${c}`} onClick={() => setCategory(c)}>
          {FEEDBACK_CATEGORY_LABELS[c]}
        </OptionRow>
      ))}
      <TextArea label='具体情况' value={text} onInput={setText} testId='feedback-text' placeholder='请写下发生了什么，最多500字' />
      {photoUrl && <Image src={photoUrl} mode='widthFix' style={{ width: '160px' }} />}
      <BigButton testId='feedback-photo' kind='plain' loading={photo.busy} onClick={() => photo.run()}>
        {photoUrl ? '换一张照片' : '添加照片（可选）'}
      </BigButton>
      <ErrorMessage error={photo.error ?? send.error} />
      <BigButton testId='feedback-send' loading={send.busy} disabled={!text.trim() || !category} onClick={() => send.run()}>
        提交
      </BigButton>
      <View className='section-title'>我的反馈</View>
      <StateView state={mine} isEmpty={isEmptyList} emptyText='还没有提交过'>
        {(list) =>
          list.map((f) => (
            <View className='card' key={f.id} data-testid='feedback-card'>
              <View className='card__row'>
                <View className='tag'>
                  {FEEDBACK_KIND_LABELS[f.kind]} · {FEEDBACK_CATEGORY_LABELS[f.category]}
                </View>
                <View className={`badge ${f.status === 'closed' ? 'badge--done' : 'badge--pending'}`}>{FEEDBACK_STATUS_LABELS[f.status]}</View>
              </View>
              <View>{f.text}</View>
              {f.reply && <View className='note'>答复：{f.reply}</View>}
              <View className='muted'>{formatDateTime(f.createdAt)}</View>
            </View>
          ))
        }
      </StateView>
    </Page>
  )
}
