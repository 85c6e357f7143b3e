import { ATTEMPT_OUTCOMES, type AttemptOutcome, type CallbackStatus, type Satisfaction, type ScoreDimension } from '../contract/callbacks.contract'
import { derivePlan, isEmptyChange, reconcilePlan, type PlanRules, type PlanSite, type PlannedCallback } from '../services/callback-plan'
import type { DemoRota } from './agent-rota'
import type { DayBook } from './project-days'
import { attemptNote, callbackComment } from './project-texts'
import type { Timeline } from './project-timeline'
import { Weighted, type Rng } from './random'

const HOUR = 3_600_000
const MINUTE = 60_000

export interface Attempt {
  at: number
  byId: number
  outcome: AttemptOutcome
  note: string | null
  retryOn: string
}

/** One plan callback as it is stored. */
export interface PlanRow {
  id: number
  key: string
  kind: PlannedCallback['kind']
  status: CallbackStatus
  reason: string
  plannedOn: string
  dueOn: string
  agentId: number | null
  attempts: Attempt[]
  result: Satisfaction | null
  scores: Record<ScoreDimension, number | null>
  comment: string | null
  doneAt: number | null
  doneBy: number | null
  problemTicketId: number | null
  createdAt: number
  updatedAt: number
  version: number
}

/** A complaint a callback found (a ticket of source 'callback' the ticket seeder made for this customer). */
export interface FoundProblem {
  ticketId: number
  at: number
  byId: number
  subject: string
}

export interface PlanWorld {
  rng: Rng
  book: DayBook
  rules: PlanRules
  now: number
  /** accounts that may do a callback besides the site's own agent */
  agentIds: number[]
  /** who is at work when: a call falls to a colleague on shift when the site's agent is not */
  rota?: DemoRota
  nextId: () => number
}

/** When each recorded step of the site was entered, as the project's log has it (ms). */
export type RecordedAt = Partial<Record<'start' | 'material' | 'midterm' | 'completion' | 'cancel', number>> & { stops: number[] }

const OUTCOMES = new Weighted<AttemptOutcome>(ATTEMPT_OUTCOMES.map((o) => [o, { noAnswer: 55, busy: 20, wrongNumber: 4, inconvenient: 21 }[o]] as const))
const RESULTS: Record<PlanRow['kind'], Weighted<Satisfaction>> = {
  construction: new Weighted<Satisfaction>([['satisfied', 76], ['fair', 20], ['unsatisfied', 4]]),
  milestone: new Weighted<Satisfaction>([['satisfied', 74], ['fair', 21], ['unsatisfied', 5]]),
  aftercare: new Weighted<Satisfaction>([['satisfied', 84], ['fair', 13], ['unsatisfied', 3]]),
}
/** what the customer is asked about on each kind of call */
const ASKED: Record<PlanRow['kind'], ScoreDimension[]> = {
  construction: ['quality', 'tidiness', 'service', 'schedule'],
  milestone: ['design', 'quality', 'tidiness', 'service', 'schedule'],
  aftercare: ['design', 'quality', 'service'],
}
const SCORES: Record<Satisfaction, Weighted<number>> = {
  satisfied: new Weighted([[5, 60], [4, 35], [3, 5]]),
  fair: new Weighted([[4, 30], [3, 55], [2, 15]]),
  unsatisfied: new Weighted([[3, 25], [2, 45], [1, 30]]),
}

export function planSite(contractNo: string, t: Timeline, book: DayBook, withCancel: boolean): PlanSite {
  const on = (day: number | null) => (day === null ? null : book.text(day))
  return {
    contractNo,
    startOn: on(t.start),
    materialOn: on(t.material),
    midtermOn: on(t.midterm),
    completionOn: on(t.completion),
    completionPlannedOn: book.text(t.planned.completion),
    cancelledOn: withCancel ? on(t.cancelled) : null,
    stops: t.stops.map((s) => ({ fromOn: book.text(s.from), toOn: on(s.to) })),
  }
}

/**
 * A site's return-visit rows as the services would have left them by now: the plan the pure
 * planner wants today, every row of it created when its date became known (routine ones as the
 * daily sweep reached them), past ones mostly done — some after attempts, a few still open —
 * and the rows later changes dropped (the routine call of a milestone's week, weeks of a stop,
 * weeks past completion, all open ones of a cancelled site) done or cancelled. Checked: the
 * reconciler finds nothing to change.
 */
