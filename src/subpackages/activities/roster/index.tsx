import { View, Text } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { RosterLine } from '@/core/activities/views'
import { SIGNUP_LABELS } from '@/core/activities/labels'
import { formatWhen } from '@/core/shared/shanghai-time'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import { saveExportedFile } from '@/services/save-file'
import { confirm } from '@/components/confirm'
import Page from '@/components/Page'
import QueryView from '@/components/QueryView'
import Section from '@/components/Section'
import Tag from '@/components/Tag'
import { openPage, pageLink, ROUTES } from '@/components/routes'
import { toastSuccess } from '@/components/toast'
import { useAction } from '@/hooks/useAction'
import { usePullRefresh, useReloadOnReturn } from '@/hooks/usePullRefresh'
import { useQuery } from '@/hooks/useQuery'
import { useCan } from '@/hooks/useCan'
import { call } from '@/services/api'
import './index.scss'

/**
 * 报名名单: who is in, who waits, who has checked in. The chair also checks people in by hand (and undoes
 * it), approves applications, and exports the sheet to Excel.
 */
export default function RosterPage() {
  const id = useRouter().params.id ?? ''
  const query = useQuery(() => call('activities.roster', { activityId: id }), [id])
  usePullRefresh(query.reload)
  useReloadOnReturn(query.reload)
  const can = useCan()
  const [note, setNote] = useState('')
  const act = useAction(async (kind: 'in' | 'undo' | 'approve' | 'reject', memberId: string) => {
    if (kind === 'in' || kind === 'undo')
      return call('activities.markAttendance', { activityId: id, memberId, present: kind === 'in' })
    return call('activities.review', { activityId: id, memberId, approve: kind === 'approve' })
  })
  const exporter = useAction(async () => {
    const file = await call('activities.export', { activityId: id })
    await saveExportedFile(file.fileName, file.contentBase64)
    return file.fileName
  })

  const run = async (kind: 'in' | 'undo' | 'approve' | 'reject', line: RosterLine) => {
    if (kind === 'undo' && !(await confirm('撤销签到', `确定撤销${line.name}的签到吗？`))) return
    const outcome = await act.run(kind, line.memberId)
    if (!outcome.ok) return
    setNote(outcome.value.message)
    await query.reload()
  }
  const doExport = async () => {
    const outcome = await exporter.run()
    if (outcome.ok) toastSuccess('已导出')
  }

  return (
    <Page title='报名名单'>
      {note && <Alert tone='success' text={note} />}
      {(act.error ?? exporter.error) && <Alert tone='error' text={(act.error ?? exporter.error)?.message ?? ''} />}
      {can('activities.export') && (
        <BigButton tone='secondary' loading={exporter.running} onClick={() => void doExport()}>
          导出Excel（报名和签到）
        </BigButton>
      )}
      {(can('activities.checkinCode') || can('activities.qrCode')) && (
        <View className='buttons-row'>
          {can('activities.checkinCode') && (
            <BigButton inline tone='secondary' onClick={() => openPage(pageLink(ROUTES.activityCheckin, { id: id }))}>
              签到码
            </BigButton>
          )}
          {can('activities.qrCode') && (
            <BigButton inline tone='secondary' onClick={() => openPage(pageLink(ROUTES.activityPoster, { id: id }))}>
              二维码海报
            </BigButton>
          )}
        </View>
      )}
      <QueryView query={query}>
        {(view) => (
          <>
            <Section title={`已报名 ${view.confirmedCount} 人`} extra={<Text>已签到 {view.checkedInCount}</Text>}>
              {view.waitlistCount > 0 && <Text className='activity__fact'>候补 {view.waitlistCount} 人</Text>}
              {!view.visible && <Text className='activity__desc'>名单不公开，只显示人数。</Text>}
              {view.teams.map((t) => (
                <Text key={t.id} className='activity__fact'>
                  {t.captainName ? `${t.name}（队长${t.captainName}）` : `${t.name}队`}：{t.size}人（女{t.women}人）
                  {t.problems.length > 0 ? `，${t.problems.join('，')}` : '，人数已齐'}
                </Text>
              ))}
            </Section>
            {view.lines.length > 0 && (
              <Section title='名单'>
                {view.lines.map((line) => (
                  <View key={line.memberId} className='roster-line'>
                    <Text className='roster-line__name'>{line.name}</Text>
                    <Text className='activity__fact'>
                      {line.groupName}
                      {line.itemNames.length > 0 ? ` · ${line.itemNames.join('、')}` : ''}
                      {line.guests > 0 ? ` · 家属${line.guests}人` : ''}
                      {line.teamName && !line.itemNames.length ? ` · ${line.teamName}` : ''}
                      {line.phone ? ` · ${line.phone}` : ''}
                    </Text>
                    <View>
                      <Tag
                        text={line.status === 'waitlisted' ? `候补第${line.position}位` : SIGNUP_LABELS[line.status]}
                        tone={line.status === 'confirmed' ? 'success' : 'warning'}
                      />
                      {line.checkinLocked && <Tag text='签到码输错太多次，请手工签到' tone='warning' />}
                      {line.checkedInAt && (
                        <Tag text={`已签到 ${formatWhen(line.checkedInAt).slice(-5)}`} tone='primary' />
                      )}
                    </View>
                    {can('activities.markAttendance') && line.status === 'confirmed' && (
                      <BigButton tone='secondary' onClick={() => void run(line.checkedInAt ? 'undo' : 'in', line)}>
                        {line.checkedInAt ? `撤销${line.name}的签到` : `${line.name}签到`}
                      </BigButton>
                    )}
                    {can('activities.review') && line.status === 'applied' && (
                      <View className='buttons-row'>
                        <BigButton inline onClick={() => void run('approve', line)}>
                          通过
                        </BigButton>
                        <BigButton inline tone='danger' onClick={() => void run('reject', line)}>
                          不通过
                        </BigButton>
                      </View>
                    )}
                  </View>
                ))}
              </Section>
            )}
          </>
        )}
      </QueryView>
      <BigButton tone='secondary' onClick={() => openPage(pageLink(ROUTES.activity, { id: id }))}>
        返回活动
      </BigButton>
    </Page>
  )
}
