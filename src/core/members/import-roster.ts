import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import { DuplicateKeyError } from '../shared/ports'
import { applyImport, type ImportStep, type MemberImportDoc } from './import-follow-up'
import { planImport, previewOf, type ImportPlan } from './import-plan'
import { groupsOfUnion } from './lookup'
import type { GroupDoc, MemberDoc } from './model'
import { mayChange } from './powers'
import type { ImportPreview, ImportResult } from './views'

async function plan(ctx: Ctx, table: string[][]): Promise<{ plan: ImportPlan; groups: GroupDoc[] }> {
  const actor = me(ctx)
  const [groups, existing] = await Promise.all([
    groupsOfUnion(ctx.store, actor.unionId),
    findAll<MemberDoc>(ctx.store, C.members, { unionId: actor.unionId }),
  ])
  return { plan: planImport(table, groups, existing, optionsFor(actor)), groups }
}

/** An admin's file may not touch a chair's or an admin's entry (src/core/members/powers.ts). */
const optionsFor = (actor: MemberDoc) => ({ mayChange: (entry: MemberDoc) => mayChange(actor, entry) })

export async function previewImport(ctx: Ctx, table: string[][]): Promise<ImportPreview> {
  const { plan: p, groups } = await plan(ctx, table)
  return previewOf(p, groups)
}

/** The same file sent again this soon after its import finished is a retry (a timed-out reply), not a new import. */
const SAME_IMPORT_WINDOW_MS = 30 * 60_000

/**
 * All or nothing, as the chair sees it: the whole file is checked first, and one bad row means nothing is
 * written, so a fixed file can simply be re-run. A file that passes is recorded in one write before any member
 * is touched, and from then on it is finished in full — by this call, by the chair sending the same file again
 * (which resumes the recorded import and reports its counts, never a second one), or by the follow-ups job
 * within minutes if nobody does. Nobody is ever left with half a file.
 */
export async function commitImport(ctx: Ctx, table: string[][]): Promise<ImportResult> {
  const actor = me(ctx)
  const { unionId } = actor
  const _id = importId(ctx, unionId, table)
  const [found, groups, existing] = await Promise.all([
    ctx.store.findOne<MemberImportDoc>(C.memberImports, { _id, unionId }),
    groupsOfUnion(ctx.store, unionId),
    findAll<MemberDoc>(ctx.store, C.members, { unionId }),
  ])
  let record = found
  // Twice at most: a call of the same file at the same moment can take the record between our read and write.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (record?.followUpAt) {
      await applyImport(ctx, record)
      return resultOf(record)
    }
    if (record?.finishedAt && record.finishedAt > cutoff(ctx)) return resultOf(record)
    const p = planImport(table, groups, existing, optionsFor(actor))
    if (p.problems.length) {
      throw new AppError('BAD_INPUT', `名册中有 ${p.problems.length} 行需要修改，未导入任何数据。请改好后重新选择文件`)
    }
    if (p.total === 0) throw new AppError('BAD_INPUT', '名册里没有会员')
    const fresh = recordOf(ctx, _id, actor, p)
    if (await claim(ctx, fresh, record)) {
      await applyImport(ctx, fresh)
      return resultOf(fresh)
    }
    record = await ctx.store.findOne<MemberImportDoc>(C.memberImports, { _id, unionId })
  }
  throw new AppError('CONFLICT', '这份名册正在导入，请稍后刷新会员名册查看')
}

/**
 * Records the plan (the import's first step, carrying the mark), unless another call of the same file did
 * first. The same file imported long ago is imported again: this run takes the finished record over, once.
 */
async function claim(ctx: Ctx, fresh: MemberImportDoc, previous: MemberImportDoc | null): Promise<boolean> {
  if (previous) {
    const { _id, ...fields } = fresh
    return ctx.store.updateOne(
      C.memberImports,
      { _id, unionId: fresh.unionId, finishedAt: previous.finishedAt ?? null },
      { $set: fields, $unset: { finishedAt: true } },
    )
  }
  try {
    await ctx.store.insert(C.memberImports, fresh)
    return true
  } catch (e) {
    if (e instanceof DuplicateKeyError) return false
    throw e
  }
}

/** The same file for the same union always names the same record; the signer is the domain's SHA-256. */
function importId(ctx: Ctx, unionId: string, table: string[][]): string {
  const digest = ctx.signer.hmacHex('members.importCommit', `${unionId}\n${JSON.stringify(table)}`)
  return `${unionId}_${digest.slice(0, 32)}`
}

function cutoff(ctx: Ctx): string {
  return new Date(ctx.clock.now().getTime() - SAME_IMPORT_WINDOW_MS).toISOString()
}

function resultOf(record: MemberImportDoc): ImportResult {
  return { created: record.created, updated: record.updated }
}

/** The plan as it is recorded: new entries get their _id now, so running the steps twice cannot add anyone twice. */
function recordOf(ctx: Ctx, _id: string, actor: MemberDoc, p: ImportPlan): MemberImportDoc {
  const at = nowIso(ctx)
  const rows: ImportStep[] = p.rows.map((row) => {
    const { birthYear, ...fields } = row.fields
    // Stored documents carry no undefined values (CloudBase would drop or refuse them).
    const step: ImportStep = {
      memberId: row.memberId ?? ctx.ids.newId(),
      create: !row.memberId,
      fields: birthYear === undefined ? fields : { ...fields, birthYear },
    }
    if (row.status) step.status = row.status
    return step
  })
  return {
    _id,
    unionId: actor.unionId,
    actorId: actor._id,
    startedAt: at,
    followUpAt: at,
    created: rows.filter((r) => r.create).length,
    updated: rows.filter((r) => !r.create).length,
    auditId: ctx.ids.newId(),
    rows,
  }
}
