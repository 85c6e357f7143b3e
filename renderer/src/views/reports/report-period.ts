import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import { REPORT_KINDS, REPORT_PERIODS, type Report, type ReportFormat, type ReportKind } from '@contract/reports.contract'
import { shiftDate, shiftMonths, weekStartOf } from '@contract/time'
import { queryChoice, queryDate } from '../../list-query'

/** A report as the URL names it (`/reports?kind=serviceMonthly&on=2026-11-01`): a bookmark shows the same report. */
export interface ReportChoice {
  kind: ReportKind
  /** the first day of the week (Monday) or of the month */
  on: string
}

/** The 月业绩考核表 names people's assessment amounts: only whoever assesses (tickets.assess) sees it. */
export function reportKindsFor(canAssess: boolean): ReportKind[] {
  return REPORT_KINDS.filter((kind) => kind !== 'performanceMonthly' || canAssess)
}

/** Any day stands for its period: the week's Monday, the month's first day. */
export function periodStartOf(kind: ReportKind, day: string): string {
  return REPORT_PERIODS[kind] === 'week' ? weekStartOf(day) : `${day.slice(0, 8)}01`
}

/** The last day of the period starting on `start`. */
export function periodEndOf(kind: ReportKind, start: string): string {
  return REPORT_PERIODS[kind] === 'week' ? shiftDate(start, 6) : shiftDate(shiftMonths(start, 1), -1)
}

/**
 * The period a report is usually wanted for: the weekly report is written on Friday for the week
 * under way (每周五完成), a monthly one once the month is over, so last month.
 */
export function defaultPeriodOf(kind: ReportKind, today: string): string {
  return REPORT_PERIODS[kind] === 'week' ? weekStartOf(today) : periodStartOf(kind, shiftMonths(today, -1))
}

/** The URL's report, or null when it names none this user may open (then nothing is built on arrival). */
export function reportChoiceFromQuery(query: LocationQuery, kinds: readonly ReportKind[]): ReportChoice | null {
  const kind = queryChoice(query, 'kind', kinds)
  const on = queryDate(query, 'on')
  return kind && on ? { kind, on: periodStartOf(kind, on) } : null
}

export function queryFromReportChoice(choice: ReportChoice): LocationQueryRaw {
  return { kind: choice.kind, on: choice.on }
}

/**
 * The print route, the date as a path segment: Electron's PDF printer takes only `/print/…` paths
 * without a query (the router also answers `?on=`, for a typed URL).
 */
export const reportPrintRoute = (choice: ReportChoice): string => `/print/reports/${choice.kind}/${choice.on}`

/** Columns shown as numbers: right-aligned, tabular figures. */
export const isNumericFormat = (format: ReportFormat): boolean => format !== 'text' && format !== 'date'

/** More columns than fit across a portrait A4 page at a readable size: printed landscape. */
export const LANDSCAPE_COLUMNS = 7

export const isWideReport = (report: Pick<Report, 'sections'>): boolean => report.sections.some((section) => section.columns.length > LANDSCAPE_COLUMNS)
