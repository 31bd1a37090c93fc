import type { ProposalDoc } from './model'
import { isNamedOn } from './rules'

/**
 * 督办 (催办 and 延期) as the detail page shows it: what the caller may do now and the state of the latest
 * 延期 request. Pure, so the page's rules and the server's are one: supervision.ts refuses the same cases.
 */

/** A 催办 note and a 延期 reason: long enough to say something, short enough for a message. */
export const SUPERVISION_NOTE_MIN = 5
export const SUPERVISION_NOTE_MAX = 200
/** How far past the current reply date a 延期 may reach. */
export const EXTENSION_MAX_DAYS = 60

export interface ExtensionView {
  fromReplyBy: string
  newReplyBy: string
  reason: string
  byName: string
  at: string
  /** Absent while the request waits for the committee or the chair. */
  decided?: { approve: boolean; note: string; byName: string; at: string }
}

export interface SupervisionView {
  /** 催办: the committee or the chair, while the lead department still owes the reply. */
  urge: boolean
  /** 申请延期: a head of the lead department, while no request waits. */
  requestExtension: boolean
  /** 同意 / 不同意 a waiting request: the committee or the chair, not who asked. */
  decideExtension: boolean
  /** The latest 延期 request, if any. */
  extension?: ExtensionView
}

type Caller = { _id: string; roles: readonly string[]; department?: string }

export const isOverseer = (caller: Pick<Caller, 'roles'>) =>
  caller.roles.includes('committee') || caller.roles.includes('chair')

/** The department still owes the reply: assigned, and no reply waiting for sign-off. */
export function withDepartment(p: ProposalDoc): boolean {
  return p.status === 'assigned' && !!p.assignment && p.pendingSignOff === undefined
}

/** A request waits for a decision. */
export const extensionPending = (p: ProposalDoc): boolean => !!p.extension && !p.extension.decided

export function supervisionOf(p: ProposalDoc, caller: Caller): SupervisionView | undefined {
  if (!p.assignment) return undefined
  const open = withDepartment(p)
  const pending = extensionPending(p)
  // 回避 for 延期 (not for 催办, which only presses the department): who proposed or seconded it neither asks
  // for more time nor grants it.
  const impartial = !isNamedOn(p, caller._id)
  const view: SupervisionView = {
    urge: open && isOverseer(caller),
    requestExtension:
      open && !pending && impartial && caller.roles.includes('deptHead') && caller.department === p.assignment.lead,
    decideExtension: open && pending && impartial && isOverseer(caller) && p.extension?.requested.byId !== caller._id,
  }
  const ext = p.extension
  if (ext) {
    const r = ext.requested
    view.extension = {
      fromReplyBy: r.fromReplyBy,
      newReplyBy: r.newReplyBy,
      reason: r.reason,
      byName: r.byName,
      at: r.at,
    }
    if (ext.decided) {
      const d = ext.decided
      view.extension.decided = { approve: d.approve, note: d.note, byName: d.byName, at: d.at }
    }
  }
  return view
}
