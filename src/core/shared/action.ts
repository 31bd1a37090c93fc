import type { GenericSchema, InferInput, InferOutput } from 'valibot'
import type { Access } from './roles'

/**
 * One entry of the action table: the name is the key, the schema whitelists the input (strict objects,
 * scalar values), `access` says who may call it. `Out` is carried for typing only.
 */
export interface ActionSpec<S extends GenericSchema, Out> {
  access: Access
  input: S
  /** What it does, in Chinese, for the README table and error logs. */
  summary: string
  /** Whether a successful call writes to the store (authorization tests check reads write nothing). */
  writes: boolean
  readonly __out?: Out
}

/** `action<Output>()({...})` fixes the output type and infers the schema type. */
export const action =
  <Out>() =>
  <S extends GenericSchema>(spec: Omit<ActionSpec<S, Out>, '__out'>): ActionSpec<S, Out> =>
    spec

export type AnySpec = ActionSpec<GenericSchema, unknown>

export type InputOf<A> = A extends ActionSpec<infer S, unknown> ? InferInput<S> : never
export type ParsedOf<A> = A extends ActionSpec<infer S, unknown> ? InferOutput<S> : never
export type OutputOf<A> = A extends ActionSpec<GenericSchema, infer O> ? O : never
