import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CALLBACK_KINDS, type CallbackKind } from '@contract/callbacks.contract'
import { MAX_ID } from '@contract/schema-kit'
import type { CallbackListInput } from '../../stores/callbacks.store'
import { dateRangeTag, resetFields, type FilterTag } from '../../filter-tags'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryDate, queryPositiveInt, queryText } from '../../list-query'

/**
 * The desk's tabs: 今日待回访 (mine, due today or overdue), 待认领 (nobody's yet), 全部 (everyone's
 * open ones, for shift leads and managers) and 已完成. Cancelled callbacks are nobody's work.
 */
export const CALLBACK_TABS = ['today', 'pool', 'all', 'done'] as const
export type CallbackTab = (typeof CALLBACK_TABS)[number]
/** the tabs whose rows are still to be called */
export const OPEN_TABS: readonly CallbackTab[] = ['today', 'pool', 'all']

/** 回访任务's filters as the URL holds them (`/callbacks?tab=all&kind=milestone&agent=7`). */
export interface CallbackFilters {
  tab: CallbackTab
  kind: CallbackKind | ''
  /** 回访客服: on 全部 and 已完成, for those who see everyone's */
  agent: number | null
  /** 今日待回访 with the callbacks due later too */
  upcoming: boolean
  /** due on these company dates (the dashboard's callback completion), on any tab */
  dueFrom: string
  dueTo: string
  /** done on these company dates (the dashboard's satisfaction trend): 已完成 only */
  doneFrom: string
  doneTo: string
  page: number
  pageSize: number
}

export function defaultCallbackFilters(): CallbackFilters {
  return { tab: 'today', kind: '', agent: null, upcoming: false, dueFrom: '', dueTo: '', doneFrom: '', doneTo: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** 全部 needs tickets.all (shift leads, managers). */
export function tabsFor(mayViewAll: boolean): CallbackTab[] {
  return mayViewAll ? [...CALLBACK_TABS] : CALLBACK_TABS.filter((tab) => tab !== 'all')
}

/** Whether the agent filter applies: everyone's lists only. */
export function filtersByAgent(tab: CallbackTab, mayViewAll: boolean): boolean {
  return mayViewAll && (tab === 'all' || tab === 'done')
}

/** `mayViewAll`: without tickets.all a bookmarked `tab=all` falls back to today instead of a FORBIDDEN. */
export function callbackFiltersFromQuery(query: LocationQuery, mayViewAll: boolean): CallbackFilters {
  const tab = queryChoice(query, 'tab', CALLBACK_TABS)
  const shown = tab && tabsFor(mayViewAll).includes(tab) ? tab : 'today'
  return {
    tab: shown,
    kind: queryChoice(query, 'kind', CALLBACK_KINDS),
    agent: filtersByAgent(shown, mayViewAll) ? queryPositiveInt(query, 'agent', null, MAX_ID) : null,
    upcoming: shown === 'today' && queryText(query, 'upcoming') === '1',
    dueFrom: queryDate(query, 'dueFrom'),
    dueTo: queryDate(query, 'dueTo'),
    doneFrom: shown === 'done' ? queryDate(query, 'doneFrom') : '',
    doneTo: shown === 'done' ? queryDate(query, 'doneTo') : '',
    ...pagingFromQuery(query),
  }
}

/** Defaults and empty values are left out so URLs stay short. */
export function queryFromCallbackFilters(filters: CallbackFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.tab !== 'today') query.tab = filters.tab
  if (filters.kind) query.kind = filters.kind
  if (filters.agent !== null && (filters.tab === 'all' || filters.tab === 'done')) query.agent = String(filters.agent)
  if (filters.upcoming && filters.tab === 'today') query.upcoming = '1'
  if (filters.dueFrom) query.dueFrom = filters.dueFrom
  if (filters.dueTo) query.dueTo = filters.dueTo
  if (filters.doneFrom && filters.tab === 'done') query.doneFrom = filters.doneFrom
  if (filters.doneTo && filters.tab === 'done') query.doneTo = filters.doneTo
  return { ...query, ...pagingQuery(filters) }
}

/**
 * What `callbacks.list` is asked for a tab. `today` is the company's date (settings time zone):
 * 今日待回访 is due by then, which takes in the overdue ones too.
 */
export function callbackListInputOf(filters: CallbackFilters, ctx: { today: string; mayViewAll: boolean }): CallbackListInput {
  const kind = filters.kind ? { kind: filters.kind } : {}
  const agent = filters.agent !== null && filtersByAgent(filters.tab, ctx.mayViewAll) ? { agentId: filters.agent } : {}
  const paging = { page: filters.page, pageSize: filters.pageSize }
  const due = { ...(filters.dueFrom ? { dueFrom: filters.dueFrom } : {}), ...(filters.dueTo ? { dueTo: filters.dueTo } : {}) }
  switch (filters.tab) {
    case 'today':
      return { scope: 'mine', status: 'open', ...kind, ...(filters.upcoming ? {} : { dueBy: ctx.today }), ...due, ...paging }
    case 'pool':
      return { scope: 'unassigned', status: 'open', ...kind, ...due, ...paging }
    case 'all':
      return { scope: 'all', status: 'open', ...kind, ...agent, ...due, ...paging }
    case 'done': {
      const done = { ...(filters.doneFrom ? { doneFrom: filters.doneFrom } : {}), ...(filters.doneTo ? { doneTo: filters.doneTo } : {}) }
      return { scope: ctx.mayViewAll ? 'all' : 'mine', status: 'done', ...kind, ...agent, ...due, ...done, ...paging }
    }
  }
}

/** The dashboard's filters, which the filter bar has no control for, as removable tags. */
export function callbackTags(filters: CallbackFilters, t: (key: string, named?: Record<string, unknown>) => string): FilterTag[] {
  return [
    ...dateRangeTag(t, 'due', 'filterTags.due', filters.dueFrom, filters.dueTo),
    ...(filters.tab === 'done' ? dateRangeTag(t, 'done', 'filterTags.done', filters.doneFrom, filters.doneTo) : []),
  ]
}

const TAG_FIELDS = { due: ['dueFrom', 'dueTo'], done: ['doneFrom', 'doneTo'] } as const satisfies Record<string, readonly (keyof CallbackFilters)[]>

export function removeCallbackTag(filters: CallbackFilters, key: string): void {
  if (key in TAG_FIELDS) resetFields(filters, defaultCallbackFilters(), TAG_FIELDS[key as keyof typeof TAG_FIELDS])
}