export function planCallbacks(
  w: PlanWorld,
  site: { contractNo: string; agentId: number | null; timeline: Timeline; recorded: RecordedAt; problems: FoundProblem[] },
): PlanRow[] {
  const { book, rules } = w
  const t = site.timeline
  if (t.start === null) return []
  const cancelled = t.cancelled
  // a cancelled site's rows stand as they were on the day it was cancelled, the open ones then cancelled
  const asOf = cancelled ?? 0
  const wanted = derivePlan(planSite(site.contractNo, t, book, false), rules, book.text(asOf))
  const wantedKeys = new Set(wanted.map((p) => p.key))
  const rows: PlanRow[] = []
  for (const p of wanted) rows.push(plannedRow(w, site, p, asOf))
  for (const g of ghosts(w, site, wantedKeys, asOf)) rows.push(g)
  if (cancelled !== null) {
    for (const r of rows) if (r.status === 'open') Object.assign(r, { status: 'cancelled', updatedAt: site.recorded.cancel ?? r.updatedAt, version: r.version + 1 })
  }
  for (const problem of site.problems) foundProblem(w, rows, problem)

  const today = book.text(0)
  const wantedNow = cancelled === null ? wanted : derivePlan(planSite(site.contractNo, t, book, true), rules, today)
  const check = reconcilePlan(wantedNow, rows.map((r) => ({ id: r.id, planKey: r.key, status: r.status, plannedOn: r.plannedOn, dueOn: r.dueOn })), today)
  if (!isEmptyChange(check)) throw new Error(`seed-projects: the plan of ${site.contractNo} is not settled: ${JSON.stringify(check)}`)
  return rows
}

function plannedRow(w: PlanWorld, site: { agentId: number | null; timeline: Timeline; recorded: RecordedAt }, p: PlannedCallback, asOf: number): PlanRow {
  const { book, rules, now } = w
  const t = site.timeline
  const planned = book.day(p.dueOn)
  let created: number
  if (p.kind === 'milestone') created = site.recorded[p.key.slice('milestone:'.length) as 'material' | 'midterm' | 'completion'] ?? now
  else if (p.kind === 'aftercare') created = site.recorded.completion ?? now
  else if (planned <= t.planned.completion) created = site.recorded.start ?? now
  // the daily sweep (early morning) adds routine weeks as they come within reach
  else created = Math.max(site.recorded.start ?? 0, book.start(planned - rules.callbackPlanAheadDays) + 2 * HOUR)
  const row = newRow(w, site.agentId, p, Math.min(created, now))
  // weeks a stop cancelled and the resumption brought back
  for (const [i, s] of t.stops.entries()) {
    if (s.to !== null && p.kind === 'construction' && planned >= s.to && planned <= Math.max(t.planned.completion, s.from + rules.callbackPlanAheadDays)) {
      row.version += 2
      row.updatedAt = Math.max(row.updatedAt, site.recorded.stops[i] ?? row.updatedAt)
    }
  }
  live(w, row, planned, asOf)
  return row
}

function newRow(w: PlanWorld, agentId: number | null, p: Pick<PlannedCallback, 'key' | 'kind' | 'dueOn' | 'reason'>, created: number): PlanRow {
  return {
    id: w.nextId(),
    key: p.key,
    kind: p.kind,
    status: 'open',
    reason: p.reason,
    plannedOn: p.dueOn,
    dueOn: p.dueOn,
    agentId,
    attempts: [],
    result: null,
    scores: { design: null, quality: null, tidiness: null, service: null, schedule: null },
    comment: null,
    doneAt: null,
    doneBy: null,
    problemTicketId: null,
    createdAt: created,
    updatedAt: created,
    version: 1,
  }
}

/** How the call went up to `asOf`: attempts that reached nobody, then the answer — or still owed. */
function live(w: PlanWorld, row: PlanRow, planned: number, asOf: number): void {
  const { rng, book, now } = w
  const age = asOf - planned
  if (age < 0) return
  const pOpen = age === 0 ? 0.65 : age <= 2 ? 0.35 : age <= 7 ? 0.14 : age <= 30 ? 0.03 : 0.002
  const open = rng.chance(pOpen)
  const doer = row.agentId !== null && rng.chance(0.9) ? row.agentId : rng.pick(w.agentIds)
  const tries = open ? (rng.chance(0.4) ? rng.int(1, 3) : 0) : rng.chance(0.8) ? 0 : rng.chance(0.75) ? 1 : rng.int(2, 3)
  let day = planned + (rng.chance(0.75) ? 0 : rng.int(1, 2))
  for (let i = 0; i < tries && day <= asOf; i++) {
    const outcome = OUTCOMES.draw(rng)
    const retry = day + (outcome === 'inconvenient' ? rng.int(1, 3) : rng.int(1, 2))
    const at = book.officeBy(rng, day, now)
    row.attempts.push({ at, byId: w.rota?.deskAt(rng, doer, at) ?? doer, outcome, note: attemptNote(rng, outcome), retryOn: book.text(retry) })
    row.dueOn = book.text(retry)
    row.updatedAt = Math.max(row.updatedAt, at)
    row.version++
    day = retry
  }
  if (open) {
    // a colleague took an unassigned one onto their desk
    if (row.agentId === null && rng.chance(0.3)) {
      row.agentId = doer
      row.version++
    }
    return
  }
  if (day > asOf) return
  const lateBy = row.attempts.length === 0 && rng.chance(0.2) ? rng.int(1, 4) : 0
  const doneDay = Math.min(asOf, day + lateBy)
  const at = Math.max(book.officeBy(rng, doneDay, now), (row.attempts.at(-1)?.at ?? 0) + 30 * MINUTE)
  if (at > now) return
  complete(w, row, at, w.rota?.deskAt(rng, doer, at) ?? doer)
}

