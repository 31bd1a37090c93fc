import type { Ctx } from '../shared/context'
import { me, nowIso } from '../shared/context'
import { C } from '../shared/collections'
import { AppError } from '../shared/errors'
import { findAll } from '../shared/paging'
import { planImport, previewOf, type ImportPlan } from './import-plan'
import { groupsOfUnion } from './lookup'
import type { GroupDoc, MemberDoc } from './model'
import { audit, insertMember } from './roster'
import type { ImportPreview, ImportResult } from './views'

async function plan(ctx: Ctx, table: string[][]): Promise<{ plan: ImportPlan; groups: GroupDoc[] }> {
  const { unionId } = me(ctx)
  const [groups, existing] = await Promise.all([
    groupsOfUnion(ctx.store, unionId),
    findAll<MemberDoc>(ctx.store, C.members, { unionId }),
  ])
  return { plan: planImport(table, groups, existing), groups }
}

export async function previewImport(ctx: Ctx, table: string[][]): Promise<ImportPreview> {
  const { plan: p, groups } = await plan(ctx, table)
  return previewOf(p, groups)
}

/** All or nothing at the file level: one bad row and nothing is written, so a fixed file can simply be re-run. */
export async function commitImport(ctx: Ctx, table: string[][]): Promise<ImportResult> {
  const { unionId } = me(ctx)
  const { plan: p } = await plan(ctx, table)
  if (p.problems.length) {
    throw new AppError('BAD_INPUT', `名册中有 ${p.problems.length} 行需要修改，未导入任何数据。请改好后重新选择文件`)
  }
  if (p.total === 0) throw new AppError('BAD_INPUT', '名册里没有会员')
  let created = 0
  let updated = 0
  for (const row of p.rows) {
    if (row.memberId) {
      const { birthYear, ...fields } = row.fields
      const set: Record<string, unknown> = { ...fields, updatedAt: nowIso(ctx) }
      if (birthYear !== undefined) set.birthYear = birthYear
      if (row.status) set.status = row.status
      await ctx.store.updateOne(C.members, { _id: row.memberId, unionId }, { $set: set })
      updated++
    } else {
      await insertMember(ctx, unionId, row.fields, row.status ?? 'active')
      created++
    }
  }
  await audit(ctx, 'members.importCommit', unionId, `导入名册：新增 ${created} 人，更新 ${updated} 人`)
  return { created, updated }
}
