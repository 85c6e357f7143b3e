import type { DesignerStat } from '@contract/deposits.contract'

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
