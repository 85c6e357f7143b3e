import { computed, reactive, ref, toRef, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import type { Following } from '@contract/customers.contract'
import { useCustomersStore } from '../../stores/customers.store'
import { useSettingsStore } from '../../stores/settings.store'
import { useVisitsStore } from '../../stores/visits.store'
import { useDialogs } from '../../dialogs'
import { toAppError } from '../../errors'
import { showError } from '../../notify'
import { usePhoneLookup } from './use-phone-lookup'
import { WALK_IN_FIELDS, clientErrors, emptyDraft, fillFromCustomer, isPristine, mapServerFields, toRegisterInput, type WalkInField } from './walk-in-draft'

/** State and behaviour of the walk-in form; the component only lays it out. */
export function useWalkInForm(hooks: { focus: (field: WalkInField) => void }) {
  const { t } = useI18n()
  const settings = useSettingsStore()
  const visits = useVisitsStore()
  const customers = useCustomersStore()
  const dialogs = useDialogs()

  const draft = reactive(emptyDraft())
  const touched = reactive<Partial<Record<WalkInField, boolean>>>({})
  const serverErrors = ref<Partial<Record<WalkInField, string>>>({})
  const saving = ref(false)
  const linking = ref(false)
  /** the normalized number the linked customer was found by */
  const linkedNumber = ref<string | null>(null)

  const localAreaCode = toRef(settings, 'localAreaCode')
  const lookup = usePhoneLookup(toRef(draft, 'phone'), localAreaCode)

  const checks = computed(() =>
    clientErrors(draft, localAreaCode.value, {
      required: (field) => t('auth.required', { field: t(`reception.${field === 'phone' ? 'phone' : 'name'}`) }),
      phoneInvalid: t('reception.phoneInvalid'),
    }),
  )

  /** Shown under each field: the server's message until that field changes, else the cheap check once touched. */
  const errors = computed<Partial<Record<WalkInField, string>>>(() => {
    const shown: Partial<Record<WalkInField, string>> = { ...serverErrors.value }
    for (const field of ['phone', 'name'] as const) {
      const digits = draft.phone.replace(/\D/g, '').length
      const eager = field === 'phone' && digits >= 11
      if (!shown[field] && (touched[field] || eager)) shown[field] = checks.value[field]
    }
    return shown
  })

  /** The following designer whose protection period still runs, when it is not the one picked (撞单). */
  const collision = computed<Following | null>(() => {
    const following = lookup.result.value?.following
    if (!following?.active || draft.designerId === null) return null
    return following.designer.id === draft.designerId ? null : following
  })

  for (const field of WALK_IN_FIELDS) {
    watch(
      () => draft[field],
      () => {
        if (serverErrors.value[field]) {
          const rest = { ...serverErrors.value }
          delete rest[field]
          serverErrors.value = rest
        }
      },
    )
  }

  // A different number than the one the customer was linked by: that customer no longer applies.
  watch(lookup.normalized, (number) => {
    if (draft.customerId !== null && number !== linkedNumber.value) {
      draft.customerId = null
      linkedNumber.value = null
    }
  })

  async function useCustomer(): Promise<void> {
    const found = lookup.result.value?.customer
    if (!found || linking.value) return
    linking.value = true
    const ranges = settings.current.budgetRanges
    fillFromCustomer(draft, found, ranges)
    linkedNumber.value = lookup.normalized.value
    const following = lookup.result.value?.following
    if (following?.active && draft.designerId === null) draft.designerId = following.designer.id
    try {
      fillFromCustomer(draft, await customers.get(found.id), ranges)
    } catch (error) {
      showError(error)
    } finally {
      linking.value = false
    }
  }

  function unlink(): void {
    draft.customerId = null
    linkedNumber.value = null
  }

  function touch(field: WalkInField): void {
    touched[field] = true
  }

  /**
   * Leaving a field by clicking elsewhere. The phone box has the focus between clients, so a click
   * on the board must not paint an empty form red; once something is typed, a skipped field shows.
   */
  function blur(field: WalkInField): void {
    if (!isPristine(draft)) touched[field] = true
  }

  function reset(): void {
    Object.assign(draft, emptyDraft())
    for (const key of Object.keys(touched)) delete touched[key as WalkInField]
    serverErrors.value = {}
    linkedNumber.value = null
    lookup.clear()
    hooks.focus('phone')
  }

  async function send(acknowledgeCollision: boolean): Promise<void> {
    try {
      const result = await visits.register({ ...toRegisterInput(draft, settings.current.budgetRanges), acknowledgeCollision })
      const name = result.visit.customerName
      ElMessage.success(result.customerCreated ? t('reception.savedNew', { name }) : t('reception.saved', { name }))
      reset()
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'COLLISION' && !acknowledgeCollision) {
        const confirmed = await dialogs.confirm({
          message: appError.message,
          title: t('reception.collisionConfirmTitle'),
          confirmText: t('reception.collisionConfirm'),
          cancelText: t('common.cancel'),
        })
        if (confirmed) await send(true)
        else hooks.focus('designerId')
        return
      }
      const mapped = mapServerFields(appError.fields)
      serverErrors.value = mapped
      const first = WALK_IN_FIELDS.find((field) => mapped[field])
      if (first) hooks.focus(first)
      else showError(appError)
    }
  }

  /** Ctrl+Enter or the button: check what is cheap, then register (confirming a 撞单 if the server asks). */
  async function save(): Promise<void> {
    if (saving.value) return
    touched.phone = true
    touched.name = true
    const invalid = WALK_IN_FIELDS.find((field) => checks.value[field])
    if (invalid) {
      hooks.focus(invalid)
      return
    }
    saving.value = true
    try {
      await send(false)
    } finally {
      saving.value = false
    }
  }

  return { draft, errors, collision, lookup, saving, linking, save, reset, touch, blur, useCustomer, unlink }
}
