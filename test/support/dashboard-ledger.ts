import type { CallDirection, CallStatus, CallType } from '../../main/contract/calls.contract'
import type { AgentLine, DashboardKpis, DashboardOverview, PeriodRange } from '../../main/contract/dashboard.contract'
import type { DesignerStat } from '../../main/contract/deposits.contract'
import type { TicketKind, TicketState } from '../../main/contract/tickets.contract'

/**
 * What a dashboard test created, written down by the test itself as it goes, and the figures the
 * dashboard should show for it, counted here in plain JavaScript from that list: never from the
 * store and never through the service's SQL or time helpers.
 */
export interface Ledger {
  calls: { ref: string; at: string; direction: CallDirection; status: CallStatus; talkSec: number; agentId: number | null; type: CallType | null }[]
  visits: { at: string; source: string | null; designerId: number | null }[]
  /** creation instants of every customer */
  customers: string[]
  measures: { callId: number; at: string; designerId: number; cancelled: boolean }[]
  deposits: { id: number; paidOn: string; designerId: number; lostOn: string | null }[]
  projects: { id: number; signedOn: string; designerId: number; cancelled: boolean }[]
  tickets: LedgerTicket[]
  callbacks: LedgerCallback[]
  designers: { id: number; name: string }[]
  agents: { id: number; name: string }[]
}

export interface LedgerTicket {
  id: number
  kind: TicketKind
  category: string
  severity: string
  createdAt: string
  state: TicketState
  responseDueAt: string
  resolutionDueAt: string
  respondedAt: string | null
  resolvedAt: string | null
  suspendedAt: string | null
  suspendedFrom: TicketState | null
}

export interface LedgerCallback {
  id: number
  ticketId: number | null
  dueOn: string
  status: 'open' | 'done' | 'cancelled'
  doneAt: string | null
  doneBy: number | null
  result: 'satisfied' | 'fair' | 'unsatisfied' | null
  scores: number[]
}

export function emptyLedger(): Ledger {
  return { calls: [], visits: [], customers: [], measures: [], deposits: [], projects: [], tickets: [], callbacks: [], designers: [], agents: [] }
}

// Shanghai keeps UTC+8 all year (no daylight saving since 1991): plain arithmetic is exact.
const SHANGHAI_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** `2026-11-02 09:05` (or with seconds) on a Shanghai wall clock → the UTC instant, ISO. */
export function sh(local: string): string {
  const [date, time] = local.split(' ')
  const [h, m, s = '0'] = time.split(':')
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(h), Number(m), Number(s)) - SHANGHAI_MS).toISOString()
}

/** The date, hour and ISO weekday (1 = Monday) of a UTC instant in Shanghai, or in a zone `offsetHours` east of UTC all year. */
export function local(iso: string, offsetHours = 8): { date: string; hour: number; weekday: number } {
  const d = new Date(Date.parse(iso) + offsetHours * 3_600_000)
  return { date: d.toISOString().slice(0, 10), hour: d.getUTCHours(), weekday: ((d.getUTCDay() + 6) % 7) + 1 }
}

const localIn = local

export function plusHours(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3_600_000).toISOString()
}

