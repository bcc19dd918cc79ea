import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { PUSH_CATEGORY_LABELS, PUSH_STATUS_LABELS } from '@jiayi/domain'
import { outreachApi } from '../../api/outreach'
import { errorText } from '../../api/client'
import type { StaffPush } from '../../api/types'
import { BigButton } from '../../components/Form'
import { StateView, isEmptyList } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { formatDateTime } from '../../format'
import { ROUTES, withQuery } from '../../routes'
import { go, toast } from '../../navigation'
import { StaffGate } from '../../staff/StaffGate'

const STATUS_BADGES: Record<StaffPush['status'], string> = {
  scheduled: 'badge--pending',
  releasing: 'badge--pending',
  published: 'badge--active',
  withdrawn: 'badge--expired',
}

/** While an item is 发布中 (the server is writing its audience), the list looks again every few seconds. */
const RELEASE_POLL_MS = 3000

function PushList() {
  const pushes = useRequest(() => outreachApi.pushes(), [], { refreshOnShow: true })
  const releasing = pushes.data?.some((p) => p.status === 'releasing') ?? false
  const { reload } = pushes
  useEffect(() => {
    if (!releasing) return undefined
    const timer = setTimeout(reload, RELEASE_POLL_MS)
    return () => clearTimeout(timer)
  }, [releasing, pushes.data, reload])
  const withdraw = async (push: StaffPush) => {
    const { confirm } = await Taro.showModal({ title: '撤回这条资讯？', content: '居民将看不到它，未发出的微信提醒也会取消。', confirmText: '撤回' })
    if (!confirm) return
    try {
      await outreachApi.withdraw(push.id)
      toast('已撤回')
      pushes.reload()
    } catch (error) {
      toast(errorText(error))
    }
  }
  return (
    <View>
      <BigButton testId='outreach-new' onClick={() => go(ROUTES.outreachCompose)}>
        ＋ 写新资讯
      </BigButton>
      <StateView state={pushes} isEmpty={isEmptyList} emptyText='还没有发布过资讯'>
        {(list) => (
          <View className='grid'>
            {list.map((p) => (
              <View className='card' key={p.id} data-testid='outreach-push-card'>
                <View className='card__row'>
                  <View className='tag'>{PUSH_CATEGORY_LABELS[p.category]}</View>
                  <View className={`badge ${STATUS_BADGES[p.status]}`}>{PUSH_STATUS_LABELS[p.status]}</View>
                </View>
                <View className='card__title'>{p.title}</View>
                <View className='muted'>
                  {p.status === 'scheduled' ? '将于' : ''}
                  {formatDateTime(p.publishAt)}
                  {p.status === 'scheduled' ? '发布' : ''} · {p.authorName}
                </View>
                {p.status === 'releasing' && (
                  <View className='muted' data-testid='outreach-push-releasing'>
                    正在生成推送名单，完成后自动显示人数
                  </View>
                )}
                {(p.status === 'published' || p.status === 'withdrawn') && (
                  <View data-testid='outreach-push-numbers'>
                    推送 {p.targeted} 人 · 已读 {p.read} 人
                  </View>
                )}
                <View className='row'>
                  {(p.status === 'published' || p.status === 'withdrawn') && (
                    <BigButton testId='outreach-stats' small onClick={() => go(withQuery(ROUTES.outreachStats, { id: p.id, title: p.title }))}>
                      查看统计
                    </BigButton>
                  )}
                  {p.status !== 'withdrawn' && (
                    <BigButton testId='outreach-withdraw' kind='danger' small onClick={() => withdraw(p)}>
                      撤回
                    </BigButton>
                  )}
                </View>
              </View>
            ))}
          </View>
        )}
      </StateView>
    </View>
  )
}

export default function OutreachPushesPage() {
  return (
    <StaffGate area='pushes' title='健康资讯推送' testId='outreach-pushes'>
      {() => <PushList />}
    </StaffGate>
  )
}
