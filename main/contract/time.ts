import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** The company-local calendar day (YYYY-MM-DD) an instant falls on. */
export function companyDate(instant: Date | string, timeZone: string): string {
  // Asked on every screen pop and intake save: a cached Intl formatter is ~100× cheaper than dayjs.tz.
  let format = dayFormats.get(timeZone)
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })))
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

/** The UTC instants bounding one company-local day: [from, to). */
export function companyDayRange(date: string, timeZone: string): { from: Date; to: Date } {
  // The end is the next date's own midnight: adding a day to a tz-aware dayjs keeps the start's
  // UTC offset, which is an hour off on a daylight-saving change.
  const next = dayjs.utc(date, 'YYYY-MM-DD').add(1, 'day').format('YYYY-MM-DD')
  return { from: dayjs.tz(date, 'YYYY-MM-DD', timeZone).toDate(), to: dayjs.tz(next, 'YYYY-MM-DD', timeZone).toDate() }
}

/** `YYYY-MM-DD HH:mm` (or another format) in the company's time zone. */
export function formatInZone(instant: Date | string | null | undefined, timeZone: string, format = 'YYYY-MM-DD HH:mm'): string {
  if (!instant) return ''
  return dayjs(instant).tz(timeZone).format(format)
}

export function addDays(instant: Date, days: number): Date {
  return dayjs(instant).add(days, 'day').toDate()
}

// Company-date arithmetic runs tens of times per site when 20,000 plans are re-derived: plain
// Date.UTC on whole days, no dayjs instance per call.
const DAY_MS = 86_400_000

function utcDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** A company date (YYYY-MM-DD) moved by whole days; calendar arithmetic, no time zone involved. */
export function shiftDate(date: string, days: number): string {
  return isoDay(utcDay(date) + days * DAY_MS)
}

/** A company date moved by calendar months; a day past the month's end is its last day (Jan 31 + 1 month = Feb 28/29). */
export function shiftMonths(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months
  const year = Math.floor(total / 12)
  const month = total - year * 12
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return isoDay(Date.UTC(year, month, Math.min(Number(date.slice(8, 10)), lastDay)))
}

/** The Monday of the week (Monday to Sunday) a company date falls in. */
export function weekStartOf(date: string): string {
  const ms = utcDay(date)
  return isoDay(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS)
}

/** Whole days from one company date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS)
}

/** ISO weekday of a company date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return ((new Date(utcDay(date)).getUTCDay() + 6) % 7) + 1
}

/** Every company date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = []
  for (let ms = utcDay(from), end = utcDay(to); ms <= end; ms += DAY_MS) dates.push(isoDay(ms))
  return dates
}

// every zone's offset is a whole number of quarter hours, so all instants of one quarter share their local hour
const QUARTER_MS = 900_000
const hourFormats = new Map<string, Intl.DateTimeFormat>()
const hourSlots = new Map<string, { date: string; hour: number }>()

/**
 * The company date and hour of the day an instant falls in. Every call write and the summary
 * rebuild ask this, so each quarter hour is converted once.
 */
export function companyHour(instant: Date, timeZone: string): { date: string; hour: number } {
  const ms = instant.getTime()
  const slotStart = ms - (((ms % QUARTER_MS) + QUARTER_MS) % QUARTER_MS)
  const key = `${timeZone}|${slotStart}`
  let slot = hourSlots.get(key)
  if (!slot) {
    let format = hourFormats.get(timeZone)
    if (!format) {
      format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      hourFormats.set(timeZone, format)
    }
    const parts = Object.fromEntries(format.formatToParts(new Date(slotStart)).map((p) => [p.type, p.value]))
    slot = { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) }
    if (hourSlots.size > 200_000) hourSlots.clear()
    hourSlots.set(key, slot)
  }
  return slot
}
