import type { FileKind, FileType } from '../shared/files'

/** A delegate attaches at most this many files to one proposal; a department as many to one reply. */
export const MAX_PROPOSAL_FILES = 5

/** One attached file as the caller may see it. */
export interface ProposalFileView {
  id: string
  name: string
  type: FileType
  kind: FileKind
  size: number
  /** Where to open it (an hour or so); absent on a picture WeChat refused, which only its uploader sees listed. */
  url?: string
  /** WeChat is still checking the picture: until it passes, only its uploader sees it. */
  checking?: true
  /** Why the picture is hidden from everyone, in Chinese (shown to its uploader only, so they remove it). */
  refused?: string
}

/** The files of one proposal and of its replies (a merged proposal: the main one's replies). */
export interface ProposalFiles {
  proposalId: string
  files: ProposalFileView[]
  /** Only replies that carry files, oldest first. */
  replies: { at: string; department: string; files: ProposalFileView[] }[]
  /** The proposer of a draft may add and remove files. */
  canAttach: boolean
  max: number
}

/** A fresh address for one file (weapp downloads and opens it). */
export interface ProposalFileLink {
  url: string
  name: string
  type: FileType
  kind: FileKind
}
