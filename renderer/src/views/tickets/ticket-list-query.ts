import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { TICKET_KINDS, TICKET_STATES, type TicketKind, type TicketScope } from '@contract/tickets.contract'
import { MAX_ID } from '@contract/schema-kit'
import type { TicketListInput } from '../../stores/tickets.store'
import { dateRangeTag, resetFields, type FilterTag } from '../../filter-tags'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryDate, queryPositiveInt, queryText } from '../../list-query'

export const TICKET_SCOPES = ['mine', 'department', 'all'] as const satisfies readonly TicketScope[]
/** `open` is every state whose clock runs or is paused (未结), beside the single states */
export const STATE_FILTERS = ['open', ...TICKET_STATES] as const
export type StateFilter = (typeof STATE_FILTERS)[number]
/** 已超时 is asked of the server; 即将超时 comes from the risk board (the list has no such filter) */
export const DUE_FILTERS = ['breached', 'atRisk'] as const
export type DueFilter = (typeof DUE_FILTERS)[number]

/** 投诉维修's filters as the URL holds them (`/tickets?scope=department&state=open&due=breached`). */
export interface TicketFilters {
  scope: TicketScope
  state: StateFilter | ''
  kind: TicketKind | ''
  severity: string
  category: string
  department: number | null
  /** the responsible person (组织架构 person id) */
  person: number | null
  due: DueFilter | ''
  /** ticket number or customer name */
  q: string
  /** YYYY-MM-DD company days of creation */
  from: string
  to: string
  /** YYYY-MM-DD company days of resolution (the dashboard's on-time trend) */
  resolvedFrom: string
  resolvedTo: string
  page: number
  pageSize: number
}

export function defaultTicketFilters(): TicketFilters {
  return { scope: 'mine', state: '', kind: '', severity: '', category: '', department: null, person: null, due: '', q: '', from: '', to: '', resolvedFrom: '', resolvedTo: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** What the scope tabs may offer: 全部 needs tickets.all; whoever may not act on tickets sees only their own. */
export function scopesFor(can: { all: boolean; write: boolean }): TicketScope[] {
  if (!can.write) return ['mine']
  return can.all ? [...TICKET_SCOPES] : ['mine', 'department']
}

/** `allowed` comes from `scopesFor`: a bookmarked `scope=all` without the right falls back to mine instead of a FORBIDDEN. */
export function ticketFiltersFromQuery(query: LocationQuery, allowed: readonly TicketScope[]): TicketFilters {
  const scope = queryChoice(query, 'scope', TICKET_SCOPES)
  return {
    scope: scope && allowed.includes(scope) ? scope : 'mine',
    state: queryChoice(query, 'state', STATE_FILTERS),
    kind: queryChoice(query, 'kind', TICKET_KINDS),
    severity: queryText(query, 'severity').trim().slice(0, 30),
    category: queryText(query, 'category').trim().slice(0, 30),
    department: queryPositiveInt(query, 'department', null, MAX_ID),
    person: queryPositiveInt(query, 'person', null, MAX_ID),
    due: queryChoice(query, 'due', DUE_FILTERS),
    q: queryText(query, 'q').trim().slice(0, 40),
    from: queryDate(query, 'from'),
    to: queryDate(query, 'to'),
    resolvedFrom: queryDate(query, 'resolvedFrom'),
    resolvedTo: queryDate(query, 'resolvedTo'),
    ...pagingFromQuery(query),
  }
}

/** Defaults and empty values are left out so URLs stay short. */
export function queryFromTicketFilters(filters: TicketFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.scope !== 'mine') query.scope = filters.scope
  if (filters.state) query.state = filters.state
  if (filters.kind) query.kind = filters.kind
  if (filters.severity) query.severity = filters.severity
  if (filters.category) query.category = filters.category
  if (filters.department !== null) query.department = String(filters.department)
  if (filters.person !== null) query.person = String(filters.person)
  if (filters.due) query.due = filters.due
  if (filters.q.trim()) query.q = filters.q.trim()
  if (filters.from) query.from = filters.from
  if (filters.to) query.to = filters.to
  if (filters.resolvedFrom) query.resolvedFrom = filters.resolvedFrom
  if (filters.resolvedTo) query.resolvedTo = filters.resolvedTo
  return { ...query, ...pagingQuery(filters) }
}

export function ticketListInputOf(filters: TicketFilters): TicketListInput {
  const state = filters.state === 'open' ? { open: true } : filters.state ? { state: filters.state } : {}
  return {
    scope: filters.scope,
    ...state,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.department !== null ? { departmentId: filters.department } : {}),
    ...(filters.person !== null ? { personId: filters.person } : {}),
    ...(filters.due === 'breached' ? { overdue: true } : {}),
    ...(filters.due === 'atRisk' ? { atRisk: true } : {}),
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.resolvedFrom ? { resolvedFrom: filters.resolvedFrom } : {}),
    ...(filters.resolvedTo ? { resolvedTo: filters.resolvedTo } : {}),
    page: filters.page,
    pageSize: filters.pageSize,
  }
}

/** The dashboard's filters, which the filter bar has no control for, as removable tags. */
export function ticketTags(filters: TicketFilters, t: (key: string, named?: Record<string, unknown>) => string): FilterTag[] {
  return dateRangeTag(t, 'resolved', 'filterTags.resolved', filters.resolvedFrom, filters.resolvedTo)
}

export function removeTicketTag(filters: TicketFilters, key: string): void {
  if (key === 'resolved') resetFields(filters, defaultTicketFilters(), ['resolvedFrom', 'resolvedTo'])
}
