import { inflateRawSync } from 'zlib'

/**
 * How much an uploaded .xlsx (a zip) inflates to, found before any spreadsheet parser sees it: a 100 KB file
 * can hold hundreds of MB of sheet XML. Every entry is inflated once with zlib's own output cap, so a bomb
 * stops at the cap instead of filling memory. Resolves the problem in words, or null when the file is fine.
 */
export function zipInflationProblem(zip: Buffer, maxInflatedBytes: number): string | null {
  const end = endOfCentralDirectory(zip)
  if (end < 0) return '不是有效的 .xlsx 文件'
  const entries = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  let total = 0
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return '不是有效的 .xlsx 文件'
    const method = zip.readUInt16LE(at + 10)
    const compressed = zip.readUInt32LE(at + 20)
    const local = zip.readUInt32LE(at + 42)
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return '不是有效的 .xlsx 文件'
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    const data = zip.subarray(start, start + compressed)
    if (method === 0) total += data.length
    else if (method === 8) {
      try {
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, maxInflatedBytes - total + 1) }).length
      } catch (e) {
        // zlib stops at the cap with ERR_BUFFER_TOO_LARGE (compared by code: errors may come from another realm).
        if ((e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return TOO_BIG
        return '不是有效的 .xlsx 文件'
      }
    } else return '不是有效的 .xlsx 文件'
    if (total > maxInflatedBytes) return TOO_BIG
  }
  return null
}

const TOO_BIG = '文件解压后太大，请只保留名册所在的工作表，删去图片和其他工作表后再试'

/** The End Of Central Directory record, searched from the end (it may be followed by a comment). */
function endOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--)
    if (zip.readUInt32LE(i) === 0x06054b50) return i
  return -1
}
