import { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { Canvas as TaroCanvas, View } from '@tarojs/components'
import { Axis, Canvas, Chart, createElement, Interval, Line, LineGuide, Point } from '@antv/f2'
import { useLatest } from '../../hooks/useLatest'

export interface ChartDatum {
  x: string
  y: number
  /** Bars of units that miss the target are drawn in the warning colour. */
  missed?: boolean
}

interface Props {
  id: string
  kind: 'line' | 'bar'
  data: ChartDatum[]
  /** A horizontal target line (a fraction), drawn on both kinds. */
  target?: number
  height?: number
  testId?: string
}

// F2's element types are stricter than its runtime (which fills chart props in); one loose signature here.
const h = createElement as unknown as (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => never

const GREEN = '#0b5d3b'
const RED = '#c0392b'

/** The chart as F2 elements (F2 has its own JSX runtime; `createElement` keeps it apart from React's). */
function chartElement(kind: Props['kind'], data: ChartDatum[], target: number | undefined) {
  const top = Math.max(1, target ?? 0, ...data.map((d) => d.y))
  const scale = {
    y: { min: 0, max: top, tickCount: 5, formatter: (v: number) => `${Math.round(v * 100)}%` },
    x: { range: kind === 'bar' ? undefined : [0.05, 0.95] },
  }
  return h(Chart, { data, scale }, [
    h(Axis, { field: 'x', style: { label: { fontSize: 18 } } }),
    h(Axis, { field: 'y', style: { label: { fontSize: 18 } } }),
    kind === 'bar'
      ? h(Interval, { x: 'x', y: 'y', color: { field: 'missed', callback: (missed: boolean) => (missed ? RED : GREEN) } })
      : h(Line, { x: 'x', y: 'y', color: GREEN, style: { lineWidth: 3 } }),
    kind === 'line' ? h(Point, { x: 'x', y: 'y', color: GREEN }) : null,
    target === undefined
      ? null
      : h(LineGuide, {
          records: [
            { x: 'min', y: target },
            { x: 'max', y: target },
          ],
          style: { stroke: '#777777', lineDash: [6, 6], lineWidth: 2 },
        }),
  ])
}

/**
 * An AntV F2 chart on a 2d canvas: in H5 the canvas element under the Taro component, in the
 * mini-program the node of `<Canvas type='2d'>`. Lives in the staff subpackage only, so the
 * chart library never enters the main package.
 */
export function F2Chart({ id, kind, data, target, height = 220, testId }: Props) {
  const chart = useRef<InstanceType<typeof Canvas> | null>(null)
  // Redrawn when the numbers change, not when a parent passes an equal array anew.
  const dataKey = JSON.stringify(data)
  const latest = useLatest(data)
  useEffect(() => {
    let cancelled = false
    const draw = (context: CanvasRenderingContext2D, width: number, pixelRatio: number) => {
      if (cancelled) return
      const element = chartElement(kind, latest.current, target)
      if (chart.current) {
        chart.current.update({ children: element })
        return
      }
      const canvas = new Canvas({ context, pixelRatio, width, height, children: element })
      canvas.render()
      chart.current = canvas
    }
    if (process.env.TARO_ENV === 'h5') {
      // The <canvas> appears inside Taro's web component a few frames after the page renders.
      let tries = 0
      const attempt = () => {
        if (cancelled) return
        const host = document.getElementById(id)
        const element = host instanceof HTMLCanvasElement ? host : host?.querySelector('canvas')
        const width = element?.parentElement?.clientWidth || host?.clientWidth || 0
        if (!element || width === 0) {
          if (++tries < 60) requestAnimationFrame(attempt)
          return
        }
        const ratio = window.devicePixelRatio || 1
        element.style.width = `${width}px`
        element.style.height = `${height}px`
        element.width = width * ratio
        element.height = height * ratio
        const context = element.getContext('2d')
        if (context) draw(context, width, ratio)
      }
      attempt()
    } else {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((result) => {
          const found = result?.[0] as
            { node?: { getContext: (kind: string) => CanvasRenderingContext2D; width: number; height: number }; width: number } | undefined
          if (!found?.node) return
          const ratio = Taro.getSystemInfoSync().pixelRatio
          found.node.width = found.width * ratio
          found.node.height = height * ratio
          draw(found.node.getContext('2d'), found.width, ratio)
        })
    }
    return () => {
      cancelled = true
    }
  }, [id, kind, target, height, dataKey, latest])
  useEffect(() => () => chart.current?.destroy(), [])
  return (
    <View className='chart' data-testid={testId} style={{ height: `${height}px` }}>
      <TaroCanvas type='2d' id={id} canvasId={id} style={{ width: '100%', height: `${height}px` }} />
    </View>
  )
}
