import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { ViewingListInput } from '../../stores/viewings.store'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryDate } from '../../list-query'

/** 看房班车's filters as the URL holds them (`/viewings?from=2026-11-01&to=2026-11-30`). */
export interface ViewingFilters {
  from: string
  to: string
  page: number
  pageSize: number
}

export function defaultViewingFilters(): ViewingFilters {
  return { from: '', to: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

export function viewingFiltersFromQuery(query: LocationQuery): ViewingFilters {
  let from = queryDate(query, 'from')
  let to = queryDate(query, 'to')
  // a range typed backwards in the URL is still the same range
  if (from && to && from > to) [from, to] = [to, from]
  return { from, to, ...pagingFromQuery(query) }
}

export function queryFromViewingFilters(filters: ViewingFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.from) query.from = filters.from
  if (filters.to) query.to = filters.to
  return { ...query, ...pagingQuery(filters) }
}

export function viewingListInputOf(filters: ViewingFilters): ViewingListInput {
  return { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}), page: filters.page, pageSize: filters.pageSize }
}
