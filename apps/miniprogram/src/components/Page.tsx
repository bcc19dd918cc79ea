import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'

interface Props {
  title?: string
  /** Wider container for the staff workspace used on a PC. */
  wide?: boolean
  testId?: string
}

/** The frame of every screen: a centred column with an optional heading. */
export function Page({ title, wide, testId, children }: PropsWithChildren<Props>) {
  return (
    <View className={`page ${wide ? 'page--wide' : ''}`} data-testid={testId}>
      {title && <View className='page__title'>{title}</View>}
      {children}
    </View>
  )
}
