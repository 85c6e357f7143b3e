import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import type { CallDetail, ScreenPop } from '@contract/calls.contract'
import { AppError } from '@contract/errors'
import { useCallsStore } from '../../stores/calls.store'
import { useSettingsStore } from '../../stores/settings.store'
import { toAppError } from '../../errors'
import { showError } from '../../notify'
import { orNull } from '../visits/walk-in-draft'
import { useCallDeskStore } from './call-desk.store'
import { mapIntakeErrors, missingDetails, toSaveIntakeInput, type IntakeErrorKey, type IntakeErrors, type IntakeField } from './intake-draft'

/** Fields whose label changes with the type of call. */
const LABEL_KEYS: Partial<Record<IntakeField, (type: string) => string>> = {
  description: (type) => (type === 'repair' ? 'desk.detail.repairDescription' : 'desk.detail.complaintDescription'),
}
const PICKED: readonly IntakeField[] = ['complaintCategory', 'repairCategory', 'severity', 'designerId', 'scheduledAt']

/**
 * Starting the call and saving its intake: cheap checks first, the core's field errors under
 * their fields, and on success an empty desk for the next call. What was typed stays when saving fails.
 */
export function useIntakeSave(options: {
  pop: Ref<ScreenPop | null>
  focus: (key: IntakeErrorKey) => void
  fieldOrder: () => readonly IntakeField[]
  /** the call as saved, for what may follow it (a complaint or repair becomes a ticket) */
  onSaved?: (call: CallDetail) => void
}) {
  const { t } = useI18n()
  const desk = useCallDeskStore()
  const calls = useCallsStore()
  const settings = useSettingsStore()
  const serverErrors = ref<IntakeErrors>({})
  /** a save was tried: missing details show from now on, and go away as they are filled */
  const checked = ref(false)
  const saving = ref(false)
  const starting = ref(false)

  function requiredMessage(field: IntakeField): string {
    const label = t(LABEL_KEYS[field]?.(desk.draft.type) ?? `desk.detail.${field}`)
    return PICKED.includes(field) ? t('desk.form.pick', { field: label }) : t('desk.form.required', { field: label })
  }

  const errors = computed<IntakeErrors>(() => {
    const shown: IntakeErrors = {}
    if (checked.value) for (const field of missingDetails(desk.draft)) shown[field] = requiredMessage(field)
    return { ...shown, ...serverErrors.value }
  })

  // Editing a field takes the core's complaint about it away.
  watch(
    () => ({ ...desk.draft, phone: desk.number }),
    (now, before) => {
      const keys = Object.keys(serverErrors.value) as IntakeErrorKey[]
      const kept = keys.filter((key) => now[key] === before[key])
      if (kept.length !== keys.length) serverErrors.value = Object.fromEntries(kept.map((key) => [key, serverErrors.value[key]]))
    },
  )

  function clearErrors(): void {
    serverErrors.value = {}
    checked.value = false
  }

  function showFieldErrors(error: unknown): void {
    const appError = toAppError(error)
    const mapped = mapIntakeErrors(appError.fields, desk.draft.type)
    serverErrors.value = mapped
    const first = (['phone', ...options.fieldOrder()] as IntakeErrorKey[]).find((key) => mapped[key])
    if (first) options.focus(first)
    else showError(appError)
  }

  /** Starts the call for the number in the box (the timer runs from now). */
  async function start(): Promise<boolean> {
    if (desk.call) return true
    if (starting.value) return false
    starting.value = true
    try {
      await desk.ensureStarted()
      return true
    } catch (error) {
      showFieldErrors(error)
      return false
    } finally {
      starting.value = false
    }
  }

  function inputFor(call: CallDetail) {
    return toSaveIntakeInput(desk.draft, {
      call,
      number: desk.number,
      customerId: options.pop.value?.customer?.id ?? null,
      budgetRanges: settings.current.budgetRanges,
      timeZone: settings.timeZone,
      localAreaCode: settings.localAreaCode,
    })
  }

  async function send(call: CallDetail): Promise<CallDetail> {
    try {
      return await calls.saveIntake(inputFor(call))
    } catch (error) {
      if (toAppError(error).code !== 'CONFLICT') throw error
      const fresh = await calls.get(call.id)
      if (desk.call?.id === fresh.id) desk.call = fresh
      // Only the telephony moved on (answered, hung up): the write-up is still the agent's to save.
      if (fresh.intakeSavedAt !== call.intakeSavedAt) throw new AppError('CONFLICT', t('desk.form.conflict'))
      return calls.saveIntake(inputFor(fresh))
    }
  }

  /** Ctrl+Enter or the button: saves, then empties the desk and puts the cursor back in the number box. */
  async function save(): Promise<boolean> {
    if (saving.value || starting.value) return false
    checked.value = true
    const missing = missingDetails(desk.draft)
    if (missing.length > 0) {
      options.focus(missing[0])
      return false
    }
    saving.value = true
    try {
      const call = await desk.ensureStarted()
      const filedAs = options.pop.value?.customer ? null : orNull(desk.draft.newCustomerName)
      const saved = await send(call)
      ElMessage.success(filedAs && saved.customer ? t('desk.form.savedNewCustomer', { name: saved.customer.name }) : t('desk.form.saved'))
      clearErrors()
      desk.reset()
      options.onSaved?.(saved)
      options.focus('phone')
      // a follow-up done or a missed number called back leaves its list now, not at the next push
      calls.refreshQueues().catch(() => undefined)
      return true
    } catch (error) {
      showFieldErrors(error)
      return false
    } finally {
      saving.value = false
    }
  }

  return { errors, saving, starting, start, save, clearErrors }
}
