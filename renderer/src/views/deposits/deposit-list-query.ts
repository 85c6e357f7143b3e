import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { DEPOSIT_LIST_STATUSES, type DepositListStatus } from '@contract/deposits.contract'
import { MAX_ID } from '@contract/schema-kit'
import type { DepositListInput } from '../../stores/deposits.store'
import { dateRangeTag, resetFields, type FilterTag } from '../../filter-tags'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryDate, queryPositiveInt, queryText } from '../../list-query'

/** 定金客户 (the list) or 设计师统计 (the weekly meeting's table). */
export const DEPOSIT_PAGE_TABS = ['list', 'stats'] as const
export type DepositPageTab = (typeof DEPOSIT_PAGE_TABS)[number]

/** 定金待签's filters as the URL holds them (`/deposits?status=lost&designer=4`, `/deposits?tab=stats&from=…&to=…`). */
export interface DepositFilters {
  tab: DepositPageTab
  /** a status tab, or 全部 */
  status: DepositListStatus
  designer: number | null
  /** pending at least this many days (the 待签 tab only) */
  minAge: number | null
  /** customer name or phone */
  q: string
  /** the statistics' period; empty is this month */
  from: string
  to: string
  /** paid on these company dates (the dashboard's deposits of a period) */
  paidFrom: string
  paidTo: string
  page: number
  pageSize: number
}

export function defaultDepositFilters(): DepositFilters {
  return { tab: 'list', status: 'pending', designer: null, minAge: null, q: '', from: '', to: '', paidFrom: '', paidTo: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

export function depositFiltersFromQuery(query: LocationQuery): DepositFilters {
  const from = queryDate(query, 'from')
  const to = queryDate(query, 'to')
  const period = from && to && from <= to ? { from, to } : { from: '', to: '' }
  return {
    tab: queryChoice(query, 'tab', DEPOSIT_PAGE_TABS) || 'list',
    status: queryChoice(query, 'status', DEPOSIT_LIST_STATUSES) || 'pending',
    designer: queryPositiveInt(query, 'designer', null, MAX_ID),
    minAge: queryPositiveInt(query, 'minAge', null, 3650),
    q: queryText(query, 'q').trim().slice(0, 40),
    ...period,
    paidFrom: queryDate(query, 'paidFrom'),
    paidTo: queryDate(query, 'paidTo'),
    ...pagingFromQuery(query),
  }
}

/** Defaults and empty values are left out so URLs stay short. */
export function queryFromDepositFilters(filters: DepositFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.tab !== 'list') query.tab = filters.tab
  if (filters.status !== 'pending') query.status = filters.status
  if (filters.designer !== null) query.designer = String(filters.designer)
  if (filters.minAge !== null && filters.minAge > 0 && filters.status === 'pending') query.minAge = String(filters.minAge)
  if (filters.q.trim()) query.q = filters.q.trim()
  if (filters.from && filters.to) {
    query.from = filters.from
    query.to = filters.to
  }
  if (filters.paidFrom) query.paidFrom = filters.paidFrom
  if (filters.paidTo) query.paidTo = filters.paidTo
  return { ...query, ...pagingQuery(filters) }
}

export function depositListInputOf(filters: DepositFilters): DepositListInput {
  return {
    status: filters.status,
    ...(filters.designer !== null ? { designerId: filters.designer } : {}),
    ...(filters.minAge !== null && filters.status === 'pending' ? { minAgeDays: filters.minAge } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.paidFrom ? { paidFrom: filters.paidFrom } : {}),
    ...(filters.paidTo ? { paidTo: filters.paidTo } : {}),
    page: filters.page,
    pageSize: filters.pageSize,
  }
}

/** The dashboard's filters, which the filter bar has no control for, as removable tags. */
export function depositTags(filters: DepositFilters, t: (key: string, named?: Record<string, unknown>) => string): FilterTag[] {
  return dateRangeTag(t, 'paid', 'filterTags.paid', filters.paidFrom, filters.paidTo)
}

export function removeDepositTag(filters: DepositFilters, key: string): void {
  if (key === 'paid') resetFields(filters, defaultDepositFilters(), ['paidFrom', 'paidTo'])
}
