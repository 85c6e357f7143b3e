import { companyDate, companyDayRange } from '../contract/time'
import type { Rng } from './random'

/**
 * When customers phone a renovation company, in the company's time zone: little before 8:30,
 * a morning peak at 10–11, a lunch dip, the afternoon peak at 14–16, tailing off in the evening.
 * Relative weights of the 24 company-local hours.
 */
export const HOUR_WEIGHTS: readonly number[] = [
  0.02, 0.01, 0.005, 0.005, 0.005, 0.01, 0.03, 0.12, 0.55, 1.35, 2.0, 1.95,
  1.05, 1.3, 1.9, 2.0, 1.85, 1.3, 0.8, 0.6, 0.42, 0.22, 0.09, 0.04,
]

/** Monday … Sunday: Saturdays are busy for home owners, Sundays less so. */
export const WEEKDAY_WEIGHTS: readonly number[] = [1.0, 0.97, 0.95, 0.95, 0.92, 0.86, 0.66]

const HOUR = 3_600_000

/** 0 = Monday … 6 = Sunday, of a company-local date `YYYY-MM-DD`. */
export function weekdayOf(date: string): number {
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7
}

export interface CompanyDay {
  /** `YYYY-MM-DD` in the company's time zone */
  date: string
  /** UTC ms of its midnight */
  start: number
}

/** `back` days before today, today, and `ahead` days after it, in the company's time zone. */
export function companyDays(now: Date, back: number, ahead: number, timeZone: string): CompanyDay[] {
  const todayStart = companyDayRange(companyDate(now, timeZone), timeZone).from.getTime()
  const days: CompanyDay[] = []
  for (let d = -back; d <= ahead; d++) {
    // noon of the day, so that a daylight-saving hour never lands it on the neighbour
    const date = companyDate(new Date(todayStart + d * 24 * HOUR + 12 * HOUR), timeZone)
    days.push({ date, start: companyDayRange(date, timeZone).from.getTime() })
  }
  return days
}

export interface HourSlot {
  /** UTC ms where the slot starts; the slot ends an hour later, or at `now` for the current hour */
  from: number
  to: number
  /** the company-local day the slot belongs to, `YYYY-MM-DD`, and its index from the first day */
  date: string
  day: number
  hour: number
  weight: number
}

/**
 * The company-local hours of the last `days` days up to `now` (today included, its hours cut at
 * `now`), each weighted by hour of day × day of week × a little day-to-day noise.
 */
export function hourSlots(options: { now: Date; days: number; timeZone: string; rng: Rng }): HourSlot[] {
  const { now, days, timeZone, rng } = options
  const nowMs = now.getTime()
  const slots: HourSlot[] = []
  for (const [day, { date, start }] of companyDays(now, days - 1, 0, timeZone).entries()) {
    const dayWeight = WEEKDAY_WEIGHTS[weekdayOf(date)] * (0.88 + rng.next() * 0.24)
    for (let hour = 0; hour < 24; hour++) {
      const from = start + hour * HOUR
      if (from >= nowMs) break
      const to = Math.min(from + HOUR, nowMs)
      slots.push({ from, to, date, day, hour, weight: (dayWeight * HOUR_WEIGHTS[hour] * (to - from)) / HOUR })
    }
  }
  return slots
}

/**
 * Spreads `total` arrivals over the slots in proportion to their weights: whole shares first,
 * the remainder by weighted draws, so that the counts add up exactly and a run is repeatable.
 */
export function allocate(slots: readonly HourSlot[], total: number, rng: Rng): number[] {
  const sum = slots.reduce((s, slot) => s + slot.weight, 0)
  if (sum <= 0 || total <= 0) return slots.map(() => 0)
  const counts = slots.map((slot) => Math.floor((total * slot.weight) / sum))
  let left = total - counts.reduce((s, n) => s + n, 0)
  const cumulative: number[] = []
  let running = 0
  for (const slot of slots) cumulative.push((running += slot.weight))
  while (left > 0) {
    const x = rng.next() * running
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] > x) hi = mid
      else lo = mid + 1
    }
    counts[lo]++
    left--
  }
  return counts
}

/** `count` instants in [from, to), sorted. */
export function instantsIn(from: number, to: number, count: number, rng: Rng): number[] {
  const out: number[] = []
  for (let i = 0; i < count; i++) out.push(from + Math.floor(rng.next() * (to - from)))
  return out.sort((a, b) => a - b)
}

/** A log-normal draw with the given median, clipped to [min, max] (Box–Muller on the seeded generator). */
export function logNormal(rng: Rng, median: number, sigma: number, min: number, max: number): number {
  const u = 1 - rng.next()
  const v = rng.next()
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  return Math.min(max, Math.max(min, Math.round(median * Math.exp(sigma * z))))
}
