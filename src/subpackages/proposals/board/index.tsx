import { useState } from 'react'
import { PROPOSAL_STATUSES, type ProposalStatus } from '@/core/proposals/model'
import { STATUS_LABELS } from '@/core/proposals/labels'
import LinkRow from '@/components/LinkRow'
import Page from '@/components/Page'
import Section from '@/components/Section'
import SelectField from '@/components/SelectField'
import { openPage, ROUTES } from '@/components/routes'
import BoardRows from '@/components/proposals/BoardRows'
import { useBoard } from '@/components/proposals/useBoard'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useCan } from '@/hooks/useCan'
import './index.scss'

const ALL = ''
const opt = (values: readonly string[], all: string) => [
  { value: ALL, label: all },
  ...values.map((v) => ({ value: v, label: v })),
]

/**
 * 提案公开栏 (校务公开): submitted proposals with their handling, filterable, a page at a time; links for each
 * role. One call: until a session is picked, the server shows the newest one and names the sessions to pick.
 */
export default function Board() {
  const can = useCan()
  const [sessionId, setSessionId] = useState(ALL)
  const [status, setStatus] = useState<ProposalStatus | typeof ALL>(ALL)
  const [category, setCategory] = useState(ALL)
  const [department, setDepartment] = useState(ALL)
  const list = useBoard(
    {
      ...(sessionId ? { sessionId } : { latest: true }),
      ...(status ? { status } : {}),
      ...(category ? { category } : {}),
      ...(department ? { department } : {}),
    },
    [sessionId, status, category, department],
  )
  usePullRefresh(list.first.reload)
  useReloadOnReturn(list.first.reload)
  const head = list.first.data
  const session = head?.session
  return (
    <Page title='提案公开栏'>
      <Section>
        {can('proposals.mine') && (
          <LinkRow
            title='我的提案'
            detail={session?.open ? '写提案、附议、评价答复' : '附议、评价答复'}
            onClick={() => openPage(ROUTES.myProposals)}
          />
        )}
        {can('proposals.review') && (
          <LinkRow title='审查与交办' detail='提案委员会' onClick={() => openPage(ROUTES.proposalReview)} />
        )}
        {can('proposals.reply') && (
          <LinkRow title='本部门承办的提案' detail='答复提案' onClick={() => openPage(ROUTES.proposalReply)} />
        )}
        {can('proposals.report') && (
          <LinkRow
            title='统计与逾期'
            detail='满意率、按期答复率、导出Excel'
            onClick={() => openPage(ROUTES.proposalReport)}
          />
        )}
        {can('proposals.createSession') && (
          <LinkRow
            title='教代会届次'
            detail='设置征集时间、附议人数'
            onClick={() => openPage(ROUTES.proposalSessions)}
          />
        )}
        <LinkRow title='合理化建议' detail='人人可提，可匿名' onClick={() => openPage(ROUTES.suggestions)} />
      </Section>
      <Section title='筛选'>
        <SelectField
          options={(head?.sessions ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={sessionId || session?.id || ''}
          onChange={setSessionId}
          placeholder='选择届次'
        />
        <SelectField
          options={[
            { value: ALL, label: '全部状态' },
            ...PROPOSAL_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          ]}
          value={status}
          onChange={(v) => setStatus(v as ProposalStatus | typeof ALL)}
        />
        <SelectField options={opt(session?.categories ?? [], '全部类别')} value={category} onChange={setCategory} />
        <SelectField
          options={opt(session?.departments ?? [], '全部承办部门')}
          value={department}
          onChange={setDepartment}
        />
      </Section>
      <Section title={session?.name ?? '提案'} extra={head?.total !== undefined ? `${head.total}件` : undefined}>
        <BoardRows list={list} emptyText='没有符合条件的提案' />
      </Section>
    </Page>
  )
}
