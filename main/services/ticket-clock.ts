import type { AppSettings } from '../contract/settings.contract'
import { MAX_ESCALATION_LEVEL, type TicketClock, type TicketState } from '../contract/tickets.contract'

const HOUR_MS = 3_600_000

type ClockSettings = Pick<AppSettings, 'ticketResponseHours' | 'ticketResolutionHours' | 'ticketRiskPercent' | 'escalationStepHours'>

/** The ticket fields the clock reads; rows and test fixtures both fit. */
export interface ClockFields {
  state: TicketState
  suspendedAt: Date | null
  responseDueAt: Date
  responseRiskAt: Date
  respondedAt: Date | null
  resolutionDueAt: Date
  resolutionRiskAt: Date
  resolvedAt: Date | null
  escalationLevel: number
  /** bit 1: response near-breach noticed, bit 2: resolution */
  riskNoticed: number
}

export type DeadlineKind = 'response' | 'resolution'
export const RISK_BIT: Record<DeadlineKind, number> = { response: 1, resolution: 2 }

export interface Deadline {
  dueAt: Date
  /** the moment `ticketRiskPercent` of the allowed time is used */
  riskAt: Date
}

/** Hours allowed to resolve a ticket of this severity; a severity the settings do not list gets the longest listed. */
export function resolutionHours(settings: Pick<AppSettings, 'ticketResolutionHours'>, severity: string): number {
  const hours = settings.ticketResolutionHours[severity]
  const listed = Object.values(settings.ticketResolutionHours)
  return hours ?? (listed.length ? Math.max(...listed) : 24)
}

/** A deadline that runs from `start` to `dueAt`. */
export function deadlineUntil(start: Date, dueAt: Date, riskPercent: number): Deadline {
  const window = Math.max(0, dueAt.getTime() - start.getTime())
  return { dueAt, riskAt: new Date(start.getTime() + Math.round((window * riskPercent) / 100)) }
}

export function deadlineAfter(start: Date, hours: number, riskPercent: number): Deadline {
  return deadlineUntil(start, new Date(start.getTime() + hours * HOUR_MS), riskPercent)
}

/** Both deadlines of a ticket opened (or reopened) at `start`. */
export function freshDeadlines(start: Date, severity: string, settings: ClockSettings): { response: Deadline; resolution: Deadline } {
  return {
    response: deadlineAfter(start, settings.ticketResponseHours, settings.ticketRiskPercent),
    resolution: deadlineAfter(start, resolutionHours(settings, severity), settings.ticketRiskPercent),
  }
}

/** States in which the ticket still owes a response or a resolution (挂起 owes them too, with the clock stopped). */
export const OWES_RESPONSE: readonly TicketState[] = ['pending', 'dispatched', 'reopened', 'suspended']
export const OWES_RESOLUTION: readonly TicketState[] = ['pending', 'dispatched', 'inProgress', 'reopened', 'suspended']

interface Owed extends Deadline {
  kind: DeadlineKind
}

/** The deadlines not yet met, earliest first. */
export function owedDeadlines(t: ClockFields): Owed[] {
  const owed: Owed[] = []
  if (OWES_RESPONSE.includes(t.state) && !t.respondedAt) owed.push({ kind: 'response', dueAt: t.responseDueAt, riskAt: t.responseRiskAt })
  if (OWES_RESOLUTION.includes(t.state) && !t.resolvedAt) owed.push({ kind: 'resolution', dueAt: t.resolutionDueAt, riskAt: t.resolutionRiskAt })
  return owed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
}

/**
 * The ticket's clock as two stored columns, so the risk board and the overdue filter are plain
 * index range scans: the earliest owed deadline and the earliest risk moment; both null while
 * suspended (the clock stands still) or when nothing is owed.
 */
export function clockColumns(t: ClockFields): { clockDueAt: Date | null; clockRiskAt: Date | null } {
  const owed = t.state === 'suspended' ? [] : owedDeadlines(t)
  if (owed.length === 0) return { clockDueAt: null, clockRiskAt: null }
  return { clockDueAt: owed[0].dueAt, clockRiskAt: new Date(Math.min(...owed.map((d) => d.riskAt.getTime()))) }
}

