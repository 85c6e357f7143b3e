import type { LocationQuery } from 'vue-router'

/**
 * Reading a server-paged list's filters from the URL query, so that a list can be bookmarked and
 * reloaded. Every list reads its own filters with these; anything malformed falls back to the
 * default instead of reaching the API as a validation error.
 */

export const PAGE_SIZES = [20, 50, 100] as const
export const DEFAULT_PAGE_SIZE = 20

export interface Paging {
  page: number
  pageSize: number
}

/** The first value of a query key, or '' (a repeated key keeps its first value). */
export function queryText(query: LocationQuery, key: string): string {
  const value = query[key]
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first : ''
}

/** A `YYYY-MM-DD` company day, or ''. */
export function queryDate(query: LocationQuery, key: string): string {
  const value = queryText(query, key)
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : ''
}

/** One of the allowed values, or '' for anything else. */
export function queryChoice<T extends string>(query: LocationQuery, key: string, allowed: readonly T[]): T | '' {
  const value = queryText(query, key)
  return (allowed as readonly string[]).includes(value) ? (value as T) : ''
}

/** A whole number from 1 to `max`, else `fallback`. */
export function queryPositiveInt<F>(query: LocationQuery, key: string, fallback: F, max: number): number | F {
  const n = Number(queryText(query, key))
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback
}

/** A whole number from `min` to `max` (0 allowed), else null. */
export function queryIntIn(query: LocationQuery, key: string, min: number, max: number): number | null {
  const text = queryText(query, key)
  const n = Number(text)
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : null
}

/** A yes/no filter: `1` (as the lists write it) or `true`. */
export function queryFlag(query: LocationQuery, key: string): boolean {
  const value = queryText(query, key)
  return value === '1' || value === 'true'
}

/** `page` and `size` of the query; a page size the pager does not offer is the default. */
export function pagingFromQuery(query: LocationQuery): Paging {
  const size = queryPositiveInt(query, 'size', DEFAULT_PAGE_SIZE, 200)
  return {
    page: queryPositiveInt(query, 'page', 1, 100000),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  }
}

/** The paging part of a URL query; defaults are left out so URLs stay short. */
export function pagingQuery(paging: Paging): Record<string, string> {
  const query: Record<string, string> = {}
  if (paging.page !== 1) query.page = String(paging.page)
  if (paging.pageSize !== DEFAULT_PAGE_SIZE) query.size = String(paging.pageSize)
  return query
}
