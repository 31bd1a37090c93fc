import { board, getProposal, myProposals, overdueProposals } from '@/core/proposals/board'
import { proposalTodo } from '@/core/proposals/todo'
import { cooperate, cooperationQueue } from '@/core/proposals/cooperation'
import type { proposalsContract } from '@/core/proposals/contract'
import { listDelegates, saveDraft, similarProposals } from '@/core/proposals/drafts'
import { assignProposal, returnReply, reviewProposal } from '@/core/proposals/handling'
import { rateProposal } from '@/core/proposals/rate'
import { replyToProposal } from '@/core/proposals/reply'
import {
  attachProposalFile,
  detachProposalFile,
  proposalFileLink,
  proposalFiles,
  uploadProposalFile,
} from '@/core/proposals/files'
import { reportForExport, sessionReport } from '@/core/proposals/report'
import { inviteSeconder, second } from '@/core/proposals/seconds'
import { createSession, listSessions, updateSession } from '@/core/proposals/sessions'
import { signOffReply } from '@/core/proposals/sign-off'
import { submitProposal } from '@/core/proposals/submit'
import { decideExtension, requestExtension, urgeProposal } from '@/core/proposals/supervision'
import { withdrawProposal } from '@/core/proposals/withdraw'
import { replyLetter, sessionCompilation } from '@/core/proposals/documents'
import { buildReportWorkbook } from '../proposals-export'
import { renderDocx } from '../printable-docx'
import type { HandlersFor } from './types'

export const proposalsHandlers: HandlersFor<typeof proposalsContract> = {
  'proposals.sessions': (ctx) => listSessions(ctx),
  'proposals.createSession': createSession,
  'proposals.updateSession': updateSession,
  'proposals.saveDraft': saveDraft,
  'proposals.similar': similarProposals,
  'proposals.delegates': (ctx) => listDelegates(ctx),
  'proposals.invite': inviteSeconder,
  'proposals.second': second,
  'proposals.submit': submitProposal,
  'proposals.withdraw': withdrawProposal,
  'proposals.review': reviewProposal,
  'proposals.assign': assignProposal,
  'proposals.reply': replyToProposal,
  'proposals.returnReply': returnReply,
  'proposals.urge': urgeProposal,
  'proposals.requestExtension': requestExtension,
  'proposals.decideExtension': decideExtension,
  'proposals.signOffReply': signOffReply,
  'proposals.cooperate': cooperate,
  'proposals.cooperationQueue': (ctx) => cooperationQueue(ctx),
  'proposals.rate': rateProposal,
  'proposals.uploadFile': uploadProposalFile,
  'proposals.attach': attachProposalFile,
  'proposals.detach': detachProposalFile,
  'proposals.files': proposalFiles,
  'proposals.fileUrl': proposalFileLink,
  'proposals.get': getProposal,
  'proposals.board': board,
  'proposals.mine': (ctx) => myProposals(ctx),
  'proposals.todo': (ctx) => proposalTodo(ctx),
  'proposals.overdue': overdueProposals,
  'proposals.report': sessionReport,
  // The workbook is built here, outside the domain, which only hands over the figures and rows.
  'proposals.exportReport': async (ctx, input) => buildReportWorkbook(await reportForExport(ctx, input)),
  // Papers for the meeting: the domain writes them, the server renders them as Word documents.
  'proposals.exportCompilation': async (ctx, input) => renderDocx(await sessionCompilation(ctx, input)),
  'proposals.replyLetter': async (ctx, input) => renderDocx(await replyLetter(ctx, input)),
}
