import { zipSync } from 'fflate'

/**
 * A cloud function's code package: CreateFunction's `Code.ZipFile` is a base64 zip "包含函数代码文件及其依赖项的
 * zip 格式文件" (https://cloud.tencent.com/document/api/583/18586), its files at the root. Deflated with a
 * fixed time, so the same files give the same bytes.
 */

export interface ZipEntry {
  /** Path inside the zip, with forward slashes; files sit at the root ("请直接选中所要打包的函数代码文件"). */
  name: string
  data: Buffer
}

const FIXED_TIME = new Date('2020-01-01T00:00:00Z')

export function zip(entries: ZipEntry[]): Buffer {
  const files = Object.fromEntries(entries.map((e) => [e.name, new Uint8Array(e.data)]))
  return Buffer.from(zipSync(files, { level: 9, mtime: FIXED_TIME }))
}
