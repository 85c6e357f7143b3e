import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { CustomerSearchInput } from '../../stores/customers.store'

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

export const PAGE_SIZES = [20, 50, 100] as const
const DEFAULT_PAGE_SIZE = 20

export function defaultFilters(): CustomerFilters {
  return { q: '', community: '', source: '', grade: '', from: '', to: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

function one(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

const isDate = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value)

function positiveInt(value: string, fallback: number, max: number): number {
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback
}

/** Reads the filters back from a URL query; anything malformed falls back to the default. */
export function filtersFromQuery(query: LocationQuery): CustomerFilters {
  const size = positiveInt(one(query.size), DEFAULT_PAGE_SIZE, 200)
  return {
    q: one(query.q).trim(),
    community: one(query.community).trim(),
    source: one(query.source),
    grade: one(query.grade),
    from: isDate(one(query.from)) ? one(query.from) : '',
    to: isDate(one(query.to)) ? one(query.to) : '',
    page: positiveInt(one(query.page), 1, 100000),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
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
  if (filters.page !== 1) query.page = String(filters.page)
  if (filters.pageSize !== DEFAULT_PAGE_SIZE) query.size = String(filters.pageSize)
  return query
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

/** Same filters, whatever order the query came in: decides whether the list must be searched again. */
export function filtersKey(filters: CustomerFilters): string {
  return JSON.stringify(queryFromFilters(filters))
}
