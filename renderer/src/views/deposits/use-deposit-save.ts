import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { toAppError } from '../../errors'
import { showError } from '../../notify'

/**
 * How the deposit's forms save: field messages stay at their fields (and what was typed stays
 * too); a version conflict (someone else just recorded on this deposit) is said once and handed
 * to `onConflict`, which shows the deposit as it is now.
 */
export function useDepositSave(onConflict: () => void) {
  const { t } = useI18n()
  const saving = ref(false)
  const errors = ref<Record<string, string>>({})

  async function run<T>(save: () => Promise<T>): Promise<T | null> {
    saving.value = true
    errors.value = {}
    try {
      return await save()
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'CONFLICT') {
        ElMessage.warning(t('projects.common.conflict'))
        onConflict()
      } else if (appError.fields) errors.value = { ...appError.fields }
      else showError(appError)
      return null
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, run }
}
