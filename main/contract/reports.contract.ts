import { defineMethod } from './define'
import { choice, input, isoDate } from './schema-kit'

/** The manual's reports (客服服务部 forms), weekly ones over a Monday–Sunday week, monthly over a calendar month. */
export const REPORT_KINDS = ['serviceWeekly', 'callbackWeekly', 'serviceMonthly', 'projectMonthly', 'performanceMonthly'] as const
export type ReportKind = (typeof REPORT_KINDS)[number]
export const REPORT_TITLES: Record<ReportKind, string> = {
  serviceWeekly: '客服服务部周报表',
  callbackWeekly: '每周客户回访情况汇报',
  serviceMonthly: '客服月报表',
  projectMonthly: '工程月报表',
  performanceMonthly: '月业绩考核表',
}
export const REPORT_PERIODS: Record<ReportKind, 'week' | 'month'> = {
  serviceWeekly: 'week',
  callbackWeekly: 'week',
  serviceMonthly: 'month',
  projectMonthly: 'month',
  performanceMonthly: 'month',
}

/**
 * How a cell is shown, on screen, in Excel and in print alike: `percent` is a 0–1 fraction,
 * `fen` integer fen shown as yuan, `seconds` whole seconds, `score` a 1–5 mean.
 */
export const REPORT_FORMATS = ['int', 'percent', 'fen', 'seconds', 'score', 'text', 'date'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]
export type ReportValue = number | string | null

export interface ReportColumn {
  key: string
  label: string
  format: ReportFormat
}

export interface ReportSection {
  key: string
  title: string
  columns: ReportColumn[]
  rows: Record<string, ReportValue>[]
  /** how the section's figures are defined, printed under it */
  note?: string
}

export interface Report {
  kind: ReportKind
  title: string
  companyName: string
  from: string
  to: string
  /** e.g. 2026年11月 or 2026-11-23 至 2026-11-29 */
  periodLabel: string
  generatedAt: string
  sections: ReportSection[]
}

/** A built export, fetched once through the file route (`GET /files/exports/<id>`) by whoever asked for it. */
export interface ReportExport {
  exportId: number
  fileName: string
  size: number
}

const reportInput = input({
  kind: choice('报表', REPORT_KINDS),
  /** any date inside the wanted week or month */
  on: isoDate('报表日期'),
})

export const reportsContract = {
  build: defineMethod<Report>()({ input: reportInput, permission: 'reports.read', audit: 'view' }),
  /** The same report as an Excel workbook; the numbers are the ones `build` answers. */
  exportXlsx: defineMethod<ReportExport>()({ input: reportInput, permission: 'reports.read', audit: 'export' }),
}

/** The one text form of a cell, shared by the screen, the print page and the export test. */
export function formatReportValue(value: ReportValue, format: ReportFormat): string {
  if (value === null || value === '') return '—'
  if (typeof value === 'string') return value
  switch (format) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`
    case 'fen':
      return `¥${(value / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    case 'score':
      return value.toFixed(2)
    case 'seconds':
    case 'int':
      return Math.round(value).toLocaleString('zh-CN')
    default:
      return String(value)
  }
}
