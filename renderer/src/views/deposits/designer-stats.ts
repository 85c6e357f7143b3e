import type { DesignerStat } from '@contract/deposits.contract'
import { shiftDate, shiftMonths, weekStartOf } from '@contract/time'

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

export function periodOf(pick: PeriodPick, today: string): Period {
  if (pick === 'thisWeek') {
    const monday = weekStartOf(today)
    return { from: monday, to: shiftDate(monday, 6) }
  }
  return monthOf(today, pick === 'lastMonth' ? -1 : 0)
}

/** 0.4567 → `45.7%`; no consultations, no rate: `—`. */
export function formatRate(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? '—' : `${(rate * 100).toFixed(1)}%`
}

/** The table's 合计 line: the counts summed, the rates over the sums (never an average of rates). */
export function totalsOf(stats: readonly DesignerStat[]): Omit<DesignerStat, 'designer'> {
  const sum = (key: 'consultations' | 'visits' | 'measures' | 'deposits' | 'signed' | 'lost'): number => stats.reduce((n, s) => n + s[key], 0)
  const consultations = sum('consultations')
  const signed = sum('signed')
  const deposits = sum('deposits')
  return {
    consultations,
    visits: sum('visits'),
    measures: sum('measures'),
    deposits,
    signed,
    lost: sum('lost'),
    conversion: consultations > 0 ? signed / consultations : null,
    depositRate: consultations > 0 ? deposits / consultations : null,
  }
}
