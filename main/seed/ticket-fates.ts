import type { AppSettings } from '../contract/settings.contract'
import { companyDate, companyDayRange } from '../contract/time'
import type { LeaderComplaintTarget, TicketKind, TicketState } from '../contract/tickets.contract'
import { resolutionHours } from '../services/ticket-clock'
import { logNormal } from './call-curve'
import { Weighted, type Rng } from './random'

const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
const QUARTER_HOUR = 900_000

/** What will happen to one ticket, drawn before its story is played out against the clock. */
export interface Fate {
  /**
   * The state it stays in once reached: the responsible person (or the customer, or the agent
   * who owes the callback) has not moved since. Null: it goes on until closed or cancelled.
   */
  stopIn: TicketState | null
  cancel: boolean
  suspend: boolean
  reassign: boolean
  /** a repair the worker fixed at the first visit: resolved straight from 已派单 */
  onSpot: boolean
  /** one step that waits far too long (a breach, escalations) */
  stall: 'dispatch' | 'respond' | 'resolve' | null
  stallMs: number
  /** the customer took the complaint higher (null: decided by how the ticket fares) */
  leader: LeaderComplaintTarget | null
  /** everything a little faster, so that a showcase ticket reaches its state before now */
  quick: boolean
  /** the customer is not satisfied at the callback */
  unsatisfied: boolean
}

/** Where a ticket waits on a person who has not moved: its deadlines run on, so these breach within days. */
const STALLED_STATES = new Weighted<TicketState>([
  ['pending', 10],
  ['dispatched', 35],
  ['inProgress', 45],
  ['reopened', 10],
])
/** Where it waits without a clock: on hold for the customer or a supplier, or resolved and not yet called back. */
const HELD_STATES = new Weighted<TicketState>([
  ['suspended', 60],
  ['awaitingCallback', 40],
])

/**
 * A ticket `ageDays` old: most run their course. Some recent ones are stuck with someone who has
 * not acted (they breach and climb within days, so few of those are old); some, of any age, wait
 * on hold or for their callback.
 */
export function drawFate(rng: Rng, kind: TicketKind, ageDays: number): Fate {
  const stalled = rng.chance(0.4 * Math.exp(-ageDays / 6))
  const held = !stalled && rng.chance(0.08 * Math.exp(-ageDays / 40))
  const stopIn = stalled ? STALLED_STATES.draw(rng) : held ? HELD_STATES.draw(rng) : null
  const stall = rng.chance(0.04) ? rng.pick(['dispatch', 'respond', 'resolve'] as const) : null
  return {
    stopIn,
    cancel: stopIn === null && rng.chance(0.03),
    suspend: stopIn === 'suspended' || rng.chance(0.06),
    reassign: rng.chance(0.04),
    onSpot: kind === 'repair' && stopIn !== 'inProgress' && rng.chance(0.15),
    stall,
    stallMs: stall ? rng.int(20, 480) * HOUR : 0,
    leader: null,
    quick: false,
    unsatisfied: stopIn === 'reopened',
  }
}

/** How long each step takes, by the kind of step and the ticket's severity. */
export class StepTimes {
  constructor(
    private readonly rng: Rng,
    private readonly settings: AppSettings,
  ) {}

  private minutes(median: number, sigma: number, min: number, max: number, quick: boolean): number {
    return logNormal(this.rng, quick ? median / 4 : median, sigma, min, max) * MINUTE
  }

  dispatch(fate: Fate, cycle: number): number {
    const r = this.rng.next()
    if (cycle > 0) return this.minutes(180, 0.8, 10, 2880, fate.quick)
    if (r < 0.35) return this.rng.int(5, 40) * MINUTE
    if (r < 0.95) return this.minutes(90, 0.8, 10, 600, fate.quick)
    return fate.quick ? this.rng.int(60, 240) * MINUTE : this.rng.int(2, 8) * HOUR
  }

  respond(fate: Fate): number {
    return this.minutes(150, 0.7, 15, 1200, fate.quick)
  }

  resolve(fate: Fate, severity: string): number {
    // a repair the worker fixes at the first visit takes hours, not days
    if (fate.onSpot) return this.minutes(300, 0.6, 60, 1440, fate.quick)
    const hours = resolutionHours(this.settings, severity)
    return this.minutes(hours * 60 * 0.22, 0.6, 60, hours * 60 * 3, fate.quick)
  }

  /** how long after the response the ticket is put on hold, and for how long */
  suspendAfter(fate: Fate): number {
    return fate.quick ? this.rng.int(1, 6) * HOUR : this.rng.int(2, 30) * HOUR
  }

