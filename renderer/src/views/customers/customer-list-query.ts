import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { CustomerSearchInput } from '../../stores/customers.store'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryDate, queryText } from '../../list-query'

/** The customer list's filters: what the URL query holds, so a list can be bookmarked and reloaded. */
export interface CustomerFilters {
  q: string
  community: string
  source: string
  grade: string
  /** YYYY-MM-DD, company days */
  from: string
  to: string
  page: number
  pageSize: number
}

export function defaultFilters(): CustomerFilters {
  return { q: '', community: '', source: '', grade: '', from: '', to: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** Reads the filters back from a URL query; anything malformed falls back to the default. */
export function filtersFromQuery(query: LocationQuery): CustomerFilters {
  return {
    q: queryText(query, 'q').trim(),
    community: queryText(query, 'community').trim(),
    source: queryText(query, 'source'),
    grade: queryText(query, 'grade'),
    // the dashboard links with customers.search's own names (createdFrom, createdTo); the list writes from/to
    from: queryDate(query, 'from') || queryDate(query, 'createdFrom'),
    to: queryDate(query, 'to') || queryDate(query, 'createdTo'),
    ...pagingFromQuery(query),
  }
}

/** The URL query for these filters; defaults and empty values are left out so URLs stay short. */
export function queryFromFilters(filters: CustomerFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.q.trim()) query.q = filters.q.trim()
  if (filters.community.trim()) query.community = filters.community.trim()
  if (filters.source) query.source = filters.source
  if (filters.grade) query.grade = filters.grade
  if (filters.from) query.from = filters.from
  if (filters.to) query.to = filters.to
  return { ...query, ...pagingQuery(filters) }
}

export function searchInputOf(filters: CustomerFilters): CustomerSearchInput {
  return {
    q: filters.q || null,
    community: filters.community || null,
    sourceChannel: filters.source || null,
    grade: filters.grade || null,
    ...(filters.from ? { createdFrom: filters.from } : {}),
    ...(filters.to ? { createdTo: filters.to } : {}),
    page: filters.page,
    pageSize: filters.pageSize,
  }
}
