import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'
import { BigButton } from './Form'

interface Props {
  /** Called with a PNG data URL once something is drawn, and with '' when cleared. */
  onChange: (dataUrl: string) => void
  testId: string
  label?: string
}

type Ctx = CanvasRenderingContext2D
interface Point {
  x: number
  y: number
}

const HEIGHT = 220

/**
 * A hand-written signature (or thumbprint) pad on a 2D canvas: finger on a phone, mouse or pen on
 * a PC. Strokes are drawn in black on white; after each stroke the image goes out as a PNG data URL.
 * Written by hand (no component library) to keep it small and in the subpackage that uses it.
 */
export function SignaturePad({ onChange, testId, label = '请居民在框内手写签名（或按手印）' }: Props) {
  const canvasId = useRef(`sig${Math.random().toString(36).slice(2, 8)}`).current
  const canvas = useRef<HTMLCanvasElement | null>(null)
  const ctx = useRef<Ctx | null>(null)
  const last = useRef<Point | null>(null)
  const [drawn, setDrawn] = useState(false)

  useEffect(() => {
    const setUp = (node: HTMLCanvasElement, width: number, height: number) => {
      const ratio = process.env.TARO_ENV === 'h5' ? window.devicePixelRatio || 1 : Taro.getSystemInfoSync().pixelRatio
      node.width = width * ratio
      node.height = height * ratio
      const context = node.getContext('2d') as Ctx
      context.scale(ratio, ratio)
      context.fillStyle = '#ffffff'
      context.fillRect(0, 0, width, height)
      context.lineWidth = 3
      context.lineCap = 'round'
      context.lineJoin = 'round'
      context.strokeStyle = '#111111'
      canvas.current = node
      ctx.current = context
    }
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${canvasId}`)
        .fields({ node: true, size: true })
        .exec((result) => {
          const found = result?.[0] as { node?: HTMLCanvasElement; width: number; height: number } | undefined
          // H5 answers without the node: the canvas element is inside Taro's wrapper.
          const node = found?.node ?? (process.env.TARO_ENV === 'h5' ? (document.querySelector(`#${canvasId} canvas`) as HTMLCanvasElement | null) : null)
          if (node) setUp(node, found?.width || node.clientWidth, found?.height || HEIGHT)
        })
    })
  }, [canvasId])

  useEffect(() => {
    // On H5, pointer events cover mouse, pen and touch alike; the mini-program uses the canvas touch events below.
    if (process.env.TARO_ENV !== 'h5') return undefined
    const node = document.querySelector(`#${canvasId} canvas`) as HTMLCanvasElement | null
    if (!node) return undefined
    const point = (e: PointerEvent): Point => {
      const box = node.getBoundingClientRect()
      return { x: e.clientX - box.left, y: e.clientY - box.top }
    }
    const down = (e: PointerEvent) => {
      node.setPointerCapture(e.pointerId)
      start(point(e))
    }
    const move = (e: PointerEvent) => {
      if (last.current) draw(point(e))
    }
    const up = () => end()
    node.style.touchAction = 'none'
    node.addEventListener('pointerdown', down)
    node.addEventListener('pointermove', move)
    node.addEventListener('pointerup', up)
    node.addEventListener('pointerleave', up)
    return () => {
      node.removeEventListener('pointerdown', down)
      node.removeEventListener('pointermove', move)
      node.removeEventListener('pointerup', up)
      node.removeEventListener('pointerleave', up)
    }
  })

  const start = (p: Point) => {
    last.current = p
    const c = ctx.current
    if (!c) return
    c.beginPath()
    c.arc(p.x, p.y, 1.5, 0, Math.PI * 2)
    c.fillStyle = '#111111'
    c.fill()
  }
  const draw = (p: Point) => {
    const c = ctx.current
    if (!c || !last.current) return
    c.beginPath()
    c.moveTo(last.current.x, last.current.y)
    c.lineTo(p.x, p.y)
    c.stroke()
    last.current = p
  }
  const end = () => {
    if (!last.current) return
    last.current = null
    setDrawn(true)
    if (canvas.current) onChange(canvas.current.toDataURL('image/png'))
  }
  const clear = () => {
    const c = ctx.current
    const node = canvas.current
    if (!c || !node) return
    c.fillStyle = '#ffffff'
    c.fillRect(0, 0, node.width, node.height)
    setDrawn(false)
    onChange('')
  }
  type Touch = { x?: number; y?: number }
  const touchPoint = (e: { touches: Touch[] }): Point => ({ x: e.touches[0]?.x ?? 0, y: e.touches[0]?.y ?? 0 })

  return (
    <View className='signature'>
      <View className='field__label'>{label}</View>
      <Canvas
        id={canvasId}
        type='2d'
        className='signature__pad'
        data-testid={testId}
        disableScroll
        onTouchStart={(e) => process.env.TARO_ENV !== 'h5' && start(touchPoint(e as unknown as { touches: Touch[] }))}
        onTouchMove={(e) => process.env.TARO_ENV !== 'h5' && draw(touchPoint(e as unknown as { touches: Touch[] }))}
        onTouchEnd={() => process.env.TARO_ENV !== 'h5' && end()}
      />
      <View className='row'>
        <View className='muted' style={{ flex: 1 }} data-testid={`${testId}-state`}>
          {drawn ? '已签名' : '尚未签名'}
        </View>
        <View style={{ width: '140px' }}>
          <BigButton testId={`${testId}-clear`} kind='plain' small onClick={clear}>
            重签
          </BigButton>
        </View>
      </View>
    </View>
  )
}
