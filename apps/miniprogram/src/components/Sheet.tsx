import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'

interface Props {
  title: string
  testId: string
  /** A destructive decision: red title, the confirming button in red. */
  danger?: boolean
  onClose: () => void
}

/** A panel over the dimmed screen, from the bottom (WeChat's action sheet and dialog convention). */
export function Sheet({ title, testId, danger, onClose, children }: PropsWithChildren<Props>) {
  return (
    <View className='sheet-mask' onClick={onClose}>
      <View className={`sheet ${danger ? 'sheet--danger' : ''}`} data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <View className='sheet__title'>{title}</View>
        {children}
      </View>
    </View>
  )
}
