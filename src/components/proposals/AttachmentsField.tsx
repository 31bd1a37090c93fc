import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { UploadedFileView } from '@/core/shared/files'
import { MAX_PROPOSAL_FILES, type ProposalFiles, type ProposalFileView } from '@/core/proposals/file-views'
import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import { useQuery } from '@/hooks/useQuery'
import { ApiError, call } from '@/services/api'
import { pickDocument, pickImages, type PickedFile } from '@/services/pick-image'
import './attachments.scss'

export const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(bytes / 1024))}KB`

const messageOf = (e: unknown) => (e instanceof ApiError || e instanceof Error ? e.message : '上传失败，请重试')

/** What a row says under the name: type and size, or why the picture is not shown. */
export function fileMeta(f: Pick<ProposalFileView, 'type' | 'size' | 'checking' | 'refused'>, tail = ''): string {
  if (f.refused) return f.refused
  const base = `${f.type.toUpperCase()} · ${sizeLabel(f.size)}`
  return f.checking ? `${base} · 正在进行安全检查` : `${base}${tail}`
}

/**
 * Choose photos or one document and upload each (checked there), handing each upload to `take` as it goes: a
 * photo the content check refuses is left out, the others still go up. Resolves what was refused, in Chinese.
 */
async function chooseAndUpload(
  kind: 'image' | 'attachment',
  room: number,
  take: (up: UploadedFileView) => Promise<void> | void,
): Promise<string> {
  const picked: PickedFile[] =
    kind === 'image' ? await pickImages(room) : [await pickDocument()].filter((p): p is PickedFile => p !== null)
  const refused: string[] = []
  for (const p of picked.slice(0, room)) {
    try {
      await take(await call('proposals.uploadFile', { name: p.fileName, contentBase64: p.contentBase64 }))
    } catch (e) {
      refused.push(`「${p.fileName}」没有添加：${messageOf(e)}`)
    }
  }
  return refused.join('\n')
}

function Row({ f, onRemove }: { f: ProposalFileView; onRemove?: () => void }) {
  return (
    <View className='p-files__row'>
      <View className='p-files__main'>
        <Text className='p-files__name'>📎 {f.name}</Text>
        <Text className={f.refused ? 'p-files__meta p-files__meta--warn' : 'p-files__meta'}>{fileMeta(f)}</Text>
      </View>
      {onRemove && (
        <Text className='p-files__remove' onClick={onRemove}>
          移除
        </Text>
      )}
    </View>
  )
}

function AddButtons({
  room,
  busy,
  onAdd,
}: {
  room: number
  busy: boolean
  onAdd: (k: 'image' | 'attachment') => void
}) {
  if (room <= 0) return <Alert text={`附件最多${MAX_PROPOSAL_FILES}个，要换一个请先移除。`} />
  return (
    <>
      <BigButton tone='secondary' loading={busy} onClick={() => onAdd('image')}>
        添加照片（jpg/png）
      </BigButton>
      <BigButton tone='secondary' loading={busy} onClick={() => onAdd('attachment')}>
        添加文件（pdf/Word/Excel）
      </BigButton>
    </>
  )
}

/**
 * 附件 of a draft, on the edit page: each chosen file is uploaded, then attached at once (the server keeps the
 * list, at most five). A new draft is saved first, so it has somewhere to attach to.
 */
export default function AttachmentsField({ proposalId }: { proposalId?: string }) {
  const files = useQuery<ProposalFiles | undefined>(
    () => (proposalId ? call('proposals.files', { proposalId }) : Promise.resolve(undefined)),
    [proposalId],
  )
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  if (!proposalId)
    return <Alert text={`保存草稿后，就可以添加照片和文件了（最多${MAX_PROPOSAL_FILES}个，每个不超过2MB）。`} />
  const list = files.data?.files ?? []

  async function add(kind: 'image' | 'attachment') {
    if (!proposalId) return
    setError('')
    setBusy(true)
    try {
      setError(
        await chooseAndUpload(kind, MAX_PROPOSAL_FILES - list.length, async (up) =>
          files.setData(await call('proposals.attach', { proposalId, fileId: up.id })),
        ),
      )
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  async function remove(fileId: string) {
    if (!proposalId) return
    setError('')
    try {
      files.setData(await call('proposals.detach', { proposalId, fileId }))
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <View className='p-files'>
      {list.map((f) => (
        <Row key={f.id} f={f} onRemove={() => void remove(f.id)} />
      ))}
      {list.some((f) => f.checking) && <Alert text='照片正在进行安全检查，通过后其他人才能看到。' />}
      {files.error && <Alert tone='error' text={files.error.message} />}
      {error && <Alert tone='error' text={error} />}
      {files.data && <AddButtons room={MAX_PROPOSAL_FILES - list.length} busy={busy} onAdd={(k) => void add(k)} />}
    </View>
  )
}

/**
 * 附件 of a reply, on the reply form: uploaded now, sent with the reply as `attachments` (their ids). Removing
 * one here only leaves it out of the reply.
 */
export function ReplyAttachmentsField({
  files,
  onChange,
}: {
  files: UploadedFileView[]
  onChange: (files: UploadedFileView[]) => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  async function add(kind: 'image' | 'attachment') {
    setError('')
    setBusy(true)
    const added: UploadedFileView[] = []
    try {
      setError(await chooseAndUpload(kind, MAX_PROPOSAL_FILES - files.length, (up) => void added.push(up)))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      onChange([...files, ...added])
      setBusy(false)
    }
  }
  return (
    <View className='p-files'>
      {files.map((f) => (
        <Row key={f.id} f={f} onRemove={() => onChange(files.filter((x) => x.id !== f.id))} />
      ))}
      {error && <Alert tone='error' text={error} />}
      <AddButtons room={MAX_PROPOSAL_FILES - files.length} busy={busy} onAdd={(k) => void add(k)} />
    </View>
  )
}
