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

/** A company date (YYYY-MM-DD) moved by whole days; calendar arithmetic, no time zone involved. */
export function shiftDate(date: string, days: number): string {
  return dayjs.utc(date, 'YYYY-MM-DD').add(days, 'day').format('YYYY-MM-DD')
}

/** A company date moved by calendar months (Jan 31 + 1 month = Feb 28/29). */
export function shiftMonths(date: string, months: number): string {
  return dayjs.utc(date, 'YYYY-MM-DD').add(months, 'month').format('YYYY-MM-DD')
}

/** The Monday of the week (Monday to Sunday) a company date falls in. */
export function weekStartOf(date: string): string {
  const d = dayjs.utc(date, 'YYYY-MM-DD')
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD')
}

/** Whole days from one company date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to, 'YYYY-MM-DD').diff(dayjs.utc(from, 'YYYY-MM-DD'), 'day')
}
