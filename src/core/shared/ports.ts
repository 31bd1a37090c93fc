import type { TemplateName } from '../messages/model'
import type { TemplatePush } from '../messages/templates'

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
  /** Creates the collections that do not exist yet (CloudBase refuses any request on a missing one). */
  ensureCollections(names: string[]): Promise<void>
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

interface MessageBase {
  key: string
  unionId: string
  memberId: string
  kind: string
  title: string
  body: string
  /** In-app page to open, e.g. /pages/activity/index?id=… */
  link?: string
}

/**
 * What a member is sent. `key` makes sending idempotent: the same key is never delivered twice. A message
 * may also name a subscribe template (never an id) with that template's semantic values
 * (src/core/messages/templates.ts); which WeChat keyword shows which value is the server's configuration.
 */
export type OutgoingMessage = MessageBase & ({ template?: undefined; templateData?: undefined } | TemplatePush)

export interface Notifier {
  /** Resolves false when the key was already sent. */
  send(message: OutgoingMessage): Promise<boolean>
}

export interface ContentCheck {
  /** Resolves a Chinese reason when the text must not be published, or null when it may. */
  check(text: string, openid: string): Promise<string | null>
  /**
   * Checks a picture a member uploads, already stored: `url` is an address the checker may download it from,
   * `base64` its bytes. A checker that answers at once says pass or refuse; WeChat's answers later
   * (mediaCheckAsync): `pending` with the ticket its verdict will name, delivered to `settleImageCheck`.
   */
  checkImage(image: { url: string; base64: string }, openid: string): Promise<ImageCheck>
}

export type ImageCheck =
  | { verdict: 'pass' }
  /** Risky, or the checker could not be asked (fail closed): `reason` is Chinese, fit to show the uploader. */
  | { verdict: 'refuse'; reason: string }
  /** Never shown to a client: whoever holds it could settle the check. */
  | { verdict: 'pending'; ticket: string }

/**
 * Subscribe-message templates as this deployment configured them: SUBSCRIBE_TEMPLATES on CloudBase
 * (cloudfunctions/_runtime/subscribe-templates.ts), none on the local cloud, which pushes nothing.
 */
export interface SubscribeTemplates {
  /** The WeChat template id of each configured name, for the app's consent dialog; nothing else leaves. */
  ids(): Partial<Record<TemplateName, string>>
  /** Compares the configuration with the templates the account really has (`init` reports it). */
  verify(): Promise<TemplateCheck>
}

export interface TemplateCheck {
  /** Configured names whose template exists and whose every keyword is mapped to a field we offer. */
  ready: TemplateName[]
  /** One Chinese line per problem, naming the template and the keyword or field; empty when all is well. */
  problems: string[]
  /** One Chinese line for the job report. */
  summary: string
}

/** Codes a phone scans to open an activity: a mini-program code on CloudBase, a PNG of the H5 link locally. */
export interface QrCodes {
  activityCode(input: {
    unionId: string
    activityId: string
    page: string
    scene: string
  }): Promise<{ contentType: 'image/png' | 'image/jpeg'; base64: string }>
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
