import type { ActionName } from '@/core/contract'
import type { Reply } from '@/core/shared/errors'
import { DEMO, type TestCloud } from './test-cloud'

/**
 * Who may call what, written out by hand and reviewed against README 角色 — never derived from the
 * contract's `access` field, so that a wrong entry there fails the authorization matrix instead of being
 * copied into it. When you add an action, add its row here after deciding who should be let in.
 */

/** Every kind of caller the app meets, in the column order of the table below. */
export const CALLER_KINDS = [
  'not signed in',
  'unbound',
  'left member',
  'teacher',
  'retired',
  'delegate',
  'group leader',
  'committee',
  'dept head',
  'admin',
  'chair',
] as const
export type CallerKind = (typeof CALLER_KINDS)[number]

/** The demo-school person behind each kind (src/server/seed/demo-school.ts); their roles say why a row reads so. */
export const CALLERS: Record<CallerKind, { openid: string | undefined; who: string }> = {
  'not signed in': { openid: undefined, who: 'WeChat has not identified the caller' },
  unbound: { openid: 'wx-stranger', who: 'a WeChat user bound to no roster entry' },
  'left member': { openid: 'demo-m16', who: '朱红, a delegate the chair marks 调离 (prepareCallers)' },
  teacher: { openid: DEMO.teacher, who: '胡军, member only' },
  retired: { openid: DEMO.retired, who: '陆桂英, retired, member only' },
  delegate: { openid: DEMO.delegate, who: '郭婷, delegate' },
  'group leader': { openid: DEMO.groupLeader, who: '何平, delegate + groupLeader' },
  committee: { openid: DEMO.committee, who: '张丽华, committee + delegate + groupLeader' },
  'dept head': { openid: DEMO.deptHead, who: '赵明 教务处, deptHead' },
  admin: { openid: DEMO.admin, who: '李秀英, admin' },
  chair: { openid: DEMO.chair, who: '王建国, chair + delegate' },
}

/** Makes the seeded school hold every kind of caller: one delegate has left the school. */
export async function prepareCallers(cloud: TestCloud): Promise<void> {
  await cloud.ok(DEMO.chair, 'members.setStatus', { memberId: 'm16', status: 'left' })
}

const OK = true
const no = false
type Mark = typeof OK | typeof no
type Row = readonly [Mark, Mark, Mark, Mark, Mark, Mark, Mark, Mark, Mark, Mark, Mark]

/*
 * OK = let in; no = refused before the input is read. Columns follow CALLER_KINDS. The delegate, group leader,
 * committee member and chair all hold the delegate role in the demo school, so every 代表 action admits
 * all four. Rows marked "review:" are ones where the product reading is doubtful (see the note beside them).
 */
