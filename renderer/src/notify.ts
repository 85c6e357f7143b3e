import { ElMessage } from 'element-plus'
import { toAppError } from './errors'

/** Shows any API failure as its Chinese message; never a stack. */
export function showError(error: unknown): void {
  ElMessage.error({ message: toAppError(error).message, grouping: true })
}
