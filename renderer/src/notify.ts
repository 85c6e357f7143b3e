import { ElMessage } from 'element-plus'
import { toAppError } from './errors'

/** Shows any API failure as its Chinese message; never a stack. */
export function showError(error: unknown): void {
  ElMessage.error({ message: toAppError(error).message, grouping: true })
}

/** A failed save: the field messages to show under their fields, or a toast when the error names no field. */
export function fieldErrorsOrToast(error: unknown): Record<string, string> {
  const appError = toAppError(error)
  if (!appError.fields) showError(appError)
  return { ...appError.fields }
}
