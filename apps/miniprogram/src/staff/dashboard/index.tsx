import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { type AreaQuery, type Indicator, type IndicatorReport, type IndicatorUnit, indicatorsApi } from '../../api/indicators'
import { downloadXlsx } from '../../api/staff'
import { BigButton } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { go } from '../../navigation'
import { ROUTES, withQuery } from '../../routes'
import type { SessionUser } from '../../session'
import { F2Chart } from '../charts/F2Chart'
import { formatPoints, formatRate, formatTarget, statusText } from '../charts/indicator-format'
import { StaffGate } from '../StaffGate'
import '../charts/dashboard.css'

/** The indicators compared across teams (institutions for the region) in the table and the bar chart. */
const COMPARED = ['signing', 'keyGroupSigning', 'renewal', 'healthCheck', 'followUpTimeliness', 'fulfilment', 'satisfaction']

function IndicatorCard({ indicator, onOpen }: { indicator: Indicator; onOpen: () => void }) {
  const off = indicator.status !== 'scored'
  const missed = indicator.met === false
  return (
    <View
      className={`card card--tap ind ${missed ? 'ind--missed' : ''} ${off ? 'ind--off' : ''}`}
      data-testid={`indicator-${indicator.code}`}
      data-missed={missed ? 'true' : 'false'}
      onClick={onOpen}
    >
      <View className='card__title'>
        {indicator.name}
        {missed && <View className='ind__mark'>✕ 未达标</View>}
        {indicator.met === true && <View className='ind__mark ind__mark--met'>✓ 达标</View>}
      </View>
      <View className='ind__rate' data-testid='indicator-value'>
        {formatRate(indicator)}
      </View>
      {off ? (
        <View className='muted'>{statusText(indicator)}</View>
      ) : (
        <View className='muted'>
          {indicator.numeratorLabel} {indicator.numerator} / {indicator.denominatorLabel} {indicator.denominator}
        </View>
      )}
      <View className='muted'>
        {formatTarget(indicator)} · 得分 {formatPoints(indicator.points)} / {formatPoints(indicator.maxPoints)}
      </View>
    </View>
  )
}

function UnitsTable({ units, onOpen }: { units: IndicatorUnit[]; onOpen: (unit: IndicatorUnit) => void }) {
  // In the order of the cells below.
  const names = COMPARED.map((code) => units[0]?.indicators.find((i) => i.code === code)).filter((i): i is Indicator => i !== undefined)
  return (
    <View className='units' data-testid='units-table'>
      <View className='units__row units__row--head'>
        <View className='units__cell units__cell--name'>{units[0]?.kind === 'institution' ? '机构' : '团队'}</View>
        {names.map((i) => (
          <View className='units__cell' key={i.code}>
            {i.name}
          </View>
        ))}
        <View className='units__cell'>标化得分</View>
        <View className='units__cell'>等级</View>
      </View>
      {units.map((unit) => (
        <View className='units__row card--tap' key={unit.id} data-testid='unit-row' onClick={() => onOpen(unit)}>
          <View className='units__cell units__cell--name'>{unit.name} ›</View>
          {COMPARED.map((code) => {
            const i = unit.indicators.find((x) => x.code === code)!
            return (
              <View className={`units__cell ${i.met === false ? 'units__cell--missed' : ''}`} key={code}>
                {formatRate(i)}
                {i.met === false ? ' ✕' : ''}
              </View>
            )
          })}
          <View className='units__cell'>{formatPoints(unit.standardised)}</View>
          <View className={`units__cell grade--${unit.grade ?? 'none'}`}>{unit.gradeLabel ?? '—'}</View>
        </View>
      ))}
    </View>
  )
}

