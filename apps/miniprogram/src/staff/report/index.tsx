import { useRouter } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { downloadReportXlsx, staffApi } from '../../api/staff'
import type { Indicator, ReportQuestion } from '../../api/types'
import { BigButton } from '../../components/Form'
import { ErrorMessage, StateView } from '../../components/StateView'
import { useAction, useRequest } from '../../hooks/useRequest'
import { formatPercent } from '../../format'
import { StaffGate } from '../StaffGate'

const points = (fraction: number) => (fraction * 100).toFixed(1)

/** A rate (知晓率 87.0%, n and Wilson interval) or a mean score out of 100 (服务态度得分 86.0分). */
function IndicatorCard({ indicator }: { indicator: Indicator }) {
  const score = indicator.kind === 'meanScore'
  const value = indicator.rate === null ? '—' : score ? `${points(indicator.rate)}分` : formatPercent(indicator.rate)
  const interval = !indicator.ci95
    ? '—'
    : score
      ? `${points(indicator.ci95[0])} – ${points(indicator.ci95[1])}分`
      : `${formatPercent(indicator.ci95[0])} – ${formatPercent(indicator.ci95[1])}`
  return (
    <View className='card' data-testid='indicator-card'>
      <View className='card__title'>{indicator.name}</View>
      <View className='indicator__rate' data-testid='indicator-rate'>
        {value}
      </View>
      <View className='muted'>
        {score
          ? `满分100分 · 作答 ${indicator.denominator} 人`
          : `n = ${indicator.denominator}（${indicator.numerator}/${indicator.denominator}）`}
      </View>
      <View className='muted' data-testid='indicator-ci'>
        95%置信区间：{interval}
      </View>
    </View>
  )
}

function QuestionChart({ question, index }: { question: ReportQuestion; index: number }) {
  return (
    <View className='card' data-testid='question-chart'>
      <View className='card__title'>
        第{index + 1}题 {question.title}
        {question.type === 'multiple' ? '（多选）' : ''}
      </View>
      {question.options.map((o) => (
        <View className='bar' key={o.optionId} data-testid='option-bar'>
          <View className='bar__label'>
            <View>
              {o.optionId}. {o.label}
            </View>
            <View>
              {o.count}人 · {formatPercent(o.percent)}
            </View>
          </View>
          <View className='bar__track'>
            <View className='bar__fill' style={{ width: `${Math.min(100, Math.max(0, o.percent * 100))}%` }} />
          </View>
        </View>
      ))}
      <View className='muted'>本题有效填写人次：{question.validRespondents}</View>
    </View>
  )
}

function Report({ waveId, title }: { waveId: string; title: string }) {
  const report = useRequest(() => staffApi.report(waveId), [waveId], { enabled: !!waveId })
  const download = useAction(() => downloadReportXlsx(waveId, `${title}.xlsx`))
  return (
    <StateView state={report}>
      {(r) => (
        <View>
          <View className='row'>
            <View className='note' data-testid='report-respondents'>
              有效答卷 {r.respondents} 份
            </View>
            <BigButton testId='report-download' kind='plain' small loading={download.busy} onClick={() => download.run()}>
              下载Excel报告
            </BigButton>
          </View>
          <ErrorMessage error={download.error} />
          <View className='section-title'>指标</View>
          {r.indicators.length === 0 ? (
            <View className='muted'>暂无指标</View>
          ) : (
            <View className='grid'>
              {r.indicators.map((i) => (
                <IndicatorCard key={i.code} indicator={i} />
              ))}
            </View>
          )}
          <View className='section-title'>各题统计</View>
          {r.questions.map((q, index) =>
            q.options.length > 0 ? (
              <QuestionChart key={q.questionId} question={q} index={index} />
            ) : (
              <View className='card' key={q.questionId} data-testid='question-chart'>
                <View className='card__title'>
                  第{index + 1}题 {q.title}
                </View>
                <View className='muted'>填空题，本题有效填写人次：{q.validRespondents}（原文见Excel报告）</View>
              </View>
            ),
          )}
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
