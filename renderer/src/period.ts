import { shiftDate, shiftMonths, weekStartOf } from '@contract/time'

/**
 * Date spans on company dates (YYYY-MM-DD), as the screens pick them: the designers' statistics
 * and the dashboard's week and month cover the same days.
 */
export interface Period {
  from: string
  to: string
}

export type PeriodPick = 'thisWeek' | 'thisMonth' | 'lastMonth'
export const PERIOD_PICKS: readonly PeriodPick[] = ['thisWeek', 'thisMonth', 'lastMonth']

/** The calendar month (1st to last day) a company date falls in, moved by `months`. */
export function monthOf(today: string, months = 0): Period {
  const from = shiftMonths(`${today.slice(0, 7)}-01`, months)
  return { from, to: shiftDate(shiftMonths(from, 1), -1) }
}

/** A week is Monday to Sunday; a month is the whole calendar month. */
export function periodOf(pick: PeriodPick, today: string): Period {
  if (pick === 'thisWeek') {
    const monday = weekStartOf(today)
    return { from: monday, to: shiftDate(monday, 6) }
  }
  return monthOf(today, pick === 'lastMonth' ? -1 : 0)
}
