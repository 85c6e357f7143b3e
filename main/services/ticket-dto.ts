import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { Satisfaction } from '../contract/callbacks.contract'
import type { TicketKind, TicketListItem, TicketSource, TicketState } from '../contract/tickets.contract'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import { phoneForUser } from './customer-dto'
import { ticketClock, type ClockFields } from './ticket-clock'

type RawTime = string | Date

/** One row of the ticket list query, as the driver returns it. */
export interface TicketRaw {
  id: number
  no: string
  kind: TicketKind
  state: TicketState
  source: TicketSource
  customerId: number
  customerName: string
  phone: string | null
  category: string
  severity: string
  description: string
  departmentId: number | null
  departmentName: string | null
  personId: number | null
  personName: string | null
  handlerId: number | null
  handlerName: string | null
  createdAt: RawTime
  suspendedAt: RawTime | null
  responseDueAt: RawTime
  responseRiskAt: RawTime
  respondedAt: RawTime | null
  resolutionDueAt: RawTime
  resolutionRiskAt: RawTime
  resolvedAt: RawTime | null
  closedAt: RawTime | null
  escalationLevel: number | string
  riskNoticed: number | string
  repeatOfId: number | null
  repeatNo: string | null
  satisfaction: Satisfaction | null
  version: number | string
}

/** The columns of a ticket list row, with the names of customer, department, people and the repeated ticket. */
export function ticketListQuery(em: EntityManager) {
  return em
    .createQueryBuilder()
    .from('ticket', 't')
    .innerJoin('customer', 'c', 'c.id = t.customer_id')
    .leftJoin('customer_phone', 'cp', 'cp.customer_id = t.customer_id AND cp.is_primary = :primary', { primary: true })
    .leftJoin('department', 'd', 'd.id = t.department_id')
    .leftJoin('person', 'p', 'p.id = t.person_id')
    .leftJoin('staff_account', 'h', 'h.id = t.handler_id')
    .leftJoin('ticket', 'r', 'r.id = t.repeat_of_id')
    .select(['t.id AS id', 't.no AS no', 't.kind AS kind', 't.state AS state', 't.source AS source'])
    .addSelect(['t.customer_id AS "customerId"', 'c.name AS "customerName"', 'cp.normalized AS phone'])
    .addSelect(['t.category AS category', 't.severity AS severity', 't.description AS description'])
    .addSelect(['t.department_id AS "departmentId"', 'd.name AS "departmentName"', 't.person_id AS "personId"', 'p.name AS "personName"'])
    .addSelect(['t.handler_id AS "handlerId"', 'h.display_name AS "handlerName"'])
    .addSelect(['t.created_at AS "createdAt"', 't.suspended_at AS "suspendedAt"', 't.response_due_at AS "responseDueAt"', 't.response_risk_at AS "responseRiskAt"'])
    .addSelect(['t.responded_at AS "respondedAt"', 't.resolution_due_at AS "resolutionDueAt"', 't.resolution_risk_at AS "resolutionRiskAt"', 't.resolved_at AS "resolvedAt"'])
    .addSelect(['t.closed_at AS "closedAt"', 't.escalation_level AS "escalationLevel"', 't.risk_noticed AS "riskNoticed"'])
    .addSelect(['t.repeat_of_id AS "repeatOfId"', 'r.no AS "repeatNo"', 't.satisfaction AS satisfaction', 't.version AS version'])
}

const date = (v: RawTime): Date => new Date(toIso(v))
const dateOrNull = (v: RawTime | null): Date | null => (v === null ? null : date(v))

export function clockFieldsOf(r: TicketRaw): ClockFields {
  return {
    state: r.state,
    suspendedAt: dateOrNull(r.suspendedAt),
    responseDueAt: date(r.responseDueAt),
    responseRiskAt: date(r.responseRiskAt),
    respondedAt: dateOrNull(r.respondedAt),
    resolutionDueAt: date(r.resolutionDueAt),
    resolutionRiskAt: date(r.resolutionRiskAt),
    resolvedAt: dateOrNull(r.resolvedAt),
    escalationLevel: toNumber(r.escalationLevel),
    riskNoticed: toNumber(r.riskNoticed),
  }
}

/** The first line of the description, short enough for a list column. */
export function subjectOf(description: string): string {
  const line = description.split(/\r?\n/, 1)[0].trim()
  return line.length > 60 ? `${line.slice(0, 59)}…` : line
}

export function toTicketListItem(r: TicketRaw, user: SessionUser, now: Date, riskPercent: number): TicketListItem {
  return {
    id: r.id,
    no: r.no,
    kind: r.kind,
    state: r.state,
    source: r.source,
    customer: { id: r.customerId, name: r.customerName },
    phone: phoneForUser(r.phone, user),
    category: r.category,
    severity: r.severity,
    subject: subjectOf(r.description),
    department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null,
    responsible: r.personId ? { id: r.personId, name: r.personName ?? '' } : null,
    handler: r.handlerId ? { id: r.handlerId, name: r.handlerName ?? '' } : null,
    createdAt: toIso(r.createdAt),
    responseDueAt: toIso(r.responseDueAt),
    respondedAt: toIsoOrNull(r.respondedAt),
    resolutionDueAt: toIso(r.resolutionDueAt),
    resolvedAt: toIsoOrNull(r.resolvedAt),
    closedAt: toIsoOrNull(r.closedAt),
    clock: ticketClock(clockFieldsOf(r), now, riskPercent),
    escalationLevel: toNumber(r.escalationLevel),
    repeatOf: r.repeatOfId ? { id: r.repeatOfId, no: r.repeatNo ?? '' } : null,
    satisfaction: r.satisfaction,
    version: toNumber(r.version),
  }
}
