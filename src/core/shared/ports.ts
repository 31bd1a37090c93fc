/**
 * Ports: the only ways the domain touches the world. Each has a local adapter and a CloudBase adapter.
 * The store speaks MongoDB's vocabulary because that is what CloudBase's database is underneath.
 */

export interface Doc {
  _id: string
  [key: string]: unknown
}

/** Scalar values a filter may compare against. */
export type Scalar = string | number | boolean | null

export type Condition =
  | Scalar
  | {
      $eq?: Scalar
      $ne?: Scalar
      $gt?: Scalar
      $gte?: Scalar
      $lt?: Scalar
      $lte?: Scalar
      $in?: Scalar[]
      $nin?: Scalar[]
      $exists?: boolean
    }

/** Field path (dots allowed) → condition. Top-level fields are ANDed. */
export type Filter = Record<string, Condition>

export interface Update {
  $set?: Record<string, unknown>
  $unset?: Record<string, true>
  $inc?: Record<string, number>
  /** Appends each value of the array to the field. */
  $push?: Record<string, unknown[]>
  /** Removes every element equal to the scalar. */
  $pull?: Record<string, Scalar>
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>
  /** At most 1000; pages larger than that are a design error. */
  limit?: number
  skip?: number
}

export interface IndexSpec {
  collection: string
  /** Field names in order; every index leads with unionId except global ones. */
  fields: string[]
  unique?: boolean
}

/** Raised by insert when the _id (or a unique index) is taken: the database, not a prior read, decides. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly key: string,
  ) {
    super(`duplicate key in ${collection}: ${key}`)
    this.name = 'DuplicateKeyError'
  }
}

export interface Store {
  insert(collection: string, doc: Doc): Promise<void>
  findOne<T extends Doc>(collection: string, filter: Filter): Promise<T | null>
  find<T extends Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]>
  count(collection: string, filter: Filter): Promise<number>
  /** Conditional update of one document; filter must name `_id`. Resolves whether it matched. */
  updateOne(collection: string, filter: Filter, update: Update): Promise<boolean>
  /** Resolves how many documents matched. */
  updateMany(collection: string, filter: Filter, update: Update): Promise<number>
  ensureIndexes(indexes: IndexSpec[]): Promise<void>
}

export interface Clock {
  now(): Date
}

export interface Ids {
  /** Sortable, unique document id. */
  newId(): string
  /** Short code a person can type: 8 characters without 0/O/1/I. */
  inviteCode(): string
}

/** What a member is sent. `key` makes sending idempotent: the same key is never delivered twice. */
export interface OutgoingMessage {
  key: string
  unionId: string
  memberId: string
  kind: string
  title: string
  body: string
  /** In-app page to open, e.g. /pages/activity/index?id=… */
  link?: string
  /** Subscribe-message template name from config (never an id from the client). */
  template?: string
  templateData?: Record<string, string>
}

export interface Notifier {
  /** Resolves false when the key was already sent. */
  send(message: OutgoingMessage): Promise<boolean>
}

export interface ContentCheck {
  /** Resolves a Chinese reason when the text must not be published, or null when it may. */
  check(text: string, openid: string): Promise<string | null>
}

/** Codes a phone scans to open an activity: a mini-program code on CloudBase, a PNG of the H5 link locally. */
export interface QrCodes {
  activityCode(input: {
    unionId: string
    activityId: string
    page: string
    scene: string
  }): Promise<{ contentType: 'image/png'; base64: string }>
}

/** Keyed hashing for short-lived codes (the rotating check-in code); node's crypto on every server runtime. */
export interface Signer {
  /** HMAC-SHA256 of `message` under `key`, lowercase hex. */
  hmacHex(key: string, message: string): string
}

/**
 * Files people attach (notice images and documents): cloud storage on CloudBase, a folder on disk locally.
 * Bytes travel as base64 so the domain needs no Buffer.
 */
export interface Files {
  /** Stores the bytes under the union's folder; resolves the storage key to read them back by. */
  put(input: { unionId: string; id: string; extension: string; base64: string }): Promise<string>
  /** Addresses the app can open for a while (an hour at least), one per key, in the same order. */
  urls(keys: string[]): Promise<string[]>
}
