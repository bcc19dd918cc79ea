import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import type { BreakdownDimension, IndicatorDefinition, Questionnaire } from '@jiayi/domain'
import { downloadReportXlsx, staffApi } from '../../api/staff'
import type { Indicator, ReportQuestion, SurveyReport } from '../../api/types'
import { BigButton } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatPercent } from '../../format'
import { StaffGate } from '../StaffGate'

/** Below this many respondents an indicator's interval is too wide to compare groups by. */
const SMALL_SAMPLE = 30
const points = (fraction: number) => (fraction * 100).toFixed(1)

const DIMENSIONS: { key: BreakdownDimension; label: string }[] = [
  { key: 'institution', label: '机构' },
  { key: 'team', label: '团队' },
  { key: 'keyGroup', label: '重点人群' },
  { key: 'ageBand', label: '年龄段' },
  { key: 'signingDuration', label: '签约时长' },
]

function indicatorValue(indicator: Indicator): string {
  if (indicator.rate === null) return '—'
  return indicator.kind === 'meanScore' ? `${points(indicator.rate)}分` : formatPercent(indicator.rate)
}

/** How the indicator is computed, in the words of the questionnaire. */
function definitionText(definition: IndicatorDefinition | undefined, questionnaire: Questionnaire | undefined): string {
  if (!definition || !questionnaire) return ''
  const question = questionnaire.questions.find((q) => q.id === definition.questionId)
  if (!question) return ''
  if (definition.kind === 'meanScore') return `“${question.title}”各选项分值（满分100）的平均分`
  const chosen = question.options.filter((o) => definition.optionIds.includes(o.id)).map((o) => `“${o.label}”`)
  return `“${question.title}”选择${chosen.join('或')}的人数 ÷ 本题作答人数`
}

function SmallSample({ n }: { n: number }) {
  if (n >= SMALL_SAMPLE) return null
  return (
    <View className='warn' data-testid='small-sample'>
      样本量不足（n={n}&lt;{SMALL_SAMPLE}），仅供参考
    </View>
  )
}

/** A rate (知晓率 87.0%, n and Wilson interval) or a mean score out of 100 (服务态度得分 86.0分). */
function IndicatorCard({ indicator, definition }: { indicator: Indicator; definition: string }) {
  const score = indicator.kind === 'meanScore'
  const interval = !indicator.ci95
    ? '—'
    : score
      ? `${points(indicator.ci95[0])} – ${points(indicator.ci95[1])}分`
      : `${formatPercent(indicator.ci95[0])} – ${formatPercent(indicator.ci95[1])}`
  return (
    <View className='card' data-testid='indicator-card'>
      <View className='card__title'>{indicator.name}</View>
      <View className='indicator__rate' data-testid='indicator-rate'>
        {indicatorValue(indicator)}
      </View>
      {definition && (
        <View className='muted' data-testid='indicator-definition'>
          口径：{definition}
        </View>
      )}
      <View className='muted'>
        {score ? `满分100分 · n = ${indicator.denominator}` : `n = ${indicator.denominator}（${indicator.numerator}/${indicator.denominator}）`}
      </View>
      <View className='muted' data-testid='indicator-ci'>
        95%置信区间：{interval}
      </View>
      <SmallSample n={indicator.denominator} />
    </View>
  )
}

const CHANNEL_LABELS: Record<string, string> = { miniProgram: '居民小程序', phone: '电话回访', onsite: '现场填写' }
const TEXT_PAGE = 10

/** A text question's answers, ten at a time, newest first. */
function TextAnswers({ waveId, questionId }: { waveId: string; questionId: string }) {
  const [offset, setOffset] = useState(0)
  const page = useRequest(() => staffApi.textAnswers(waveId, questionId, offset, TEXT_PAGE), [waveId, questionId, offset])
  return (
    <StateView state={page} isEmpty={(p) => p.total === 0} emptyText='还没有人填写这道题。'>
      {(p) => (
        <View data-testid='text-answers'>
          {p.items.map((item, i) => (
            <View key={`${p.offset}-${i}`} className='card__row' style={{ borderBottom: '1px solid #e6ebe8', padding: '4px 0' }} data-testid='text-answer'>
              <View>
                {p.offset + i + 1}. {item.text}
              </View>
              <View className='muted'>{CHANNEL_LABELS[item.channel] ?? item.channel}</View>
            </View>
          ))}
          <View className='row'>
            <View className='muted'>
              第 {p.offset + 1}–{p.offset + p.items.length} 条，共 {p.total} 条
            </View>
            <BigButton testId='text-prev' kind='plain' small disabled={p.offset === 0} onClick={() => setOffset(Math.max(0, p.offset - TEXT_PAGE))}>
              上一页
            </BigButton>
            <BigButton testId='text-next' kind='plain' small disabled={p.offset + p.items.length >= p.total} onClick={() => setOffset(p.offset + TEXT_PAGE)}>
              下一页
            </BigButton>
          </View>
        </View>
      )}
    </StateView>
  )
}

