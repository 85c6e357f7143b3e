import type { TicketRow } from '../../database/entities'
import { clockColumns } from '../services/ticket-clock'
import { sqlNumber as n, sqlText as q, sqlTime as ts } from './bulk-insert'
import type { AssessmentEntry, CallbackEntry, LogEntry, Notice } from './ticket-record'

/** The tables' columns in the order the literals below write them. */
export const TICKET_COLUMNS = [
  'id', 'no', 'kind', 'source', 'customer_id', 'project_id', 'call_id', 'visit_id', 'category', 'severity', 'description', 'expectation',
  'address', 'preferred_time', 'completion_date', 'worker_id', 'appointment_at', 'department_id', 'person_id', 'handler_id', 'state',
  'suspended_from', 'suspended_at', 'suspend_reason', 'paused_sec', 'response_due_at', 'response_risk_at', 'responded_at',
  'resolution_due_at', 'resolution_risk_at', 'resolved_at', 'result', 'closed_at', 'cancelled_at', 'escalation_level', 'escalated_at',
  'alert_at', 'clock_due_at', 'clock_risk_at', 'risk_noticed', 'leader_complaint', 'repeat_of_id', 'satisfaction', 'rating', 'created_by', 'created_at', 'updated_at', 'version',
] as const
export const LOG_COLUMNS = ['ticket_id', 'action', 'from_state', 'to_state', 'note', 'actor_id', 'on_behalf_of', 'at', 'data'] as const
export const CALLBACK_COLUMNS = [
  'id', 'kind', 'status', 'customer_id', 'ticket_id', 'project_id', 'reason', 'due_on', 'agent_id', 'attempts', 'last_attempt_at',
  'last_attempt_note', 'result', 'rating', 'comment', 'call_id', 'done_at', 'done_by', 'created_at', 'updated_at', 'version',
] as const
export const ASSESSMENT_COLUMNS = [
  'id', 'ticket_id', 'person_id', 'department_id', 'reason', 'proposed_fen', 'amount_fen', 'status', 'note', 'proposed_by', 'proposed_at',
  'decided_by', 'decided_at', 'decision_note',
] as const
export const NOTIFICATION_COLUMNS = ['staff_id', 'kind', 'title', 'body', 'ticket_id', 'created_at', 'read_at'] as const

const time = (d: Date | null): string => ts(d === null ? null : d.getTime())

export function ticketLiteral(t: TicketRow): string {
  const clock = clockColumns(t)
  const values = [
    t.id, q(t.no), q(t.kind), q(t.source), t.customerId, n(t.projectId), n(t.callId), n(t.visitId), q(t.category), q(t.severity), q(t.description),
    q(t.expectation), q(t.address), q(t.preferredTime), q(t.completionDate), n(t.workerId), time(t.appointmentAt), n(t.departmentId), n(t.personId),
    n(t.handlerId), q(t.state), q(t.suspendedFrom), time(t.suspendedAt), q(t.suspendReason), t.pausedSec, time(t.responseDueAt), time(t.responseRiskAt),
    time(t.respondedAt), time(t.resolutionDueAt), time(t.resolutionRiskAt), time(t.resolvedAt), q(t.result), time(t.closedAt), time(t.cancelledAt),
    t.escalationLevel, time(t.escalatedAt), time(t.alertAt), time(clock.clockDueAt), time(clock.clockRiskAt), t.riskNoticed, q(t.leaderComplaint), n(t.repeatOfId), q(t.satisfaction), n(t.rating),
    t.createdBy, time(t.createdAt), time(t.updatedAt), t.version,
  ]
  return `(${values.join(',')})`
}

export function logLiteral(ticketId: number, l: LogEntry): string {
  return `(${[ticketId, q(l.action), q(l.from), q(l.to), q(l.note), n(l.actorId), n(l.onBehalfOf), ts(l.at), q(l.data ? JSON.stringify(l.data) : null)].join(',')})`
}

export function callbackLiteral(t: TicketRow, c: CallbackEntry): string {
  const values = [
    c.id, "'ticketSatisfaction'", q(c.status), t.customerId, t.id, 'NULL', q(c.reason), q(c.dueOn), n(c.agentId), c.attempts, ts(c.lastAttemptAt),
    q(c.lastAttemptNote), q(c.result), n(c.rating), q(c.comment), 'NULL', ts(c.doneAt), n(c.doneBy), ts(c.createdAt), ts(c.updatedAt), c.version,
  ]
  return `(${values.join(',')})`
}

export function assessmentLiteral(ticketId: number, a: AssessmentEntry): string {
  const values = [
    a.id, ticketId, a.personId, n(a.departmentId), q(a.reason), a.proposedFen, n(a.amountFen), q(a.status), q(a.note), a.proposedBy, ts(a.proposedAt),
    n(a.decidedBy), ts(a.decidedAt), q(a.decisionNote),
  ]
  return `(${values.join(',')})`
}

export function noticeLiteral(ticketId: number, notice: Notice, readAt: number | null): string {
  return `(${[notice.staffId, q(notice.kind), q(notice.title), q(notice.body), ticketId, ts(notice.at), ts(readAt)].join(',')})`
}
