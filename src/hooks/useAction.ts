import { useCallback, useRef, useState } from 'react'
import type { ApiError } from '@/services/api'
import { toApiError } from './errors'

export type ActionOutcome<R> = { ok: true; value: R } | { ok: false; error: ApiError }

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<ActionOutcome<R>>
  running: boolean
  /** The last refusal, for the message under the form. */
  error?: ApiError
  /** Per-field messages from the last refusal (ApiError.fields), keyed by input name. */
  fieldErrors: Record<string, string>
  clearError: () => void
}

/**
 * Owns one write (a submit): running flag, the server's Chinese message and field errors. A second tap
 * while the first is running is ignored, so an impatient double tap never submits twice.
 */
export function useAction<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Action<A, R> {
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<ApiError>()
  const busy = useRef(false)
  const performRef = useRef(perform)
  performRef.current = perform

  const run = useCallback(async (...args: A): Promise<ActionOutcome<R>> => {
    if (busy.current) return { ok: false, error: toApiError(new Error('busy')) }
    busy.current = true
    setRunning(true)
    setError(undefined)
    try {
      return { ok: true, value: await performRef.current(...args) }
    } catch (caught) {
      const failure = toApiError(caught)
      setError(failure)
      return { ok: false, error: failure }
    } finally {
      busy.current = false
      setRunning(false)
    }
  }, [])

  const clearError = useCallback(() => setError(undefined), [])
  return { run, running, error, fieldErrors: error?.fields ?? {}, clearError }
}
