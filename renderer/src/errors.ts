import { AppError, isAppErrorShape } from '@contract/errors'

/**
 * Whatever a call rejected with, as an AppError. Over Electron's context bridge an error can
 * arrive as a plain `{ code, message, fields }` object or a bare Error; a stack never reaches the UI.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (isAppErrorShape(error)) return AppError.fromShape(error)
  return new AppError('INTERNAL', '系统错误，请稍后重试')
}

/** `fields` of a validation error, with any `changes.` / array prefixes kept as the server sent them. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const appError = toAppError(error)
  return appError.fields ? { ...appError.fields } : {}
}
