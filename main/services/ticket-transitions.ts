import type { AppSettings } from '../contract/settings.contract'
import { AppError } from '../contract/errors'
import { TICKET_ACTION_LABELS, TICKET_STATE_LABELS, TICKET_TRANSITIONS, type TicketState, type TicketTransition } from '../contract/tickets.contract'
import type { TicketRow } from '../../database/entities'
import { deadlineUntil, freshDeadlines, RISK_BIT, shiftOwed } from './ticket-clock'

export interface TransitionPlan {
  changes: Partial<TicketRow>
  to: TicketState
  note: string | null
  /** recorded as said or done by the responsible person (who rarely logs in) */
  onBehalf: boolean
  data: Record<string, unknown> | null
}

type PlanSettings = Pick<AppSettings, 'ticketResponseHours' | 'ticketResolutionHours' | 'ticketRiskPercent' | 'escalationStepHours'>

/** Refuses an action the state machine does not allow from the ticket's state, naming both. */
export function assertAllowed(state: TicketState, action: TicketTransition['action']): void {
  if (TICKET_TRANSITIONS[action].from.includes(state)) return
  const message = `工单当前状态为「${TICKET_STATE_LABELS[state]}」，不能执行「${TICKET_ACTION_LABELS[action]}」`
  throw new AppError('VALIDATION', message, { 'change.action': message })
}

/**
 * What one transition changes, decided from the ticket row alone; the service has already checked
 * the referenced department and person and writes the result with the log entry.
 */
export function planTransition(t: TicketRow, change: TicketTransition, now: Date, settings: PlanSettings): TransitionPlan {
  assertAllowed(t.state, change.action)
  const plan = (to: TicketState, changes: Partial<TicketRow>, note: string | null, onBehalf = false, data: Record<string, unknown> | null = null): TransitionPlan => ({
    changes: { ...changes, state: to },
    to,
    note,
    onBehalf,
    data,
  })
  switch (change.action) {
    case 'dispatch': {
      const changes: Partial<TicketRow> = { departmentId: change.departmentId, personId: change.personId }
      if (change.dueAt) {
        const due = new Date(change.dueAt)
        if (due <= now) throw AppError.field('change.dueAt', '解决期限不能早于现在')
        const resolution = deadlineUntil(now, due, settings.ticketRiskPercent)
        Object.assign(changes, { resolutionDueAt: resolution.dueAt, resolutionRiskAt: resolution.riskAt, riskNoticed: t.riskNoticed & ~RISK_BIT.resolution })
      }
      return plan('dispatched', changes, change.note, false, { to: { departmentId: change.departmentId, personId: change.personId }, ...(change.dueAt ? { dueAt: change.dueAt } : {}) })
    }
    case 'respond':
      return plan('inProgress', { respondedAt: now }, change.note, true)
    case 'resolve':
      return plan('awaitingCallback', { resolvedAt: now, respondedAt: t.respondedAt ?? now, result: change.note }, change.note, true)
    case 'suspend':
      return plan('suspended', { suspendedFrom: t.state, suspendedAt: now, suspendReason: change.reason }, change.note, false, { reason: change.reason })
    case 'resume': {
      const pausedMs = t.suspendedAt ? Math.max(0, now.getTime() - t.suspendedAt.getTime()) : 0
      const changes = {
        ...shiftOwed(t, pausedMs),
        pausedSec: t.pausedSec + Math.round(pausedMs / 1000),
        suspendedFrom: null,
        suspendedAt: null,
        suspendReason: null,
      }
      return plan(t.suspendedFrom ?? 'dispatched', changes, change.note, false, { pausedSec: Math.round(pausedMs / 1000) })
    }
    case 'reopen':
      return plan('reopened', reopenChanges(t, now, settings), change.note)
    case 'cancel':
      return plan('cancelled', { cancelledAt: now }, change.note)
    case 'reassign':
      return plan(t.state, { departmentId: change.departmentId, personId: change.personId }, change.note, false, {
        from: { departmentId: t.departmentId, personId: t.personId },
        to: { departmentId: change.departmentId, personId: change.personId },
      })
  }
}

/** A reopened ticket starts a new cycle: new response and resolution deadlines from now, escalation from the bottom. */
export function reopenChanges(t: TicketRow, now: Date, settings: PlanSettings): Partial<TicketRow> {
  const fresh = freshDeadlines(now, t.severity, settings)
  return {
    respondedAt: null,
    resolvedAt: null,
    closedAt: null,
    responseDueAt: fresh.response.dueAt,
    responseRiskAt: fresh.response.riskAt,
    resolutionDueAt: fresh.resolution.dueAt,
    resolutionRiskAt: fresh.resolution.riskAt,
    escalationLevel: 0,
    escalatedAt: null,
    riskNoticed: 0,
  }
}
