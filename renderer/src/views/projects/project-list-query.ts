import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { PROJECT_STATUSES, type ProjectStatus } from '@contract/projects.contract'
import { MAX_ID } from '@contract/schema-kit'
import type { ProjectListInput } from '../../stores/projects.store'
import { dateRangeTag, resetFields, type FilterTag } from '../../filter-tags'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryDate, queryPositiveInt, queryText } from '../../list-query'

/** 工地管理's filters as the URL holds them (`/projects?status=building&pm=12&mine=1`). */
export interface ProjectFilters {
  /** '' is 全部 */
  status: ProjectStatus | ''
  designer: number | null
  pm: number | null
  supervisor: number | null
  /** 我跟进的: the sites whose 跟进客服 is the logged-in agent */
  mine: boolean
  /** contract number, customer or address */
  q: string
  /** signed on these dates, cancelled contracts left out (the dashboard's 签约) */
  signedFrom: string
  signedTo: string
  page: number
  pageSize: number
}

export function defaultProjectFilters(): ProjectFilters {
  return { status: '', designer: null, pm: null, supervisor: null, mine: false, q: '', signedFrom: '', signedTo: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

export function projectFiltersFromQuery(query: LocationQuery): ProjectFilters {
  return {
    status: queryChoice(query, 'status', PROJECT_STATUSES),
    designer: queryPositiveInt(query, 'designer', null, MAX_ID),
    pm: queryPositiveInt(query, 'pm', null, MAX_ID),
    supervisor: queryPositiveInt(query, 'supervisor', null, MAX_ID),
    mine: queryText(query, 'mine') === '1',
    q: queryText(query, 'q').trim().slice(0, 40),
    signedFrom: queryDate(query, 'signedFrom'),
    signedTo: queryDate(query, 'signedTo'),
    ...pagingFromQuery(query),
  }
}

/** Defaults and empty values are left out so URLs stay short. */
export function queryFromProjectFilters(filters: ProjectFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.status) query.status = filters.status
  if (filters.designer !== null) query.designer = String(filters.designer)
  if (filters.pm !== null) query.pm = String(filters.pm)
  if (filters.supervisor !== null) query.supervisor = String(filters.supervisor)
  if (filters.mine) query.mine = '1'
  if (filters.q.trim()) query.q = filters.q.trim()
  if (filters.signedFrom) query.signedFrom = filters.signedFrom
  if (filters.signedTo) query.signedTo = filters.signedTo
  return { ...query, ...pagingQuery(filters) }
}

/** `me` is the logged-in staff account, the id a site's 跟进客服 carries. */
export function projectListInputOf(filters: ProjectFilters, me: number | null): ProjectListInput {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.designer !== null ? { designerId: filters.designer } : {}),
    ...(filters.pm !== null ? { projectManagerId: filters.pm } : {}),
    ...(filters.supervisor !== null ? { supervisorId: filters.supervisor } : {}),
    ...(filters.mine && me !== null ? { agentId: me } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.signedFrom ? { signedFrom: filters.signedFrom } : {}),
    ...(filters.signedTo ? { signedTo: filters.signedTo } : {}),
    page: filters.page,
    pageSize: filters.pageSize,
  }
}

/** The dashboard's filters, which the filter bar has no control for, as removable tags. */
export function projectTags(filters: ProjectFilters, t: (key: string, named?: Record<string, unknown>) => string): FilterTag[] {
  return dateRangeTag(t, 'signed', 'filterTags.signed', filters.signedFrom, filters.signedTo)
}

export function removeProjectTag(filters: ProjectFilters, key: string): void {
  if (key === 'signed') resetFields(filters, defaultProjectFilters(), ['signedFrom', 'signedTo'])
}
