import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CALL_DIRECTIONS, CALL_STATUSES, CALL_TYPES, type CallDirection, type CallStatus, type CallType } from '@contract/calls.contract'
import { MAX_PERIOD_DAYS } from '@contract/dashboard.contract'
import { MAX_ID } from '@contract/schema-kit'
import { daysBetween } from '@contract/time'
import type { CallListInput } from '../../stores/call-log.store'
import { resetFields, type FilterTag } from '../../filter-tags'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryDate, queryFlag, queryIntIn, queryPositiveInt, queryText } from '../../list-query'

/** The call log's filters as the URL holds them (`/call-log?from=…&status=missed&agent=3`). */
export interface CallLogFilters {
  /** YYYY-MM-DD, company days */
  from: string
  to: string
  direction: CallDirection | ''
  status: CallStatus | ''
  type: CallType | ''
  /** the agent's staff account id */
  agent: number | null
  /** a number or its last digits, as typed */
  phone: string
  /** the dashboard's heat-map cell: 1 = Monday … 7 = Sunday and 0–23, company time, within from–to */
  weekday: number | null
  hour: number | null
  /** inbound calls missed or abandoned */
  missed: boolean
  page: number
  pageSize: number
}

export function defaultCallLogFilters(): CallLogFilters {
  return { from: '', to: '', direction: '', status: '', type: '', agent: null, phone: '', weekday: null, hour: null, missed: false, page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** A weekday or hour needs a period of at most a dashboard's length: anything else would come back as a validation error. */
function hoursApply(f: Pick<CallLogFilters, 'from' | 'to'>): boolean {
  return Boolean(f.from && f.to && f.from <= f.to && daysBetween(f.from, f.to) < MAX_PERIOD_DAYS)
}

/** What `calls.list` accepts as a number: anything else would come back as a validation error. */
const TYPED_NUMBER = /^[0-9+\-()（）\s.#*]{1,40}$/

export function callLogFiltersFromQuery(query: LocationQuery): CallLogFilters {
  const phone = queryText(query, 'phone').trim()
  const period = { from: queryDate(query, 'from'), to: queryDate(query, 'to') }
  const hours = hoursApply(period)
  return {
    ...period,
    direction: queryChoice(query, 'direction', CALL_DIRECTIONS),
    status: queryChoice(query, 'status', CALL_STATUSES),
    type: queryChoice(query, 'type', CALL_TYPES),
    agent: queryPositiveInt(query, 'agent', null, MAX_ID),
    phone: TYPED_NUMBER.test(phone) ? phone : '',
    weekday: hours ? queryIntIn(query, 'weekday', 1, 7) : null,
    hour: hours ? queryIntIn(query, 'hour', 0, 23) : null,
    missed: queryFlag(query, 'missed'),
    ...pagingFromQuery(query),
  }
}

export function queryFromCallLogFilters(filters: CallLogFilters): LocationQueryRaw {
  const query: Record<string, string> = {}
  if (filters.from) query.from = filters.from
  if (filters.to) query.to = filters.to
  if (filters.direction) query.direction = filters.direction
  if (filters.status) query.status = filters.status
  if (filters.type) query.type = filters.type
  if (filters.agent !== null) query.agent = String(filters.agent)
  if (filters.phone.trim()) query.phone = filters.phone.trim()
  if (filters.weekday !== null && hoursApply(filters)) query.weekday = String(filters.weekday)
  if (filters.hour !== null && hoursApply(filters)) query.hour = String(filters.hour)
  if (filters.missed) query.missed = '1'
  return { ...query, ...pagingQuery(filters) }
}

export function callListInputOf(filters: CallLogFilters): CallListInput {
  return {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.direction ? { direction: filters.direction } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.agent !== null ? { agentId: filters.agent } : {}),
    ...(filters.phone ? { phone: filters.phone } : {}),
    ...(filters.weekday !== null && hoursApply(filters) ? { weekday: filters.weekday } : {}),
    ...(filters.hour !== null && hoursApply(filters) ? { hour: filters.hour } : {}),
    ...(filters.missed ? { missed: true } : {}),
    page: filters.page,
    pageSize: filters.pageSize,
  }
}

const TAG_FIELDS = { weekday: ['weekday'], hour: ['hour'], missed: ['missed'] } as const satisfies Record<string, readonly (keyof CallLogFilters)[]>

/** The dashboard's filters, which the filter bar has no control for, as removable tags. */
export function callLogTags(filters: CallLogFilters, t: (key: string, named?: Record<string, unknown>) => string): FilterTag[] {
  const tags: FilterTag[] = []
  if (filters.weekday !== null && hoursApply(filters)) tags.push({ key: 'weekday', label: t(`filterTags.weekday.w${filters.weekday}`) })
  if (filters.hour !== null && hoursApply(filters)) {
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`
    tags.push({ key: 'hour', label: t('filterTags.hour', { from: hh(filters.hour), to: hh(filters.hour + 1) }) })
  }
  if (filters.missed) tags.push({ key: 'missed', label: t('filterTags.missed') })
  return tags
}

export function removeCallLogTag(filters: CallLogFilters, key: string): void {
  if (key in TAG_FIELDS) resetFields(filters, defaultCallLogFilters(), TAG_FIELDS[key as keyof typeof TAG_FIELDS])
}
