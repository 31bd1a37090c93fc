import fs from 'fs'
import type http from 'http'
import path from 'path'
import { loadReadableCover } from '@/core/activities/covers'
import { FILE_TYPES } from '@/core/notices/file-rules'
import { loadReadableFile } from '@/core/notices/files'
import { loadReadableProposalFile } from '@/core/proposals/files'
import { AppError } from '@/core/shared/errors'
import type { Files } from '@/core/shared/ports'
import type { ServerPorts } from '../ports'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-files'
import { boundMember } from './session'

/** The local cloud's file store: `<dataDir>/files/<unionId>/<id>.<ext>`, read back through GET /files/<id>. */
export interface LocalFiles extends Files {
  read(key: string): Promise<Buffer | null>
}

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/
const KEY = /^([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})\.([a-z]{1,5})$/

export function createLocalFiles(dataDir: string): LocalFiles {
  const root = path.join(dataDir, 'files')
  // Keys are built from our own ids; the patterns still keep any path outside `files/`.
  const fileOf = (key: string): string => {
    if (!KEY.test(key)) throw new Error(`bad file key ${key}`)
    return path.join(root, key)
  }
  return {
    async put({ unionId, id, extension, base64 }) {
      if (!SEGMENT.test(unionId) || !SEGMENT.test(id)) throw new Error('bad file id')
      const key = `${unionId}/${id}.${extension}`
      const file = fileOf(key)
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE })
      await fs.promises.writeFile(file, Buffer.from(base64, 'base64'), { mode: PRIVATE_FILE_MODE })
      return key
    },
    async urls(keys) {
      return keys.map((key) => `/files/${(KEY.exec(key) ?? [])[2] ?? ''}`)
    },
    async read(key) {
      try {
        return await fs.promises.readFile(fileOf(key))
      } catch {
        return null
      }
    },
  }
}

/**
 * GET /files/<id>: the bytes, to a signed-in member who may read them (see loadReadableFile); everyone else
 * gets the same 404, so a file's existence is not revealed.
 */
export async function serveFile(
  ports: ServerPorts & { files: LocalFiles },
  openid: string | undefined,
  fileId: string,
  res: http.ServerResponse,
): Promise<void> {
  const deny = (status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    res.end(message)
  }
  if (!openid) return deny(401, '请先登录')
  const member = await boundMember(ports.store, openid)
  if (!member || member.status === 'left' || !SEGMENT.test(fileId)) return deny(404, '找不到这个文件')
  const ctx = { ...ports, openid, member }
  let file
  try {
    // A notice file by the notices' rule, else an activity cover (any member of its union), else a 提案
    // attachment (whoever may see its proposal).
    file = await loadReadableFile(ctx, fileId)
      .catch((e: unknown) => (e instanceof AppError ? loadReadableCover(ctx, fileId) : Promise.reject(e)))
      .catch((e: unknown) => (e instanceof AppError ? loadReadableProposalFile(ctx, fileId) : Promise.reject(e)))
  } catch (e) {
    if (e instanceof AppError) return deny(404, '找不到这个文件')
    throw e
  }
  const bytes = await ports.files.read(file.storageKey)
  if (!bytes) return deny(404, '找不到这个文件')
  res.writeHead(200, {
    'content-type': FILE_TYPES[file.type].mime,
    'content-length': bytes.length,
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(bytes)
}