/** 选项 / 小计 / 比例, as clinics know it from survey tools, then 本题有效填写人次. */
function QuestionTable({ waveId, question, index }: { waveId: string; question: ReportQuestion; index: number }) {
  return (
    <View className='card' data-testid='question-chart'>
      <View className='card__title'>
        第{index + 1}题 {question.title}
        {question.type === 'multiple' ? '（多选）' : question.type === 'text' ? '（填空）' : ''}
      </View>
      {question.options.length === 0 ? (
        <TextAnswers waveId={waveId} questionId={question.questionId} />
      ) : (
        <View className='table'>
          <View className='table__row table__row--head'>
            <View className='table__cell'>选项</View>
            <View className='table__cell table__num'>小计</View>
            <View className='table__cell'>比例</View>
          </View>
          {question.options.map((o) => (
            <View className='table__row' key={o.optionId} data-testid='option-bar'>
              <View className='table__cell'>
                {o.optionId}. {o.label}
              </View>
              <View className='table__cell table__num'>{o.count}</View>
              <View className='table__cell'>
                <View className='row' style={{ flexWrap: 'nowrap', gap: '8px' }}>
                  <View className='mini-bar' style={{ flex: 1 }}>
                    <View className='mini-bar__fill' style={{ width: `${Math.min(100, Math.max(0, o.percent * 100))}%` }} />
                  </View>
                  <View style={{ width: '64px', textAlign: 'right' }}>{formatPercent(o.percent)}</View>
                </View>
              </View>
            </View>
          ))}
        </View>
      )}
      <View style={{ fontWeight: 700, marginTop: '6px' }}>本题有效填写人次：{question.validRespondents}</View>
    </View>
  )
}

