import dayjs from 'dayjs'
import type { SelectQueryBuilder } from 'typeorm'
import type { CallStatus } from '../contract/calls.contract'
import { companyDayRange, datesBetween, weekdayOf } from '../contract/time'

/** The dashboard's drill-down filters of the call log (heat-map cell, missed-calls card). */
export interface CallDrillFilters {
  from?: string
  to?: string
  /** 1 = Monday … 7 = Sunday, company calendar */
  weekday?: number
  /** 0–23, company clock */
  hour?: number
  missed?: boolean
}

const UNANSWERED: readonly CallStatus[] = ['missed', 'abandoned']

/** The UTC instants bounding one hour of a company day: [from, to). */
export function companyHourRange(date: string, hour: number, timeZone: string): { from: Date; to: Date } {
  const at = (h: number) => dayjs.tz(`${date} ${String(h).padStart(2, '0')}:00`, 'YYYY-MM-DD HH:mm', timeZone).toDate()
  // the last hour ends at the next day's own midnight (see companyDayRange on daylight saving)
  return { from: at(hour), to: hour === 23 ? companyDayRange(date, timeZone).to : at(hour + 1) }
}

/**
 * The UTC ranges of the company hours a weekday and/or hour picks out of [from, to]: one range per
 * matching date, the whole day when no hour is given. The contract requires both dates with them.
 */
export function drillRanges(f: { from: string; to: string; weekday?: number; hour?: number }, timeZone: string): { from: Date; to: Date }[] {
  return datesBetween(f.from, f.to)
    .filter((date) => f.weekday === undefined || weekdayOf(date) === f.weekday)
    .map((date) => (f.hour === undefined ? companyDayRange(date, timeZone) : companyHourRange(date, f.hour, timeZone)))
}

/** Adds the drill-down conditions to a call list query over `call_log cl`, every value a parameter. */
export function applyCallDrillFilters<T extends object>(query: SelectQueryBuilder<T>, f: CallDrillFilters, timeZone: string): void {
  if (f.missed) query.andWhere('cl.direction = :missedDirection AND cl.status IN (:...unanswered)', { missedDirection: 'in', unanswered: [...UNANSWERED] })
  if ((f.weekday === undefined && f.hour === undefined) || !f.from || !f.to) return
  const ranges = drillRanges({ from: f.from, to: f.to, weekday: f.weekday, hour: f.hour }, timeZone)
  if (!ranges.length) {
    query.andWhere('1 = 0')
    return
  }
  const params: Record<string, Date> = {}
  const clauses = ranges.map((r, i) => {
    params[`slot${i}From`] = r.from
    params[`slot${i}To`] = r.to
    return `(cl.started_at >= :slot${i}From AND cl.started_at < :slot${i}To)`
  })
  query.andWhere(`(${clauses.join(' OR ')})`, params)
}
