import type { ReactNode } from 'react'
import { Button, View } from '@tarojs/components'
import { errorText } from '../api/client'
import type { RequestState } from '../hooks/useRequest'

interface Props<T> {
  state: RequestState<T>
  /** Shown instead of the content when this says the data is empty. */
  isEmpty?: (data: T) => boolean
  emptyText?: string
  empty?: ReactNode
  children: (data: T) => ReactNode
}

/** Renders the loading, error and empty states of a request, else the content. */
export function StateView<T>({ state, isEmpty, emptyText = '暂无内容', empty, children }: Props<T>) {
  if (state.error) {
    return (
      <View className='state state--error' data-testid='state-error'>
        <View className='state__text'>{errorText(state.error)}</View>
        <Button className='btn btn--plain' onClick={state.reload}>
          重新加载
        </Button>
      </View>
    )
  }
  if (state.loading || state.data === undefined) {
    return (
      <View className='state' data-testid='state-loading'>
        <View className='state__text'>正在加载…</View>
      </View>
    )
  }
  if (isEmpty?.(state.data)) {
    return (
      <View className='state state--empty' data-testid='state-empty'>
        {empty ?? <View className='state__text'>{emptyText}</View>}
      </View>
    )
  }
  return <>{children(state.data)}</>
}

export function isEmptyList<T>(list: T[]): boolean {
  return list.length === 0
}

/** The error of an action (submit) in plain words, or nothing. */
export function ErrorMessage({ error, testId = 'form-error' }: { error: unknown; testId?: string }) {
  if (!error) return null
  return (
    <View className='form-error' data-testid={testId}>
      {errorText(error)}
    </View>
  )
}
