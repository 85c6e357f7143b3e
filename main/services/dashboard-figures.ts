import { In, type EntityManager } from 'typeorm'
import type { CallDirection, CallStatus } from '../contract/calls.contract'
import type { AgentLine, CallsOnDay, ComplaintCell, DashboardKpis, OnTimeOnDay, SatisfactionOnDay } from '../contract/dashboard.contract'
import { TICKET_OPEN_STATES } from '../contract/tickets.contract'
import { datesBetween } from '../contract/time'
import { repo } from '../../database/entities'
import { namedSql } from '../../database/named-sql'
import { toNumber } from '../../database/raw-values'
import { ratio, type Period } from './period-sql'
import { OWES_RESOLUTION, OWES_RESPONSE } from './ticket-clock'

/**
 * The dashboard's and the reports' figures, each one SQL aggregate over a period on the read
 * connection: calls, resolutions and callbacks done from their summaries (summaries.ts), the
 * rest through covering indexes.
 * Rows reaching JavaScript are groups (days, categories, agents), never records.
 */

const UNANSWERED: readonly CallStatus[] = ['missed', 'abandoned']
const ENDED: readonly CallStatus[] = ['answered', 'missed', 'abandoned']

export interface CallGroup {
  date: string
  direction: CallDirection
  status: CallStatus
  callType: string
  calls: number
  talkSec: number
}

export async function callGroups(em: EntityManager, p: Period): Promise<CallGroup[]> {
  const rows = await namedSql<{ d: string; direction: CallDirection; status: CallStatus; t: string; n: unknown; talk: unknown }>(
    em,
    `SELECT stat_date AS d, direction, status, call_type AS t, SUM(calls) AS n, SUM(talk_sec) AS talk
       FROM call_stat WHERE stat_date BETWEEN :from AND :to GROUP BY stat_date, direction, status, call_type`,
    { from: p.from, to: p.to },
  )
  return rows.map((r) => ({ date: r.d, direction: r.direction, status: r.status, callType: r.t, calls: toNumber(r.n), talkSec: toNumber(r.talk) }))
}

export interface CallTotals {
  callsIn: number
  callsOut: number
  callsMissed: number
  answeredIn: number
  endedIn: number
  answered: number
  talkSec: number
}

export function callTotals(groups: readonly CallGroup[]): CallTotals {
  const t: CallTotals = { callsIn: 0, callsOut: 0, callsMissed: 0, answeredIn: 0, endedIn: 0, answered: 0, talkSec: 0 }
  for (const g of groups) {
    if (g.direction === 'in') {
      t.callsIn += g.calls
      if (UNANSWERED.includes(g.status)) t.callsMissed += g.calls
      if (g.status === 'answered') t.answeredIn += g.calls
      if (ENDED.includes(g.status)) t.endedIn += g.calls
    } else t.callsOut += g.calls
    if (g.status === 'answered') {
      t.answered += g.calls
      t.talkSec += g.talkSec
    }
  }
  return t
}

export function callsByDay(groups: readonly CallGroup[], p: Period): CallsOnDay[] {
  const days = new Map(datesBetween(p.from, p.to).map((date) => [date, { date, in: 0, out: 0, missed: 0 }]))
  for (const g of groups) {
    const day = days.get(g.date)
    if (!day) continue
    if (g.direction === 'in') day.in += g.calls
    else day.out += g.calls
    if (g.direction === 'in' && UNANSWERED.includes(g.status)) day.missed += g.calls
  }
  return [...days.values()]
}

