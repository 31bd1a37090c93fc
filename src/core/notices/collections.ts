/** Collections of notices (通知 / 校务公开). */
export const NC = {
  notices: 'notices',
  /** `${noticeId}_${memberId}`: one read receipt per member per notice, by its _id. */
  reads: 'noticeReads',
  /** Images and documents uploaded for notices (the bytes are in the Files port). */
  files: 'noticeFiles',
} as const
