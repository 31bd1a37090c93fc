import Alert from '@/components/Alert'
import BigButton from '@/components/BigButton'
import { toastSuccess } from '@/components/toast'
import type { ProposalDetail } from '@/core/proposals/views'
import { useAction } from '@/hooks/useAction'
import { call } from '@/services/api'
import { saveExportedFile } from '@/services/save-file'

/** 答复函: the latest reply as a letter to the proposer (Word), to print, sign and file. */
export default function ReplyLetter({ p }: { p: ProposalDetail }) {
  const letter = useAction(async () => {
    const file = await call('proposals.replyLetter', { proposalId: p.id })
    await saveExportedFile(file.fileName, file.contentBase64)
  })
  if (p.replies.length === 0 || p.repliesFromMain) return null
  return (
    <>
      {letter.error && <Alert tone='error' text={letter.error.message} />}
      <BigButton
        tone='secondary'
        loading={letter.running}
        onClick={() => void letter.run().then((o) => o.ok && toastSuccess('已生成答复函'))}
      >
        打印答复函（Word）
      </BigButton>
    </>
  )
}
