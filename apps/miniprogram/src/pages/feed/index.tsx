import { useState } from 'react'
import { View } from '@tarojs/components'
import { PUSH_CATEGORIES, PUSH_CATEGORY_LABELS, type PushCategory } from '@jiayi/domain'
import { feedApi } from '../../api/feed'
import { Page } from '../../components/Page'
import { LoginPrompt } from '../../components/LoginPrompt'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { useSession } from '../../hooks/useSession'
import { isStaff } from '../../session'
import { formatDateTime } from '../../format'
import { go } from '../../navigation'
import { ROUTES, withQuery } from '../../routes'
import { askToSubscribe } from '../../subscribe'

export default function FeedPage() {
  const { user, signedIn } = useSession()
  const resident = signedIn && !isStaff(user)
  const [category, setCategory] = useState<PushCategory>()
  const feed = useRequest(() => feedApi.list(category), [resident, category], { enabled: resident, refreshOnShow: true })

  return (
    <Page title='健康资讯' testId='feed'>
      {!resident ? (
        <LoginPrompt text='登录后可以看到医生推送给您的健康知识。' />
      ) : (
        <View>
          <View className='chips' data-testid='feed-categories'>
            <View className={`chip ${category ? '' : 'chip--on'}`} data-testid='feed-category-all' onClick={() => setCategory(undefined)}>
              全部
            </View>
            {PUSH_CATEGORIES.map((c) => (
              <View key={c} className={`chip ${category === c ? 'chip--on' : ''}`} data-testid={`feed-category-${c}`} onClick={() => setCategory(c)}>
                {PUSH_CATEGORY_LABELS[c]}
              </View>
            ))}
          </View>
          <StateView state={feed} isEmpty={isEmptyList} emptyText={category ? '这个分类还没有资讯' : '暂无推送'}>
            {(items) =>
              items.map((item) => (
                <View
                  className='card card--tap'
                  key={item.id}
                  data-testid='feed-card'
                  data-read={item.read ? 'true' : 'false'}
                  onClick={() => go(withQuery(ROUTES.newsDetail, { id: item.id }))}
                >
                  <View className='card__row'>
                    <View className='tag'>{PUSH_CATEGORY_LABELS[item.category]}</View>
                    {!item.read && (
                      <View className='badge badge--pending' data-testid='feed-unread'>
                        ● 未读
                      </View>
                    )}
                  </View>
                  <View className='card__title'>{item.title}</View>
                  <View className='muted'>{item.summary}</View>
                  <View className='muted'>{formatDateTime(item.publishedAt)}</View>
                </View>
              ))
            }
          </StateView>
          <View className='card card--tap' data-testid='feed-subscribe' onClick={() => askToSubscribe('push')}>
            <View className='card__row'>
              <View className='option__title'>有新资讯时微信提醒我</View>
              <View>›</View>
            </View>
          </View>
        </View>
      )}
    </Page>
  )
}
