import type { StaffingCell, StaffingPlan } from '../../main/contract/dashboard.contract'
import { agentsNeeded } from '../../main/services/erlang-c'
import { local } from './dashboard-ledger'

/** An inbound or outbound call as the staffing test made it. */
export interface StaffingCall {
  at: string
  direction: 'in' | 'out'
  answered: boolean
  talkSec: number
}

/** A row the test expects in staff_presence: who, and the UTC hour they were seen in. */
export interface PresenceHour {
  staffId: number
  hourStart: string
}

const DAY_MS = 86_400_000
const round2 = (x: number) => Math.round(x * 100) / 100

/** The whole weeks (Monday to Sunday) before the week of `on`. */
export function staffingSpan(on: string, weeks: number): { from: string; to: string } {
  const ms = Date.parse(`${on}T00:00:00Z`)
  const monday = ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS
  const day = (x: number) => new Date(x).toISOString().slice(0, 10)
  return { from: day(monday - weeks * 7 * DAY_MS), to: day(monday - DAY_MS) }
}

/**
 * The plan the contract describes, counted from the test's own calls and presence hours: per
 * Shanghai weekday × hour, inbound calls ÷ weeks, the slot's average talk of answered calls (the
 * span's when it has none), Erlang C's agents for the target, logged-in hours ÷ weeks.
 */
export function expectedStaffing(o: { calls: StaffingCall[]; presence: PresenceHour[]; on: string; weeks: number; targetPercent: number; targetSeconds: number }): StaffingPlan {
  const span = staffingSpan(o.on, o.weeks)
  const inSpan = (iso: string) => local(iso).date >= span.from && local(iso).date <= span.to
  const slot = (iso: string) => `${local(iso).weekday}|${local(iso).hour}`
  const inbound = o.calls.filter((c) => c.direction === 'in' && inSpan(c.at))
  const answered = inbound.filter((c) => c.answered)
  const spanHandle = answered.length ? answered.reduce((n, c) => n + c.talkSec, 0) / answered.length : null
  const cells: StaffingCell[] = []
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const key = `${weekday}|${hour}`
      const calls = inbound.filter((c) => slot(c.at) === key)
      const talked = calls.filter((c) => c.answered)
      const handle = talked.length ? talked.reduce((n, c) => n + c.talkSec, 0) / talked.length : spanHandle
      const perHour = calls.length / o.weeks
      const plan = perHour > 0 && handle ? agentsNeeded({ calls: perHour, intervalSec: 3600, ahtSec: handle }, o.targetPercent / 100, o.targetSeconds) : null
      const present = o.presence.filter((p) => inSpan(p.hourStart) && slot(p.hourStart) === key).length
      cells.push({
        weekday,
        hour,
        callsPerHour: round2(perHour),
        handleSec: handle === null ? null : Math.round(handle),
        agentsNeeded: plan?.agents ?? 0,
        serviceLevel: plan ? plan.serviceLevel : null,
        loggedIn: round2(present / o.weeks),
      })
    }
  }
  return { ...span, weeks: o.weeks, targetPercent: o.targetPercent, targetSeconds: o.targetSeconds, cells }
}
