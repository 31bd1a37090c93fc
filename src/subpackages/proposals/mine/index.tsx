import { collecting } from '@/core/proposals/collecting'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import { openPage, ROUTES } from '@/components/routes'
import ProposalRow from '@/components/proposals/ProposalRow'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

const MY_SECOND = { invited: '邀请您附议', accepted: '您已附议', declined: '您未附议' } as const

/** 我的提案: my drafts and proposals with their progress, and drafts waiting for my 附议. */
export default function MyProposalsPage() {
  const query = useQuery(() => call('proposals.mine', {}), [])
  // Whether a session is collecting is the server's phase: the phone's date may be wrong.
  const sessions = useQuery(() => call('proposals.sessions', {}), [])
  const reload = () => Promise.all([query.reload(), sessions.reload()]).then(() => undefined)
  usePullRefresh(reload)
  useReloadOnReturn(reload)
  const writing = sessions.data ? collecting(sessions.data) : undefined
  return (
    <Page title='我的提案'>
      {writing?.open && <BigButton onClick={() => openPage(ROUTES.proposalEdit)}>写提案</BigButton>}
      {writing && !writing.open && <Alert tone='info' text={writing.text} />}
      <QueryView query={query}>
        {({ mine, toSecond, more }) => (
          <>
            {more && <Alert tone='info' text='您的提案和附议邀请较多，这里只列出最近的100件。' />}
            <Section title='待附议'>
              {toSecond.length === 0 ? (
                <Empty text='暂时没有需要您附议的提案' />
              ) : (
                toSecond.map((p) => (
                  <ProposalRow key={p.id} p={p} extra={p.myStatus ? MY_SECOND[p.myStatus] : '公开征集附议'} />
                ))
              )}
            </Section>
            <Section title='我提出的'>
              {mine.length === 0 ? (
                <Empty text='您还没有写过提案' />
              ) : (
                mine.map((p) => <ProposalRow key={p.id} p={p} />)
              )}
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  )
}