function Dashboard({ user, area }: { user: SessionUser; area: AreaQuery }) {
  const thisYear = new Date().getFullYear()
  const [year, setYear] = useState(thisYear)
  const [compared, setCompared] = useState('signing')
  const query: AreaQuery = { ...area, from: `${year}-01-01`, to: `${year}-12-31` }
  const report = useRequest(() => indicatorsApi.report(query), [area.institutionId, area.teamId, year], { refreshOnShow: true })
  const download = useAction((r: IndicatorReport) => downloadXlsx(indicatorsApi.workbookUrl(query), `${r.area.name}-进展情况统计表.xlsx`))
  const open = (indicator: Indicator) => go(withQuery(ROUTES.staffIndicator, { code: indicator.code, name: indicator.name, ...query }))
  const openUnit = (unit: IndicatorUnit) => go(withQuery(ROUTES.staffDashboard, unit.kind === 'institution' ? { institutionId: unit.id } : { teamId: unit.id }))
  return (
    <StateView state={report}>
      {(r) => {
        const left = r.indicators.filter((i) => i.status !== 'scored').length
        const comparedName = r.indicators.find((i) => i.code === compared)?.name ?? ''
        const bars = r.units.map((u) => {
          const i = u.indicators.find((x) => x.code === compared)!
          return { x: u.name.replace(/家庭医生团队|卫生院|社区卫生服务中心/g, ''), y: i.rate ?? 0, missed: i.met === false }
        })
        return (
          <View>
            <View className='row'>
              <View className='section-title' data-testid='dashboard-area'>
                {r.area.name}
              </View>
              <BigButton testId='year-prev' kind='plain' small onClick={() => setYear(year - 1)}>
                ‹ {year - 1}年
              </BigButton>
              <View data-testid='dashboard-year'>{year}年度</View>
              {year < thisYear && (
                <BigButton testId='year-next' kind='plain' small onClick={() => setYear(year + 1)}>
                  {year + 1}年 ›
                </BigButton>
              )}
            </View>
            <View className='card'>
              <View className='score'>
                <Text>
                  标化得分{' '}
                  <Text className='score__value' data-testid='dashboard-score'>
                    {formatPoints(r.standardised)}
                  </Text>{' '}
                  / {r.fullMark}
                </Text>
                <View className={`score__grade grade--${r.grade ?? 'none'}`} data-testid='dashboard-grade'>
                  等级：{r.gradeLabel ?? '—'}
                </View>
              </View>
              <View className='muted'>
                计分指标得分 {formatPoints(r.total)} / {formatPoints(r.maxTotal)}
                {left > 0 ? `；${left} 项因人群为零或暂无数据不计分，按满分 ${r.fullMark} 标化` : ''}。签约人数统计日：{r.period.countingDay}
              </View>
              <View className='row'>
                <BigButton testId='dashboard-download' small loading={download.busy} onClick={() => download.run(r)}>
                  导出进展情况统计表（Excel）
                </BigButton>
                {user.role !== 'doctor' && (
                  <BigButton testId='dashboard-populations' kind='plain' small onClick={() => go(ROUTES.staffPopulations)}>
                    人口数据
                  </BigButton>
                )}
                {user.role === 'regionAdmin' && (
                  <BigButton testId='dashboard-targets' kind='plain' small onClick={() => go(ROUTES.staffTargets)}>
                    考核目标设置
                  </BigButton>
                )}
              </View>
              <ErrorMessage error={download.error} />
            </View>
            {r.groups.map((group) => (
              <View key={group.code} data-testid={`group-${group.code}`}>
                <View className='section-title'>{group.label}</View>
                <View className='grid'>
                  {r.indicators
                    .filter((i) => i.group === group.code)
                    .map((i) => (
                      <IndicatorCard key={i.code} indicator={i} onOpen={() => open(i)} />
                    ))}
                </View>
              </View>
            ))}
            {r.units.length > 0 && (
              <View>
                <View className='section-title'>{r.units[0].kind === 'institution' ? '各机构对比' : '各团队对比'}</View>
                <UnitsTable units={r.units} onOpen={openUnit} />
                <View className='chips'>
                  {COMPARED.map((code) => (
                    <View
                      key={code}
                      className={`chip ${code === compared ? 'chip--on' : ''}`}
                      data-testid={`compare-${code}`}
                      onClick={() => setCompared(code)}
                    >
                      {r.indicators.find((i) => i.code === code)?.name}
                    </View>
                  ))}
                </View>
                <View className='card'>
                  <View className='card__title'>{comparedName}（虚线为目标，红色为未达标）</View>
                  <F2Chart id='units-bar' kind='bar' data={bars} target={r.indicators.find((i) => i.code === compared)?.target} testId='units-chart' />
                </View>
              </View>
            )}
          </View>
        )
      }}
    </StateView>
  )
}

export default function StaffDashboardPage() {
  const { params } = useRouter()
  const area: AreaQuery = { institutionId: params.institutionId || undefined, teamId: params.teamId || undefined }
  return (
    <StaffGate area='dashboard' title='绩效考核' testId='staff-dashboard'>
      {(user) => <Dashboard user={user} area={area} />}
    </StaffGate>
  )
}
