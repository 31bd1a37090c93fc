import type { Ctx } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import type { MemberDoc } from './model'

type Holder = Pick<MemberDoc, 'roles'>

/**
 * Who may do what to whom on the roster, in one place. An admin runs the roster for the chair, but the
 * entries of the people who run it (chairs and admins) are the chair's alone: their details feed binding,
 * their binding is their account, and their status or roles are their power. Otherwise an admin could
 * reset the chair's binding and bind the fresh code, or quietly sign in as a fellow admin.
 */
export const ROSTER_ROLES = ['chair', 'admin'] as const

export const isChair = (m: Holder) => m.roles.includes('chair')

export const runsRoster = (m: Holder) => ROSTER_ROLES.some((r) => m.roles.includes(r))

/** Whether `actor` may change `target`'s details, status, roles or binding. */
export const mayChange = (actor: Holder, target: Holder) => isChair(actor) || !runsRoster(target)

export function refuseUnlessMayChange(actor: Holder, target: Holder): void {
  if (!mayChange(actor, target)) {
    throw new AppError(
      'FORBIDDEN',
      '您不能修改工会主席或管理员的资料、状态、角色和微信绑定，这些只有工会主席可以修改。如需修改，请联系工会主席',
    )
  }
}

/** README 隐私: a birth year (and an age derived from it) is shown to the chair only. */
export const seesBirthYear = isChair

/** An invite code binds its entry: whoever may not change an entry may not hold its key either. */
export const seesInviteCode = mayChange

/**
 * A chair's entry may lose its binding, its chair role or its membership only while another chair who can
 * sign in (bound, not left) remains: otherwise nobody could run the union, and no admin could mend it. The
 * caller is such a chair whenever the target is someone else, so a refusal is always about the caller.
 */
export async function keepASignedInChair(ctx: Ctx, target: MemberDoc, refusal: string): Promise<void> {
  if (!isChair(target)) return
  const others = await ctx.store.count(C.members, {
    unionId: target.unionId,
    roles: 'chair',
    status: { $ne: 'left' },
    openid: { $exists: true },
    _id: { $ne: target._id },
  })
  if (others === 0) throw new AppError('CONFLICT', `您是唯一能登录的工会主席，${refusal}`)
}
