import type { ProposalRowView } from '@/core/proposals/views'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import ErrorState from '@/components/ErrorState'
import Loading from '@/components/Loading'
import ProposalRow from './ProposalRow'
import type { BoardList } from './useBoard'

interface BoardRowsProps {
  list: BoardList
  emptyText: string
  /** Something after a row's names, e.g. its reply date. */
  extra?: (p: ProposalRowView) => string | undefined
}

/**
 * A paged proposal list's rows: loading, error with 重试, empty, the rows, and 加载更多 while the server has
 * more (the list never stops silently; reaching the bottom loads them too).
 */
export default function BoardRows({ list, emptyText, extra }: BoardRowsProps) {
  const { first, items } = list
  if (first.error) return <ErrorState message={first.error.message} onRetry={() => void first.reload()} />
  if (first.data === undefined) return first.loading ? <Loading /> : null
  if (items.length === 0) return <Empty text={emptyText} />
  return (
    <>
      {items.map((p) => (
        <ProposalRow key={p.id} p={p} extra={extra?.(p)} />
      ))}
      {list.more && (
        <BigButton tone='secondary' loading={list.loadingMore} onClick={() => void list.loadMore()}>
          加载更多
        </BigButton>
      )}
    </>
  )
}
