import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { type AreaQuery, type IndicatorPeople, indicatorsApi } from '../../api/indicators'
import { downloadXlsx } from '../../api/staff'
import { BigButton } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { F2Chart } from '../charts/F2Chart'
import { StaffGate } from '../StaffGate'
import '../charts/dashboard.css'

type Part = 'gap' | 'numerator'

function People({ code, area, part }: { code: string; area: AreaQuery; part: Part }) {
  const [pages, setPages] = useState<IndicatorPeople[]>([])
  const first = useRequest(() => indicatorsApi.people(code, part, area), [code, part, area.institutionId, area.teamId, area.from, area.to])
  const more = useAction(async (offset: number) => {
    const page = await indicatorsApi.people(code, part, area, offset)
    setPages((p) => [...p, page])
  })
  const exportList = useAction((label: string) => downloadXlsx(indicatorsApi.peopleUrl(code, part, area), `${label}.xlsx`))
  return (
    <StateView state={first}>
      {(list) => {
        const items = [...list.items, ...pages.flatMap((p) => p.items)]
        return (
          <View className='card' data-testid='people-list'>
            <View className='row'>
              <View className='card__title' data-testid='people-title'>
                {list.partLabel}：{list.total} 人
              </View>
              {list.total > 0 && (
                <BigButton testId='people-export' kind='plain' small loading={exportList.busy} onClick={() => exportList.run(`${list.name}-${list.partLabel}`)}>
                  导出名单
                </BigButton>
              )}
            </View>
            <ErrorMessage error={exportList.error} />
            {items.length === 0 && <View className='muted'>名单为空</View>}
            {items.map((p) => (
              <View className='person' key={`${p.personId}-${p.contractId ?? ''}`} data-testid='person-row'>
                <View className='person__name'>{p.name}</View>
                <View>{p.idNumberMasked}</View>
                <View>
                  {p.gender === 'male' ? '男' : '女'} · {p.age}岁
                </View>
                {p.detail && (
                  <View className='person__detail' data-testid='person-detail'>
                    {p.detail}
                  </View>
                )}
                {p.teamName && <View className='muted'>{p.teamName}</View>}
                {p.signedFrom && <View className='muted'>签约 {p.signedFrom}</View>}
                {p.endDate && <View className='muted'>到期 {p.endDate}</View>}
              </View>
            ))}
            {items.length < list.total && (
              <BigButton testId='people-more' kind='plain' small loading={more.busy} onClick={() => more.run(items.length)}>
                加载更多
              </BigButton>
            )}
            <View className='muted'>名单含个人信息，查看与导出均已留痕。</View>
          </View>
        )
      }}
    </StateView>
  )
}

function IndicatorDetail({ code, area }: { code: string; area: AreaQuery }) {
  const [part, setPart] = useState<Part>('gap')
  const trend = useRequest(() => indicatorsApi.trend(code, area), [code, area.institutionId, area.teamId])
  const report = useRequest(() => indicatorsApi.report(area), [area.institutionId, area.teamId, area.from, area.to])
  const indicator = report.data?.indicators.find((i) => i.code === code)
  return (
    <View>
      <StateView state={trend}>
        {(t) => (
          <View className='card'>
            <View className='card__title'>近12个月趋势（虚线为目标）</View>
            <F2Chart
              id='trend-line'
              kind='line'
              testId='trend-chart'
              target={code === 'saturation' ? undefined : t.target}
              data={t.points.filter((p) => p.rate !== null).map((p) => ({ x: p.month.slice(2).replace('-', '/'), y: p.rate! }))}
            />
            {t.points.every((p) => p.rate === null) && <View className='muted'>暂无数据</View>}
          </View>
        )}
      </StateView>
      {indicator?.drillDown ? (
        <View>
          <View className='chips'>
            <View className={`chip ${part === 'gap' ? 'chip--on' : ''}`} data-testid='part-gap' onClick={() => setPart('gap')}>
              差距名单（待跟进）
            </View>
            <View className={`chip ${part === 'numerator' ? 'chip--on' : ''}`} data-testid='part-numerator' onClick={() => setPart('numerator')}>
              已完成名单
            </View>
          </View>
          <People code={code} area={area} part={part} />
        </View>
      ) : (
        report.data && (
          <View className='note' data-testid='no-people'>
            {code === 'poolUse'
              ? '号源使用率统计的是合作医院号源池的号源（已预约号数 ÷ 号源总数），不是居民，没有人员名单。'
              : '这个指标没有个人名单（来自问卷或尚无数据）。'}
          </View>
        )
      )}
    </View>
  )
}

export default function StaffIndicatorPage() {
  const { params } = useRouter()
  const name = params.name ? decodeURIComponent(params.name) : '指标详情'
  const area: AreaQuery = {
    institutionId: params.institutionId || undefined,
    teamId: params.teamId || undefined,
    from: params.from || undefined,
    to: params.to || undefined,
  }
  return (
    <StaffGate area='dashboard' title={name} testId='staff-indicator'>
      {() => <IndicatorDetail code={params.code ?? ''} area={area} />}
    </StaffGate>
  )
}
