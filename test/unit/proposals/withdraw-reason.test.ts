import { WITHDRAW_REASON_MIN } from '@/core/proposals/labels'
import { WITHDRAW_CONFIRM, withdrawReasonProblem } from '@/subpackages/proposals/detail/withdraw-reason'

/**
 * The withdraw panel checks the reason before it asks to confirm (WithdrawPanel in detail/Actions.tsx): what
 * the server refuses is said on the field, and the confirm comes only for a reason the server accepts.
 */
describe('the withdraw reason, checked before the confirm', () => {
  test('too short (spaces do not count) is said on the field, with the count', () => {
    expect(withdrawReasonProblem('')).toBe('请写明撤回的理由，至少5个字（现在0个字）')
    expect(withdrawReasonProblem('  已解决  ')).toBe('请写明撤回的理由，至少5个字（现在3个字）')
    expect(withdrawReasonProblem('问题解决')).toBe('请写明撤回的理由，至少5个字（现在4个字）')
  })

  test('the server minimum passes, counted in characters as the server counts them', () => {
    expect(WITHDRAW_REASON_MIN).toBe(5)
    expect(withdrawReasonProblem('问题已经解决')).toBeUndefined()
    expect(withdrawReasonProblem('问题已解决')).toBeUndefined()
  })

  test('the confirm says what will happen', () => {
    expect(WITHDRAW_CONFIRM).toContain('提案委员会不再审查')
    expect(WITHDRAW_CONFIRM).toContain('附议人和提案委员会会收到通知')
    expect(WITHDRAW_CONFIRM).toContain('不能恢复')
  })
})
