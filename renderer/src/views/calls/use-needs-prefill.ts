import { toRaw, watch, type Ref } from 'vue'
import type { ScreenPop } from '@contract/calls.contract'
import { useCustomersStore } from '../../stores/customers.store'
import { useSettingsStore } from '../../stores/settings.store'
import { useCallDeskStore } from './call-desk.store'
import { fillNeedsFromCustomer, type IntakeDraft, type IntakeField } from './intake-draft'

const NEED_FIELDS: readonly IntakeField[] = ['community', 'houseType', 'areaSqm', 'budget', 'style', 'address']

/**
 * A known caller asking about a renovation: their file's needs (小区, 房型, 面积, 预算, 风格) fill
 * the empty fields, so the agent confirms rather than asks again. Filled values count as the
 * form's starting point, so clearing the desk afterwards needs no confirmation.
 */
export function useNeedsPrefill(pop: Ref<ScreenPop | null>): void {
  const desk = useCallDeskStore()
  const customers = useCustomersStore()
  const settings = useSettingsStore()
  /** the forms (by their starting point) already filled, so a type switched back and forth asks once */
  const filled = new WeakSet<IntakeDraft>()

  watch(
    [() => pop.value?.customer?.id ?? null, () => desk.draft.type],
    async ([customerId, type]) => {
      const baseline = toRaw(desk.baseline)
      if (customerId === null || (type !== 'consult' && type !== 'measure') || filled.has(baseline)) return
      filled.add(baseline)
      try {
        const customer = await customers.get(customerId)
        if (pop.value?.customer?.id !== customerId || toRaw(desk.baseline) !== baseline) return
        const before = { ...desk.draft }
        fillNeedsFromCustomer(desk.draft, customer, settings.current.budgetRanges)
        for (const field of NEED_FIELDS) {
          if (desk.draft[field] !== before[field] && baseline[field] === before[field]) copyField(desk.baseline, desk.draft, field)
        }
      } catch {
        // the form works without it; the agent asks the caller instead
        filled.delete(baseline)
      }
    },
    { immediate: true },
  )
}

function copyField<K extends IntakeField>(to: IntakeDraft, from: IntakeDraft, field: K): void {
  to[field] = from[field]
}
