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

/** Per subscribe-message template, over the residents of the staff member's scope (not only this item's). */
function TemplateTable() {
  const templates = useRequest(() => outreachApi.templateStats(), [], { refreshOnShow: true })
  return (
    <StateView state={templates}>
      {(rows) => (
        <View className='card' data-testid='stats-templates'>
          <View className='card__title'>微信订阅消息（本辖区居民，全部资讯和通知）</View>
          <View className='fees__row fees__row--head'>
            <View className='fees__name'>模板</View>
            <View className='fees__num'>同意</View>
            <View className='fees__num'>拒绝</View>
            <View className='fees__num'>关闭/屏蔽</View>
            <View className='fees__num'>剩余</View>
            <View className='fees__num'>已发送</View>
            <View className='fees__num'>次数用完</View>
          </View>
          {rows.map((r) => (
            <View className='fees__row' key={r.templateId} data-testid='stats-template-row'>
              <View className='fees__name'>{r.title}</View>
              <View className='fees__num'>{r.accepts}</View>
              <View className='fees__num'>{r.rejects}</View>
              <View className='fees__num'>{r.bans + r.filters}</View>
              <View className='fees__num'>{r.kind === 'longTerm' ? `${r.longTermOn}人长期` : r.remaining}</View>
              <View className='fees__num'>{r.sent}</View>
              <View className='fees__num'>{r.noQuota}</View>
            </View>
          ))}
        </View>
      )}
    </StateView>
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
          <TemplateTable />
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
