import * as v from 'valibot'
import { AppError } from './errors'

/**
 * What an upload may be (a notice's or a proposal's): pictures shown in the text, and documents a teacher taps
 * to open. One rule for notices and 提案 attachments.
 */
export const FILE_TYPES = {
  jpg: { kind: 'image', mime: 'image/jpeg' },
  png: { kind: 'image', mime: 'image/png' },
  pdf: { kind: 'attachment', mime: 'application/pdf' },
  docx: { kind: 'attachment', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { kind: 'attachment', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
} as const
export type FileType = keyof typeof FILE_TYPES
export type FileKind = 'image' | 'attachment'

const MB = 1024 * 1024
/**
 * Per kind, in bytes. Attachments are held to 2 MB for now, not 5: a file travels as base64 inside one call,
 * and 5 MB would be 6.7 MB on the wire — over CloudBase's 6 MB call limit and the local cloud's 3 MB body.
 */
export const MAX_BYTES: Record<FileKind, number> = { image: 2 * MB, attachment: 2 * MB }

const SIGNATURES: Record<FileType, number[]> = {
  jpg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  docx: [0x50, 0x4b, 0x03, 0x04], // a zip, as every Office Open XML file is
  xlsx: [0x50, 0x4b, 0x03, 0x04],
}

const EXTENSIONS: Record<string, FileType> = {
  jpg: 'jpg',
  jpeg: 'jpg',
  png: 'png',
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
}

export function fileTypeOfName(name: string): FileType | null {
  const m = /\.([A-Za-z]+)$/.exec(name)
  return m ? (EXTENSIONS[m[1].toLowerCase()] ?? null) : null
}

/** Bytes the base64 text decodes to (padding excluded). */
export function base64Size(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
  return (base64.length / 4) * 3 - padding
}

function leadingBytes(base64: string, count: number): number[] {
  const chars = base64.slice(0, Math.ceil(count / 3) * 4)
  const binary = atob(chars)
  return Array.from(binary, (c) => c.charCodeAt(0)).slice(0, count)
}

const KIND_LABEL: Record<FileKind, string> = { image: '图片', attachment: '附件' }

/**
 * Checks an upload by its name AND its first bytes: a renamed .exe or a web page saved as .jpg is refused.
 * Returns what the file is; throws a Chinese BAD_INPUT otherwise.
 */
export function checkUpload(name: string, base64: string): { type: FileType; kind: FileKind; size: number } {
  const type = fileTypeOfName(name)
  if (!type)
    throw new AppError('BAD_INPUT', '只能上传 jpg、png 图片，或 pdf、docx、xlsx 文件', { name: '文件类型不支持' })
  if (base64.length === 0 || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64))
    throw new AppError('BAD_INPUT', '文件内容不正确，请重新选择', { contentBase64: '文件内容不正确' })
  const kind = FILE_TYPES[type].kind
  const size = base64Size(base64)
  if (size > MAX_BYTES[kind])
    throw new AppError('BAD_INPUT', `${KIND_LABEL[kind]}不能超过${MAX_BYTES[kind] / MB}MB，请换一个小一些的文件`, {
      contentBase64: '文件太大',
    })
  const signature = SIGNATURES[type]
  const head = leadingBytes(base64, signature.length)
  if (head.length < signature.length || signature.some((b, i) => head[i] !== b))
    throw new AppError('BAD_INPUT', `这个文件不是真正的${type}文件，请重新选择`, {
      contentBase64: '文件内容与类型不符',
    })
  return { type, kind, size }
}

/** The largest base64 text a file may be: 2 MB of bytes (the exact per-kind check is checkUpload). */
export const MAX_UPLOAD_BASE64 = Math.ceil((2 * 1024 * 1024) / 3) * 4

/** An upload's input: bounded here so the work is bounded; checkUpload then checks type, bytes and size. */
export const uploadInput = v.strictObject(
  {
    name: v.pipe(v.string('文件名不正确'), v.trim(), v.minLength(1, '文件名不正确'), v.maxLength(80, '文件名太长')),
    contentBase64: v.pipe(
      v.string('文件内容不正确'),
      v.minLength(1, '文件是空的'),
      v.maxLength(MAX_UPLOAD_BASE64, '文件太大，请不超过2MB'),
    ),
  },
  '参数不正确',
)

/** One uploaded file as its uploader sees it right after uploading: the id to use, and a preview address. */
export interface UploadedFileView {
  id: string
  name: string
  type: FileType
  kind: FileKind
  size: number
  url: string
  /** WeChat is still checking the picture: until it passes, only its uploader sees it. */
  checking?: true
}
