import type { MemberDoc } from '../members/model'
import type { ErrorCode } from './errors'
import { ROLE_LABELS, type Access } from './roles'

/** What the gate reads of a caller's roster entry. */
export type Caller = Pick<MemberDoc, 'name' | 'status' | 'roles'>

export interface Refusal {
  code: ErrorCode
  message: string
}

/**
 * The gate every action passes, in one place: the dispatcher throws the refusal, and `session.whoami`
 * flags what it admits (shared/abilities.ts), so the page and the server never disagree on who may call what.
 * `member` is the caller's bound roster entry, null when the openid is bound to none.
 */
export function accessRefusal(access: Access, openid: string | undefined, member: Caller | null): Refusal | undefined {
  if (access === 'anyone') return undefined
  if (!openid) return { code: 'UNAUTHENTICATED', message: '请先登录' }
  if (access === 'unbound') {
    return member ? { code: 'CONFLICT', message: `您的微信已绑定为「${member.name}」，无需再次绑定` } : undefined
  }
  if (!member) return { code: 'NOT_BOUND', message: '请先绑定会员信息' }
  if (member.status === 'left') return { code: 'FORBIDDEN', message: '您已调离本校工会，如有疑问请联系工会主席' }
  if (access === 'member') return undefined
  if (!access.some((role) => member.roles.includes(role))) {
    return { code: 'FORBIDDEN', message: `只有${access.map((r) => ROLE_LABELS[r]).join('或')}可以进行这项操作` }
  }
  return undefined
}