function Breakdowns({ report }: { report: SurveyReport }) {
  const [dimension, setDimension] = useState(DIMENSIONS[0].key)
  const rows = report.breakdowns[dimension] ?? []
  return (
    <View data-testid='report-breakdowns'>
      <View className='filters'>
        {DIMENSIONS.map((d) => (
          <View key={d.key} className={`chip ${dimension === d.key ? 'chip--on' : ''}`} data-testid={`breakdown-${d.key}`} onClick={() => setDimension(d.key)}>
            按{d.label}
          </View>
        ))}
      </View>
      {rows.length === 0 ? (
        <View className='muted'>这一维度还没有答卷。</View>
      ) : (
        <View className='table' data-testid='breakdown-table'>
          <View className='table__row table__row--head'>
            <View className='table__cell'>{DIMENSIONS.find((d) => d.key === dimension)?.label}</View>
            <View className='table__cell table__num'>答卷</View>
            {report.indicators.map((i) => (
              <View className='table__cell table__num' key={i.code}>
                {i.name}
              </View>
            ))}
          </View>
          {rows.map((row) => (
            <View className='table__row' key={row.key} data-testid='breakdown-row'>
              <View className='table__cell'>
                {row.label}
                {row.respondents < SMALL_SAMPLE && <View className='warn'>样本量不足</View>}
              </View>
              <View className='table__cell table__num'>{row.respondents}</View>
              {row.indicators.map((i) => (
                <View className='table__cell table__num' key={i.code}>
                  {indicatorValue(i)}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
      <View className='muted'>每格为该组的指标值；答卷少于{SMALL_SAMPLE}份的组，差异可能只是偶然。</View>
    </View>
  )
}

function CrossTabView({ waveId, questionnaire }: { waveId: string; questionnaire: Questionnaire }) {
  const choices = questionnaire.questions.filter((q) => q.type === 'single' || q.type === 'rating')
  const [rowId, setRowId] = useState(choices[0]?.id ?? '')
  const [columnId, setColumnId] = useState(choices[choices.length - 1]?.id ?? '')
  const table = useRequest(() => staffApi.crossTab(waveId, rowId, columnId), [rowId, columnId], { enabled: !!rowId && !!columnId && rowId !== columnId })
  const picker = (value: string, onPick: (id: string) => void, testId: string) => (
    <View className='filters' data-testid={testId}>
      {choices.map((q) => (
        <View key={q.id} className={`chip ${value === q.id ? 'chip--on' : ''}`} onClick={() => onPick(q.id)}>
          第{questionnaire.questions.indexOf(q) + 1}题 {q.title.length > 12 ? `${q.title.slice(0, 12)}…` : q.title}
        </View>
      ))}
    </View>
  )
  return (
    <View data-testid='report-crosstab'>
      <View style={{ fontWeight: 700 }}>行：</View>
      {picker(rowId, setRowId, 'crosstab-rows')}
      <View style={{ fontWeight: 700 }}>列：</View>
      {picker(columnId, setColumnId, 'crosstab-columns')}
      {rowId === columnId ? (
        <View className='muted'>行和列请选两道不同的题。</View>
      ) : (
        <StateView state={table}>
          {(t) => (
            <View className='table' data-testid='crosstab-table'>
              <View className='table__row table__row--head'>
                <View className='table__cell' />
                {t.columns.map((c) => (
                  <View className='table__cell table__num' key={c.optionId}>
                    {c.label}
                  </View>
                ))}
                <View className='table__cell table__num'>小计</View>
              </View>
              {t.rows.map((r) => {
                const total = t.columns.reduce((sum, c) => sum + (t.cells[r.optionId]?.[c.optionId] ?? 0), 0)
                return (
                  <View className='table__row' key={r.optionId}>
                    <View className='table__cell'>{r.label}</View>
                    {t.columns.map((c) => {
                      const n = t.cells[r.optionId]?.[c.optionId] ?? 0
                      return (
                        <View className='table__cell table__num' key={c.optionId}>
                          {n}
                          {total > 0 ? <View className='muted'>{formatPercent(n / total)}</View> : null}
                        </View>
                      )
                    })}
                    <View className='table__cell table__num'>{total}</View>
                  </View>
                )
              })}
            </View>
          )}
        </StateView>
      )}
      <View className='muted'>格中为人数和占该行的比例。</View>
    </View>
  )
}

type Tab = 'questions' | 'indicators' | 'breakdowns' | 'crosstab'
const TABS: { key: Tab; label: string }[] = [
  { key: 'indicators', label: '指标' },
  { key: 'questions', label: '题目统计' },
  { key: 'breakdowns', label: '分组比较' },
  { key: 'crosstab', label: '交叉分析' },
]

async function loadReport(waveId: string) {
  const [report, wave, fieldwork, channels] = await Promise.all([
    staffApi.report(waveId),
    staffApi.waveQuestionnaire(waveId),
    staffApi.fieldwork(waveId).catch(() => undefined),
    staffApi.channels(waveId),
  ])
  return { report, questionnaire: wave.questionnaire, fieldwork, channels }
}

function Report({ waveId, title }: { waveId: string; title: string }) {
  const loaded = useRequest(() => loadReport(waveId), [waveId], { enabled: !!waveId })
  const download = useAction(() => downloadReportXlsx(waveId, `${title}.xlsx`))
  const [tab, setTab] = useState<Tab>('indicators')
  return (
    <StateView state={loaded}>
      {({ report: r, questionnaire, fieldwork, channels }) => (
        <View>
          <View className='row'>
            <View className='note' data-testid='report-respondents'>
              有效答卷 {r.respondents} 份
            </View>
            {fieldwork && fieldwork.sampled > 0 && (
              <View className='note' data-testid='report-response-rate'>
                抽样 {fieldwork.sampled} 人 · 应答率 {formatPercent(fieldwork.responseRate.rate)} · 接通率 {formatPercent(fieldwork.reach.rate)}
              </View>
            )}
            {channels.total > 0 && (
              <View className='note' data-testid='report-channels'>
                来源：
                {Object.entries(channels.counts)
                  .map(([channel, n]) => `${CHANNEL_LABELS[channel] ?? channel} ${n}份（${formatPercent(n / channels.total)}）`)
                  .join('，')}
              </View>
            )}
            <BigButton testId='report-download' kind='plain' small loading={download.busy} onClick={() => download.run()}>
              下载Excel报告
            </BigButton>
          </View>
          <ErrorMessage error={download.error} />
          {r.respondents === 0 && <View className='note'>还没有答卷：居民在小程序里填写，或用“电话回访名单”录入后，这里会显示结果。</View>}
          <View className='filters'>
            {TABS.map((t) => (
              <View key={t.key} className={`chip ${tab === t.key ? 'chip--on' : ''}`} data-testid={`report-tab-${t.key}`} onClick={() => setTab(t.key)}>
                {t.label}
              </View>
            ))}
          </View>
          {tab === 'indicators' &&
            (r.indicators.length === 0 ? (
              <View className='muted'>这份问卷没有设置指标</View>
            ) : (
              <View className='grid'>
                {r.indicators.map((i) => (
                  <IndicatorCard
                    key={i.code}
                    indicator={i}
                    definition={definitionText(
                      questionnaire.indicators.find((d) => d.code === i.code),
                      questionnaire,
                    )}
                  />
                ))}
              </View>
            ))}
          {tab === 'questions' && r.questions.map((q, index) => <QuestionTable key={q.questionId} waveId={waveId} question={q} index={index} />)}
          {tab === 'breakdowns' && <Breakdowns report={r} />}
          {tab === 'crosstab' && <CrossTabView waveId={waveId} questionnaire={questionnaire} />}
        </View>
      )}
    </StateView>
  )
}

export default function StaffReportPage() {
  const { params } = useRouter()
  const title = params.title ? decodeURIComponent(params.title) : '调查报告'
  return (
    <StaffGate area='report' title={title} testId='staff-report'>
      {() => <Report waveId={params.id ?? ''} title={title} />}
    </StaffGate>
  )
}
