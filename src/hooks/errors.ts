import { ApiError } from '@/services/api'

/**
 * Anything thrown below a page becomes an ApiError, so every screen shows one kind of Chinese message.
 * Non-API throws are programming or platform errors; the teacher gets a calm generic line.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error
  return new ApiError('INTERNAL', '出了点问题，请稍后再试')
}
