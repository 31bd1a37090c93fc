import Empty from '@/components/Empty'
import Page from '@/components/Page'
import Section from '@/components/Section'
import BoardRows from '@/components/proposals/BoardRows'
import { useBoard } from '@/components/proposals/useBoard'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useSession } from '@/hooks/useSession'
import './index.scss'

/** 部门负责人: proposals my department leads, those waiting for my reply first; each list paged. */
export default function ReplyQueue() {
  const department = useSession().whoami?.profile?.department ?? ''
  const waiting = useBoard(department ? { department, status: 'assigned' } : null, [department])
  const answered = useBoard(department ? { department, stage: 'answered' } : null, [department])
  const reload = () => Promise.all([waiting.first.reload(), answered.first.reload()]).then(() => undefined)
  usePullRefresh(reload)
  useReloadOnReturn(reload)
  const total = waiting.first.data?.total
  return (
    <Page title={`${department}承办的提案`}>
      {department ? (
        <>
          <Section title='待答复' extra={total !== undefined ? `${total}件` : undefined}>
            <BoardRows list={waiting} emptyText='没有待答复的提案' extra={(p) => `期限 ${p.replyBy ?? ''}`} />
          </Section>
          <Section title='已答复'>
            <BoardRows list={answered} emptyText='暂无' />
          </Section>
        </>
      ) : (
        <Empty text='您还没有设置所在部门' />
      )}
    </Page>
  )
}
