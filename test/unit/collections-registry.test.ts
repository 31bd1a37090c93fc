/**
 * On CloudBase a collection must be created before its first request (-502005 otherwise); `init` creates the
 * registry's collections. This test reads every store call in the server code and requires its collection to
 * be named through the registry's maps, so a new collection cannot be used without being created.
 */
import fs from 'fs'
import path from 'path'
import { COLLECTION_MAPS, COLLECTIONS } from '@/server/collections'
import { INDEXES } from '@/server/indexes'

const ROOT = path.resolve(__dirname, '..', '..')

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(p)
    return /\.tsx?$/.test(entry.name) ? [p] : []
  })
}

/** Every `store.<op>(<first argument>` in the server side of the code, across line breaks. */
function storeCalls(): Array<{ file: string; argument: string }> {
  const files = [...sourceFiles(path.join(ROOT, 'src')), ...sourceFiles(path.join(ROOT, 'cloudfunctions'))]
  const call = /\bstore\.(insert|find|findOne|count|updateOne|updateMany)\s*(<[^>()]*>)?\(\s*([^,)]+)/g
  return files.flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(call)].map((m) => ({
      file: path.relative(ROOT, file),
      argument: m[3].trim(),
    })),
  )
}

/** Generic helpers that receive the collection from a caller who names it through the registry. */
const PASS_THROUGH = new Set([
  'src/core/shared/uploads.ts:collection',
  'src/core/shared/paging.ts:collection',
  'src/core/shared/keyset.ts:collection',
  'src/core/shared/image-checks.ts:collection',
  'src/core/shared/image-checks.ts:c',
  'src/server/follow-ups.ts:kind.collection',
  'src/core/members/binding.ts:collection',
])

function registered(argument: string): string | null {
  const m = /^([A-Z]+)\.(\w+)$/.exec(argument)
  if (!m) return null
  const map = (COLLECTION_MAPS as Record<string, Record<string, string>>)[m[1]]
  return map?.[m[2]] ?? null
}

test('every store call names its collection through the registry that init creates', () => {
  const calls = storeCalls()
  expect(calls.length).toBeGreaterThan(150)
  const strays = calls.filter(
    (c) => !PASS_THROUGH.has(`${c.file}:${c.argument}`) && !COLLECTIONS.includes(registered(c.argument) ?? ''),
  )
  expect(strays).toEqual([])
})

test('every indexed collection is in the registry, and the registry has no duplicates', () => {
  expect(INDEXES.map((i) => i.collection).filter((c) => !COLLECTIONS.includes(c))).toEqual([])
  expect(new Set(COLLECTIONS).size).toBe(COLLECTIONS.length)
  expect(COLLECTIONS).toEqual(expect.arrayContaining(['bindings', 'activitySecrets', 'noticeFiles']))
})
