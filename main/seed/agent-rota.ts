import { companyHour } from '../contract/time'
import { weekdayOf } from './call-curve'
import { Rng } from './random'

const DAY = 86_400_000

/** Company hours [from, to) with an hour's break starting at `pause`. */
interface Shift {
  from: number
  to: number
  pause: number
}

/**
 * Weekdays, handed out in turn: 白班, 早班 and 晚班, so that the phones are covered 08:00–21:00 (the
 * calls' day) and the lunch breaks are staggered.
 */
const WEEKDAY_SHIFTS: readonly Shift[] = [
  { from: 9, to: 18, pause: 12 },
  { from: 8, to: 17, pause: 13 },
  { from: 12, to: 21, pause: 17 },
]
/** One agent a weekend day, in turn (大小周): Saturday and Sunday are quieter than a weekday. */
const WEEKEND_SHIFT: Shift = { from: 9, to: 18, pause: 12 }
/** The shift lead: office hours, and every other Saturday. */
const LEAD_SHIFT: Shift = { from: 9, to: 18, pause: 12 }
/** A day off now and then (年假, 病假): the others take the calls. */
const LEAVE_CHANCE = 0.04

const onShift = (s: Shift, hour: number): boolean => hour >= s.from && hour < s.to && hour !== s.pause

/**
 * Who of the demo call desk works when, in the company's hours: the calls are routed to the
 * agents on shift (to the day's nearest agent outside them), and the presence rows the staffing
 * plan reads are these shifts plus every hour in which someone actually took a call.
 */
export class DemoRota {
  private readonly byHour = new Map<string, readonly number[]>()
  private readonly leave = new Map<string, boolean>()

  constructor(
    private readonly o: {
      /** the agents who take calls, in a fixed order (the first gets the day shift) */
      agents: readonly number[]
      shiftLeads: readonly number[]
      timeZone: string
      seed: string
    },
  ) {}

  /** Everyone on the rota: agents, then shift leads. */
  get staff(): number[] {
    return [...this.o.agents, ...this.o.shiftLeads]
  }

  /** The agents who take a call that starts in this company hour: those on shift, else the one on call. */
  agentsOn(date: string, hour: number): readonly number[] {
    const key = `${date}|${hour}`
    let ids = this.byHour.get(key)
    if (!ids) {
      const working = this.working(date, hour)
      ids = working.length ? working : this.onCall(date, hour)
      this.byHour.set(key, ids)
    }
    return ids
  }

  /** The same for an instant (a missed call called back later). */
  agentsAt(ms: number): readonly number[] {
    const { date, hour } = companyHour(new Date(ms), this.o.timeZone)
    return this.agentsOn(date, hour)
  }

  /** Staff ids on shift in the UTC hour that starts at `hourMs` (agents and shift leads, no one on call). */
  workingAt(hourMs: number): number[] {
    const { date, hour } = companyHour(new Date(hourMs), this.o.timeZone)
    const ids = this.working(date, hour)
    for (const id of this.o.shiftLeads) if (this.leadWorks(id, date, hour)) ids.push(id)
    return ids
  }

  /**
   * Who does a piece of phone work due at `ms`: `preferred` (the desk it is assigned to) when
   * at work then, else a colleague on shift; someone off the rota is never moved.
   */
  deskAt(rng: Rng, preferred: number | null, ms: number): number | null {
    const { date, hour } = companyHour(new Date(ms), this.o.timeZone)
    const agents = this.agentsOn(date, hour)
    if (preferred !== null && (agents.includes(preferred) || (this.o.shiftLeads.includes(preferred) && this.leadWorks(preferred, date, hour)))) return preferred
    if (preferred !== null && !this.o.agents.includes(preferred) && !this.o.shiftLeads.includes(preferred)) return preferred
    return agents.length ? rng.pick(agents) : preferred
  }

  private leadWorks(id: number, date: string, hour: number): boolean {
    const weekday = weekdayOf(date)
    return (weekday < 5 || (weekday === 5 && weekOf(date) % 2 === 0)) && !this.onLeave(id, date) && onShift(LEAD_SHIFT, hour)
  }

  private working(date: string, hour: number): number[] {
    return this.o.agents.filter((_, i) => {
      const shift = this.agentShift(i, date)
      return shift !== null && onShift(shift, hour)
    })
  }

  /** Agent `index`'s shift on a company date, or null for a day off. */
  private agentShift(index: number, date: string): Shift | null {
    if (this.onLeave(this.o.agents[index], date)) return null
    const weekday = weekdayOf(date)
    if (weekday < 5) return WEEKDAY_SHIFTS[index % WEEKDAY_SHIFTS.length]
    return (weekOf(date) + weekday - 5) % this.o.agents.length === index ? WEEKEND_SHIFT : null
  }

  /** Outside every shift (nights, weekend evenings): the agent working that day whose shift is nearest, else one in turn. */
  private onCall(date: string, hour: number): readonly number[] {
    let best: number | null = null
    let bestDistance = Infinity
    for (const [i, id] of this.o.agents.entries()) {
      const s = this.agentShift(i, date)
      if (!s) continue
      const distance = hour < s.from ? s.from - hour : hour >= s.to ? hour - s.to + 1 : 0
      if (distance < bestDistance) {
        best = id
        bestDistance = distance
      }
    }
    if (best !== null) return [best]
    const n = this.o.agents.length
    return n ? [this.o.agents[Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY) % n]] : []
  }

  private onLeave(staffId: number, date: string): boolean {
    const key = `${staffId}|${date}`
    let off = this.leave.get(key)
    if (off === undefined) {
      // drawn per person and day, so that asking in any order gives the same rota
      off = new Rng(`${this.o.seed}|${key}`).chance(LEAVE_CHANCE)
      this.leave.set(key, off)
    }
    return off
  }
}

/** Weeks (Monday to Sunday) since 1970. */
function weekOf(date: string): number {
  return Math.floor((Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY) + 3) / 7)
}
