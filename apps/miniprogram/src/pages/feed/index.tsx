import { useState } from 'react'
import { View } from '@tarojs/components'
import { feedApi } from '../../api/feed'
import { Page } from '../../components/Page'
import { LoginPrompt } from '../../components/LoginPrompt'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { useSession } from '../../hooks/useSession'
import { isStaff } from '../../session'
import { formatDateTime } from '../../format'

export default function FeedPage() {
  const { user, signedIn } = useSession()
  const resident = signedIn && !isStaff(user)
  const feed = useRequest(() => feedApi.list(), [resident], { enabled: resident, refreshOnShow: true })
  const [openId, setOpenId] = useState<string>()
  const [bodies, setBodies] = useState<Record<string, string>>({})

  const open = (id: string) => {
    setOpenId(openId === id ? undefined : id)
    if (bodies[id] !== undefined) return
    feedApi.open(id).then(
      (item) => setBodies((b) => ({ ...b, [id]: item.body ?? '' })),
      () => setBodies((b) => ({ ...b, [id]: '' })),
    )
  }

  return (
    <Page title='健康资讯' testId='feed'>
      {!resident ? (
        <LoginPrompt text='登录后可以看到医生推送给您的健康知识。' />
      ) : (
        <StateView state={feed} isEmpty={isEmptyList} emptyText='暂无推送'>
          {(items) =>
            items.map((item) => (
              <View className='card card--tap' key={item.id} data-testid='feed-card' onClick={() => open(item.id)}>
                <View className='card__row'>
                  <View className='tag'>{item.category}</View>
                  {!item.read && <View className='badge badge--pending'>未读</View>}
                </View>
                <View className='card__title'>{item.title}</View>
                <View className='muted'>{item.summary}</View>
                {openId === item.id && bodies[item.id] && <View style={{ marginTop: '10px', whiteSpace: 'pre-wrap' }}>{bodies[item.id]}</View>}
                <View className='muted'>{formatDateTime(item.publishedAt)}</View>
              </View>
            ))
          }
        </StateView>
      )}
    </Page>
  )
}