const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`)
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

export function days(from: string, to: string): string[] {
  const out: string[] = []
  for (let ms = dayMs(from); ms <= dayMs(to); ms += DAY_MS) out.push(dayOf(ms))
  return out
}

/** The comparison period as the contract states it: the previous calendar months for whole months, else as many days just before. */
export function previousOf(range: PeriodRange): PeriodRange {
  const lastOfMonth = (date: string) => dayOf(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0))
  if (range.from.slice(8) === '01' && range.to === lastOfMonth(range.to)) {
    const months = (Number(range.to.slice(0, 4)) - Number(range.from.slice(0, 4))) * 12 + Number(range.to.slice(5, 7)) - Number(range.from.slice(5, 7)) + 1
    return { from: dayOf(Date.UTC(Number(range.from.slice(0, 4)), Number(range.from.slice(5, 7)) - 1 - months, 1)), to: dayOf(dayMs(range.from) - DAY_MS) }
  }
  const n = days(range.from, range.to).length
  return { from: dayOf(dayMs(range.from) - n * DAY_MS), to: dayOf(dayMs(range.from) - DAY_MS) }
}

export interface Rules {
  /** the instant the dashboard is asked at: open complaints past a deadline by then are breached */
  now: string
  countsMeasures: boolean
  /** the company's time zone, one without daylight saving (default Asia/Shanghai, UTC+8) */
  zone?: { name: string; offsetHours: number }
}

const SHANGHAI = { name: 'Asia/Shanghai', offsetHours: 8 }

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)
const OPEN_STATES: TicketState[] = ['pending', 'dispatched', 'inProgress', 'suspended', 'reopened']
const UNANSWERED: CallStatus[] = ['missed', 'abandoned']
const ENDED: CallStatus[] = ['answered', 'missed', 'abandoned']

function within(range: PeriodRange, offsetHours: number) {
  const inDates = (date: string) => date >= range.from && date <= range.to
  return { date: inDates, instant: (iso: string | null) => iso !== null && inDates(local(iso, offsetHours).date) }
}

/**
 * Missed a deadline already, or owes one that is past by now; 挂起 stops the clock, so a
 * suspended ticket is judged at the moment it was suspended (one that was late then stays late).
 */
function breached(t: LedgerTicket, now: string): boolean {
  if (t.respondedAt && t.respondedAt > t.responseDueAt) return true
  if (t.resolvedAt && t.resolvedAt > t.resolutionDueAt) return true
  const clock = t.state === 'suspended' ? (t.suspendedAt as string) : now
  const owesResponse = !t.respondedAt && ['pending', 'dispatched', 'reopened', 'suspended'].includes(t.state)
  const owesResolution = !t.resolvedAt && ['pending', 'dispatched', 'inProgress', 'reopened', 'suspended'].includes(t.state)
  return (owesResponse && t.responseDueAt <= clock) || (owesResolution && t.resolutionDueAt <= clock)
}

function onTime(t: LedgerTicket): boolean {
  return t.resolvedAt !== null && t.resolvedAt <= t.resolutionDueAt && (t.respondedAt ?? t.resolvedAt) <= t.responseDueAt
}

function parts(l: Ledger, range: PeriodRange, rules: Rules) {
  const at = within(range, (rules.zone ?? SHANGHAI).offsetHours)
  const calls = l.calls.filter((c) => at.instant(c.at))
  const visits = l.visits.filter((v) => at.instant(v.at))
  const measures = l.measures.filter((m) => at.instant(m.at) && !m.cancelled)
  const deposits = l.deposits.filter((d) => at.date(d.paidOn))
  const contracts = l.projects.filter((p) => at.date(p.signedOn) && !p.cancelled)
  const complaints = l.tickets.filter((t) => t.kind === 'complaint' && t.state !== 'cancelled' && at.instant(t.createdAt))
  const resolved = l.tickets.filter((t) => at.instant(t.resolvedAt))
  const due = l.callbacks.filter((c) => at.date(c.dueOn) && c.status !== 'cancelled')
  const verdicts = l.callbacks.filter((c) => c.status === 'done' && at.instant(c.doneAt))
  const consultations = visits.length + (rules.countsMeasures ? measures.length : 0)
  return { at, calls, visits, measures, deposits, contracts, complaints, resolved, due, verdicts, consultations }
}

export function expectedKpis(l: Ledger, range: PeriodRange, rules: Rules): DashboardKpis {
  const p = parts(l, range, rules)
  const inbound = p.calls.filter((c) => c.direction === 'in')
  const answered = p.calls.filter((c) => c.status === 'answered')
  const scores = p.verdicts.flatMap((c) => c.scores)
  return {
    walkIns: p.visits.length,
    callsIn: inbound.length,
    callsOut: p.calls.length - inbound.length,
    callsMissed: inbound.filter((c) => UNANSWERED.includes(c.status)).length,
    answerRate: rate(inbound.filter((c) => c.status === 'answered').length, inbound.filter((c) => ENDED.includes(c.status)).length),
    avgHandleSec: rate(sum(answered.map((c) => c.talkSec)), answered.length),
    newCustomers: l.customers.filter((c) => p.at.instant(c)).length,
    consultations: p.consultations,
    deposits: p.deposits.length,
    contracts: p.contracts.length,
    conversion: rate(p.contracts.length, p.consultations),
    depositRate: rate(p.deposits.length, p.consultations),
    complaintsNew: p.complaints.length,
    complaintsOpen: p.complaints.filter((t) => OPEN_STATES.includes(t.state)).length,
    complaintsBreached: p.complaints.filter((t) => breached(t, rules.now)).length,
    ticketsResolved: p.resolved.length,
    onTimeRate: rate(p.resolved.filter(onTime).length, p.resolved.length),
    callbacksDue: p.due.length,
    callbacksDone: p.due.filter((c) => c.status === 'done').length,
    callbackCompletion: rate(p.due.filter((c) => c.status === 'done').length, p.due.length),
    satisfactionResults: p.verdicts.length,
    satisfiedRate: rate(p.verdicts.filter((c) => c.result === 'satisfied').length, p.verdicts.length),
    avgScore: rate(sum(scores), scores.length),
  }
}

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const out = new Map<string, number>()
  for (const item of items) out.set(key(item), (out.get(key(item)) ?? 0) + 1)
  return out
}

function expectedDesigners(l: Ledger, range: PeriodRange, rules: Rules): DesignerStat[] {
  const p = parts(l, range, rules)
  return l.designers
    .map((designer) => {
      const visits = p.visits.filter((v) => v.designerId === designer.id).length
      const measures = rules.countsMeasures ? p.measures.filter((m) => m.designerId === designer.id).length : 0
      const deposits = p.deposits.filter((d) => d.designerId === designer.id).length
      const signed = p.contracts.filter((c) => c.designerId === designer.id).length
      const lost = l.deposits.filter((d) => d.designerId === designer.id && d.lostOn !== null && p.at.date(d.lostOn)).length
      const consultations = visits + measures
      return { designer, consultations, visits, measures, deposits, signed, lost, conversion: rate(signed, consultations), depositRate: rate(deposits, consultations) }
    })
    .filter((d) => d.consultations + d.deposits + d.signed > 0)
}

function expectedAgents(l: Ledger, range: PeriodRange, rules: Rules): AgentLine[] {
  const p = parts(l, range, rules)
  const doneInPeriod = l.callbacks.filter((c) => c.status === 'done' && p.at.instant(c.doneAt))
  return l.agents
    .map((agent) => {
      const mine = p.calls.filter((c) => c.agentId === agent.id)
      const answered = mine.filter((c) => c.status === 'answered')
      return {
        agent,
        callsIn: mine.filter((c) => c.direction === 'in').length,
        callsOut: mine.filter((c) => c.direction === 'out').length,
        answered: answered.length,
        avgHandleSec: rate(sum(answered.map((c) => c.talkSec)), answered.length),
        callbacksDone: doneInPeriod.filter((c) => c.doneBy === agent.id).length,
      }
    })
    .filter((a) => a.callsIn + a.callsOut + a.callbacksDone > 0)
    .sort((a, b) => b.callsIn + b.callsOut - (a.callsIn + a.callsOut) || b.callbacksDone - a.callbacksDone || a.agent.id - b.agent.id)
}

/** The whole overview, with the lists whose order among equals the contract leaves open put in a canonical order (see `canonical`). */
export function expectedOverview(l: Ledger, range: PeriodRange, rules: Rules): DashboardOverview {
  const p = parts(l, range, rules)
  const zone = rules.zone ?? SHANGHAI
  const local = (iso: string) => localIn(iso, zone.offsetHours)
  const dates = days(range.from, range.to)
  const heat = countBy(
    p.calls.filter((c) => c.direction === 'in'),
    (c) => `${local(c.at).weekday}|${local(c.at).hour}`,
  )
  const sources = countBy(p.visits, (v) => JSON.stringify(v.source))
  const complaintCells = countBy(p.complaints, (t) => JSON.stringify([t.category, t.severity]))
  const previous = previousOf(range)
  return canonical({
    period: range,
    previous,
    kpis: expectedKpis(l, range, rules),
    previousKpis: expectedKpis(l, previous, rules),
    callsByDay: dates.map((date) => {
      const onDay = p.calls.filter((c) => local(c.at).date === date)
      const inbound = onDay.filter((c) => c.direction === 'in')
      return { date, in: inbound.length, out: onDay.length - inbound.length, missed: inbound.filter((c) => UNANSWERED.includes(c.status)).length }
    }),
    heatmap: [...heat.entries()]
      .map(([key, calls]) => ({ weekday: Number(key.split('|')[0]), hour: Number(key.split('|')[1]), calls }))
      .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour),
    walkInsBySource: [...sources.entries()].map(([source, count]) => ({ source: JSON.parse(source) as string | null, count })),
    funnel: [
      { stage: 'inquiry', count: p.calls.filter((c) => c.direction === 'in' && (c.type === 'consult' || c.type === 'measure')).length },
      { stage: 'walkIn', count: p.visits.length },
      { stage: 'measure', count: p.measures.length },
      { stage: 'deposit', count: p.deposits.length },
      { stage: 'contract', count: p.contracts.length },
    ],
    complaints: [...complaintCells.entries()].map(([key, count]) => {
      const [category, severity] = JSON.parse(key) as [string, string]
      return { category, severity, count }
    }),
    onTimeTrend: dates.map((date) => {
      const resolved = p.resolved.filter((t) => local(t.resolvedAt as string).date === date)
      const ok = resolved.filter(onTime).length
      return { date, resolved: resolved.length, onTime: ok, rate: rate(ok, resolved.length) }
    }),
    satisfactionTrend: dates.map((date) => {
      const done = p.verdicts.filter((c) => local(c.doneAt as string).date === date)
      const scores = done.flatMap((c) => c.scores)
      const satisfied = done.filter((c) => c.result === 'satisfied').length
      return { date, results: done.length, satisfied, rate: rate(satisfied, done.length), avgScore: rate(sum(scores), scores.length) }
    }),
    designers: expectedDesigners(l, range, rules),
    agents: expectedAgents(l, range, rules),
    definitions: { consultationCountsMeasures: rules.countsMeasures, timeZone: zone.name },
  })
}

/**
 * The contract orders walk-in sources and complaint cells by count and designers by 谈单量 then
 * contracts; among equals it promises nothing. `orderProblems` checks the promised order, then
 * this sorts the equals by name so two overviews compare with toEqual.
 */
export function canonical(o: DashboardOverview): DashboardOverview {
  const text = (v: string | null) => (v === null ? '' : v)
  return {
    ...o,
    walkInsBySource: [...o.walkInsBySource].sort((a, b) => b.count - a.count || (text(a.source) < text(b.source) ? -1 : text(a.source) > text(b.source) ? 1 : 0)),
    complaints: [...o.complaints].sort((a, b) => b.count - a.count || (a.category + a.severity < b.category + b.severity ? -1 : 1)),
    designers: [...o.designers].sort((a, b) => b.consultations - a.consultations || b.signed - a.signed || a.designer.id - b.designer.id),
  }
}

/** Where the overview breaks the order the contract promises (empty when it keeps it). */
export function orderProblems(o: DashboardOverview): string[] {
  const problems: string[] = []
  const descending = (name: string, keys: number[][]) => {
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1], keys[i]]
      const j = a.findIndex((x, k) => x !== b[k])
      if (j >= 0 && a[j] < b[j]) problems.push(`${name}[${i}] out of order`)
    }
  }
  descending('walkInsBySource', o.walkInsBySource.map((s) => [s.count]))
  descending('complaints', o.complaints.map((c) => [c.count]))
  descending('designers', o.designers.map((d) => [d.consultations, d.signed]))
  descending('agents', o.agents.map((a) => [a.callsIn + a.callsOut, a.callbacksDone, -a.agent.id]))
  descending('heatmap', o.heatmap.map((h) => [-h.weekday, -h.hour]))
  return problems
}
