import Empty from '@/components/Empty'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import ProposalRow from '@/components/proposals/ProposalRow'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { ApiError, call } from '@/services/api'
import './index.scss'

/** 部门负责人: proposals my department leads, those waiting for my reply first. */
export default function ReplyQueue() {
  const department = useSession().whoami?.profile?.department ?? ''
  const query = useQuery(
    () =>
      department
        ? call('proposals.board', { department })
        : Promise.reject(new ApiError('FORBIDDEN', '您还没有设置所在部门')),
    [department],
  )
  usePullRefresh(query.reload)
  useReloadOnReturn(query.reload)
  return (
    <Page title={`${department}承办的提案`}>
      <QueryView query={query}>
        {(items) => {
          const waiting = items.filter((p) => p.status === 'assigned')
          const rest = items.filter((p) => p.status !== 'assigned')
          return (
            <>
              <Section title='待答复' extra={`${waiting.length}件`}>
                {waiting.length === 0 ? (
                  <Empty text='没有待答复的提案' />
                ) : (
                  waiting.map((p) => <ProposalRow key={p.id} p={p} extra={`期限 ${p.replyBy}`} />)
                )}
              </Section>
              <Section title='已答复'>
                {rest.length === 0 ? <Empty text='暂无' /> : rest.map((p) => <ProposalRow key={p.id} p={p} />)}
              </Section>
            </>
          )
        }}
      </QueryView>
    </Page>
  )
}
