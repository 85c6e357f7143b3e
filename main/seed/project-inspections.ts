import { sqlNumber as n, sqlText as q, sqlTime as ts } from './bulk-insert'
import type { DayBook } from './project-days'
import type { ProjectOrg } from './project-people'
import type { ProjectRecord } from './project-rows'
import { findings, INSPECTION_ISSUES, INSPECTION_OK, RECHECK_FAILED, RECHECK_PASSED, RECTIFICATION_ITEMS } from './project-texts'
import type { Timeline } from './project-timeline'
import type { Rng } from './random'

const HOUR = 3_600_000
/** Inspections are kept for the sites that were building within this many days. */
export const INSPECTION_HISTORY_DAYS = 180

export interface InspectionWorld {
  rng: Rng
  book: DayBook
  now: number
  org: ProjectOrg
  nextInspectionId: () => number
  nextRectificationId: () => number
  /** the day's last 整改通知书 sequence, by company date */
  sequences: Map<string, number>
}

export interface InspectionRows {
  inspections: string[]
  rectifications: string[]
  rechecks: string[]
  open: number
  overdue: number
}

/**
 * 巡检 about weekly while a site is building (not while stopped), for the last months: most
 * fine, about one in eight needing work, which gets a 整改通知书 with a deadline, rechecked —
 * the old ones passed (some after a failed recheck), recent ones still open, a few overdue.
 */
export function inspectSite(w: InspectionWorld, p: ProjectRecord, t: Timeline, out: InspectionRows): void {
  const { rng, book, org } = w
  if (t.start === null) return
  const end = Math.min(t.completion ?? 0, t.cancelled ?? 0, ...t.stops.filter((s) => s.to === null).map((s) => s.from))
  if (end < -INSPECTION_HISTORY_DAYS) return
  let day = Math.max(t.start + rng.int(1, 5), -INSPECTION_HISTORY_DAYS + rng.int(0, 6))
  const people = [p.crewId, p.projectManagerId, p.supervisorId]
  while (day <= end) {
    if (!t.stops.some((s) => s.from <= day && s.to !== null && day < s.to)) {
      const inspector = p.supervisorId !== null && rng.chance(0.75) ? p.supervisorId : (p.projectManagerId ?? p.supervisorId)
      const at = Math.min(w.now, book.start(day) + rng.int(15, 19) * HOUR + rng.int(0, 59) * 60_000)
      const id = w.nextInspectionId()
      const issues = rng.chance(0.13)
      const recorder = rng.pick(org.writers)
      out.inspections.push(`(${[id, p.id, q(book.text(day)), n(inspector), recorder, q(issues ? 'issues' : 'ok'), q(findings(rng, issues ? INSPECTION_ISSUES : INSPECTION_OK)), ts(at)].join(',')})`)
      if (issues) rectify(w, p, { id, day, at, recorder, people }, out)
    }
    day += rng.chance(0.9) ? rng.int(5, 8) : rng.int(9, 13)
  }
}

function rectify(w: InspectionWorld, p: ProjectRecord, i: { id: number; day: number; at: number; recorder: number; people: (number | null)[] }, out: InspectionRows): void {
  const { rng, book } = w
  const candidates = i.people.filter((x): x is number => x !== null)
  const responsible = candidates.length ? (rng.chance(0.55) && p.crewId !== null ? p.crewId : rng.pick(candidates)) : p.designerId
  const date = book.text(i.day)
  const sequence = (w.sequences.get(date) ?? 0) + 1
  w.sequences.set(date, sequence)
  const id = w.nextRectificationId()
  let deadline = i.day + rng.int(3, 7)
  let version = 1
  let updated = i.at
  let closed: number | null = null
  // rechecked on or a little after the deadline: passed, or given a new deadline
  let check = deadline + rng.int(-2, 1)
  // a few notices the crew let slip: no recheck yet, open past the deadline
  if (deadline < 0 && deadline > -30 && rng.chance(0.2)) check = 1
  for (let round = 0; round < 3 && check <= 0 && closed === null; round++) {
    check = Math.max(check, i.day + 1)
    const at = Math.min(w.now, book.officeBy(rng, check, w.now))
    const passed = round === 2 || rng.chance(0.8)
    const newDeadline = passed ? null : check + rng.int(2, 5)
    out.rechecks.push(`(${[id, ts(at), rng.pick(w.org.writers), passed ? 1 : 0, q(rng.pick(passed ? RECHECK_PASSED : RECHECK_FAILED)), q(newDeadline === null ? null : book.text(newDeadline))].join(',')})`)
    version++
    updated = at
    if (passed) closed = check
    else {
      deadline = newDeadline as number
      check = deadline + rng.int(-1, 1)
    }
  }
  if (closed === null) {
    out.open++
    if (deadline < 0) out.overdue++
  }
  // as inspections.service numbers them: ZG, the inspection's date, the day's sequence
  const no = `ZG${date.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`
  out.rectifications.push(
    `(${[id, q(no), i.id, p.id, q(rng.pick(RECTIFICATION_ITEMS)), responsible, q(book.text(deadline)), q(closed === null ? 'open' : 'passed'), q(closed === null ? null : book.text(closed)), i.recorder, ts(i.at), ts(updated), version].join(',')})`,
  )
}
