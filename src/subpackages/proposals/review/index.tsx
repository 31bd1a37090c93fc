import type { ProposalSummary } from '@/core/proposals/views'
import Empty from '@/components/Empty'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import ProposalRow from '@/components/proposals/ProposalRow'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

async function load(): Promise<{ title: string; items: ProposalSummary[]; empty: string }[]> {
  const [submitted, accepted, converted, replied] = await Promise.all([
    call('proposals.board', { status: 'submitted' }),
    call('proposals.board', { status: 'accepted' }),
    call('proposals.board', { status: 'converted' }),
    call('proposals.board', { status: 'replied' }),
  ])
  return [
    { title: '待审查', items: submitted, empty: '没有待审查的提案' },
    { title: '待交办', items: [...accepted, ...converted], empty: '没有待交办的提案' },
    { title: '已答复（可审查答复）', items: replied, empty: '没有待审查的答复' },
  ]
}

/** 提案委员会: what waits for review, for assignment, and replies that may need sending back. */
export default function ReviewQueue() {
  const query = useQuery(load, [])
  usePullRefresh(query.reload)
  useReloadOnReturn(query.reload)
  return (
    <Page title='提案审查与交办'>
      <QueryView query={query}>
        {(groups) => (
          <>
            {groups.map((g) => (
              <Section key={g.title} title={g.title} extra={`${g.items.length}件`}>
                {g.items.length === 0 ? <Empty text={g.empty} /> : g.items.map((p) => <ProposalRow key={p.id} p={p} />)}
              </Section>
            ))}
          </>
        )}
      </QueryView>
    </Page>
  )
}
