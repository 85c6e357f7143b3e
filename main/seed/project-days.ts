import { daysBetween, shiftDate, weekStartOf } from '../contract/time'
import type { Rng } from './random'
import type { WorkClock } from './ticket-fates'

const MINUTE = 60_000
const HOUR = 3_600_000

/**
 * Company dates as whole days from today (0 today, −1 yesterday), so that a site's timeline is
 * integer arithmetic; the text of a day is made once through the contract's own `shiftDate`.
 */
export class DayBook {
  private readonly texts = new Map<number, string>()
  private readonly numbers = new Map<string, number>()
  /** days from the Monday of today's week to today */
  private readonly weekday: number

  constructor(
    readonly today: string,
    private readonly clock: WorkClock,
  ) {
    this.weekday = daysBetween(weekStartOf(today), today)
  }

  text(day: number): string {
    let text = this.texts.get(day)
    if (text === undefined) {
      text = shiftDate(this.today, day)
      this.texts.set(day, text)
      this.numbers.set(text, day)
    }
    return text
  }

  /** The day number of a company date. */
  day(date: string): number {
    let day = this.numbers.get(date)
    if (day === undefined) {
      day = daysBetween(this.today, date)
      this.numbers.set(date, day)
      this.texts.set(day, date)
    }
    return day
  }

  /** The day an instant falls on, in the company's time zone. */
  dayOf(ms: number): number {
    return this.day(this.clock.date(ms))
  }

  /** Mon–Sun weeks counted from today's: equal for two days of the same week. */
  week(day: number): number {
    return Math.floor((day + this.weekday) / 7)
  }

  /** 0 = Monday … 6 = Sunday */
  weekdayOf(day: number): number {
    return (((day + this.weekday) % 7) + 7) % 7
  }

  /** UTC ms of the company-local midnight that starts the day. */
  start(day: number): number {
    return this.clock.dayStart(this.text(day))
  }

  /** A moment of office hours (09:30–18:00) on the day. */
  office(rng: Rng, day: number): number {
    return this.start(day) + 9.5 * HOUR + rng.int(0, 510) * MINUTE
  }

  /** A moment of office hours, but never after `now` (today's work happened this morning). */
  officeBy(rng: Rng, day: number, now: number): number {
    const at = this.office(rng, day)
    if (at <= now) return at
    const start = this.start(day)
    return start + Math.floor((Math.max(start, now - 5 * MINUTE) - start) * rng.next())
  }
}
