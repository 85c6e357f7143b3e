import { storedStatusOf, warrantyEndsOn } from '../services/project-rules'
import { sqlText as q, sqlTime as ts } from './bulk-insert'
import { addressIn, type Community } from './communities'
import type { RecordedAt } from './project-callbacks'
import type { DayBook } from './project-days'
import type { PoolCustomer, ProjectOrg } from './project-people'
import { logLiteral, type ProjectRecord } from './project-rows'
import { CANCEL_REASONS, PROJECT_NOTES, RESUME_NOTES, STOP_REASONS } from './project-texts'
import type { Timeline } from './project-timeline'
import { Weighted, type Rng } from './random'

const MINUTE = 60_000

export interface SiteWorld {
  rng: Rng
  book: DayBook
  now: number
  org: ProjectOrg
  warrantyYears: number
  communities: Map<string, Community>
  anyCommunity: Weighted<Community>
}

export interface Site {
  record: ProjectRecord
  timeline: Timeline
  recorded: RecordedAt
  logs: string[]
  stops: string[]
}

type Step = { day: number; order: number; action: string; data: Record<string, unknown>; key?: keyof Omit<RecordedAt, 'stops'>; stop?: number }

/**
 * The project row of a drawn timeline, with the log the services would have written step by
 * step (contract, milestones, payments, stops, cancellation, settlement) and the moment each step
 * was entered; the status comes from the services' own rule.
 */
