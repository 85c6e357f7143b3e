import { inject, type InjectionKey } from 'vue'
import { ElMessageBox } from 'element-plus'

/** Confirmations a screen asks for; passed in so a test can answer them. */
export interface Dialogs {
  /** resolves true when the user confirms, false when they cancel or close */
  confirm(options: { message: string; title: string; confirmText: string; cancelText: string; danger?: boolean }): Promise<boolean>
}

export const DIALOGS_KEY: InjectionKey<Dialogs> = Symbol('renodesk.dialogs')

export const elementDialogs: Dialogs = {
  async confirm({ message, title, confirmText, cancelText, danger }) {
    try {
      await ElMessageBox.confirm(message, title, {
        confirmButtonText: confirmText,
        cancelButtonText: cancelText,
        type: 'warning',
        confirmButtonClass: danger ? 'el-button--danger' : undefined,
        closeOnClickModal: false,
        customClass: 'rd-confirm',
      })
      return true
    } catch {
      return false
    }
  },
}

export function useDialogs(): Dialogs {
  return inject(DIALOGS_KEY, elementDialogs)
}
