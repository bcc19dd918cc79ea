import { View } from '@tarojs/components'
import type { Notice } from '@jiayi/contract'
import { formatDate, formatDateTime } from '../../format'

/** A service the family doctor is due to give (follow-up, check-up), when the service records know one. */
export interface DueService {
  title: string
  dueDate: string
  personName: string
  /** Its window has passed without the service. */
  overdue: boolean
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
        // Said as a task with its deadline: a bare date beside a service's name reads like an appointment.
        <View className='card--tap' data-testid='home-next-service' onClick={nextService.onOpen}>
          <View className='card__row'>
            <View style={{ fontWeight: 700 }}>该做的服务</View>
            <View className={`badge ${nextService.overdue ? 'badge--rejected' : 'badge--pending'}`}>{nextService.overdue ? '已过期' : '待完成'}</View>
          </View>
          <View>
            {nextService.personName}：{nextService.title}
          </View>
          <View className='muted'>
            {nextService.overdue
              ? `本应在${formatDate(nextService.dueDate)}前完成，请打电话问家庭医生怎么补做`
              : `请在${formatDate(nextService.dueDate)}前完成，可打电话问家庭医生怎么安排`}
            {' · 查看 ›'}
          </View>
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
