import { useState, type PropsWithChildren, type ReactNode } from 'react'
import { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { isElderMode } from '../elder-mode'

interface Props {
  title?: string
  /** Wider container for the staff workspace used on a PC. */
  wide?: boolean
  testId?: string
  /** The primary action, fixed at the bottom of the screen (for pages longer than a screen). */
  bottom?: ReactNode
}

/** The frame of every screen: a centred column with an optional heading, in 长辈模式 when it is on. */
export function Page({ title, wide, testId, bottom, children }: PropsWithChildren<Props>) {
  const [elder, setElder] = useState(isElderMode)
  useDidShow(() => setElder(isElderMode()))
  const classes = ['page', wide && 'page--wide', elder && 'page--elder', bottom && 'page--with-bar'].filter(Boolean).join(' ')
  return (
    <View className={classes} data-testid={testId} data-elder={elder ? 'true' : 'false'}>
      {title && <View className='page__title'>{title}</View>}
      {children}
      {bottom && (
        <View className='bottom-bar' data-testid='bottom-bar'>
          <View className='bottom-bar__inner'>{bottom}</View>
        </View>
      )}
    </View>
  )
}
