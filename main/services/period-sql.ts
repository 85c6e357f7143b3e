import { AppError } from '../contract/errors'
import { MAX_PERIOD_DAYS, type PeriodRange } from '../contract/dashboard.contract'
import { companyDayRange, daysBetween, shiftDate, shiftMonths } from '../contract/time'

/** A period of company dates with the UTC instants bounding it: [fromAt, toAt). */
export interface Period extends PeriodRange {
  fromAt: Date
  toAt: Date
}

export function periodOf(range: PeriodRange, timeZone: string): Period {
  if (range.to < range.from) throw AppError.field('to', '截止日期不能早于起始日期')
  if (daysBetween(range.from, range.to) + 1 > MAX_PERIOD_DAYS) throw AppError.field('to', `统计期间不能超过${MAX_PERIOD_DAYS}天`)
  return { from: range.from, to: range.to, fromAt: companyDayRange(range.from, timeZone).from, toAt: companyDayRange(range.to, timeZone).to }
}

/**
 * The period a dashboard compares with: whole calendar months compare with as many months just
 * before (November with October, a quarter with the quarter before); anything else with the
 * same number of days just before.
 */
export function previousRange(range: PeriodRange): PeriodRange {
  const wholeMonths = range.from.endsWith('-01') && shiftDate(range.to, 1).endsWith('-01')
  if (wholeMonths) {
    const months = Number(range.to.slice(0, 4)) * 12 + Number(range.to.slice(5, 7)) - (Number(range.from.slice(0, 4)) * 12 + Number(range.from.slice(5, 7))) + 1
    return { from: shiftMonths(range.from, -months), to: shiftDate(range.from, -1) }
  }
  const days = daysBetween(range.from, range.to) + 1
  return { from: shiftDate(range.from, -days), to: shiftDate(range.from, -1) }
}

/** part ÷ whole, null when there is nothing to divide (an empty period shows "—", not 0 %). */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole
}
