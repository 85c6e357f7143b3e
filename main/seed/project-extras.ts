import type { AppSettings } from '../contract/settings.contract'
import { holidaysOf } from '../services/holiday-calendar'
import { sqlNumber as n, sqlText as q, sqlTime as ts } from './bulk-insert'
import type { DayBook } from './project-days'
import type { CustomerPool, PoolCustomer, ProjectOrg } from './project-people'
import type { Site } from './project-sites'
import { EVALUATION_COMMENTS, GREETING_NOTES, VIEWING_NOTES, VIEWING_OUTCOME_WEIGHTS, VIEWING_REPORTS } from './project-texts'
import { Weighted, type Rng } from './random'

const HOUR = 3_600_000
const MINUTE = 60_000
/** Evaluation forms go out for sites completed within these last days. */
const EVALUATION_DAYS = 183

export interface ExtrasWorld {
  rng: Rng
  book: DayBook
  now: number
  org: ProjectOrg
}

export interface TripRows {
  trips: string[]
  clients: string[]
  sites: string[]
  /** clients who paid a deposit on the trip (当场交定): registered as pending deposits that day */
  deposits: { customer: PoolCustomer; day: number }[]
}

/** Whether the site was under construction on `day` (started, not finished, not stopped or cancelled). */
export function buildingOn(s: Site, day: number): boolean {
  const t = s.timeline
  return t.start !== null && t.start <= day && (t.completion === null || t.completion > day) && (t.cancelled === null || t.cancelled > day) && !t.stops.some((x) => x.from <= day && (x.to === null || day < x.to))
}

/**
 * 看房班车 on Saturdays of the last two months (a few weeks skipped) and the coming one:
 * prospective clients taken to sites under construction; the past ones have their 看房汇报.
 */
export function viewingTrips(w: ExtrasWorld, sites: Site[], pool: CustomerPool, firstId: number): TripRows {
  const { rng, book, org } = w
  const out: TripRows = { trips: [], clients: [], sites: [], deposits: [] }
  const outcomes = new Weighted(VIEWING_OUTCOME_WEIGHTS)
  const thisSaturday = 5 - book.weekdayOf(0)
  const days = [thisSaturday > 0 ? thisSaturday : thisSaturday + 7]
  for (let k = 1; k <= 8; k++) if (rng.chance(0.75) || k === 1) days.push(thisSaturday - 7 * k + (thisSaturday > 0 ? 0 : 7))
  days.sort((a, b) => a - b)
  let id = firstId
  for (const day of days) {
    const open = sites.filter((s) => buildingOn(s, day))
    if (open.length === 0) continue
    const shown = new Set<Site>()
    const siteCount = Math.min(open.length, rng.int(2, 4))
    while (shown.size < siteCount) shown.add(rng.pick(open))
    const clients: PoolCustomer[] = []
    for (let i = rng.int(3, 10); i > 0; i--) {
      const c = pool.take(rng, book.start(Math.min(day, 0)) - 24 * HOUR, 45)
      if (c) clients.push(c)
    }
    if (clients.length === 0) continue
    const reported = day < 0
    const guide = rng.pick(org.agents)
    const createdAt = book.officeBy(rng, Math.min(day, 0) - rng.int(2, 6), w.now)
    const reportedAt = reported ? book.start(day) + 16 * HOUR + rng.int(0, 120) * MINUTE : null
    const report = reported ? rng.pick(VIEWING_REPORTS).replace('{sites}', String(shown.size)) : null
    out.trips.push(
      `(${[id, q(book.text(day)), q(rng.chance(0.7) ? '09:30' : '13:30'), guide, q(rng.pick(VIEWING_NOTES)), q(report), ts(reportedAt), n(reported ? guide : null), rng.pick(org.writers), ts(createdAt), ts(reportedAt ?? createdAt), reported ? 2 : 1].join(',')})`,
    )
    for (const c of clients) {
      const outcome = reported ? outcomes.draw(rng) : null
      out.clients.push(`(${[id, c.id, q(outcome)].join(',')})`)
      if (outcome === 'deposit') out.deposits.push({ customer: c, day })
    }
    for (const s of shown) out.sites.push(`(${id},${s.record.id})`)
    id++
  }
  return out
}

/**
 * 客户评价表 of the sites completed in recent months: sent a few days after completion, most
 * returned with scores; the latest ones are not back yet (no row).
 */
export function evaluations(w: ExtrasWorld, sites: Site[]): string[] {
  const { rng, book, org } = w
  const score = new Weighted<number>([[5, 45], [4, 38], [3, 13], [2, 3], [1, 1]])
  const rows: string[] = []
  for (const s of sites) {
    const done = s.timeline.completion
    if (done === null || done < -EVALUATION_DAYS || s.timeline.cancelled !== null) continue
    // entered from a phone call (no form sent) or from the returned form
    const byPhone = rng.chance(0.2)
    const sent = done + rng.int(3, 10)
    const returned = sent + rng.int(5, 20)
    const enteredOn = byPhone ? done + rng.int(7, 14) : returned
    if (enteredOn > 0 || !rng.chance(0.85)) continue
    const at = book.officeBy(rng, enteredOn, w.now)
    const overall = score.draw(rng)
    const near = () => Math.max(1, Math.min(5, overall + (rng.chance(0.6) ? 0 : rng.chance(0.5) ? 1 : -1)))
    rows.push(
      `(${[s.record.id, q(book.text(done).slice(0, 7)), near(), near(), near(), near(), overall, q(rng.pick(EVALUATION_COMMENTS)), q(byPhone ? null : book.text(sent)), q(byPhone ? null : book.text(returned)), rng.pick(org.writers), ts(at), ts(at), 1].join(',')})`,
    )
  }
  return rows
}

/**
 * The last holiday greetings or two done (a batch list per holiday): sent a couple of days
 * ahead to every customer with a site under construction or in warranty on the day.
 */
export function greetings(w: ExtrasWorld, sites: Site[], settings: AppSettings): string[] {
  const { rng, book } = w
  const today = book.text(0)
  const year = Number(today.slice(0, 4))
  const past = [year - 1, year].flatMap((y) => holidaysOf(y, settings.greetingHolidays).map((h) => ({ ...h, key: `${y}-${h.name}` }))).filter((h) => h.on < today)
  const rows: string[] = []
  for (const h of past.slice(-rng.int(1, 2))) {
    const day = book.day(h.on)
    const customers = new Set<number>()
    for (const s of sites) {
      const t = s.timeline
      const warrantyEnds = s.record.warrantyEndsOn === null ? null : book.day(s.record.warrantyEndsOn)
      if (t.start !== null && t.start <= day && (t.cancelled === null || t.cancelled > day) && (warrantyEnds === null || warrantyEnds >= day)) customers.add(s.record.customerId)
    }
    const doneAt = Math.min(w.now, book.officeBy(rng, day - settings.greetingLeadDays, w.now))
    rows.push(`(${[q(h.key), q(h.name), q(h.on), ts(doneAt), rng.pick(w.org.agents), customers.size, q(rng.pick(GREETING_NOTES))].join(',')})`)
  }
  return rows
}