// prettier-ignore
export const ACCESS_TABLE: { readonly [N in ActionName]: Row } = {
  //                              anon unbd left tchr retd dlgt grpL comm dept admn chair
  'session.whoami':              [ OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'home.open':                   [ OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'members.bindByCode':          [ no,  OK,  no,  no,  no,  no,  no,  no,  no,  no,  no],
  'members.bindByIdentity':      [ no,  OK,  no,  no,  no,  no,  no,  no,  no,  no,  no],
  'members.me':                  [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'members.setPrivacy':          [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'groups.list':                 [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'groups.create':               [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'groups.rename':               [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.list':                [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.get':                 [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.create':              [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.update':              [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.setStatus':           [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.setRoles':            [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.resetBinding':        [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.importPreview':       [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.importCommit':        [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'members.bindingAttempts':     [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  //                              anon unbd left tchr retd dlgt grpL comm dept admn chair
  'activities.list':             [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.mine':             [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.get':              [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.create':           [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.uploadCover':      [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.update':           [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.signUp':           [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  // The committee member in the demo also leads 语文组; the dept head leads no group.
  'activities.signUpFor':        [ no,  no,  no,  no,  no,  no,  OK,  OK,  no,  OK,  OK],
  'activities.groupCandidates':  [ no,  no,  no,  no,  no,  no,  OK,  OK,  no,  OK,  OK],
  // Anyone cancels their own; cancelling for someone else is the use case's check (leader of their group).
  'activities.cancel':           [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.review':           [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.roster':           [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.qrCode':           [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.checkinCode':      [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.checkIn':          [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.markAttendance':   [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.recordResult':     [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.results':          [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.cancelActivity':   [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'activities.createTeam':       [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'activities.joinTeam':         [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  // Only a team's captain (or a manager) removes someone: the use case's check.
  'activities.removeFromTeam':   [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  // review: README gives the 提案委员会 no part in activities, yet the contract lets it export the sign-up
  // and attendance sheet (names, groups, who signed up whom; phones stay with the chair and admin).
  'activities.export':           [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  //                              anon unbd left tchr retd dlgt grpL comm dept admn chair
  // The committee publishes 教代会 notices only (README); the category is the use case's check.
  'notices.uploadFile':          [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  'notices.fileUrl':             [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'notices.recipientChoices':    [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  'notices.publish':             [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  'notices.list':                [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'notices.open':                [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'notices.respond':             [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'notices.receipts':            [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  'notices.nudge':               [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  'notices.setPinned':           [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  'notices.correct':             [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  'notices.withdraw':            [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  OK,  OK],
  //                              anon unbd left tchr retd dlgt grpL comm dept admn chair
  'greetings.today':             [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  // Birthdays are handled by the chair and the union office (the admin buys the cakes).
  'greetings.upcoming':          [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'greetings.quarter':           [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'greetings.markGift':          [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  'greetings.settings':          [ no,  no,  no,  no,  no,  no,  no,  no,  no,  OK,  OK],
  // review: README says an admin may do what the chair does except grant chair/admin roles; here the admin
  // may read the greeting settings but not save them.
  'greetings.saveSettings':      [ no,  no,  no,  no,  no,  no,  no,  no,  no,  no,  OK],
  'messages.list':               [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'messages.markRead':           [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'messages.markAllRead':        [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'messages.unreadCount':        [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'messages.recordConsent':      [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  //                              anon unbd left tchr retd dlgt grpL comm dept admn chair
  'proposals.sessions':          [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  // The chair convenes the 教代会.
  'proposals.createSession':     [ no,  no,  no,  no,  no,  no,  no,  no,  no,  no,  OK],
  'proposals.updateSession':     [ no,  no,  no,  no,  no,  no,  no,  no,  no,  no,  OK],
  // 代表: 写提案、附议、评价答复 (README). Whose draft it is is the use case's check.
  'proposals.saveDraft':         [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.similar':           [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.delegates':         [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.invite':            [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.second':            [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.submit':            [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.withdraw':          [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  // 提案委员会: 审查、交办提案，审查答复 (README). Not the chair: the committee is the one that decides.
  'proposals.review':            [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  no],
  'proposals.assign':            [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  no],
  // 部门负责人: 答复交办给本部门的提案 (README); which department is the use case's check.
  'proposals.reply':             [ no,  no,  no,  no,  no,  no,  no,  no,  OK,  no,  no],
  'proposals.returnReply':       [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  no],
  // 督办: the committee or the chair 催办 and decide 延期; the lead department's head asks for it (the use case
  // checks which department).
  'proposals.urge':              [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  OK],
  'proposals.requestExtension':  [ no,  no,  no,  no,  no,  no,  no,  no,  OK,  no,  no],
  'proposals.decideExtension':   [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  OK],
  // 答复审核 (session.replySignOff): the committee releases a reply or sends it back.
  'proposals.signOffReply':      [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  no],
  // 协办: a head of a 协办 department (the use case checks which department).
  'proposals.cooperate':         [ no,  no,  no,  no,  no,  no,  no,  no,  OK,  no,  no],
  'proposals.cooperationQueue':  [ no,  no,  no,  no,  no,  no,  no,  no,  OK,  no,  no],
  'proposals.rate':              [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  // Attachments: a delegate uploads for a draft, a department head for a reply; only a proposer attaches to a draft.
  'proposals.uploadFile':        [ no,  no,  no,  no,  no,  OK,  OK,  OK,  OK,  no,  OK],
  'proposals.attach':            [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.detach':            [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  // Whoever may see the proposal (the use case checks which).
  'proposals.files':             [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'proposals.fileUrl':           [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'proposals.get':               [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'proposals.board':             [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'proposals.mine':              [ no,  no,  no,  no,  no,  OK,  OK,  OK,  no,  no,  OK],
  'proposals.todo':              [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  // The chair oversees the 教代会's work with the committee.
  'proposals.overdue':           [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  OK],
  'proposals.report':            [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  OK],
  'proposals.exportReport':      [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  OK],
  'proposals.exportCompilation': [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  OK],
  'proposals.replyLetter':       [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  //                              anon unbd left tchr retd dlgt grpL comm dept admn chair
  'suggestions.submit':          [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  'suggestions.list':            [ no,  no,  no,  OK,  OK,  OK,  OK,  OK,  OK,  OK,  OK],
  // 提案委员会: 处理合理化建议 (README); the chair reads them too but answers through the committee.
  'suggestions.inbox':           [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  OK],
  'suggestions.answer':          [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  no],
  'suggestions.convert':         [ no,  no,  no,  no,  no,  no,  no,  OK,  no,  no,  no],
}

/** The caller kinds the table lets in for an action. */
export function admittedBy(name: ActionName): CallerKind[] {
  const row = ACCESS_TABLE[name] as Row | undefined
  if (!row) throw new Error(`${name} has no row in ACCESS_TABLE: add one after deciding who should be let in`)
  return CALLER_KINDS.filter((_, i) => row[i])
}

/**
 * What the gate answers a caller it refuses: not signed in → 请先登录; an unbound WeChat → 请先绑定; a bound
 * caller at a binding action → already bound; anyone else (left, or lacking the role) → FORBIDDEN.
 */
export function refusalFor(
  name: ActionName,
  kind: CallerKind,
): 'UNAUTHENTICATED' | 'NOT_BOUND' | 'CONFLICT' | 'FORBIDDEN' {
  if (kind === 'not signed in') return 'UNAUTHENTICATED'
  if (kind === 'unbound') return 'NOT_BOUND'
  return admittedBy(name).includes('unbound') ? 'CONFLICT' : 'FORBIDDEN'
}

/** Most trusted first: hostile input from someone who is let in is the real risk. */
const SENIORITY: CallerKind[] = [
  'chair',
  'admin',
  'committee',
  'dept head',
  'group leader',
  'delegate',
  'teacher',
  'retired',
  'left member',
  'unbound',
  'not signed in',
]

/**
 * Fixtures written for one person (test/support/fixtures): the proposal steps are 郭婷's own drafts, the
 * activity fixtures sign up 胡军. Everywhere else the most trusted admitted caller uses the fixture.
 */
const FIXTURE_OWNERS: Partial<Record<ActionName, CallerKind>> = {
  'activities.cancel': 'teacher',
  'activities.checkIn': 'teacher',
  'proposals.invite': 'delegate',
  'proposals.submit': 'delegate',
  'proposals.withdraw': 'delegate',
  'proposals.rate': 'delegate',
  'proposals.attach': 'delegate',
  'proposals.detach': 'delegate',
}

/** The admitted caller whose request the action's fixture is (the fuzz and forged-identity tests call as them). */
export function fixtureCaller(name: ActionName): { kind: CallerKind; openid: string | undefined } {
  const admitted = admittedBy(name)
  const kind = FIXTURE_OWNERS[name] ?? SENIORITY.find((k) => admitted.includes(k))
  if (!kind || !admitted.includes(kind)) throw new Error(`${name}: its fixture's caller is not admitted by the table`)
  return { kind, openid: CALLERS[kind].openid }
}

/** The most trusted caller the table refuses (e.g. the admin at a chair-only action); none for `session.whoami`. */
export function mostTrustedRefused(name: ActionName): { kind: CallerKind; openid: string | undefined } | undefined {
  const admitted = admittedBy(name)
  const kind = SENIORITY.find((k) => !admitted.includes(k))
  return kind && { kind, openid: CALLERS[kind].openid }
}

/**
 * An unknown field that is the only fault of an otherwise valid input. The gate runs before the input is read,
 * so a caller it lets in gets BAD_INPUT naming this field, and one it refuses gets the gate's refusal.
 */
export const PROBE_FIELD = 'accessProbe'

/** Whether a reply to `{ ...valid, [PROBE_FIELD]: … }` shows the caller got past the gate into input checking. */
export function reachedInputCheck(reply: Reply<unknown>): boolean {
  return !reply.ok && reply.code === 'BAD_INPUT' && reply.fields?.[PROBE_FIELD] !== undefined
}
