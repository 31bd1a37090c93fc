import type { IndexSpec } from '../shared/ports'
import { PC } from './collections'

/** Indexes for this capability's collections; each leads with unionId, except the jobs' scans across unions. */
export const proposalsIndexes: IndexSpec[] = [
  { collection: PC.sessions, fields: ['unionId', 'opensAt'] },
  { collection: PC.sessions, fields: ['unionId', 'codePrefix'], unique: true },
  { collection: PC.proposals, fields: ['unionId', 'status'] },
  { collection: PC.proposals, fields: ['unionId', 'sessionId', 'status'] },
  // 我的提案: a delegate's own, newest change first.
  { collection: PC.proposals, fields: ['unionId', 'proposerId', 'updatedAt'] },
  // The board's pages: newest submission first, of one session or of all.
  { collection: PC.proposals, fields: ['unionId', 'sessionId', 'submittedAt'] },
  { collection: PC.proposals, fields: ['unionId', 'submittedAt'] },
  { collection: PC.proposals, fields: ['unionId', 'assignment.lead', 'status'] },
  // 协办的提案 of a department, and the home page's count of those still without its opinion.
  { collection: PC.proposals, fields: ['unionId', 'assignment.cooperating', 'status'] },
  { collection: PC.proposals, fields: ['unionId', 'code'] },
  // The reminders job looks across unions for proposals with a department.
  { collection: PC.proposals, fields: ['status'] },
  // The follow-ups job looks across unions for steps cut short (src/core/shared/follow-up.ts).
  { collection: PC.proposals, fields: ['followUpAt'] },
  { collection: PC.seconds, fields: ['unionId', 'proposalId'] },
  { collection: PC.seconds, fields: ['unionId', 'memberId', 'status'] },
  { collection: PC.seconds, fields: ['followUpAt'] },
  // Which proposal carries a file (the local cloud's GET /files/<id>, files.ts).
  { collection: PC.proposals, fields: ['unionId', 'fileIds'] },
  // Global: WeChat's picture verdict names only its ticket (src/core/shared/image-checks.ts).
  { collection: PC.files, fields: ['checkTicket'] },
]
