import { useEffect, useRef } from 'react'

/**
 * The values of the latest render, for an effect that runs when something else changes (an effect's
 * dependency list says *when* it runs; what it reads at that moment comes from here). Updated in an
 * effect declared before the effects that read it, so they see this render's values, never a
 * render's that was not committed. The returned ref is stable.
 * @example
 *   const latest = useLatest({ value, onChange })
 *   useEffect(() => latest.current.onChange(trim(latest.current.value)), [applicable, latest])
 */
export function useLatest<T>(values: T): { readonly current: T } {
  const ref = useRef(values)
  useEffect(() => {
    ref.current = values
  })
  return ref
}
