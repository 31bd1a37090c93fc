import type { JobCtx } from '../shared/context'
import { nowIso } from '../shared/context'
import { C } from '../shared/collections'
import type { FollowUp, FollowUpMarked } from '../shared/follow-up'
import { DuplicateKeyError } from '../shared/ports'
import type { MemberStatus } from '../shared/roles'
import type { MemberDoc } from './model'
import { newMemberDoc, type AuditDoc, type MemberFields } from './roster'

/** One row of a recorded import: the entry it writes, fixed when the plan is recorded. */
export interface ImportStep {
  /** The existing entry to update, or the _id the new entry gets: a second run cannot insert it twice. */
  memberId: string
  create: boolean
  fields: MemberFields
  status?: MemberStatus
}

/**
 * A roster import the chair committed, recorded before any member is written (`memberImports`). Its _id comes
 * from the union and the file's content, so the same file sent again finds it; `followUpAt` stays until the
 * last step, so a killed import is finished by the chair's retry or by the follow-ups job.
 */
export interface MemberImportDoc extends FollowUpMarked {
  unionId: string
  /** The chair who committed it: the audit entry names them even when the job finishes it. */
  actorId: string
  startedAt: string
  /** Set by the last step, with the mark removed. */
  finishedAt?: string
  created: number
  updated: number
  /** Fixed in the plan, so the audit entry is written once however often the steps run. */
  auditId: string
  rows: ImportStep[]
}

/** Writes in flight at once: 300 rows take ~15 round trips instead of 300 (api's timeout is 10 s). */
const PARALLEL_WRITES = 20

/**
 * Runs every remaining step of a recorded import: each row, the audit entry, then the mark's removal. Every
 * step is safe to run again or concurrently (updates set the file's values; inserts use the planned _id).
 */
export async function applyImport(ctx: JobCtx, record: MemberImportDoc): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < record.rows.length) await applyRow(ctx, record, record.rows[next++])
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_WRITES, record.rows.length) }, worker))
  const entry: AuditDoc = {
    _id: record.auditId,
    unionId: record.unionId,
    actorId: record.actorId,
    action: 'members.importCommit',
    subjectId: record.unionId,
    text: importSummary(record),
    at: nowIso(ctx),
  }
  try {
    await ctx.store.insert(C.audit, entry)
  } catch (e) {
    // An earlier run of this import wrote it already.
    if (!(e instanceof DuplicateKeyError)) throw e
  }
  await ctx.store.updateOne(
    C.memberImports,
    { _id: record._id, unionId: record.unionId, followUpAt: { $exists: true } },
    { $unset: { followUpAt: true }, $set: { finishedAt: nowIso(ctx) } },
  )
}

function importSummary(record: Pick<MemberImportDoc, 'created' | 'updated'>): string {
  return `导入名册：新增 ${record.created} 人，更新 ${record.updated} 人`
}

async function applyRow(ctx: JobCtx, record: MemberImportDoc, step: ImportStep): Promise<void> {
  const { unionId } = record
  if (!step.create) return updateEntry(ctx, unionId, step.memberId, step)
  for (let attempt = 0; ; attempt++) {
    const doc = newMemberDoc(
      { _id: step.memberId, unionId, inviteCode: ctx.ids.inviteCode(), at: nowIso(ctx) },
      step.fields,
      step.status ?? 'active',
    )
    try {
      await ctx.store.insert(C.members, doc)
      return
    } catch (e) {
      if (!(e instanceof DuplicateKeyError)) throw e
      // Which key was taken: the planned _id (an earlier run inserted it), the 工号 (someone added that
      // person since the plan was made: the file's values go to that entry), or the random invite code.
      const [mine, taken] = await Promise.all([
        ctx.store.findOne<MemberDoc>(C.members, { _id: step.memberId, unionId }),
        ctx.store.findOne<MemberDoc>(C.members, { unionId, staffNo: step.fields.staffNo }),
      ])
      if (mine) return
      if (taken) return updateEntry(ctx, unionId, taken._id, step)
      if (attempt >= 3) throw e
    }
  }
}

async function updateEntry(ctx: JobCtx, unionId: string, memberId: string, step: ImportStep): Promise<void> {
  // The 工号 is how the row found this entry, so it is not written: an edit racing the import cannot make
  // two entries share one.
  const { staffNo: _sameStaffNo, birthYear, ...fields } = step.fields
  const set: Record<string, unknown> = { ...fields, updatedAt: nowIso(ctx) }
  // A file without a birth year keeps the one on the roster.
  if (typeof birthYear === 'number') set.birthYear = birthYear
  if (step.status) set.status = step.status
  await ctx.store.updateOne(C.members, { _id: memberId, unionId }, { $set: set })
}

/** Finishes an import whose function was killed; registered in src/server/follow-ups.ts. */
export const memberImportFollowUp: FollowUp = {
  name: '名册导入',
  collection: C.memberImports,
  finish: (ctx, doc) => applyImport(ctx, doc as MemberImportDoc),
}
