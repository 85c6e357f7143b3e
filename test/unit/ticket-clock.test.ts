import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../main/contract/settings.contract'
import type { TicketState } from '../../main/contract/tickets.contract'
import {
  breachAt,
  deadlineAfter,
  deadlineUntil,
  escalationTarget,
  freshDeadlines,
  nextAlertAt,
  owedDeadlines,
  resolutionHours,
  reviewTicket,
  shiftOwed,
  ticketClock,
  type ClockFields,
} from '../../main/services/ticket-clock'

const HOUR = 3_600_000
const T0 = new Date('2025-06-02T02:00:00.000Z')
/** `h` hours after T0 */
const at = (h: number): Date => new Date(T0.getTime() + h * HOUR)
const iso = (h: number): string => at(h).toISOString()

/** A ticket opened at T0 with severity 一般 under the default settings: response due at +24 h (risk +18 h), resolution at +168 h (risk +126 h). */
function ticket(changes: Partial<ClockFields> = {}): ClockFields {
  const fresh = freshDeadlines(T0, '一般', DEFAULT_SETTINGS)
  return {
    state: 'dispatched',
    suspendedAt: null,
    responseDueAt: fresh.response.dueAt,
    responseRiskAt: fresh.response.riskAt,
    respondedAt: null,
    resolutionDueAt: fresh.resolution.dueAt,
    resolutionRiskAt: fresh.resolution.riskAt,
    resolvedAt: null,
    escalationLevel: 0,
    riskNoticed: 0,
    ...changes,
  }
}

const RISK = DEFAULT_SETTINGS.ticketRiskPercent
const STEP = { escalationStepHours: DEFAULT_SETTINGS.escalationStepHours }

describe('deadlines (pure)', () => {
  it('a fresh ticket owes a response in 24 h and a resolution by its severity; each turns at risk at 75 % of its window', () => {
    const normal = freshDeadlines(T0, '一般', DEFAULT_SETTINGS)
    expect(normal.response).toEqual({ dueAt: at(24), riskAt: at(18) })
    expect(normal.resolution).toEqual({ dueAt: at(168), riskAt: at(126) })
    const urgent = freshDeadlines(T0, '紧急', DEFAULT_SETTINGS)
    expect(urgent.resolution).toEqual({ dueAt: at(24), riskAt: at(18) })
    expect(freshDeadlines(T0, '严重', DEFAULT_SETTINGS).resolution.dueAt).toEqual(at(48))
    expect(freshDeadlines(T0, '较重', DEFAULT_SETTINGS).resolution.dueAt).toEqual(at(72))
    // the risk share is a setting
    const early = freshDeadlines(T0, '一般', { ...DEFAULT_SETTINGS, ticketRiskPercent: 50, ticketResponseHours: 10 })
    expect(early.response).toEqual({ dueAt: at(10), riskAt: at(5) })
    expect(early.resolution.riskAt).toEqual(at(84))
  })

  it('a severity the settings do not list gets the longest resolution time listed', () => {
    expect(resolutionHours(DEFAULT_SETTINGS, '一般')).toBe(168)
    expect(resolutionHours(DEFAULT_SETTINGS, '紧急')).toBe(24)
    expect(resolutionHours(DEFAULT_SETTINGS, '天大的事')).toBe(168)
    expect(resolutionHours({ ticketResolutionHours: { 一般: 240, 紧急: 100 } }, '其他')).toBe(240)
  })

  it('the fallback is the longest listed even when every listed time is under a day', () => {
    expect(resolutionHours({ ticketResolutionHours: { 一般: 8, 紧急: 4 } }, '其他')).toBe(8)
  })

  it('an explicit deadline (限期解决) runs from now to the given moment; its risk moment at the same share', () => {
    expect(deadlineUntil(T0, at(40), RISK)).toEqual({ dueAt: at(40), riskAt: at(30) })
    expect(deadlineAfter(T0, 8, RISK)).toEqual({ dueAt: at(8), riskAt: at(6) })
    // a deadline that lies before its start has no window: at risk from the start
    expect(deadlineUntil(T0, at(-1), RISK)).toEqual({ dueAt: at(-1), riskAt: T0 })
  })

  it('what a ticket owes, by state: response until someone responded, resolution until resolved; earliest first', () => {
    const owed = (state: TicketState, changes: Partial<ClockFields> = {}) => owedDeadlines(ticket({ state, ...changes })).map((d) => d.kind)
    for (const state of ['pending', 'dispatched', 'reopened', 'suspended'] as const) expect(owed(state), state).toEqual(['response', 'resolution'])
    expect(owed('inProgress', { respondedAt: at(2) })).toEqual(['resolution'])
    expect(owed('dispatched', { respondedAt: at(2) })).toEqual(['resolution'])
    for (const state of ['awaitingCallback', 'closed', 'cancelled'] as const) expect(owed(state), state).toEqual([])
    // a severity whose resolution falls before the response deadline comes first
    const tight = ticket({ resolutionDueAt: at(12), resolutionRiskAt: at(9) })
    expect(owedDeadlines(tight).map((d) => [d.kind, d.dueAt])).toEqual([
      ['resolution', at(12)],
      ['response', at(24)],
    ])
    expect(breachAt(tight)).toEqual(at(12))
    expect(breachAt(ticket())).toEqual(at(24))
    expect(breachAt(ticket({ state: 'closed' }))).toBeNull()
  })

  it('resuming moves every owed deadline and its risk moment later by the paused span, and leaves met ones alone', () => {
    const span = 30 * HOUR
    expect(shiftOwed(ticket({ state: 'suspended' }), span)).toEqual({
      responseDueAt: at(54),
      responseRiskAt: at(48),
      resolutionDueAt: at(198),
      resolutionRiskAt: at(156),
    })
    // responded already: only the resolution deadline was still running
    expect(shiftOwed(ticket({ state: 'suspended', respondedAt: at(1) }), span)).toEqual({ resolutionDueAt: at(198), resolutionRiskAt: at(156) })
    expect(shiftOwed(ticket({ state: 'closed' }), span)).toEqual({})
  })
})

