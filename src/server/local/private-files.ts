import crypto from 'crypto'
import fs from 'fs'
import path from 'path'

/**
 * The data folder holds the school's roster (names, phones, birthdays), uploaded files and the secret that
 * signs dev passes: on a shared machine no other account may read any of it. The folder is 0700 (nobody else
 * can even list it), and every file this code writes is 0600 on its own, so a file copied out keeps its mode.
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600
/** The sticky bit (S_ISVTX) marks a folder shared by all users, such as /tmp. */
const STICKY = 0o1000

/** Creates the folder (and missing parents) owner-only, and closes an existing one that is not. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  const stat = fs.statSync(dir)
  // A shared folder such as /tmp (sticky bit) is not ours to close: it would lock every other user out.
  if ((stat.mode & 0o777) !== PRIVATE_DIR_MODE && (stat.mode & STICKY) === 0) fs.chmodSync(dir, PRIVATE_DIR_MODE)
}

/**
 * Every folder 0700 and file 0600 under `root`. Run at start: it closes data written by an older version,
 * and the files the database library rewrote as it loaded them with its own default mode (0644).
 */
export function closeToOthers(root: string): void {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const p = path.join(root, entry.name)
    // Never follow a link: it could point anywhere on the machine.
    if (entry.isSymbolicLink()) continue
    if (entry.isDirectory()) {
      fs.chmodSync(p, PRIVATE_DIR_MODE)
      closeToOthers(p)
    } else if (entry.isFile()) {
      fs.chmodSync(p, PRIVATE_FILE_MODE)
    }
  }
}

/** Replaces `file` whole (write a sibling, then rename): a crash leaves the old or the new content, never half. */
export function writePrivateFile(file: string, content: string): void {
  const temp = `${file}.${crypto.randomBytes(4).toString('hex')}.tmp`
  fs.writeFileSync(temp, content, { mode: PRIVATE_FILE_MODE })
  fs.renameSync(temp, file)
}
