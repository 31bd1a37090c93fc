import type { ActionName, ActionOutput, Contract } from '@/core/contract'
import type { ParsedOf } from '@/core/shared/action'
import type { Ctx } from '@/core/shared/context'
import { bindByCode, bindByIdentity } from '@/core/members/binding'
import { createGroup, listGroups, renameGroup } from '@/core/members/groups'
import { commitImport, previewImport } from '@/core/members/import-roster'
import { myProfile, setPrivacy, whoami } from '@/core/members/profile'
import {
  createMember,
  listBindingAttempts,
  listRoster,
  resetBinding,
  setRoles,
  setStatus,
  updateMember,
} from '@/core/members/roster'
import { decodeSpreadsheet } from './spreadsheet'

export type Handler<N extends ActionName> = (ctx: Ctx, input: ParsedOf<Contract[N]>) => Promise<ActionOutput<N>>

/** Action name → use case. The mapped type makes a contract entry without a handler a compile error. */
export const handlers: { [N in ActionName]: Handler<N> } = {
  'session.whoami': (ctx) => whoami(ctx),
  'members.bindByCode': bindByCode,
  'members.bindByIdentity': bindByIdentity,
  'members.me': (ctx) => myProfile(ctx),
  'members.setPrivacy': setPrivacy,
  'groups.list': (ctx) => listGroups(ctx),
  'groups.create': createGroup,
  'groups.rename': renameGroup,
  'members.list': listRoster,
  'members.create': createMember,
  'members.update': updateMember,
  'members.setStatus': setStatus,
  'members.setRoles': setRoles,
  'members.resetBinding': resetBinding,
  'members.importPreview': (ctx, input) => previewImport(ctx, decodeSpreadsheet(input.fileName, input.contentBase64)),
  'members.importCommit': (ctx, input) => commitImport(ctx, decodeSpreadsheet(input.fileName, input.contentBase64)),
  'members.bindingAttempts': (ctx) => listBindingAttempts(ctx),
}
