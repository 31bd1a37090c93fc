import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { defaultReportSession } from '@/core/proposals/report-text'
import type { CountRow, OverdueList } from '@/core/proposals/views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import Empty from '@/components/Empty'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import SelectField from '@/components/SelectField'
import { toastSuccess } from '@/components/toast'
import ProposalRow from '@/components/proposals/ProposalRow'
import { saveExportedFile } from '@/services/save-file'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { call } from '@/services/api'
import './index.scss'

function Counts({ rows }: { rows: CountRow[] }) {
  if (rows.length === 0) return <Empty text='暂无' />
  return (
    <>
      {rows.map((r) => (
        <View key={r.key} className='p-row'>
          <Text>{r.key}</Text>
          <Text>{r.count}件</Text>
        </View>
      ))}
    </>
  )
}

function OverdueRows({ items, more }: OverdueList) {
  if (items.length === 0) return <Empty text='没有逾期的提案' />
  return (
    <>
      {items.map((p) => (
        <ProposalRow key={p.id} p={p} extra={`已逾期${p.daysOverdue}天`} />
      ))}
      {more && <Alert tone='info' text='逾期的提案超过100件，这里列出逾期最久的100件。' />}
    </>
  )
}

/**
 * 工会主席 / 提案委员会: one session's figures, its overdue proposals and an Excel export. The session is
 * picked first and everything below is about it; it opens on the one the server's list also opens on.
 */
export default function Report() {
  const sessions = useQuery(() => call('proposals.sessions', {}), [])
  const [picked, setPicked] = useState('')
  const opening = defaultReportSession(sessions.data ?? [])?.id ?? ''
  const sessionId = picked || opening
  const report = useQuery(
    () => (sessionId ? call('proposals.report', { sessionId }) : Promise.resolve(undefined)),
    [sessionId],
  )
  const overdue = useQuery(
    () => (sessionId ? call('proposals.overdue', { sessionId }) : Promise.resolve(undefined)),
    [sessionId],
  )
  usePullRefresh(() => Promise.all([sessions.reload(), report.reload(), overdue.reload()]).then(() => undefined))
  const exporter = useAction(async () => {
    const file = await call('proposals.exportReport', { sessionId })
    await saveExportedFile(file.fileName, file.contentBase64)
  })
  // The papers of the meeting: every proposal as submitted, and every reply, as Word documents to print.
  const compilation = useAction(async (kind: 'proposals' | 'replies') => {
    const file = await call('proposals.exportCompilation', { sessionId, kind })
    await saveExportedFile(file.fileName, file.contentBase64)
  })
  const many = (sessions.data?.length ?? 0) > 1
  return (
    <Page title='提案统计'>
      {many && (
        <Section title='选择届次'>
          <SelectField
            options={(sessions.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={sessionId}
            onChange={setPicked}
            placeholder='选择届次'
          />
        </Section>
      )}
      <QueryView query={report}>
        {(r) =>
          r ? (
            <>
              <Section title={`${r.session.name} 概况`}>
                <View className='p-row'>
                  <Text>提案总数</Text>
                  <Text className='p-count'>{r.total}</Text>
                </View>
                <View className='p-row'>
                  <Text>满意率（含基本满意）</Text>
                  <Text>
                    {r.ratings.satisfactionRate}%（{r.ratings.rated}件已评价）
                  </Text>
                </View>
                <View className='p-row'>
                  <Text>最后一次评价：满意 / 基本满意 / 不满意</Text>
                  <Text>
                    {r.ratings.satisfied} / {r.ratings.basicallySatisfied} / {r.ratings.unsatisfied}
                  </Text>
                </View>
                <View className='p-row'>
                  <Text>按期答复率</Text>
                  <Text>
                    {r.replies.onTimeRate}%（{r.replies.onTime}/{r.replies.due}）
                  </Text>
                </View>
                <View className='p-row'>
                  <Text>逾期未答复</Text>
                  <Text>{r.overdue}件</Text>
                </View>
              </Section>
              <Section title={`${r.session.name} 逾期未答复`} extra={`${r.overdue}件`}>
                <QueryView query={overdue}>{(list) => list && <OverdueRows {...list} />}</QueryView>
              </Section>
              {r.carriedOver && r.carriedOver.length > 0 && (
                <Section title='往届未办结提案（结转）' extra={`${r.carriedOver.length}件`}>
                  {r.carriedOver.map((p) => (
                    <ProposalRow key={p.id} p={p} />
                  ))}
                </Section>
              )}
              <Section title='提案工作报告素材'>
                <Text className='p-meta'>以下文字可直接复制到提案工作报告中：</Text>
                {r.paragraphs.map((text) => (
                  <Text key={text} className='p-text report__paragraph' userSelect>
                    {text}
                  </Text>
                ))}
                <BigButton
                  tone='secondary'
                  onClick={() =>
                    void Taro.setClipboardData({ data: r.paragraphs.join('\n') })
                      .then(() => toastSuccess('已复制'))
                      .catch(() => undefined)
                  }
                >
                  复制全部文字
                </BigButton>
              </Section>
              <Section title='按状态'>
                <Counts rows={r.byStatus} />
              </Section>
              <Section title='按类别'>
                <Counts rows={r.byCategory} />
              </Section>
              <Section title='按主办部门'>
                <Counts rows={r.byDepartment} />
              </Section>
              {exporter.error && <Alert tone='error' text={exporter.error.message} />}
              <BigButton
                tone='secondary'
                loading={exporter.running}
                onClick={() => void exporter.run().then((o) => o.ok && toastSuccess('已导出'))}
              >
                导出Excel
              </BigButton>
              {compilation.error && <Alert tone='error' text={compilation.error.message} />}
              <BigButton
                tone='secondary'
                loading={compilation.running}
                onClick={() => void compilation.run('proposals').then((o) => o.ok && toastSuccess('已导出'))}
              >
                下载提案汇编（Word）
              </BigButton>
              <BigButton
                tone='secondary'
                loading={compilation.running}
                onClick={() => void compilation.run('replies').then((o) => o.ok && toastSuccess('已导出'))}
              >
                下载答复汇编（Word）
              </BigButton>
            </>
          ) : (
            <Empty text='还没有教代会届次' />
          )
        }
      </QueryView>
    </Page>
  )
}
