import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { toAppError } from '../../errors'
import { showError } from '../../notify'

/**
 * How the callback dialogs save: field messages stay at their fields; a version conflict (someone
 * else just recorded this callback) is said once and handed to `onConflict`, which reloads.
 * `mapFields` puts a server field name (`problem.personId`) under the form's own (`personId`).
 */
export function useCallbackSave(onConflict: () => void, mapFields: (fields: Record<string, string>) => Record<string, string> = (fields) => ({ ...fields })) {
  const { t } = useI18n()
  const saving = ref(false)
  const errors = ref<Record<string, string>>({})

  async function run<T>(save: () => Promise<T>): Promise<T | null> {
    saving.value = true
    try {
      return await save()
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'CONFLICT') {
        ElMessage.warning(t('callbackDesk.conflict'))
        onConflict()
      } else if (appError.fields) errors.value = mapFields(appError.fields)
      else showError(appError)
      return null
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, run }
}
