import { ref, type Ref } from 'vue'
import { toAppError } from './errors'
import { showError } from './notify'

/**
 * One record shown beside its list (a drawer), read by id: `load()` reads the record the id names
 * now, and an answer that comes back after the id moved on is dropped. A record one may not see
 * or that is gone shows its message (`notFound`); any other failure is said once and what is shown
 * stays.
 */
export function useDetailRecord<T>(options: { id: () => number | null; get: (id: number) => Promise<T> }) {
  const record = ref(null) as Ref<T | null>
  const loading = ref(false)
  const notFound = ref<string | null>(null)

  /** Resolves true when this call put the record on screen. */
  async function load(): Promise<boolean> {
    const id = options.id()
    if (id === null) return false
    loading.value = true
    try {
      const next = await options.get(id)
      if (id !== options.id()) return false
      record.value = next
      notFound.value = null
      return true
    } catch (error) {
      const appError = toAppError(error)
      if (appError.code === 'NOT_FOUND' || appError.code === 'FORBIDDEN') notFound.value = appError.message
      else showError(appError)
      return false
    } finally {
      loading.value = false
    }
  }

  return { record, loading, notFound, load }
}
