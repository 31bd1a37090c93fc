import { useState } from 'react'
import { PROPOSAL_STATUSES, type ProposalStatus } from '@/core/proposals/model'
import { STATUS_LABELS } from '@/core/proposals/labels'
import LinkRow from '@/components/LinkRow'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SelectField from '@/components/SelectField'
import { openPage } from '@/components/routes'
import ProposalRow from '@/components/proposals/ProposalRow'
import { P_ROUTES } from '@/components/proposals/routes'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import './index.scss'

const ALL = ''
const opt = (values: readonly string[], all: string) => [
  { value: ALL, label: all },
  ...values.map((v) => ({ value: v, label: v })),
]

/** 提案公开栏 (校务公开): every submitted proposal with its handling, filterable; links for each role. */
export default function Board() {
  const can = useCan()
  const sessions = useQuery(() => call('proposals.sessions', {}), [])
  const [sessionId, setSessionId] = useState(ALL)
  const [status, setStatus] = useState<ProposalStatus | typeof ALL>(ALL)
  const [category, setCategory] = useState(ALL)
  const [department, setDepartment] = useState(ALL)
  const chosenSession = sessionId || sessions.data?.[0]?.id || ''
  const list = useQuery(
    () =>
      call('proposals.board', {
        ...(chosenSession ? { sessionId: chosenSession } : {}),
        ...(status ? { status } : {}),
        ...(category ? { category } : {}),
        ...(department ? { department } : {}),
      }),
    [chosenSession, status, category, department],
  )
  const reload = () => Promise.all([sessions.reload(), list.reload()]).then(() => undefined)
  usePullRefresh(reload)
  useReloadOnReturn(list.reload)
  const session = sessions.data?.find((s) => s.id === chosenSession)
  return (
    <Page title='提案公开栏'>
      <Section>
        {can('proposals.mine') && (
          <LinkRow title='我的提案' detail='写提案、附议、评价答复' onClick={() => openPage(P_ROUTES.mine)} />
        )}
        {can('proposals.review') && (
          <LinkRow title='审查与交办' detail='提案委员会' onClick={() => openPage(P_ROUTES.review)} />
        )}
        {can('proposals.reply') && (
          <LinkRow title='本部门承办的提案' detail='答复提案' onClick={() => openPage(P_ROUTES.reply)} />
        )}
        {can('proposals.report') && (
          <LinkRow
            title='统计与逾期'
            detail='满意率、按期答复率、导出Excel'
            onClick={() => openPage(P_ROUTES.report)}
          />
        )}
        {can('proposals.createSession') && (
          <LinkRow title='教代会届次' detail='设置征集时间、附议人数' onClick={() => openPage(P_ROUTES.sessions)} />
        )}
        <LinkRow title='合理化建议' detail='人人可提，可匿名' onClick={() => openPage(P_ROUTES.suggestions)} />
      </Section>
      <Section title='筛选'>
        <SelectField
          options={(sessions.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={chosenSession}
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
      <QueryView query={list} emptyText='没有符合条件的提案'>
        {(items) => (
          <Section title={session?.name ?? '提案'} extra={`${items.length}件`}>
            {items.map((p) => (
              <ProposalRow key={p.id} p={p} />
            ))}
          </Section>
        )}
      </QueryView>
    </Page>
  )
}