function complete(w: PlanWorld, row: PlanRow, at: number, doer: number, result?: Satisfaction): void {
  const { rng } = w
  const verdict = result ?? RESULTS[row.kind].draw(rng)
  row.status = 'done'
  row.result = verdict
  row.doneAt = at
  row.doneBy = doer
  if (row.agentId === null) row.agentId = doer
  row.scores = { design: null, quality: null, tidiness: null, service: null, schedule: null }
  const asked = ASKED[row.kind].filter((d) => d !== 'design' || row.kind !== 'aftercare' || rng.chance(0.4))
  for (const d of asked) if (rng.chance(0.93)) row.scores[d] = SCORES[verdict].draw(rng)
  // the customer always rates the work itself
  row.scores.quality ??= SCORES[verdict].draw(rng)
  row.comment = callbackComment(rng, row.kind, verdict)
  row.updatedAt = Math.max(row.updatedAt, at)
  row.version++
}

/** Rows of keys the plan no longer wants: they were created once, then done or cancelled. */
function ghosts(w: PlanWorld, site: { agentId: number | null; contractNo: string; timeline: Timeline; recorded: RecordedAt }, wanted: Set<string>, asOf: number): PlanRow[] {
  const { book, rules, now } = w
  const t = site.timeline
  const start = t.start as number
  const ahead = rules.callbackPlanAheadDays
  const last = t.completion !== null ? Math.max(t.planned.completion, t.completion - 1 + ahead) : Math.max(t.planned.completion, asOf + ahead)
  const marks = (['material', 'midterm', 'completion'] as const).flatMap((m) => (t[m] === null ? [] : [{ m, day: t[m] as number }]))
  const out: PlanRow[] = []
  for (let k = 1; ; k++) {
    const due = start + k * rules.callbackWeeklyDays
    if (due > last) break
    const key = `weekly:${k}`
    if (wanted.has(key)) continue
    const p = { key, kind: 'construction' as const, dueOn: book.text(due), reason: `${site.contractNo} 施工期第${k}次回访` }
    const created = Math.min(now, due <= t.planned.completion ? (site.recorded.start ?? now) : Math.max(site.recorded.start ?? 0, book.start(due - ahead) + 2 * HOUR))
    let droppedAt: number | null = null
    let dueBefore: number | null = null
    if (t.completion !== null && due >= t.completion) droppedAt = site.recorded.completion ?? now
    else {
      const stop = t.stops.findIndex((s) => s.from <= due && (s.to === null || due < s.to))
      if (stop >= 0) {
        if (due > Math.max(t.planned.completion, t.stops[stop].from + ahead)) continue
        droppedAt = site.recorded.stops[stop] ?? now
      } else {
        const mark = marks.find((x) => book.week(x.day + rules.callbackMilestoneDelayDays) === book.week(due))
        if (!mark) continue
        droppedAt = site.recorded[mark.m] ?? now
        // due before the milestone was recorded: most were made by then
        if (due < mark.day) dueBefore = mark.day - 1
      }
    }
    const row = newRow(w, site.agentId, p, Math.min(created, droppedAt))
    if (dueBefore !== null) live(w, row, due, Math.min(asOf, dueBefore))
    if (row.status === 'open') Object.assign(row, { status: 'cancelled', updatedAt: Math.max(row.updatedAt, droppedAt), version: row.version + 1 })
    out.push(row)
  }
  return out
}

/**
 * The complaint a callback raised: the latest call due before the ticket was opened (within
 * five weeks) becomes the one that found it, answered minutes before by the agent who opened it.
 */
function foundProblem(w: PlanWorld, rows: PlanRow[], problem: FoundProblem): void {
  const { book, rng } = w
  const day = book.dayOf(problem.at)
  let best: PlanRow | null = null
  for (const r of rows) {
    if (r.status === 'cancelled' || r.problemTicketId !== null) continue
    const planned = book.day(r.plannedOn)
    if (planned > day || planned < day - 35) continue
    if (!best || planned > book.day(best.plannedOn)) best = r
  }
  if (!best) return
  best.attempts = []
  best.dueOn = best.plannedOn
  best.version = 1
  const at = Math.max(book.start(day), problem.at - rng.int(3, 40) * MINUTE)
  complete(w, best, at, problem.byId, rng.chance(0.7) ? 'unsatisfied' : 'fair')
  best.comment = problem.subject.slice(0, 200)
  best.problemTicketId = problem.ticketId
}
