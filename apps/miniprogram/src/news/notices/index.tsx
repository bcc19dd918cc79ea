import { View } from '@tarojs/components'
import { noticesApi } from '../../api/feed'
import { Page } from '../../components/Page'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { go } from '../../navigation'
import type { Notice } from '../../api/types'

/** What happened about the resident and their family: contract confirmed, feedback answered, … */
export default function NoticesPage() {
  const notices = useRequest(() => noticesApi.list(), [], { refreshOnShow: true })
  const open = (notice: Notice) => {
    if (!notice.readAt) void noticesApi.read(notice.id)
    go(notice.page)
  }
  return (
    <Page title='消息通知' testId='notices'>
      <StateView state={notices} isEmpty={isEmptyList} emptyText='还没有消息'>
        {(list) =>
          list.map((n) => (
            <View className='card card--tap' key={n.id} data-testid='notice-card' onClick={() => open(n)}>
              <View className='card__row'>
                <View className='card__title'>{n.title}</View>
                {!n.readAt && <View className='badge badge--pending'>● 未读</View>}
              </View>
              <View>{n.body}</View>
              <View className='muted'>{formatDateTime(n.createdAt)}</View>
            </View>
          ))
        }
      </StateView>
    </Page>
  )
}
