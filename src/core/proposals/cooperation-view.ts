import type { MemberDoc } from '../members/model'
import type { CooperationEntry, ProposalDoc } from './model'
import { FROM, isNamedOn } from './rules'
import type { ProposalRowView } from './views'

/**
 * 协办 as pages see it. A leaf module (no use cases): present.ts builds the detail's part with it, and the
 * action module (cooperation.ts) imports present.ts.
 */

export interface CooperationOpinion {
  department: string
  text: string
  at: string
  byName: string
}

export interface CooperationView {
  /** The 协办 departments, in the order the committee named them. */
  departments: string[]
  /** The opinions given so far, in that order. */
  opinions: CooperationOpinion[]
  /** The caller heads one of the 协办 departments: which one, and what they may do now. */
  mine?: {
    department: string
    /** May give (or replace) the department's opinion now; the server checks again. */
    may: boolean
    /** 回避: the caller proposed or seconded this proposal, so another head of the department gives it. */
    recused: boolean
  }
}

/** One row of the 协办 queue: whether the department has given its opinion. */
export type CooperationRow = ProposalRowView & { given: boolean }

/** 协办的提案 of one department: those still waiting for its opinion first, then the rest, newest first. */
export interface CooperationQueue {
  department: string
  waiting: CooperationRow[]
  others: CooperationRow[]
  /** A list was cut at its bound (100). */
  more: boolean
}

/**
 * Who reads the 协办意见: the committee and the chair, the heads of the 主办 and 协办 departments, and the people
 * named on the proposal. They are working notes for the 主办 department's reply, not part of the public board.
 */
export function cooperationView(p: ProposalDoc, caller: MemberDoc): CooperationView | undefined {
  const departments = p.assignment?.cooperating ?? []
  if (departments.length === 0) return undefined
  const has = (role: string) => caller.roles.some((r) => r === role)
  const head = has('deptHead') ? caller.department : undefined
  const mineDept = head && departments.includes(head) ? head : undefined
  const mayRead =
    has('committee') || has('chair') || isNamedOn(p, caller._id) || !!mineDept || head === p.assignment?.lead
  if (!mayRead) return undefined
  const opinions = departments.flatMap((department) => {
    const o = opinionOf(p, department)
    return o ? [{ department, text: o.text, at: o.at, byName: o.byName }] : []
  })
  const view: CooperationView = { departments, opinions }
  if (mineDept) {
    const named = isNamedOn(p, caller._id)
    const open = FROM.cooperate.includes(p.status)
    view.mine = { department: mineDept, may: open && !named, recused: open && named }
  }
  return view
}

/** Where a department's opinion is stored on the proposal (ProposalDoc.cooperation); null: not a 协办 department. */
export function cooperationKey(p: Pick<ProposalDoc, 'assignment'>, department: string): string | null {
  const index = p.assignment?.cooperating.indexOf(department) ?? -1
  return index < 0 ? null : `d${index}`
}

export function opinionOf(p: ProposalDoc, department: string): CooperationEntry | undefined {
  const key = cooperationKey(p, department)
  const entry = key ? p.cooperation?.[key] : undefined
  return entry?.department === department ? entry : undefined
}
