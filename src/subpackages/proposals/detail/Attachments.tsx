import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ProposalFileView } from '@/core/proposals/file-views'
import type { ProposalDetail } from '@/core/proposals/views'
import Alert from '@/components/Alert'
import Section from '@/components/Section'
import { fileMeta } from '@/components/proposals/AttachmentsField'
import { useQuery } from '@/hooks/useQuery'
import { ApiError, call } from '@/services/api'
import { openDocument, previewImages } from '@/services/pick-image'
import { fullTime } from '@/core/shared/shanghai-time'
import '@/components/proposals/attachments.scss'

/**
 * 附件: the proposal's files and those of its replies, each with its name and size; a tap asks for a fresh
 * address and opens it, as a notice's files open. Shows nothing when there are none.
 */
export default function Attachments({ p }: { p: ProposalDetail }) {
  // Asked again whenever the proposal changes (a reply, an edit), so new files show.
  const files = useQuery(() => call('proposals.files', { proposalId: p.id }), [p.id, p.updatedAt])
  const [error, setError] = useState('')
  const [opening, setOpening] = useState('')

  async function open(f: ProposalFileView) {
    setError('')
    setOpening(f.id)
    try {
      const link = await call('proposals.fileUrl', { proposalId: p.id, fileId: f.id })
      await (link.kind === 'image' ? previewImages([link.url], link.url) : openDocument(link.url, link.type))
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : '打开失败，请稍后再试')
    } finally {
      setOpening('')
    }
  }

  const data = files.data
  if (!data || (data.files.length === 0 && data.replies.length === 0)) return null
  const row = (f: ProposalFileView) => (
    <View key={f.id} className='p-files__row' onClick={() => (f.url ? void open(f) : undefined)}>
      <View className='p-files__main'>
        <Text className='p-files__name'>📎 {f.name}</Text>
        <Text className={f.refused ? 'p-files__meta p-files__meta--warn' : 'p-files__meta'}>
          {opening === f.id ? '正在打开…' : fileMeta(f, ' · 点击打开')}
        </Text>
      </View>
    </View>
  )
  return (
    <Section title='附件'>
      {data.files.length > 0 && <Text className='p-files__group'>提案附件</Text>}
      {data.files.map(row)}
      {data.replies.map((r) => (
        <View key={r.at}>
          <Text className='p-files__group'>
            {r.department}答复的附件（{fullTime(r.at)}）
          </Text>
          {r.files.map(row)}
        </View>
      ))}
      {error && <Alert tone='error' text={error} />}
    </Section>
  )
}
