// The upload rules are shared with 提案 attachments: they live in src/core/shared/files.ts.
export { base64Size, checkUpload, FILE_TYPES, fileTypeOfName, MAX_BYTES } from '../shared/files'
export type { FileKind, FileType } from '../shared/files'
