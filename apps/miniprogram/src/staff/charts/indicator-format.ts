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

/** Why an indicator is not scored: its denominator is zero here (标化), or it has no figures for this area. */
export function statusText(indicator: Pick<Indicator, 'code' | 'status' | 'denominatorLabel'>): string {
  if (indicator.status === 'noData') {
    if (indicator.code === 'poolUse') return '仅全区统计（号源属于合作医院）'
    if (indicator.code === 'signing' || indicator.code.startsWith('keyGroupSigning')) return '暂无数据（本年度人口数未填写）'
    return '暂无数据'
  }
  return `${indicator.denominatorLabel}为零，不计分（已标化）`
}
