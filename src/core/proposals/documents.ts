import type { Ctx } from '../shared/context'
import { me } from '../shared/context'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import type { Block, Printable } from '../shared/printable'
import { chineseFullDate, shanghaiDate } from '../shared/shanghai-time'
import { PC } from './collections'
import { loadSession, loadVisibleProposal } from './lookup'
import type { ProposalDoc, ReplyEntry, SessionDoc } from './model'
import { STATUS_LABELS } from './labels'

/**
 * The papers a 教代会 prints: the session's 提案汇编 (every proposal as submitted, for the delegates' folders),
 * its 答复汇编 (every reply, for the closing report), and one 答复函 (the reply as a letter to the proposer).
 * Words and order only; the server renders them (src/core/shared/printable.ts).
 */

/** The full-width space Chinese headings use between a number and a title. */
const GAP = '\u3000'

/** 提案汇编 or 答复汇编 of one session. Only submitted proposals: drafts are the proposer's own. */
export async function sessionCompilation(
  ctx: Ctx,
  input: { sessionId: string; kind: 'proposals' | 'replies' },
): Promise<Printable> {
  const { unionId } = me(ctx)
  const [session, proposals] = await Promise.all([
    loadSession(ctx.store, unionId, input.sessionId),
    findAll<ProposalDoc>(ctx.store, PC.proposals, {
      unionId,
      sessionId: input.sessionId,
      submittedAt: { $exists: true },
    }),
  ])
  const listed = proposals.filter((p) => p.status !== 'withdrawn' && p.code).sort(byCode)
  const today = chineseFullDate(shanghaiDate(ctx.clock.now()))
  return input.kind === 'proposals'
    ? proposalsCompilation(session, listed, today)
    : repliesCompilation(session, listed, today)
}

/** 答复函: the latest reply of one proposal, addressed to its proposer; once there is a reply to print. */
export async function replyLetter(ctx: Ctx, input: { proposalId: string }): Promise<Printable> {
  const { p } = await loadVisibleProposal(ctx, input.proposalId)
  const reply = p.replies[p.replies.length - 1]
  if (!reply) throw new AppError('CONFLICT', '这份提案还没有答复，答复后才能打印答复函')
  const number = p.code ? `第${p.code}号` : ''
  const withSeconders = p.seconders.length ? `与${p.seconders.map((s) => s.name).join('、')}代表` : ''
  const blocks: Block[] = [
    { kind: 'title', text: `关于${number}提案的答复` },
    { kind: 'paragraph', text: `${p.proposerName}代表：` },
    { kind: 'paragraph', indent: true, text: `您${withSeconders}提出的「${p.title}」提案收悉。现答复如下：` },
    ...prose(reply.text),
    { kind: 'paragraph', indent: true, text: `解决程度：${reply.resolution}。` },
    { kind: 'paragraph', indent: true, text: '感谢您对学校工作的关心和支持。' },
    { kind: 'signature', lines: [reply.department, chineseFullDate(shanghaiDate(reply.at))] },
  ]
  return { fileTitle: `${number}提案答复函_${p.proposerName}`, blocks }
}

function proposalsCompilation(session: SessionDoc, proposals: ProposalDoc[], today: string): Printable {
  const codeOf = codes(proposals)
  const blocks: Block[] = [
    { kind: 'title', text: `${session.name}提案汇编` },
    { kind: 'subtitle', text: `共${proposals.length}件${GAP}${today}编印` },
    { kind: 'heading', text: '目录' },
    {
      kind: 'table',
      header: ['编号', '提案标题', '提案人', '类别', '办理情况'],
      rows: proposals.map((p) => [p.code ?? '', p.title, p.proposerName, p.category, outcome(p, codeOf)]),
    },
  ]
  for (const p of proposals) {
    blocks.push(
      { kind: 'pageBreak' },
      { kind: 'heading', text: `${p.code}号${GAP}${p.title}` },
      {
        kind: 'fields',
        rows: [
          ['提案人', p.proposerName],
          ['附议人', p.seconders.map((s) => s.name).join('、') || '无'],
          ['类别', p.category],
          ['建议承办部门', p.suggestedDept || '未填写'],
          ['提交日期', p.submittedAt ? chineseFullDate(shanghaiDate(p.submittedAt)) : ''],
          ['审查意见', outcome(p, codeOf)],
          ...assignmentFields(p),
        ],
      },
      { kind: 'heading', text: '案由' },
      ...prose(p.reasons),
      { kind: 'heading', text: '建议' },
      ...prose(p.suggestion),
    )
  }
  return { fileTitle: `${session.name}提案汇编`, blocks }
}

