import * as v from 'valibot'
import { describeIssues } from '@/core/shared/fields'
import { openUnion, openUnionInput } from '@/core/members/open-union'
import type { ServerPorts } from './ports'

/**
 * `FIRST_UNION` on the cron function opens the first union of a new deployment when `init` runs, so nobody
 * has to type documents into the database console. Example:
 * {"code":"SYXX","name":"实验小学工会","chair":{"name":"王建国","staffNo":"0001","gender":"M","phone":"13800000000","birthday":"05-12"}}
 * Returns the line for the job's log: the chair's invite code when it opened the union, why not otherwise.
 */
export async function openFirstUnion(ports: ServerPorts, config: string | undefined): Promise<string | null> {
  if (!config?.trim()) return null
  let raw: unknown
  try {
    raw = JSON.parse(config)
  } catch {
    return 'FIRST_UNION 不是合法的 JSON，未开通任何工会'
  }
  const parsed = v.safeParse(openUnionInput, raw)
  if (!parsed.success) {
    const { message, fields } = describeIssues(parsed.issues)
    const where = Object.keys(fields).filter((k) => k !== '_')
    return `FIRST_UNION 有误${where.length ? `（${where.join('、')}）` : ''}：${message}，未开通任何工会`
  }
  const result = await openUnion({ ...ports, member: null }, parsed.output)
  if (!result.opened) return `学校代码 ${parsed.output.code} 已开通（${result.unionName}），未做改动`
  return `已开通 ${result.unionName}（学校代码 ${parsed.output.code}）：主席 ${result.chairName} 的邀请码 ${result.chairInviteCode}`
}
