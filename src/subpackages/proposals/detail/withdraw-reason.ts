import { WITHDRAW_REASON_MIN } from '@/core/proposals/labels'

/**
 * The withdraw panel's own check, before it asks to confirm: the server's minimum (counted as the server
 * counts, characters after trimming), said on the field, so nobody confirms a withdrawal only to be refused.
 */
export function withdrawReasonProblem(reason: string): string | undefined {
  const length = Array.from(reason.trim()).length
  return length < WITHDRAW_REASON_MIN
    ? `请写明撤回的理由，至少${WITHDRAW_REASON_MIN}个字（现在${length}个字）`
    : undefined
}

/** What the confirm says will happen to a submitted proposal withdrawn before 审查. */
export const WITHDRAW_CONFIRM =
  '撤回后，提案委员会不再审查这份提案，附议人和提案委员会会收到通知，公开栏中显示为「已撤回」。撤回后不能恢复，确定撤回吗？'