/** Inbound calls per company date and hour (the heat map folds the dates into weekdays). */
export async function inboundByHour(em: EntityManager, p: { from: string; to: string }): Promise<{ date: string; hour: number; calls: number; talkSec: number; answered: number }[]> {
  const rows = await namedSql<{ d: string; h: unknown; n: unknown; talk: unknown; a: unknown }>(
    em,
    `SELECT stat_date AS d, stat_hour AS h, SUM(calls) AS n, SUM(CASE WHEN status = 'answered' THEN talk_sec ELSE 0 END) AS talk,
            SUM(CASE WHEN status = 'answered' THEN calls ELSE 0 END) AS a
       FROM call_stat WHERE stat_date BETWEEN :from AND :to AND direction = 'in' GROUP BY stat_date, stat_hour`,
    { from: p.from, to: p.to },
  )
  return rows.map((r) => ({ date: r.d, hour: toNumber(r.h), calls: toNumber(r.n), talkSec: toNumber(r.talk), answered: toNumber(r.a) }))
}

export async function walkInsBySource(em: EntityManager, p: Period): Promise<{ source: string | null; count: number }[]> {
  const rows = await namedSql<{ s: string | null; n: unknown }>(
    em,
    'SELECT source_channel AS s, COUNT(*) AS n FROM visit WHERE arrived_at >= :fromAt AND arrived_at < :toAt GROUP BY source_channel',
    { fromAt: p.fromAt, toAt: p.toAt },
  )
  return rows.map((r) => ({ source: r.s, count: toNumber(r.n) })).sort((a, b) => b.count - a.count || String(a.source).localeCompare(String(b.source), 'zh-CN'))
}

export interface SalesCounts {
  walkIns: number
  newCustomers: number
  measures: number
  deposits: number
  contracts: number
}

/** Walk-ins, new customers, measuring appointments (not cancelled), deposits and contracts (not cancelled) of a period. */
export async function salesCounts(em: EntityManager, p: Period): Promise<SalesCounts> {
  const [row] = await namedSql<Record<keyof SalesCounts, unknown>>(
    em,
    `SELECT (SELECT COUNT(*) FROM visit WHERE arrived_at >= :fromAt AND arrived_at < :toAt) AS "walkIns",
            (SELECT COUNT(*) FROM customer WHERE created_at >= :fromAt AND created_at < :toAt) AS "newCustomers",
            (SELECT COUNT(*) FROM measure_appointment WHERE created_at >= :fromAt AND created_at < :toAt AND status <> 'cancelled') AS measures,
            (SELECT COUNT(*) FROM deposit WHERE paid_on BETWEEN :from AND :to) AS deposits,
            (SELECT COUNT(*) FROM project WHERE signed_on BETWEEN :from AND :to AND cancelled_on IS NULL) AS contracts`,
    { fromAt: p.fromAt, toAt: p.toAt, from: p.from, to: p.to },
  )
  return { walkIns: toNumber(row.walkIns), newCustomers: toNumber(row.newCustomers), measures: toNumber(row.measures), deposits: toNumber(row.deposits), contracts: toNumber(row.contracts) }
}

export interface ComplaintGroup extends ComplaintCell {
  open: number
  breached: number
}

/**
 * Complaints opened in the period (cancelled left out) by category and severity, with how many are
 * open and how many missed a deadline; one still owing a deadline is judged now, or as of its
 * suspension when suspended (the clock stopped there).
 */
export async function complaintGroups(em: EntityManager, p: Period, now: Date): Promise<ComplaintGroup[]> {
  const rows = await namedSql<{ c: string; s: string; n: unknown; o: unknown; b: unknown }>(
    em,
    `SELECT category AS c, severity AS s, COUNT(*) AS n,
            SUM(CASE WHEN state IN (:...openStates) THEN 1 ELSE 0 END) AS o,
            SUM(CASE WHEN responded_at > response_due_at OR resolved_at > resolution_due_at
                       OR (responded_at IS NULL AND response_due_at <= COALESCE(suspended_at, :now) AND state IN (:...owesResponse))
                       OR (resolved_at IS NULL AND resolution_due_at <= COALESCE(suspended_at, :now) AND state IN (:...owesResolution)) THEN 1 ELSE 0 END) AS b
       FROM ticket WHERE created_at >= :fromAt AND created_at < :toAt AND kind = 'complaint' AND state <> 'cancelled'
      GROUP BY category, severity`,
    { fromAt: p.fromAt, toAt: p.toAt, now, openStates: [...TICKET_OPEN_STATES], owesResponse: [...OWES_RESPONSE], owesResolution: [...OWES_RESOLUTION] },
  )
  return rows.map((r) => ({ category: r.c, severity: r.s, count: toNumber(r.n), open: toNumber(r.o), breached: toNumber(r.b) }))
}