describe('the clock a screen shows (pure)', () => {
  it('ok, then at risk at 75 % of the window, then breached after the deadline, with the share used', () => {
    const t = ticket()
    expect(ticketClock(t, T0, RISK)).toEqual({ kind: 'response', dueAt: iso(24), status: 'ok', used: 0 })
    expect(ticketClock(t, at(17.9), RISK)).toMatchObject({ status: 'ok' })
    expect(ticketClock(t, at(18), RISK)).toEqual({ kind: 'response', dueAt: iso(24), status: 'atRisk', used: 0.75 })
    expect(ticketClock(t, at(23.99), RISK)).toMatchObject({ status: 'atRisk' })
    expect(ticketClock(t, at(24.01), RISK)).toMatchObject({ status: 'breached', kind: 'response' })
    expect(ticketClock(t, at(36), RISK)).toEqual({ kind: 'response', dueAt: iso(24), status: 'breached', used: 1.5 })
  })

  it('once responded it is the resolution clock; once resolved, closed or cancelled no clock runs (met)', () => {
    expect(ticketClock(ticket({ state: 'inProgress', respondedAt: at(2) }), at(130), RISK)).toEqual({ kind: 'resolution', dueAt: iso(168), status: 'atRisk', used: 0.774 })
    for (const state of ['awaitingCallback', 'closed', 'cancelled'] as const) {
      expect(ticketClock(ticket({ state, respondedAt: at(2), resolvedAt: at(3) }), at(500), RISK), state).toEqual({ kind: null, dueAt: null, status: 'met', used: null })
    }
  })

  it('suspended: paused, never at risk or breached, and the deadline it shows recedes with the paused time', () => {
    const suspended = ticket({ state: 'suspended', suspendedAt: at(5) })
    expect(ticketClock(suspended, at(5), RISK)).toMatchObject({ kind: 'response', status: 'paused', dueAt: iso(24) })
    // 30 hours later: past the original deadline, still paused, due 30 hours later than it was
    expect(ticketClock(suspended, at(35), RISK)).toMatchObject({ kind: 'response', status: 'paused', dueAt: iso(54) })
    // the share used stays where it was when the clock stopped
    expect(ticketClock(suspended, at(35), RISK).used).toBeCloseTo(5 / 24, 3)
  })
})

