import type { AppSettings } from '../contract/settings.contract'
import type { TicketRow } from '../../database/entities'
import { clockColumns, freshDeadlines, nextAlertAt } from './ticket-clock'

/** What a new ticket is opened with; everything else starts empty or from the clock. */
export type NewTicketFields = Partial<Pick<TicketRow, 'projectId'>> & Pick<
  TicketRow,
  | 'no'
  | 'kind'
  | 'source'
  | 'customerId'
  | 'callId'
  | 'visitId'
  | 'category'
  | 'severity'
  | 'description'
  | 'expectation'
  | 'address'
  | 'preferredTime'
  | 'completionDate'
  | 'workerId'
  | 'appointmentAt'
  | 'handlerId'
  | 'repeatOfId'
  | 'createdBy'
>

type RowSettings = Pick<AppSettings, 'ticketResponseHours' | 'ticketResolutionHours' | 'ticketRiskPercent' | 'escalationStepHours'>

/** The row of a ticket opened at `at` (待受理, both deadlines running): one builder for the service and the seeder. */
export function newTicketRow(fields: NewTicketFields, at: Date, settings: RowSettings): Omit<TicketRow, 'id'> {
  const fresh = freshDeadlines(at, fields.severity, settings)
  const row: Omit<TicketRow, 'id'> = {
    ...fields,
    projectId: fields.projectId ?? null,
    departmentId: null,
    personId: null,
    state: 'pending',
    suspendedFrom: null,
    suspendedAt: null,
    suspendReason: null,
    pausedSec: 0,
    responseDueAt: fresh.response.dueAt,
    responseRiskAt: fresh.response.riskAt,
    respondedAt: null,
    resolutionDueAt: fresh.resolution.dueAt,
    resolutionRiskAt: fresh.resolution.riskAt,
    resolvedAt: null,
    result: null,
    closedAt: null,
    cancelledAt: null,
    escalationLevel: 0,
    escalatedAt: null,
    alertAt: null,
    clockDueAt: null,
    clockRiskAt: null,
    riskNoticed: 0,
    leaderComplaint: null,
    satisfaction: null,
    rating: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  }
  row.alertAt = nextAlertAt(row, settings)
  Object.assign(row, clockColumns(row))
  return row
}
