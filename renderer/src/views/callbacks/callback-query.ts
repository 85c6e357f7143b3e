import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CALLBACK_KINDS, type CallbackKind } from '@contract/callbacks.contract'
import { MAX_ID } from '@contract/schema-kit'
import type { CallbackListInput } from '../../stores/callbacks.store'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryPositiveInt, queryText } from '../../list-query'

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
  page: number
  pageSize: number
}

export function defaultCallbackFilters(): CallbackFilters {
  return { tab: 'today', kind: '', agent: null, upcoming: false, page: 1, pageSize: DEFAULT_PAGE_SIZE }
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
  switch (filters.tab) {
    case 'today':
      return { scope: 'mine', status: 'open', ...kind, ...(filters.upcoming ? {} : { dueBy: ctx.today }), ...paging }
    case 'pool':
      return { scope: 'unassigned', status: 'open', ...kind, ...paging }
    case 'all':
      return { scope: 'all', status: 'open', ...kind, ...agent, ...paging }
    case 'done':
      return { scope: ctx.mayViewAll ? 'all' : 'mine', status: 'done', ...kind, ...agent, ...paging }
  }
}