describe('escalation and the watcher’s next alert (pure)', () => {
  it('level 1 at the breach, one more every escalation step, never beyond 3', () => {
    const breach = at(24)
    expect(escalationTarget(breach, at(23.99), 24)).toBe(0)
    expect(escalationTarget(breach, breach, 24)).toBe(1)
    expect(escalationTarget(breach, at(47.99), 24)).toBe(1)
    expect(escalationTarget(breach, at(48), 24)).toBe(2)
    expect(escalationTarget(breach, at(72), 24)).toBe(3)
    expect(escalationTarget(breach, at(24 * 400), 24)).toBe(3)
    expect(escalationTarget(breach, at(26), 1)).toBe(3)
  })

  it('the next moment to act: the near-breach notice not yet sent, then the breach, then each step', () => {
    expect(nextAlertAt(ticket(), STEP)).toEqual(at(18))
    // response notice sent: the breach (level 1) at +24 h comes before the resolution notice at +126 h
    expect(nextAlertAt(ticket({ riskNoticed: 1 }), STEP)).toEqual(at(24))
    expect(nextAlertAt(ticket({ riskNoticed: 1, escalationLevel: 1 }), STEP)).toEqual(at(48))
    expect(nextAlertAt(ticket({ riskNoticed: 1, escalationLevel: 2 }), STEP)).toEqual(at(72))
    // at the top only the resolution's notice is left to send; then nothing
    expect(nextAlertAt(ticket({ riskNoticed: 1, escalationLevel: 3 }), STEP)).toEqual(at(126))
    expect(nextAlertAt(ticket({ riskNoticed: 3, escalationLevel: 3 }), STEP)).toBeNull()
    expect(nextAlertAt(ticket({ state: 'suspended', suspendedAt: at(1) }), STEP)).toBeNull()
    expect(nextAlertAt(ticket({ state: 'awaitingCallback', respondedAt: at(1), resolvedAt: at(2) }), STEP)).toBeNull()
  })

  it('a review: the near-breach notice once per deadline, none after the breach, the level the ticket must reach', () => {
    expect(reviewTicket(ticket(), at(17), STEP)).toEqual({ atRisk: [], breached: null, escalateTo: 0, riskNoticed: 0 })
    expect(reviewTicket(ticket(), at(18), STEP)).toEqual({ atRisk: ['response'], breached: null, escalateTo: 0, riskNoticed: 1 })
    // already noticed: not again
    expect(reviewTicket(ticket({ riskNoticed: 1 }), at(20), STEP)).toEqual({ atRisk: [], breached: null, escalateTo: 0, riskNoticed: 1 })
    // the watcher missed the risk moment: past the deadline the breach says it all
    expect(reviewTicket(ticket(), at(25), STEP)).toEqual({ atRisk: [], breached: 'response', escalateTo: 1, riskNoticed: 1 })
    expect(reviewTicket(ticket({ riskNoticed: 1, escalationLevel: 1 }), at(30), STEP)).toMatchObject({ breached: null, escalateTo: 1 })
    expect(reviewTicket(ticket({ riskNoticed: 1, escalationLevel: 1 }), at(48), STEP)).toMatchObject({ breached: 'response', escalateTo: 2 })
    expect(reviewTicket(ticket({ riskNoticed: 1, escalationLevel: 3 }), at(500), STEP)).toMatchObject({ breached: null, escalateTo: 3 })
    // the resolution's notice once responded
    const responded = ticket({ state: 'inProgress', respondedAt: at(2), riskNoticed: 1 })
    expect(reviewTicket(responded, at(126), STEP)).toEqual({ atRisk: ['resolution'], breached: null, escalateTo: 0, riskNoticed: 3 })
  })

  it('a suspended ticket is neither noticed nor escalated, however late', () => {
    expect(reviewTicket(ticket({ state: 'suspended', suspendedAt: at(5) }), at(500), STEP)).toEqual({ atRisk: [], breached: null, escalateTo: 0, riskNoticed: 0 })
  })
})
