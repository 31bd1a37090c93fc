import { useState } from 'react'
import { useRouter } from '@tarojs/taro'
import type { CooperationQueue } from '@/core/proposals/cooperation-view'
import Empty from '@/components/Empty'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import BoardRows from '@/components/proposals/BoardRows'
import ChoiceChips from '@/components/proposals/ChoiceChips'
import ProposalRow from '@/components/proposals/ProposalRow'
import { useBoard } from '@/components/proposals/useBoard'
import { useCan } from '@/hooks/useCan'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useSession } from '@/hooks/useSession'
import { call } from '@/services/api'
import './index.scss'

type Tab = 'lead' | 'cooperate'

const NO_QUEUE: CooperationQueue = { department: '', waiting: [], others: [], more: false }

/**
 * 部门负责人: proposals my department leads (承办), those waiting for my reply first; and those it cooperates on
 * (协办), those waiting for its 协办意见 first. Opens on 协办 when only that has something waiting, or when the
 * link asks for it (?tab=cooperate).
 */
export default function ReplyQueue() {
  const department = useSession().whoami?.profile?.department ?? ''
  const can = useCan()
  const cooperates = can('proposals.cooperationQueue')
  const asked = useRouter().params.tab === 'cooperate' ? 'cooperate' : undefined
  const [chosen, setChosen] = useState<Tab | undefined>(asked)
  const waiting = useBoard(department ? { department, status: 'assigned' } : null, [department])
  const answered = useBoard(department ? { department, stage: 'answered' } : null, [department])
  const queue = useQuery(
    () => (department && cooperates ? call('proposals.cooperationQueue', {}) : Promise.resolve(NO_QUEUE)),
    [department, cooperates],
  )
  const reload = () =>
    Promise.all([waiting.first.reload(), answered.first.reload(), queue.reload()]).then(() => undefined)
  usePullRefresh(reload)
  useReloadOnReturn(reload)
  const total = waiting.first.data?.total
  const toCooperate = queue.data?.waiting.length ?? 0
  const tab: Tab = chosen ?? (total === 0 && toCooperate > 0 ? 'cooperate' : 'lead')
  const tabs = [
    { value: 'lead' as const, label: total ? `承办的提案（${total}）` : '承办的提案' },
    { value: 'cooperate' as const, label: toCooperate ? `协办的提案（${toCooperate}）` : '协办的提案' },
  ]
  return (
    <Page title={`${department}${tab === 'lead' ? '承办' : '协办'}的提案`}>
      {!department ? (
        <Empty text='您还没有设置所在部门' />
      ) : (
        <>
          {cooperates && <ChoiceChips choices={tabs} value={tab} onChange={setChosen} />}
          {tab === 'lead' ? (
            <>
              <Section title='待答复' extra={total !== undefined ? `${total}件` : undefined}>
                <BoardRows list={waiting} emptyText='没有待答复的提案' extra={(p) => `期限 ${p.replyBy ?? ''}`} />
              </Section>
              <Section title='已答复'>
                <BoardRows list={answered} emptyText='暂无' />
              </Section>
            </>
          ) : (
            <QueryView query={queue}>{(q) => <CooperationLists q={q} />}</QueryView>
          )}
        </>
      )}
    </Page>
  )
}

function CooperationLists({ q }: { q: CooperationQueue }) {
  return (
    <>
      <Section title='待提交协办意见' extra={`${q.waiting.length}件`}>
        {q.waiting.length === 0 ? (
          <Empty text='没有待提交协办意见的提案' />
        ) : (
          q.waiting.map((p) => <ProposalRow key={p.id} p={p} extra={`期限 ${p.replyBy ?? ''}`} />)
        )}
      </Section>
      <Section title='已提交或已答复'>
        {q.others.length === 0 ? (
          <Empty text='暂无' />
        ) : (
          q.others.map((p) => <ProposalRow key={p.id} p={p} extra={p.given ? '已提交协办意见' : '未提交协办意见'} />)
        )}
        {q.more && <Empty text='只显示最近的100件' />}
      </Section>
    </>
  )
}
