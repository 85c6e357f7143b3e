import type { DashboardKpis, PeriodRange } from '@contract/dashboard.contract'
import { formatDuration, formatRate } from '../../format'
import {
  callbacksDoneLink,
  callbacksDueLink,
  callsLink,
  complaintsLink,
  contractsLink,
  depositsLink,
  newCustomersLink,
  resolvedLink,
  walkInsLink,
  type DrillLink,
} from './drill-links'

export type KpiFormat = 'count' | 'rate' | 'duration' | 'score'
type KpiField = keyof DashboardKpis

/** Which way a number should move: a missed call or an open complaint is better fewer. */
export type Better = 'up' | 'down' | 'none'

export interface KpiCardDef {
  /** the card's name (i18n `dashboard.kpi.<key>`, `data-test="kpi-<key>"`) */
  key: string
  field: KpiField
  format: KpiFormat
  better: Better
  /** smaller figures printed under the value: `定金率 12.5%` */
  extras?: { field: KpiField; format: KpiFormat }[]
  link: (period: PeriodRange) => DrillLink
}

/** Every card of the list, in reading order: calls, sales, complaints, callbacks. */
export const KPI_CARDS: readonly KpiCardDef[] = [
  { key: 'walkIns', field: 'walkIns', format: 'count', better: 'up', link: (p) => walkInsLink(p) },
  { key: 'callsIn', field: 'callsIn', format: 'count', better: 'none', link: (p) => callsLink(p, 'in') },
  { key: 'callsOut', field: 'callsOut', format: 'count', better: 'none', link: (p) => callsLink(p, 'out') },
  { key: 'callsMissed', field: 'callsMissed', format: 'count', better: 'down', link: (p) => callsLink(p, 'missed') },
  { key: 'answerRate', field: 'answerRate', format: 'rate', better: 'up', link: (p) => callsLink(p, 'in') },
  { key: 'avgHandleSec', field: 'avgHandleSec', format: 'duration', better: 'none', link: (p) => callsLink(p, 'answered') },
  { key: 'newCustomers', field: 'newCustomers', format: 'count', better: 'up', link: newCustomersLink },
  { key: 'consultations', field: 'consultations', format: 'count', better: 'up', link: (p) => walkInsLink(p) },
  { key: 'deposits', field: 'deposits', format: 'count', better: 'up', link: (p) => depositsLink(p) },
  { key: 'contracts', field: 'contracts', format: 'count', better: 'up', link: contractsLink },
  { key: 'conversion', field: 'conversion', format: 'rate', better: 'up', extras: [{ field: 'depositRate', format: 'rate' }], link: contractsLink },
  { key: 'complaintsOpen', field: 'complaintsOpen', format: 'count', better: 'down', extras: [{ field: 'complaintsNew', format: 'count' }], link: (p) => complaintsLink(p, { state: 'open' }) },
  { key: 'complaintsBreached', field: 'complaintsBreached', format: 'count', better: 'down', link: (p) => complaintsLink(p, { due: 'breached' }) },
  { key: 'onTimeRate', field: 'onTimeRate', format: 'rate', better: 'up', extras: [{ field: 'ticketsResolved', format: 'count' }], link: resolvedLink },
  {
    key: 'callbackCompletion',
    field: 'callbackCompletion',
    format: 'rate',
    better: 'up',
    extras: [
      { field: 'callbacksDone', format: 'count' },
      { field: 'callbacksDue', format: 'count' },
    ],
    link: callbacksDueLink,
  },
  {
    key: 'satisfaction',
    field: 'satisfiedRate',
    format: 'rate',
    better: 'up',
    extras: [
      { field: 'avgScore', format: 'score' },
      { field: 'satisfactionResults', format: 'count' },
    ],
    link: callbacksDoneLink,
  },
]

/** A figure as the card prints it; no base, no figure: `—`. */
export function formatKpi(value: number | null, format: KpiFormat): string {
  if (value === null || !Number.isFinite(value)) return '—'
  switch (format) {
    case 'rate':
      return formatRate(value)
    case 'duration':
      return formatDuration(value)
    case 'score':
      return value.toFixed(2)
    case 'count':
      return value.toLocaleString('zh-CN')
  }
}

export interface KpiChange {
  direction: 'up' | 'down' | 'flat'
  /** green when it moved the good way, red the bad way */
  tone: 'good' | 'bad' | 'neutral'
  /** `12.5%` (counts, durations: relative), `3.2` points (rates), `0.15` (scores); unsigned, the arrow says which way */
  amount: string
  unit: 'percent' | 'points' | 'score'
}

/**
 * How the period compares with the previous one. Rates and scores move by their difference
 * (a rate from 80 % to 88 % is 8 points, not 10 %); counts and durations by their ratio, which
 * needs something to compare with: from 0, or with either side unknown, there is no change to show.
 */
export function kpiChange(current: number | null, previous: number | null, format: KpiFormat, better: Better): KpiChange | null {
  if (current === null || previous === null) return null
  const relative = format === 'count' || format === 'duration'
  if (relative && previous === 0) return null
  const delta = current - previous
  const amount = relative ? Math.abs(delta / previous) * 100 : format === 'rate' ? Math.abs(delta) * 100 : Math.abs(delta)
  const digits = format === 'score' ? 2 : 1
  const shown = amount.toFixed(digits)
  const direction = Number(shown) === 0 ? 'flat' : delta > 0 ? 'up' : 'down'
  const tone = direction === 'flat' || better === 'none' ? 'neutral' : (direction === 'up') === (better === 'up') ? 'good' : 'bad'
  return { direction, tone, amount: shown, unit: relative ? 'percent' : format === 'rate' ? 'points' : 'score' }
}

export interface KpiCardView {
  key: string
  value: string
  previous: string
  change: KpiChange | null
  extras: { field: KpiField; value: string }[]
  link: DrillLink
}

/** The cards filled with one overview's figures. */
export function kpiCards(current: DashboardKpis, previous: DashboardKpis, period: PeriodRange): KpiCardView[] {
  return KPI_CARDS.map((card) => ({
    key: card.key,
    value: formatKpi(current[card.field], card.format),
    previous: formatKpi(previous[card.field], card.format),
    change: kpiChange(current[card.field], previous[card.field], card.format, card.better),
    extras: (card.extras ?? []).map((extra) => ({ field: extra.field, value: formatKpi(current[extra.field], extra.format) })),
    link: card.link(period),
  }))
}
