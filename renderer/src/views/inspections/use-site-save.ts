import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { toAppError } from '../../errors'
import { showError } from '../../notify'

/**
 * A server's field messages placed under the form's own fields (`aliases` maps a key the form
 * shows elsewhere, e.g. `customerIds.2` → `customerIds`); messages about nothing shown are `rest`.
 */
export function placeFieldErrors(fields: Record<string, string>, known: readonly string[], alias: (key: string) => string = (key) => key): { placed: Record<string, string>; rest: string[] } {
  const placed: Record<string, string> = {}
  const rest: string[] = []
  for (const [key, message] of Object.entries(fields)) {
    const target = alias(key)
    if (known.includes(target)) placed[target] ??= message
    else rest.push(message)
  }
  return { placed, rest }
}

/**
 * How the site screens' dialogs save: what was typed stays, the server's field messages stand
 * under their fields, anything else is said once; a version conflict (someone else changed it
 * first) is said and handed to `onConflict`, which reloads.
 */
export function useSiteSave(options: { known: readonly string[] | (() => readonly string[]); alias?: (key: string) => string; onConflict: () => void }) {
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
        ElMessage.warning(t('site.conflict'))
        options.onConflict()
        return null
      }
      const { placed, rest } = placeFieldErrors(appError.fields ?? {}, typeof options.known === 'function' ? options.known() : options.known, options.alias)
      errors.value = placed
      if (!appError.fields) showError(appError)
      else if (rest.length) ElMessage.error({ message: rest.join('；'), grouping: true })
      return null
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, run }
}
