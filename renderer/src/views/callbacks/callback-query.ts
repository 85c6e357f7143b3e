import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { CallbackListInput } from '../../stores/callbacks.store'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice } from '../../list-query'

export const CALLBACK_SCOPES = ['mine', 'all'] as const
export type CallbackScope = (typeof CALLBACK_SCOPES)[number]
/** the two tabs; cancelled callbacks (a reopened ticket's) are nobody's work */
export const CALLBACK_TABS = ['open', 'done'] as const
export type CallbackTab = (typeof CALLBACK_TABS)[number]

/** 回访任务's filters as the URL holds them (`/callbacks?scope=all&status=done`). */
export interface CallbackFilters {
  scope: CallbackScope
  status: CallbackTab
  page: number
  pageSize: number
}

export function defaultCallbackFilters(): CallbackFilters {
  return { scope: 'mine', status: 'open', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** `mayViewAll`: without tickets.all a bookmarked `scope=all` falls back to mine instead of a FORBIDDEN. */
export function callbackFiltersFromQuery(query: LocationQuery, mayViewAll: boolean): CallbackFilters {
  const scope = queryChoice(query, 'scope', CALLBACK_SCOPES)
  return {
    scope: scope === 'all' && mayViewAll ? 'all' : 'mine',
    status: queryChoice(query, 'status', CALLBACK_TABS) || 'open',
    ...pagingFromQuery(query),
  }
}

export function queryFromCallbackFilters(filters: CallbackFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.scope !== 'mine') query.scope = filters.scope
  if (filters.status !== 'open') query.status = filters.status
  return { ...query, ...pagingQuery(filters) }
}

export function callbackListInputOf(filters: CallbackFilters): CallbackListInput {
  return { scope: filters.scope, status: filters.status, page: filters.page, pageSize: filters.pageSize }
}
