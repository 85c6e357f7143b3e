import { onBeforeUnmount, shallowRef, ref, watch, type Ref } from 'vue'
import type { PhoneLookup } from '@contract/customers.contract'
import { normalizePhone } from '@contract/phone'
import { useCustomersStore } from '../../stores/customers.store'
import { showError } from '../../notify'

export const LOOKUP_DEBOUNCE_MS = 250

/**
 * Looks the typed number up once it is a real phone number, debounced, newest answer wins.
 * `normalized` is what was looked up, so a reformatted entry of the same number asks nothing.
 * The reception desk asks `customers.lookupByPhone`, the call desk `calls.screenPop`.
 */
export function useNumberLookup<T>(phone: Ref<string>, localAreaCode: Ref<string>, fetch: (raw: string) => Promise<T>) {
  const result = shallowRef<T | null>(null)
  const loading = ref(false)
  const normalized = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let seq = 0

  async function run(raw: string): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const answer = await fetch(raw)
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

  function schedule(raw: string, delay: number): void {
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
    const go = () => {
      timer = null
      normalized.value = parsed.normalized
      void run(raw)
    }
    if (delay === 0) go()
    else timer = setTimeout(go, delay)
  }

  /** Looks the number in the box up at once: a number that arrived with a call, or a screen shown again. */
  function now(): void {
    normalized.value = null
    schedule(phone.value, 0)
  }

  function clear(): void {
    if (timer) clearTimeout(timer)
    seq++
    result.value = null
    normalized.value = null
    loading.value = false
  }

  watch(phone, (value) => schedule(value, LOOKUP_DEBOUNCE_MS))
  onBeforeUnmount(() => {
    if (timer) clearTimeout(timer)
  })

  return { result, loading, normalized, clear, now }
}

/** The reception desk's lookup: the customer and their recent visits. */
export function usePhoneLookup(phone: Ref<string>, localAreaCode: Ref<string>) {
  const customers = useCustomersStore()
  return useNumberLookup<PhoneLookup>(phone, localAreaCode, (raw) => customers.lookupByPhone(raw))
}

/** `北京市 · 中国移动`, or null when neither is known. */
export function regionOf(lookup: { region: string | null; carrier: string | null } | null | undefined): string | null {
  return [lookup?.region, lookup?.carrier].filter(Boolean).join(' · ') || null
}
