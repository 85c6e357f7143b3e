import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { WEEKLY_LISTS, type WeeklyList } from '@contract/projects.contract'
import { shiftDate, weekStartOf } from '@contract/time'
import type { ProjectListInput } from '../../stores/projects.store'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryDate } from '../../list-query'

/** 每周统计 as the URL holds it (`/weekly?week=2026-11-23&list=dueFinal`): the week, the count opened below, its page. */
export interface WeeklyFilters {
  /** the Monday of the week; '' is this week */
  week: string
  list: WeeklyList | ''
  page: number
  pageSize: number
}

export function defaultWeeklyFilters(): WeeklyFilters {
  return { week: '', list: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** Any day in the URL stands for its week (Monday to Sunday). */
export function weeklyFiltersFromQuery(query: LocationQuery): WeeklyFilters {
  const day = queryDate(query, 'week')
  return { week: day ? weekStartOf(day) : '', list: queryChoice(query, 'list', WEEKLY_LISTS), ...pagingFromQuery(query) }
}

export function queryFromWeeklyFilters(filters: WeeklyFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.week) query.week = filters.week
  if (filters.list) query.list = filters.list
  return { ...query, ...pagingQuery(filters) }
}

export interface Week {
  start: string
  end: string
}

/** The week shown: the one asked for, or the one today falls in. */
export function weekOf(filters: Pick<WeeklyFilters, 'week'>, today: string): Week {
  const start = filters.week || weekStartOf(today)
  return { start, end: shiftDate(start, 6) }
}

/** The Monday `weeks` weeks away; this week's is left out of the URL. */
export function movedWeek(start: string, weeks: number, today: string): string {
  const next = shiftDate(start, weeks * 7)
  return next === weekStartOf(today) ? '' : next
}

export function weeklyListInputOf(filters: WeeklyFilters & { list: WeeklyList }, week: Week): ProjectListInput {
  return { weekly: filters.list, weekOf: week.start, page: filters.page, pageSize: filters.pageSize }
}
