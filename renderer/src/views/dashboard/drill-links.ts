import type { FunnelStage, PeriodRange } from '@contract/dashboard.contract'
import type { DaySegment } from '../../charts/calls-per-day.option'

/**
 * Where a click on the dashboard leads: the list that holds the counted rows, its filters in the
 * URL query. Every link of the dashboard is built here, so the query names of the lists are
 * written down once. Filters a list already had keep the names its screen reads (`agent`,
 * `designer`, `tab`, `state`, `due`); the ones added for the dashboard use the list methods' input
 * names (`weekday`, `hour`, `missed`, `paidFrom`, `signedFrom`, `resolvedFrom`, `doneFrom`, …).
 */
export interface DrillLink {
  path: string
  query: Record<string, string>
}

/** 来访记录: the walk-ins of any days (visits.list). */
export const VISIT_LIST_PATH = '/visits'

const link = (path: string, query: Record<string, string>): DrillLink => ({ path, query })
const day = (date: string): PeriodRange => ({ from: date, to: date })

/** Calls: `/call-log?from&to&direction=…` (missed: inbound nobody answered). */
export function callsLink(period: PeriodRange, segment?: DaySegment | 'answered'): DrillLink {
  const query: Record<string, string> = { from: period.from, to: period.to }
  if (segment === 'in' || segment === 'out') query.direction = segment
  if (segment === 'missed') Object.assign(query, { direction: 'in', missed: 'true' })
  if (segment === 'answered') query.status = 'answered'
  return link('/call-log', query)
}

/** A bar of 每日通话: that day's calls of that kind. */
export function callsOnDayLink(date: string, segment: DaySegment): DrillLink {
  return callsLink(day(date), segment)
}

/** A heat-map cell: the inbound calls of that weekday and hour across the period. */
export function heatCellLink(period: PeriodRange, cell: { weekday: number; hour: number }): DrillLink {
  return link('/call-log', { from: period.from, to: period.to, direction: 'in', weekday: String(cell.weekday), hour: String(cell.hour) })
}

/** Walk-ins of the period, of one source when given (null: those that named none). */
export function walkInsLink(period: PeriodRange, source?: string | null): DrillLink {
  const query: Record<string, string> = { from: period.from, to: period.to }
  if (source === null) query.noSource = 'true'
  else if (source !== undefined) query.source = source
  return link(VISIT_LIST_PATH, query)
}

export function depositsLink(period: PeriodRange, designerId?: number): DrillLink {
  return link('/deposits', { ...(designerId !== undefined ? { designer: String(designerId) } : {}), status: 'all', paidFrom: period.from, paidTo: period.to })
}

/** Contracts signed in the period (cancelled ones left out by the list, as the card leaves them out). */
export function contractsLink(period: PeriodRange): DrillLink {
  return link('/projects', { signedFrom: period.from, signedTo: period.to })
}

export function funnelStageLink(period: PeriodRange, stage: FunnelStage): DrillLink {
  switch (stage) {
    case 'inquiry':
      return link('/call-log', { direction: 'in', type: 'consult', from: period.from, to: period.to })
    case 'walkIn':
      return walkInsLink(period)
    case 'measure':
      return link('/call-log', { type: 'measure', from: period.from, to: period.to })
    case 'deposit':
      return depositsLink(period)
    case 'contract':
      return contractsLink(period)
  }
}

/** Complaints opened in the period, everyone's; narrowed to a category and severity when given. */
export function complaintsLink(period: PeriodRange, narrow: { category?: string; severity?: string; state?: 'open'; due?: 'breached' } = {}): DrillLink {
  const query: Record<string, string> = { scope: 'all', kind: 'complaint' }
  if (narrow.category !== undefined) query.category = narrow.category
  if (narrow.severity !== undefined) query.severity = narrow.severity
  if (narrow.state) query.state = narrow.state
  if (narrow.due) query.due = narrow.due
  return link('/tickets', { ...query, from: period.from, to: period.to })
}

/** Complaints and repairs resolved in the period (one day: a point of the on-time trend). */
export function resolvedLink(period: PeriodRange): DrillLink {
  return link('/tickets', { scope: 'all', resolvedFrom: period.from, resolvedTo: period.to })
}

/** Callbacks done in the period: the verdicts the satisfaction figures come from. */
export function callbacksDoneLink(period: PeriodRange): DrillLink {
  return link('/callbacks', { tab: 'done', doneFrom: period.from, doneTo: period.to })
}

/** Callbacks due in the period and still open: what keeps the completion rate down. */
export function callbacksDueLink(period: PeriodRange): DrillLink {
  return link('/callbacks', { tab: 'all', dueFrom: period.from, dueTo: period.to })
}

export function agentLink(period: PeriodRange, agentId: number): DrillLink {
  return link('/call-log', { agent: String(agentId), from: period.from, to: period.to })
}

/** Customers created in the period (customers.search's own names; the list also reads its from/to). */
export function newCustomersLink(period: PeriodRange): DrillLink {
  return link('/customers', { createdFrom: period.from, createdTo: period.to })
}

export const dayPeriod = day
