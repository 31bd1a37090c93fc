/** Error codes every client understands; the message is plain Chinese fit to show a teacher. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'NOT_BOUND'
  | 'FORBIDDEN'
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNKNOWN_ACTION'
  | 'RATE_LIMITED'
  | 'CONTENT_REJECTED'
  | 'INTERNAL'

export interface ErrorReply {
  ok: false
  code: ErrorCode
  message: string
  /** Field-level problems for forms, e.g. { phone: '手机号应为11位数字' }. */
  fields?: Record<string, string>
}

export type Reply<T> = { ok: true; data: T } | ErrorReply

/** Thrown inside the domain; turned into an ErrorReply at the action boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): never => {
  throw new AppError(code, message, fields)
}
