// nedb's document model (lib/model.js has no types of its own). nedb-store.ts appends through a file it
// keeps open with the very serializer nedb uses, and compares index keys the way nedb's indexes do.
declare module '@seald-io/nedb/lib/model.js' {
  export function serialize(doc: unknown): string
  export function getDotValues(doc: unknown, fields: string[]): unknown
  export function compareThings(a: unknown, b: unknown): number
}
