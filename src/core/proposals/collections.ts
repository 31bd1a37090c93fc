/** Collection names of 提案 (this capability's own; the shared list is not edited per capability). */
export const PC = {
  sessions: 'proposalSessions',
  proposals: 'proposals',
  seconds: 'proposalSeconds',
  /** Uploaded attachments of proposals and replies (files.ts). */
  files: 'proposalFiles',
} as const