/** Complaints and repairs resolved per company day of the period, and how many within both deadlines (the `ticket_stat` summary). */
export async function onTimeByDay(em: EntityManager, p: Period): Promise<OnTimeOnDay[]> {
  const rows = await namedSql<{ d: string; n: unknown; ok: unknown }>(
    em,
    'SELECT stat_date AS d, SUM(resolved) AS n, SUM(on_time) AS ok FROM ticket_stat WHERE stat_date BETWEEN :from AND :to GROUP BY stat_date',
    { from: p.from, to: p.to },
  )
  const byDate = new Map(rows.map((r) => [r.d, r]))
  return datesBetween(p.from, p.to).map((date) => {
    const r = byDate.get(date)
    const resolved = toNumber(r?.n)
    const onTime = toNumber(r?.ok)
    return { date, resolved, onTime, rate: ratio(onTime, resolved) }
  })
}

export interface SatisfactionDay extends SatisfactionOnDay {
  scoreSum: number
  scoreCount: number
}

/** Callbacks with a verdict done per company day: how many, how many 满意, and their 1–5 scores (the `callback_stat` summary). */
export async function satisfactionByDay(em: EntityManager, p: Period): Promise<SatisfactionDay[]> {
  const rows = await namedSql<{ d: string; n: unknown; sat: unknown; ss: unknown; sc: unknown }>(
    em,
    `SELECT stat_date AS d, SUM(callbacks) AS n, SUM(CASE WHEN result = 'satisfied' THEN callbacks ELSE 0 END) AS sat, SUM(score_sum) AS ss, SUM(score_count) AS sc
       FROM callback_stat WHERE stat_date BETWEEN :from AND :to AND result <> '' GROUP BY stat_date`,
    { from: p.from, to: p.to },
  )
  const byDate = new Map(rows.map((r) => [r.d, r]))
  return datesBetween(p.from, p.to).map((date) => {
    const r = byDate.get(date)
    const results = toNumber(r?.n)
    const satisfied = toNumber(r?.sat)
    const scoreSum = toNumber(r?.ss)
    const scoreCount = toNumber(r?.sc)
    return { date, results, satisfied, rate: ratio(satisfied, results), avgScore: ratio(scoreSum, scoreCount), scoreSum, scoreCount }
  })
}

/** Callbacks due in the period (cancelled left out) and how many of them are done. */
export async function callbacksDue(em: EntityManager, p: Period): Promise<{ due: number; done: number }> {
  const rows = await namedSql<{ s: string; n: unknown }>(
    em,
    "SELECT status AS s, COUNT(*) AS n FROM callback WHERE status IN ('open', 'done') AND due_on BETWEEN :from AND :to GROUP BY status",
    { from: p.from, to: p.to },
  )
  const count = (s: string) => toNumber(rows.find((r) => r.s === s)?.n)
  return { due: count('open') + count('done'), done: count('done') }
}

