import type { Indicator } from '../../api/indicators'
import { formatPercent } from '../../format'

/** 签约饱和度 is a ratio (0.82), every other indicator a percentage. */
export function formatRate(indicator: Pick<Indicator, 'code' | 'rate'>): string {
  if (indicator.rate === null) return '—'
  return indicator.code === 'saturation' ? indicator.rate.toFixed(2) : formatPercent(indicator.rate)
}

/** '目标 ≥ 75.0%' or '目标 ≤ 1.00'. */
export function formatTarget(indicator: Pick<Indicator, 'code' | 'target' | 'direction'>): string {
  const value = indicator.code === 'saturation' ? indicator.target.toFixed(2) : formatPercent(indicator.target)
  return `目标 ${indicator.direction === 'atMost' ? '≤' : '≥'} ${value}`
}

export function formatPoints(points: number | null): string {
  return points === null ? '—' : String(Number(points.toFixed(2)))
}

/** Why an indicator is not scored: its denominator is zero here (标化), or Jiayi has no records for it yet. */
export function statusText(indicator: Pick<Indicator, 'status' | 'denominatorLabel'>): string {
  if (indicator.status === 'noData') return '暂无数据（人口未填写或相关业务尚未上线）'
  return `${indicator.denominatorLabel}为零，不计分（已标化）`
}