/** Moves the owed deadlines later by a paused span: what resuming a suspended ticket does. */
export function shiftOwed(t: ClockFields, ms: number): Partial<ClockFields> {
  const later = (d: Date): Date => new Date(d.getTime() + ms)
  const changes: Partial<ClockFields> = {}
  for (const owed of owedDeadlines(t)) {
    if (owed.kind === 'response') Object.assign(changes, { responseDueAt: later(t.responseDueAt), responseRiskAt: later(t.responseRiskAt) })
    else Object.assign(changes, { resolutionDueAt: later(t.resolutionDueAt), resolutionRiskAt: later(t.resolutionRiskAt) })
  }
  return changes
}

/** The clock a screen shows: the earliest owed deadline, how much of it is used, and whether it is at risk or breached. */
export function ticketClock(t: ClockFields, now: Date, riskPercent: number): TicketClock {
  const [first] = owedDeadlines(t)
  if (!first) return { kind: null, dueAt: null, status: 'met', used: null }
  // while suspended the deadline recedes with every minute that passes
  const paused = t.state === 'suspended' && t.suspendedAt ? Math.max(0, now.getTime() - t.suspendedAt.getTime()) : 0
  const due = first.dueAt.getTime() + paused
  const risk = first.riskAt.getTime() + paused
  const window = riskPercent < 100 ? (due - risk) / (1 - riskPercent / 100) : 0
  const used = window > 0 ? Math.round((1 - (due - now.getTime()) / window) * 1000) / 1000 : null
  const status = paused || t.state === 'suspended' ? 'paused' : now.getTime() >= due ? 'breached' : now.getTime() >= risk ? 'atRisk' : 'ok'
  return { kind: first.kind, dueAt: new Date(due).toISOString(), status, used }
}

/** When the earliest owed deadline was (or will be) breached; null when nothing is owed. */
export function breachAt(t: ClockFields): Date | null {
  return owedDeadlines(t)[0]?.dueAt ?? null
}

/** The level a breached ticket should have reached by `now`: 1 at the breach, one more every step, at most the last. */
export function escalationTarget(breach: Date, now: Date, stepHours: number): number {
  const late = now.getTime() - breach.getTime()
  if (late < 0) return 0
  return Math.min(MAX_ESCALATION_LEVEL, 1 + Math.floor(late / (stepHours * HOUR_MS)))
}

/**
 * The next moment the watcher has something to do for this ticket: a near-breach notice not yet
 * sent, or the next escalation. Null when the clock is stopped or nothing is owed. It may lie in
 * the past (a notice that is due now): the watcher's next pass picks it up.
 */
export function nextAlertAt(t: ClockFields, settings: Pick<AppSettings, 'escalationStepHours'>): Date | null {
  if (t.state === 'suspended') return null
  const owed = owedDeadlines(t)
  if (owed.length === 0) return null
  const moments = owed.filter((d) => !(t.riskNoticed & RISK_BIT[d.kind]) && d.riskAt < d.dueAt).map((d) => d.riskAt.getTime())
  if (t.escalationLevel < MAX_ESCALATION_LEVEL) {
    // level L+1 is due L steps after the breach
    moments.push(owed[0].dueAt.getTime() + t.escalationLevel * settings.escalationStepHours * HOUR_MS)
  }
  return moments.length ? new Date(Math.min(...moments)) : null
}

export interface Review {
  /** deadlines whose near-breach notice is due now */
  atRisk: DeadlineKind[]
  /** the deadline breached, when the ticket must climb */
  breached: DeadlineKind | null
  /** the level the ticket must reach now (≥ its current level) */
  escalateTo: number
  riskNoticed: number
}

/** What the watcher must do for one ticket at `now`; pure, so tests drive it with any clock. */
export function reviewTicket(t: ClockFields, now: Date, settings: Pick<AppSettings, 'escalationStepHours'>): Review {
  const review: Review = { atRisk: [], breached: null, escalateTo: t.escalationLevel, riskNoticed: t.riskNoticed }
  if (t.state === 'suspended') return review
  const owed = owedDeadlines(t)
  for (const d of owed) {
    if (review.riskNoticed & RISK_BIT[d.kind] || now < d.riskAt) continue
    // past the deadline the breach notice says it all; a near-breach notice would come too late
    if (now < d.dueAt) review.atRisk.push(d.kind)
    review.riskNoticed |= RISK_BIT[d.kind]
  }
  if (owed.length) {
    const target = escalationTarget(owed[0].dueAt, now, settings.escalationStepHours)
    if (target > t.escalationLevel) {
      review.escalateTo = target
      review.breached = owed[0].kind
    }
  }
  return review
}
