import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { toAppError } from './errors'
import { showError } from './notify'

/** Where a server's field messages go: `placed` stand under the form's fields, `rest` (about nothing shown) is said once. */
export type PlaceFields = (fields: Record<string, string>) => { placed: Record<string, string>; rest?: readonly string[] }

export interface FormSaveOptions {
  /** the i18n key said when someone else changed the record first (a version conflict) */
  conflictMessage: string
  /** after a conflict has been said: reload, so the form shows the record as it is now */
  onConflict: () => void
  /** default: every field message under the field of that name */
  placeFields?: PlaceFields
  /** the last try's messages go as a new save starts (default: they stay until the answer replaces them) */
  clearOnRun?: boolean
}

/**
 * How a dialog saves: `run(save)` sets `saving`, and on a refusal keeps what was typed; the server's
 * field messages go to `errors` (placed by `placeFields`), a message without fields is shown once,
 * and a version conflict is said and handed to `onConflict`. Resolves to what `save` returned, or null.
 */
export function useFormSave(options: FormSaveOptions) {
  const { t } = useI18n()
  const saving = ref(false)
  const errors = ref<Record<string, string>>({})
  const place: PlaceFields = options.placeFields ?? ((fields) => ({ placed: { ...fields } }))

  async function run<T>(save: () => Promise<T>): Promise<T | null> {
    saving.value = true
    if (options.clearOnRun) errors.value = {}
    try {
      return await save()
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'CONFLICT') {
        ElMessage.warning(t(options.conflictMessage))
        options.onConflict()
      } else if (appError.fields) {
        const { placed, rest = [] } = place(appError.fields)
        errors.value = placed
        if (rest.length) ElMessage.error({ message: rest.join('；'), grouping: true })
      } else showError(appError)
      return null
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, run }
}
