import Page from '@/components/Page'
import Section from '@/components/Section'
import BoardRows from '@/components/proposals/BoardRows'
import { useBoard, type BoardList } from '@/components/proposals/useBoard'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import './index.scss'

function Queue({ title, list, empty }: { title: string; list: BoardList; empty: string }) {
  const total = list.first.data?.total
  return (
    <Section title={title} extra={total !== undefined ? `${total}件` : undefined}>
      <BoardRows list={list} emptyText={empty} />
    </Section>
  )
}

/** 提案委员会: what waits for review, for assignment, and replies that may need sending back; each paged. */
export default function ReviewQueue() {
  const toReview = useBoard({ status: 'submitted' }, [])
  const toAssign = useBoard({ stage: 'toAssign' }, [])
  const replied = useBoard({ status: 'replied' }, [])
  const reload = () =>
    Promise.all([toReview.first.reload(), toAssign.first.reload(), replied.first.reload()]).then(() => undefined)
  usePullRefresh(reload)
  useReloadOnReturn(reload)
  return (
    <Page title='提案审查与交办'>
      <Queue title='待审查' list={toReview} empty='没有待审查的提案' />
      <Queue title='待交办' list={toAssign} empty='没有待交办的提案' />
      <Queue title='已答复（可审查答复）' list={replied} empty='没有待审查的答复' />
    </Page>
  )
}
