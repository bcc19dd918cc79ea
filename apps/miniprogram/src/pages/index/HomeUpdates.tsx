import { View } from '@tarojs/components'
import type { Notice } from '@jiayi/contract'
import { formatDate, formatDateTime } from '../../format'

/** A service the family doctor is due to give (follow-up, check-up), when the service records know one. */
export interface DueService {
  title: string
  dueDate: string
  personName: string
  onOpen: () => void
}

interface Props {
  /** The family's most pressing due service (GET /api/services): shown when there is one. */
  nextService?: DueService
  /** Unread notices of GET /api/notices; pushes arrive through the same list. */
  notices: Notice[]
  onOpenNotice: (notice: Notice) => void
}

/**
 * The home page's "what is new" block, bounded so that each source fills its own row from data:
 * the next due service, then the unread notices. Renders nothing when there is nothing new.
 */
export function HomeUpdates({ nextService, notices, onOpenNotice }: Props) {
  if (!nextService && notices.length === 0) return null
  return (
    <View className='card' data-testid='home-updates'>
      <View className='card__title'>最新消息</View>
      {nextService && (
        <View className='card__row card--tap' data-testid='home-next-service' onClick={nextService.onOpen}>
          <View>
            {nextService.personName}：{nextService.title}
          </View>
          <View className='muted'>{formatDate(nextService.dueDate)}前</View>
        </View>
      )}
      {notices.slice(0, 3).map((notice) => (
        <View
          className='card--tap'
          key={notice.id}
          data-testid='home-notice'
          onClick={() => onOpenNotice(notice)}
          style={{ padding: '6px 0', borderTop: '1px solid #e6ebe8' }}
        >
          <View className='card__row'>
            <View style={{ fontWeight: 700 }}>{notice.title}</View>
            <View className='badge badge--pending'>未读</View>
          </View>
          <View className='muted'>{notice.body}</View>
          <View className='muted'>{formatDateTime(notice.createdAt)}</View>
        </View>
      ))}
      {notices.length > 3 && <View className='muted'>还有 {notices.length - 3} 条未读消息</View>}
    </View>
  )
}
