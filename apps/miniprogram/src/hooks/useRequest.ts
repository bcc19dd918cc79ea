import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'

export interface RequestState<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
}

interface Options {
  /** Skip the request until the inputs are ready (e.g. an id from the route). */
  enabled?: boolean
  /** Fetch again when the page comes back into view (after a page it opened changed the data). */
  refreshOnShow?: boolean
}

/** Runs `fetcher` when `deps` change and exposes loading / error / data for the screen. */
export function useRequest<T>(fetcher: () => Promise<T>, deps: unknown[], options: Options = {}): RequestState<T> {
  const { enabled = true, refreshOnShow = false } = options
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>()
  const [loading, setLoading] = useState(enabled)
  const latestCall = useRef(0)
  const shownOnce = useRef(false)

  const run = useCallback(() => {
    if (!enabled) return
    const call = ++latestCall.current
    setLoading(true)
    setError(undefined)
    fetcher().then(
      (value) => {
        if (call !== latestCall.current) return
        setData(value)
        setLoading(false)
      },
      (err: unknown) => {
        if (call !== latestCall.current) return
        setError(err)
        setLoading(false)
      },
    )
    // `deps` stand for the fetcher's inputs, like useEffect's list; the fetcher itself is a new
    // closure on every render and must not trigger a request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  useEffect(run, [run])

  useDidShow(() => {
    if (!refreshOnShow) return
    if (shownOnce.current) run()
    shownOnce.current = true
  })

  return { data, error, loading, reload: run }
}

/** Tracks one user action (a submit): busy while it runs, and its error message. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const busyRef = useRef(false)
  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (busyRef.current) return undefined
      busyRef.current = true
      setBusy(true)
      setError(undefined)
      try {
        return await action(...args)
      } catch (err) {
        setError(err)
        return undefined
      } finally {
        busyRef.current = false
        setBusy(false)
      }
    },
    [action],
  )
  return { run, busy, error, setError }
}
