import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'
import type { ApiError } from '@/services/api'
import { toApiError } from './errors'

export interface Query<T> {
  data?: T
  error?: ApiError
  /** True while a request is in flight (first load, reload or refresh). */
  loading: boolean
  /** Ask again; resolves when the answer (or error) is in, for pull-down refresh. */
  reload: () => Promise<void>
  /** Replace the data with what a write returned, without asking the server again. */
  setData: (data: T) => void
}

/**
 * Owns one read: loading, error and data. Re-runs when `deps` change; an answer that arrives after a
 * newer request started is dropped, so a slow search never overwrites a fast one.
 */
export function useQuery<T>(fetcher: () => Promise<T>, deps: DependencyList): Query<T> {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<ApiError>()
  const [loading, setLoading] = useState(true)
  const latestRequest = useRef(0)
  const fetcherRef = useRef(fetcher)
  fetcherRef.current = fetcher

  const reload = useCallback(async () => {
    const request = ++latestRequest.current
    setLoading(true)
    setError(undefined)
    try {
      const result = await fetcherRef.current()
      if (request === latestRequest.current) setData(result)
    } catch (caught) {
      if (request === latestRequest.current) setError(toApiError(caught))
    } finally {
      if (request === latestRequest.current) setLoading(false)
    }
  }, [])

  useEffect(() => {
    void reload()
    // The caller's deps decide when to ask again; `reload` itself is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  return { data, error, loading, reload, setData }
}
