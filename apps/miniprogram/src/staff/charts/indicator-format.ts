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

export const STATUS_TEXT = { notApplicable: '辖区该人群为零，不计分（已标化）', noData: '暂无数据（相关业务尚未上线）' } as const