export function buildSite(w: SiteWorld, o: { id: number; contractNo: string; timeline: Timeline; customer: PoolCustomer; areaSqm: number; depositId: number | null }): Site {
  const { rng, book, org } = w
  const t = o.timeline
  const on = (day: number | null) => (day === null ? null : book.text(day))
  const started = t.start !== null
  const designerId = o.customer.designerId !== null && org.designerIds.has(o.customer.designerId) ? o.customer.designerId : org.designers.draw(rng)
  const pick = (ids: number[], p: number) => (ids.length && rng.chance(p) ? rng.pick(ids) : null)
  const unassigned = t.fate === 'pending' || t.fate === 'early' ? 0.2 : 0.04
  const agentId = rng.chance(unassigned) ? null : rng.pick(org.agents)
  const createdBy = agentId !== null && rng.chance(0.7) ? agentId : rng.pick(org.writers)

  const yuan = Math.max(30_000, Math.round((o.areaSqm * rng.int(900, 2600)) / 100) * 100)
  const first = Math.round((yuan * 0.4) / 100) * 100
  const midterm = Math.round((yuan * 0.5) / 100) * 100
  // some contracts keep a 质保金 outside the three stages: the stages then add up to less
  const rest = yuan - first - midterm
  const final = rng.chance(0.12) ? Math.min(rest, Math.round((yuan * 0.05) / 100) * 100) : rest
  const paidOn = { first: on(t.paid.first), midterm: on(t.paid.midterm), final: on(t.paid.final) }
  const actual = { start: on(t.start), material: on(t.material), midterm: on(t.midterm), completion: on(t.completion) }
  const openStop = t.stops.some((s) => s.to === null)
  const stored = { cancelledOn: on(t.cancelled), completionOn: actual.completion, finalPaidOn: paidOn.final, startOn: actual.start, finalFen: final * 100 }

  const steps: Step[] = [{ day: t.signed, order: 0, action: 'create', data: { contractNo: o.contractNo } }]
  const payment = (stage: 'first' | 'midterm' | 'final', day: number | null) => {
    if (day !== null) steps.push({ day, order: 6, action: 'payment', data: { stage, paidOn: book.text(day) } })
  }
  payment('first', t.paid.first)
  for (const m of ['start', 'material', 'midterm', 'completion'] as const) {
    const day = t[m]
    if (day !== null) steps.push({ day, order: 2, action: 'milestone', data: { milestone: m, on: book.text(day), previous: null, note: null }, key: m })
  }
  payment('midterm', t.paid.midterm)
  payment('final', t.paid.final)
  const stopReasons: string[] = []
  for (const [i, s] of t.stops.entries()) {
    const reason = rng.pick(STOP_REASONS)
    stopReasons.push(reason)
    steps.push({ day: s.from, order: 4, action: 'stop', data: { on: book.text(s.from), reason }, stop: i })
    if (s.to !== null) steps.push({ day: s.to, order: 1, action: 'resume', data: { on: book.text(s.to), note: rng.pick(RESUME_NOTES) } })
  }
  const cancelReason = t.cancelled !== null ? rng.pick(CANCEL_REASONS) : null
  if (t.cancelled !== null) steps.push({ day: t.cancelled, order: 8, action: 'cancel', data: { on: book.text(t.cancelled), reason: cancelReason }, key: 'cancel' })
  if (t.settlementSent !== null) steps.push({ day: t.settlementSent, order: 9, action: 'settlement', data: { on: book.text(t.settlementSent) } })
  steps.sort((a, b) => a.day - b.day || a.order - b.order)

  const recorded: RecordedAt = { stops: [] }
  const logs: string[] = []
  let last = 0
  let createdAt = 0
  for (const [i, step] of steps.entries()) {
    // entered during office hours on the day, each after the one before, never after now
    const at = Math.min(w.now, Math.max(book.officeBy(rng, step.day, w.now), last + (i ? rng.int(1, 30) * MINUTE : 0)))
    last = at
    if (i === 0) createdAt = at
    const actor = i === 0 ? createdBy : agentId !== null && rng.chance(0.6) ? agentId : rng.pick(org.writers)
    logs.push(logLiteral(o.id, at, actor, step.action, step.data))
    if (step.key) recorded[step.key] = at
    if (step.stop !== undefined) recorded.stops[step.stop] = at
  }
  const stops = t.stops.map((s, i) => `(${[o.id, q(book.text(s.from)), q(on(s.to)), q(stopReasons[i]), createdBy, ts(recorded.stops[i] ?? w.now)].join(',')})`)

  const record: ProjectRecord = {
    id: o.id,
    contractNo: o.contractNo,
    customerId: o.customer.id,
    depositId: o.depositId,
    address: siteAddress(w, o.customer),
    designerId,
    projectManagerId: pick(org.projectManagers, started ? 0.97 : 0.75),
    supervisorId: pick(org.supervisors, started ? 0.9 : 0.5),
    crewId: pick(org.crews, started ? 0.9 : 0.3),
    agentId,
    amountFen: yuan * 100,
    signedOn: book.text(t.signed),
    planned: { start: book.text(t.planned.start), material: book.text(t.planned.material), midterm: book.text(t.planned.midterm), completion: book.text(t.planned.completion) },
    actual,
    fen: { first: first * 100, midterm: midterm * 100, final: final * 100 },
    paidOn,
    status: storedStatusOf(stored, openStop),
    warrantyEndsOn: warrantyEndsOn(actual.completion, w.warrantyYears),
    settlementSentOn: on(t.settlementSent),
    cancelledOn: on(t.cancelled),
    cancelReason,
    note: rng.pick(PROJECT_NOTES),
    createdBy,
    createdAt,
    updatedAt: last,
    version: steps.length,
  }
  return { record, timeline: t, recorded, logs, stops }
}

/** The flat's address as the customer file has it, or one in the customer's 小区. */
function siteAddress(w: SiteWorld, c: PoolCustomer): string {
  const community = (c.community && w.communities.get(c.community)) || (c.community ? null : w.anyCommunity.draw(w.rng))
  const name = c.community ?? community?.name ?? ''
  const address = c.address ?? (community ? addressIn(w.rng, community) : `${w.rng.int(1, 30)}号${w.rng.int(1, 28) * 100 + w.rng.int(1, 6)}室`)
  return `${name} ${address}`.trim().slice(0, 120)
}

/** `HT20250604-003`: HT, the signing date, the day's sequence. */
export function contractNo(signedOn: string, sequence: number): string {
  return `HT${signedOn.replaceAll('-', '')}-${String(sequence).padStart(3, '0')}`
}
