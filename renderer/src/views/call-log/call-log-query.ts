import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { CALL_DIRECTIONS, CALL_STATUSES, CALL_TYPES, type CallDirection, type CallStatus, type CallType } from '@contract/calls.contract'
import { MAX_ID } from '@contract/schema-kit'
import type { CallListInput } from '../../stores/call-log.store'
import { DEFAULT_PAGE_SIZE, pagingFromQuery, pagingQuery, queryChoice, queryDate, queryPositiveInt, queryText } from '../../list-query'

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
  page: number
  pageSize: number
}

export function defaultCallLogFilters(): CallLogFilters {
  return { from: '', to: '', direction: '', status: '', type: '', agent: null, phone: '', page: 1, pageSize: DEFAULT_PAGE_SIZE }
}

/** What `calls.list` accepts as a number: anything else would come back as a validation error. */
const TYPED_NUMBER = /^[0-9+\-()（）\s.#*]{1,40}$/

export function callLogFiltersFromQuery(query: LocationQuery): CallLogFilters {
  const phone = queryText(query, 'phone').trim()
  return {
    from: queryDate(query, 'from'),
    to: queryDate(query, 'to'),
    direction: queryChoice(query, 'direction', CALL_DIRECTIONS),
    status: queryChoice(query, 'status', CALL_STATUSES),
    type: queryChoice(query, 'type', CALL_TYPES),
    agent: queryPositiveInt(query, 'agent', null, MAX_ID),
    phone: TYPED_NUMBER.test(phone) ? phone : '',
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
    page: filters.page,
    pageSize: filters.pageSize,
  }
}