  pause(fate: Fate): number {
    return this.minutes(3 * 24 * 60, 0.7, 6 * 60, 21 * 24 * 60, fate.quick)
  }

  /** days between the callback's due date and the day it was made */
  callbackLateDays(): number {
    const r = this.rng.next()
    return r < 0.7 ? 0 : r < 0.9 ? 1 : this.rng.int(2, 4)
  }
}

/** Staff act in working hours (08:30–20:30 company time): an instant outside them moves to the next morning. */
export class WorkClock {
  private readonly todayStart: number
  private readonly dayStarts = new Map<string, number>()
  private readonly dates = new Map<number, string>()

  constructor(
    now: Date,
    private readonly timeZone: string,
  ) {
    this.todayStart = companyDayRange(companyDate(now, timeZone), timeZone).from.getTime()
  }

  private dayStartOf(ms: number): number {
    return this.todayStart + Math.floor((ms - this.todayStart) / DAY) * DAY
  }

  /** `ms` when it falls in working hours, else a moment early the next working morning. */
  working(rng: Rng, ms: number): number {
    const start = this.dayStartOf(ms)
    const ofDay = ms - start
    if (ofDay < 8.5 * HOUR) return start + 8.5 * HOUR + rng.int(0, 90) * MINUTE
    if (ofDay >= 20.5 * HOUR) return start + DAY + 8.5 * HOUR + rng.int(0, 90) * MINUTE
    return ms
  }

  later(rng: Rng, at: number, ms: number): number {
    return this.working(rng, at + ms)
  }

  /** The company-local midnight of `date` (YYYY-MM-DD). */
  dayStart(date: string): number {
    let start = this.dayStarts.get(date)
    if (start === undefined) this.dayStarts.set(date, (start = companyDayRange(date, this.timeZone).from.getTime()))
    return start
  }

  /** A moment of office hours (09:30–18:00) on `date`. */
  officeHour(rng: Rng, date: string): number {
    return this.dayStart(date) + 9.5 * HOUR + rng.int(0, 510) * MINUTE
  }

  /** The company-local date of `ms`; cached by quarter hour (every zone's offset is a whole number of them). */
  date(ms: number): string {
    const quarter = Math.floor(ms / QUARTER_HOUR)
    let date = this.dates.get(quarter)
    if (date === undefined) this.dates.set(quarter, (date = companyDate(new Date(quarter * QUARTER_HOUR), this.timeZone)))
    return date
  }
}

/** Where a showcase ticket of each state comes from: its age in days, young enough to be plausible, old enough to get there. */
const SHOWCASE_AGES: [TicketState, number, number][] = [
  ['pending', 0.3, 6],
  ['dispatched', 0.5, 8],
  ['inProgress', 1, 10],
  ['suspended', 2, 14],
  ['awaitingCallback', 5, 16],
  ['reopened', 6, 20],
]

/**
 * However small the demo, every state, a few leader complaints and cancellations show up: when
 * the draws gave fewer than `minimum`, recent tickets of a fitting age take them on.
 */
export function showcase(rng: Rng, fates: Fate[], ages: readonly number[], kinds: readonly TicketKind[], minimum: number): void {
  const take = (count: number, minAge: number, maxAge: number, fits: (f: Fate, i: number) => boolean, apply: (f: Fate) => void): void => {
    for (let i = fates.length - 1; i >= 0 && count > 0; i--) {
      if (ages[i] < minAge || ages[i] > maxAge || !fits(fates[i], i)) continue
      apply(fates[i])
      count--
    }
  }
  const free = (f: Fate) => f.stopIn === null && !f.cancel && f.leader === null
  for (const [state, minAge, maxAge] of SHOWCASE_AGES) {
    const missing = minimum - fates.filter((f) => f.stopIn === state).length
    take(missing, minAge, maxAge, free, (f) =>
      Object.assign(f, { stopIn: state, quick: true, suspend: state === 'suspended', unsatisfied: state === 'reopened', onSpot: false, stall: null, stallMs: 0 }),
    )
  }
  take(minimum - fates.filter((f) => f.cancel).length, 2, 30, free, (f) => (f.cancel = true))
  take(minimum - fates.filter((f) => f.leader).length, 4, 30, (f, i) => free(f) && kinds[i] === 'complaint', (f) => {
    f.leader = rng.chance(0.3) ? 'generalManager' : 'leaders'
    f.quick = true
  })
}