/** Per agent: calls by direction, answered, talk seconds, and callbacks they completed. */
export async function agentLines(em: EntityManager, p: Period): Promise<AgentLine[]> {
  const calls = await namedSql<{ a: unknown; direction: CallDirection; status: CallStatus; n: unknown; talk: unknown }>(
    em,
    `SELECT agent_id AS a, direction, status, SUM(calls) AS n, SUM(talk_sec) AS talk
       FROM call_stat WHERE stat_date BETWEEN :from AND :to AND agent_id <> 0 GROUP BY agent_id, direction, status`,
    { from: p.from, to: p.to },
  )
  const done = await namedSql<{ a: unknown; n: unknown }>(
    em,
    'SELECT agent_id AS a, SUM(callbacks) AS n FROM callback_stat WHERE stat_date BETWEEN :from AND :to AND agent_id <> 0 GROUP BY agent_id',
    { from: p.from, to: p.to },
  )
  const lines = new Map<number, { callsIn: number; callsOut: number; answered: number; talkSec: number; callbacksDone: number }>()
  const line = (id: number) => {
    let l = lines.get(id)
    if (!l) lines.set(id, (l = { callsIn: 0, callsOut: 0, answered: 0, talkSec: 0, callbacksDone: 0 }))
    return l
  }
  for (const r of calls) {
    const l = line(toNumber(r.a))
    const n = toNumber(r.n)
    if (r.direction === 'in') l.callsIn += n
    else l.callsOut += n
    if (r.status === 'answered') {
      l.answered += n
      l.talkSec += toNumber(r.talk)
    }
  }
  for (const r of done) line(toNumber(r.a)).callbacksDone += toNumber(r.n)
  if (lines.size === 0) return []
  const names = await repo(em, 'staff_account').find({ select: { id: true, displayName: true }, where: { id: In([...lines.keys()]) } })
  const nameOf = new Map(names.map((s) => [s.id, s.displayName]))
  return [...lines.entries()]
    .map(([id, l]) => ({ agent: { id, name: nameOf.get(id) ?? `#${id}` }, callsIn: l.callsIn, callsOut: l.callsOut, answered: l.answered, avgHandleSec: ratio(l.talkSec, l.answered), callbacksDone: l.callbacksDone }))
    .sort((a, b) => b.callsIn + b.callsOut - (a.callsIn + a.callsOut) || b.callbacksDone - a.callbacksDone || a.agent.id - b.agent.id)
}

/** The cards of one period from the groups above. */
export function kpisOf(args: {
  calls: CallTotals
  sales: SalesCounts
  consultationCountsMeasures: boolean
  complaints: readonly ComplaintGroup[]
  onTime: readonly OnTimeOnDay[]
  callbacks: { due: number; done: number }
  satisfaction: readonly SatisfactionDay[]
}): DashboardKpis {
  const { calls, sales, complaints, onTime, callbacks, satisfaction } = args
  const consultations = sales.walkIns + (args.consultationCountsMeasures ? sales.measures : 0)
  const sum = <T>(rows: readonly T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0)
  const resolved = sum(onTime, (d) => d.resolved)
  const results = sum(satisfaction, (d) => d.results)
  return {
    walkIns: sales.walkIns,
    callsIn: calls.callsIn,
    callsOut: calls.callsOut,
    callsMissed: calls.callsMissed,
    answerRate: ratio(calls.answeredIn, calls.endedIn),
    avgHandleSec: ratio(calls.talkSec, calls.answered),
    newCustomers: sales.newCustomers,
    consultations,
    deposits: sales.deposits,
    contracts: sales.contracts,
    conversion: ratio(sales.contracts, consultations),
    depositRate: ratio(sales.deposits, consultations),
    complaintsNew: sum(complaints, (c) => c.count),
    complaintsOpen: sum(complaints, (c) => c.open),
    complaintsBreached: sum(complaints, (c) => c.breached),
    ticketsResolved: resolved,
    onTimeRate: ratio(sum(onTime, (d) => d.onTime), resolved),
    callbacksDue: callbacks.due,
    callbacksDone: callbacks.done,
    callbackCompletion: ratio(callbacks.done, callbacks.due),
    satisfactionResults: results,
    satisfiedRate: ratio(sum(satisfaction, (d) => d.satisfied), results),
    avgScore: ratio(sum(satisfaction, (d) => d.scoreSum), sum(satisfaction, (d) => d.scoreCount)),
  }
}
