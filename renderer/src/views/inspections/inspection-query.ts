import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice } from '../../list-query'

/** 待巡检, 整改通知, 巡检记录 */
export const INSPECTION_TABS = ['due', 'rectifications', 'records'] as const
export type InspectionTab = (typeof INSPECTION_TABS)[number]
export const RECTIFICATION_FILTERS = ['open', 'overdue', 'passed'] as const
export type RectificationFilter = (typeof RECTIFICATION_FILTERS)[number]

/** 工地巡检's filters as the URL holds them (`/inspections?tab=rectifications&status=overdue`). */
export interface InspectionFilters {
  tab: InspectionTab
  /** the 整改通知 tab only */
  status: RectificationFilter
  page: number
  pageSize: number
}

export function defaultInspectionFilters(): InspectionFilters {
  return { tab: 'due', status: 'open', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

export function inspectionFiltersFromQuery(query: LocationQuery): InspectionFilters {
  return {
    tab: queryChoice(query, 'tab', INSPECTION_TABS) || 'due',
    status: queryChoice(query, 'status', RECTIFICATION_FILTERS) || 'open',
    ...pagingFromQuery(query),
  }
}

export function queryFromInspectionFilters(filters: InspectionFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.tab !== 'due') query.tab = filters.tab
  if (filters.tab === 'rectifications' && filters.status !== 'open') query.status = filters.status
  return { ...query, ...pagingQuery(filters) }
}

/** The inspection shown in the drawer beside the list (`?inspection=12`), or null. */
export function openInspectionOf(query: LocationQuery): number | null {
  const value = query.inspection
  const n = Number(Array.isArray(value) ? value[0] : value)
  return Number.isInteger(n) && n > 0 ? n : null
}
