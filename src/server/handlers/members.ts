import { bindByCode, bindByIdentity } from '@/core/members/binding'
import type { membersContract } from '@/core/members/contract'
import { createGroup, listGroups, renameGroup } from '@/core/members/groups'
import { commitImport, previewImport } from '@/core/members/import-roster'
import { myProfile, setPrivacy, whoami } from '@/core/members/profile'
import {
  createMember,
  getMember,
  listBindingAttempts,
  listRoster,
  resetBinding,
  setRoles,
  setStatus,
  updateMember,
} from '@/core/members/roster'
import { decodeSpreadsheet } from '../spreadsheet'
import type { HandlersFor } from './types'

export const membersHandlers: HandlersFor<typeof membersContract> = {
  'session.whoami': (ctx) => whoami(ctx),
  'members.bindByCode': bindByCode,
  'members.bindByIdentity': bindByIdentity,
  'members.me': (ctx) => myProfile(ctx),
  'members.setPrivacy': setPrivacy,
  'groups.list': (ctx) => listGroups(ctx),
  'groups.create': createGroup,
  'groups.rename': renameGroup,
  'members.list': listRoster,
  'members.get': getMember,
  'members.create': createMember,
  'members.update': updateMember,
  'members.setStatus': setStatus,
  'members.setRoles': setRoles,
  'members.resetBinding': resetBinding,
  // The spreadsheet is decoded here, outside the domain, which only ever sees rows of text.
  'members.importPreview': async (ctx, input) =>
    previewImport(ctx, await decodeSpreadsheet(input.fileName, input.contentBase64)),
  'members.importCommit': async (ctx, input) =>
    commitImport(ctx, await decodeSpreadsheet(input.fileName, input.contentBase64)),
  'members.bindingAttempts': (ctx) => listBindingAttempts(ctx),
}
