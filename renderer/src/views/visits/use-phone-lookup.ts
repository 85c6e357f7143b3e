import { onBeforeUnmount, ref, watch, type Ref } from 'vue'
import type { PhoneLookup } from '@contract/customers.contract'
import { normalizePhone } from '@contract/phone'
import { useCustomersStore } from '../../stores/customers.store'
import { showError } from '../../notify'

export const LOOKUP_DEBOUNCE_MS = 250

/**
 * Looks the typed number up once it is a real phone number, debounced, newest answer wins.
 * `normalized` is what was looked up, so a reformatted entry of the same number asks nothing.
 */
export function usePhoneLookup(phone: Ref<string>, localAreaCode: Ref<string>) {
  const customers = useCustomersStore()
  const result = ref<PhoneLookup | null>(null)
  const loading = ref(false)
  const normalized = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let seq = 0

  async function run(raw: string): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await customers.lookupByPhone(raw)
      if (mine === seq) result.value = answer
    } catch (error) {
      if (mine === seq) {
        result.value = null
        normalized.value = null
        showError(error)
      }
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function schedule(raw: string): void {
    if (timer) clearTimeout(timer)
    const parsed = normalizePhone(raw, localAreaCode.value)
    if (!parsed) {
      seq++
      normalized.value = null
      result.value = null
      loading.value = false
      return
    }
    if (parsed.normalized === normalized.value) return
    timer = setTimeout(() => {
      timer = null
      normalized.value = parsed.normalized
      void run(raw)
    }, LOOKUP_DEBOUNCE_MS)
  }

  function clear(): void {
    if (timer) clearTimeout(timer)
    seq++
    result.value = null
    normalized.value = null
    loading.value = false
  }

  watch(phone, (value) => schedule(value))
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
  })

  return { result, loading, normalized, clear }
}
