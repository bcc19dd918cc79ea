import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { outreachApi } from '../../api/outreach'
import type { PushStats } from '../../api/types'
import { StateView } from '../../components/StateView'
import { useRequest } from '../../hooks/useRequest'
import { formatPercent } from '../../format'
import { StaffGate } from '../../staff/StaffGate'

function Breakdown({ title, rows, testId }: { title: string; rows: PushStats['byTeam']; testId: string }) {
  if (rows.length === 0) return null
  return (
    <View className='card' data-testid={testId}>
      <View className='card__title'>{title}</View>
      <View className='fees__row fees__row--head'>
        <View className='fees__name'>分组</View>
        <View className='fees__num'>推送</View>
        <View className='fees__num'>已提醒</View>
        <View className='fees__num'>已读</View>
        <View className='fees__num'>阅读率</View>
      </View>
      {rows.map((r) => (
        <View className='fees__row' key={r.key}>
          <View className='fees__name'>{r.label}</View>
          <View className='fees__num'>{r.targeted}</View>
          <View className='fees__num'>{r.notified}</View>
          <View className='fees__num'>{r.read}</View>
          <View className='fees__num'>{formatPercent(r.readRate)}</View>
        </View>
      ))}
    </View>
  )
}

function Stats({ id }: { id: string }) {
  const stats = useRequest(() => outreachApi.stats(id), [id], { refreshOnShow: true })
  return (
    <StateView state={stats}>
      {(s) => (
        <View>
          <View className='grid'>
            <View className='card' data-testid='stats-targeted'>
              <View className='muted'>推送人数</View>
              <View className='indicator__rate'>{s.targeted}</View>
            </View>
            <View className='card' data-testid='stats-notified'>
              <View className='muted'>微信提醒送达（{formatPercent(s.notifiedRate)}）</View>
              <View className='indicator__rate'>{s.notified}</View>
              {s.queued > 0 && <View className='muted'>还有 {s.queued} 条排队发送</View>}
            </View>
            <View className='card' data-testid='stats-read'>
              <View className='muted'>已读人数（{formatPercent(s.readRate)}）</View>
              <View className='indicator__rate'>{s.read}</View>
            </View>
          </View>
          <Breakdown title='按团队' rows={s.byTeam} testId='stats-by-team' />
          <Breakdown title='按重点人群' rows={s.byKeyGroup} testId='stats-by-group' />
          {s.templates.map((t) => (
            <View className='note' key={t.templateId}>
              微信提醒：{t.refusals} 人拒绝订阅，{t.noQuota} 人的订阅次数已用完（未收到提醒，仍可在资讯里看到）。
            </View>
          ))}
        </View>
      )}
    </StateView>
  )
}

export default function OutreachStatsPage() {
  const { params } = useRouter()
  return (
    <StaffGate area='pushes' title={params.title ? decodeURIComponent(params.title) : '推送统计'} testId='outreach-stats'>
      {() => <Stats id={params.id ?? ''} />}
    </StaffGate>
  )
}
