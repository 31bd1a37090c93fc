import type { ReactNode } from 'react'
import type { Query } from '@/hooks/useQuery'
import Empty from './Empty'
import ErrorState from './ErrorState'
import Loading from './Loading'

interface QueryViewProps<T> {
  query: Query<T>
  /** Message when the answer is an empty list. */
  emptyText?: string
  /** Shown with the empty message, e.g. an 「添加」 button. */
  emptyAction?: ReactNode
  children: (data: T) => ReactNode
}

/**
 * The four states of every read in one place: loading (first time only — a refresh keeps the old data on
 * screen), error with 重试, empty, and the data.
 */
export default function QueryView<T>({ query, emptyText = '暂无内容', emptyAction, children }: QueryViewProps<T>) {
  const { data, error, loading, reload } = query
  if (error) return <ErrorState message={error.message} onRetry={() => void reload()} />
  if (data === undefined) return loading ? <Loading /> : null
  if (Array.isArray(data) && data.length === 0) return <Empty text={emptyText}>{emptyAction}</Empty>
  return <>{children(data)}</>
}
