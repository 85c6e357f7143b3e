import ExcelJS from 'exceljs'
import type { Report, ReportColumn, ReportFormat, ReportSection, ReportValue } from '../contract/reports.contract'
import { DEFAULT_TIME_ZONE, formatInZone } from '../contract/time'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const INFO_SHEET_NAME = '报表信息'

/** Excel's own formats, so the figures stay numbers a manager can sum and chart. */
export const REPORT_NUM_FMT: Record<ReportFormat, string | null> = {
  int: '#,##0',
  percent: '0.0%',
  fen: '"¥"#,##0.00',
  seconds: '#,##0',
  score: '0.00',
  text: null,
  date: null,
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
const MAX_SHEET_NAME = 31
// past this a column would push the rest off screen; the text still wraps into view on click
const MAX_WIDTH = 60
const PADDING = 2

/**
 * The report as an .xlsx: a 报表信息 sheet, then one sheet per section with a frozen, filterable
 * header row. `onProgress` hears (done, total) after each sheet; `timeZone` is the company's,
 * for the generated-at time.
 */
export async function reportWorkbook(report: Report, onProgress?: (done: number, total: number) => void, timeZone = DEFAULT_TIME_ZONE): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = report.companyName
  workbook.title = report.title
  workbook.created = workbook.modified = new Date(report.generatedAt)
  const total = report.sections.length + 1
  const names = new SheetNames()

  addInfoSheet(workbook.addWorksheet(names.claim(INFO_SHEET_NAME)), report, timeZone)
  onProgress?.(1, total)
  for (const [index, section] of report.sections.entries()) {
    const sheet = workbook.addWorksheet(names.claim(section.title), { views: [{ state: 'frozen', ySplit: 1 }] })
    fillSection(sheet, section)
    onProgress?.(index + 2, total)
    // a big report is built between other requests, and the progress events reach the screen meanwhile
    await new Promise((resolve) => setImmediate(resolve))
  }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

function addInfoSheet(sheet: ExcelJS.Worksheet, report: Report, timeZone: string): void {
  const rows: [string, string][] = [
    ['报表', report.title],
    ['公司', report.companyName],
    ['统计期间', report.periodLabel],
    ['起始日期', report.from],
    ['截止日期', report.to],
    ['生成时间', formatInZone(report.generatedAt, timeZone)],
  ]
  rows.forEach((row, index) => {
    sheet.getRow(index + 1).values = row
    sheet.getCell(index + 1, 1).font = { bold: true }
  })
  sheet.getColumn(1).width = fitWidth(rows.map(([label]) => label))
  sheet.getColumn(2).width = fitWidth(rows.map(([, value]) => value))
}

function fillSection(sheet: ExcelJS.Worksheet, section: ReportSection): void {
  const { columns, rows } = section
  columns.forEach((column, c) => {
    const cell = sheet.getCell(1, c + 1)
    cell.value = column.label
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
    cell.alignment = { vertical: 'middle', horizontal: 'center' }
  })
  rows.forEach((row, r) => {
    columns.forEach((column, c) => {
      const value = cellValue(row[column.key] ?? null, column.format)
      if (value === null) return
      const cell = sheet.getCell(r + 2, c + 1)
      cell.value = value
      const numFmt = REPORT_NUM_FMT[column.format]
      if (numFmt && typeof value === 'number') cell.numFmt = numFmt
    })
  })
  columns.forEach((column, c) => {
    sheet.getColumn(c + 1).width = fitWidth([column.label, ...rows.map((row) => shownText(row[column.key] ?? null, column))], textWidth(column.label) + PADDING)
  })
  if (columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  if (section.note) {
    // one empty row between the table and how its figures are defined
    const cell = sheet.getCell(rows.length + 3, 1)
    cell.value = section.note
    cell.font = { italic: true, color: { argb: 'FF606266' } }
  }
}

/** What the cell holds: numbers as Excel numbers (yuan for fen), text as text, nothing for null. */
export function cellValue(value: ReportValue, format: ReportFormat): number | string | null {
  if (value === null || value === '') return null
  if (typeof value === 'string') return value
  if (format === 'text' || format === 'date') return String(value)
  return format === 'fen' ? value / 100 : value
}

/** Roughly what Excel shows through the column's numFmt, for sizing the column. */
function shownText(value: ReportValue, column: ReportColumn): string {
  if (value === null || typeof value === 'string') return value ?? ''
  switch (column.format) {
    case 'int':
    case 'seconds':
      return Math.round(value).toLocaleString('en-US')
    case 'percent':
      return `${(value * 100).toFixed(1)}%`
    case 'fen':
      return `¥${(value / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    case 'score':
      return value.toFixed(2)
    default:
      return String(value)
  }
}

// Han, kana, hangul, CJK punctuation and full-width forms take two columns in Excel's default font.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u

/** Display width in Excel's character units: a CJK character counts two. */
export function textWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}

function fitWidth(texts: string[], atLeast = 0): number {
  const widest = Math.max(0, ...texts.map(textWidth))
  return Math.max(atLeast, Math.min(widest + PADDING, MAX_WIDTH))
}

/**
 * Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\, no quote at either
 * end, not empty, not "History", unique regardless of case.
 */
export class SheetNames {
  private readonly taken = new Set<string>()

  claim(title: string): string {
    const base = cleanSheetName(title)
    let name = base
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`
      name = truncate(base, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix
    }
    this.taken.add(name.toLowerCase())
    return name
  }
}

export function cleanSheetName(title: string): string {
  const cleaned = truncate(title.replace(/[[\]:*?/\\]/g, '_').replace(/\s+/g, ' ').trim(), MAX_SHEET_NAME)
    .replace(/^'+|'+$/g, '')
    .trim()
  if (!cleaned) return '报表'
  return cleaned.toLowerCase() === 'history' ? `${cleaned}_` : cleaned
}

/** At most `max` UTF-16 units without splitting a surrogate pair (Excel counts units). */
function truncate(text: string, max: number): string {
  let out = ''
  for (const char of text) {
    if (out.length + char.length > max) break
    out += char
  }
  return out
}