function repliesCompilation(session: SessionDoc, proposals: ProposalDoc[], today: string): Printable {
  const codeOf = codes(proposals)
  const answered = proposals.filter((p) => p.replies.length > 0)
  const waiting = proposals.filter((p) => p.replies.length === 0 && !p.mergedInto && p.status !== 'closed')
  const blocks: Block[] = [
    { kind: 'title', text: `${session.name}提案答复汇编` },
    { kind: 'subtitle', text: `已答复${answered.length}件，未答复${waiting.length}件${GAP}${today}编印` },
  ]
  for (const p of answered) {
    const merged = p.mergedFrom.map((id) => codeOf.get(id)).filter((c): c is string => Boolean(c))
    blocks.push(
      { kind: 'heading', text: `${p.code}号${GAP}${p.title}` },
      {
        kind: 'fields',
        rows: [
          ['提案人', p.proposerName],
          ...(merged.length ? ([['合并办理', merged.map((c) => `${c}号`).join('、')]] as [string, string][]) : []),
          ...assignmentFields(p),
        ],
      },
    )
    p.replies.forEach((r, i) => blocks.push(...replyBlocks(r, p.replies.length > 1 ? i + 1 : 0)))
    const rating = p.ratings[p.ratings.length - 1]
    blocks.push({
      kind: 'paragraph',
      text: rating
        ? `代表评价：${rating.rating}${rating.comment ? `（${rating.comment}）` : ''}`
        : '代表评价：尚未评价',
    })
  }
  if (waiting.length) {
    blocks.push(
      { kind: 'heading', text: '尚未答复的提案' },
      {
        kind: 'table',
        header: ['编号', '提案标题', '承办部门', '答复期限', '状态'],
        rows: waiting.map((p) => [
          p.code ?? '',
          p.title,
          p.assignment?.lead ?? '',
          p.assignment ? chineseFullDate(p.assignment.replyBy) : '',
          STATUS_LABELS[p.status],
        ]),
      },
    )
  }
  return { fileTitle: `${session.name}提案答复汇编`, blocks }
}

function replyBlocks(r: ReplyEntry, round: number): Block[] {
  return [
    ...(round ? [{ kind: 'heading', text: `第${round}次答复` } as Block] : []),
    {
      kind: 'fields',
      rows: [
        ['答复部门', r.department],
        ['答复日期', chineseFullDate(shanghaiDate(r.at))],
        ['答复方式', r.method],
        ['解决程度', r.resolution],
      ],
    },
    ...prose(r.text),
  ]
}

function assignmentFields(p: ProposalDoc): [string, string][] {
  if (!p.assignment) return []
  const rows: [string, string][] = [['承办部门', p.assignment.lead]]
  if (p.assignment.cooperating.length) rows.push(['协办部门', p.assignment.cooperating.join('、')])
  rows.push(['答复期限', chineseFullDate(p.assignment.replyBy)])
  return rows
}

/** What became of a proposal, in the words of a 汇编's 办理情况 column. */
function outcome(p: ProposalDoc, codeOf: Map<string, string>): string {
  if (p.status === 'submitted') return '待审查'
  // Merged for good, also once it closed with its main proposal.
  if (p.mergedInto) {
    const target = codeOf.get(p.mergedInto)
    return target ? `并入${target}号提案办理` : '并案办理'
  }
  if (p.review?.decision === 'reject') return `不予立案，作为意见建议办理（${p.review.reason}）`
  return `立案，${HANDLING[p.status] ?? STATUS_LABELS[p.status]}`
}

/** Where an accepted proposal stands, after 「立案，」. */
const HANDLING: Partial<Record<ProposalDoc['status'], string>> = {
  accepted: '待交办',
  assigned: '办理中',
  replied: '已答复',
  closed: '已办结',
}

/** Paragraphs of text as typed: one per line, blank lines dropped. */
function prose(text: string): Block[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ kind: 'paragraph', indent: true, text: line }))
}

const codes = (proposals: ProposalDoc[]) => new Map(proposals.map((p) => [p._id, p.code ?? '']))

function byCode(a: ProposalDoc, b: ProposalDoc): number {
  return (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true })
}
