import { computed, inject, onBeforeUnmount, reactive, watch, type WritableComputedRef } from 'vue'
import { matchedRouteKey, useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { DEFAULT_PAGE_SIZE, type Paging } from './list-query'

const TYPING_DEBOUNCE_MS = 300

export interface UrlFiltersOptions<F extends Paging> {
  fromQuery: (query: LocationQuery) => F
  /** leaves defaults out: two filters with the same query are the same search */
  toQuery: (filters: F) => LocationQueryRaw
  defaults: () => F
  /** asks the server for the list; runs once per distinct query (and on `reload(true)`) */
  load: (filters: F) => void
  debounceMs?: number
}

/**
 * A server-paged list whose filters live in the URL: the inputs edit `filters`, `apply()` writes
 * them to the query (back to page 1 unless the pager moved), and the route watcher loads. The URL
 * is the truth, so a bookmarked or reloaded list shows the same page, and Back undoes a filter.
 */
export function useUrlFilters<F extends Paging>(options: UrlFiltersOptions<F>) {
  const route = useRoute()
  const router = useRouter()
  // The route this list is shown for: when the user navigates elsewhere the query watcher fires
  // once more before the list unmounts, and must not search with someone else's query.
  const ownRecord = inject(matchedRouteKey, null)?.value
  const filters = reactive(options.fromQuery(route.query)) as F
  let lastKey = ''
  let typing: ReturnType<typeof setTimeout> | null = null

  const keyOf = (value: F): string => JSON.stringify(options.toQuery(value))

  function cancelTyping(): void {
    if (typing) clearTimeout(typing)
    typing = null
  }

  /** Loads what the URL says, unless that is what is shown already (`force` after a data change). */
  function reload(force = false): void {
    if (ownRecord && !route.matched.includes(ownRecord)) return
    const next = options.fromQuery(route.query)
    const key = keyOf(next)
    if (!force && key === lastKey) return
    lastKey = key
    Object.assign(filters, next)
    options.load(next)
  }

  function apply(page = 1): void {
    cancelTyping()
    filters.page = page
    void router.replace({ path: route.path, query: options.toQuery(filters) })
  }

  /** For text boxes: applies once typing pauses, so every keystroke is not a search. */
  function onType(): void {
    cancelTyping()
    typing = setTimeout(() => {
      typing = null
      apply()
    }, options.debounceMs ?? TYPING_DEBOUNCE_MS)
  }

  function reset(): void {
    Object.assign(filters, options.defaults(), { pageSize: filters.pageSize })
    apply()
  }

  function setPageSize(size: number): void {
    filters.pageSize = size
    apply()
  }

  const hasFilters = computed(() => Object.keys(options.toQuery({ ...filters, page: 1, pageSize: DEFAULT_PAGE_SIZE })).length > 0)

  watch(
    () => route.query,
    () => reload(),
  )
  onBeforeUnmount(cancelTyping)

  return { filters, apply, onType, reset, reload, setPageSize, hasFilters, typingPending: (): boolean => typing !== null }
}

/** The `[from, to]` model of a date-range picker over a list's `from`/`to` filters; a pick applies at once. */
export function useDateRangeFilter(filters: { from: string; to: string }, apply: () => void): WritableComputedRef<[string, string] | null> {
  return computed<[string, string] | null>({
    get: (): [string, string] | null => (filters.from && filters.to ? [filters.from, filters.to] : null),
    set: (value: [string, string] | null) => {
      filters.from = value?.[0] ?? ''
      filters.to = value?.[1] ?? ''
      apply()
    },
  })
}
