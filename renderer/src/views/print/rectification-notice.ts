import type { Inspection, Rectification } from '@contract/inspections.contract'
import { formatDateTime } from '../../format'
import type { Translate } from './ticket-form'

/** One label and its value in the notice's grid; `span` 2 takes the whole row. */
export interface NoticeCell {
  label: string
  value: string
  span: 1 | 2
  /** a box of text (`text`) or one written in by hand (`write`): kept tall even when empty */
  box?: 'text' | 'write'
  /** a small grey line under the label: who fills the box in */
  hint?: string
}

export interface RectificationNoticeForm {
  company: string
  title: string
  no: string
  /** the notice's date: the inspection's (its number carries the same day) */
  date: string
  /** 致: the person who has to do the work */
  to: string
  intro: string
  rows: NoticeCell[][]
  signatures: string[]
  copies: string
  printedAt: string
}

/**
 * How large the notice is set, from the normal type down: the page holds it all at the first level
 * that fits. Writing boxes (`writeMm`, for the reply and the recheck) shrink least: someone writes in them.
 */
export interface NoticeLevel {
  fontPt: number
  lineHeight: number
  rowMm: number
  /** the least height of the findings and items boxes */
  tallMm: number
  /** the least height of the boxes written in by hand */
  writeMm: number
  /** how much of the normal spacing between the blocks is kept */
  gap: number
}

export const NOTICE_LEVELS: readonly NoticeLevel[] = [
  { fontPt: 11, lineHeight: 1.5, rowMm: 9, tallMm: 30, writeMm: 30, gap: 1 },
  { fontPt: 10.5, lineHeight: 1.5, rowMm: 8.5, tallMm: 24, writeMm: 26, gap: 0.9 },
  { fontPt: 10, lineHeight: 1.45, rowMm: 8, tallMm: 18, writeMm: 22, gap: 0.8 },
  { fontPt: 9.5, lineHeight: 1.45, rowMm: 7.5, tallMm: 12, writeMm: 18, gap: 0.7 },
  { fontPt: 9, lineHeight: 1.4, rowMm: 7, tallMm: 10, writeMm: 16, gap: 0.6 },
  { fontPt: 8.5, lineHeight: 1.4, rowMm: 6.5, tallMm: 8, writeMm: 14, gap: 0.5 },
  { fontPt: 8, lineHeight: 1.35, rowMm: 6, tallMm: 6, writeMm: 12, gap: 0.4 },
  { fontPt: 7.5, lineHeight: 1.3, rowMm: 6, tallMm: 6, writeMm: 10, gap: 0.4 },
]

/** The page's printable height: A4 (297 mm) less the @page margins (12 mm top and bottom), in CSS px. */
export const NOTICE_PAGE_HEIGHT_PX = ((297 - 24) * 96) / 25.4

/**
 * The first level (index into NOTICE_LEVELS) whose content is no taller than the page. `measure`
 * applies a level and returns the content's height; where nothing is laid out (0) the first one is
 * kept. Past the last level (thousands of characters) the notice runs onto a second page.
 */
export async function fitLevel(measure: (level: number) => Promise<number>, availablePx = NOTICE_PAGE_HEIGHT_PX): Promise<number> {
  for (let level = 0; level < NOTICE_LEVELS.length; level++) {
    if ((await measure(level)) <= availablePx) return level
  }
  return NOTICE_LEVELS.length - 1
}

const DATE_OR_TIME = /\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?/g

/** A text cut so that its dates and times are kept on one line (Chromium would break after a hyphen). */
export function unbrokenDates(text: string): { text: string; keep: boolean }[] {
  const parts: { text: string; keep: boolean }[] = []
  let last = 0
  for (const match of text.matchAll(DATE_OR_TIME)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index), keep: false })
    parts.push({ text: match[0], keep: true })
    last = match.index + match[0].length
  }
  if (last < text.length) parts.push({ text: text.slice(last), keep: false })
  return parts
}

/** The recheck history as the 复查意见 box's lines, oldest first. */
function recheckLines(rectification: Rectification, timeZone: string, t: Translate): string {
  const lines = rectification.rechecks.map((r) => {
    const verdict = t(r.passed ? 'site.print.recheckPassed' : 'site.print.recheckFailed')
    const later = r.newDeadlineOn ? t('site.print.recheckNewDeadline', { date: r.newDeadlineOn }) : ''
    return t('site.print.recheckLine', { at: formatDateTime(r.at, timeZone), by: r.by.name, verdict, note: r.note, later })
  })
  if (rectification.status === 'passed' && rectification.closedOn) lines.push(t('site.print.closedOn', { date: rectification.closedOn }))
  return lines.join('\n')
}

/**
 * The rectification notice (整改通知书) of an inspection as it is printed: who has to fix what by
 * when, on which site, after which inspection; boxes for the reply and the recheck to be written in.
 */
export function rectificationNoticeOf(options: { inspection: Inspection & { rectification: Rectification }; companyName: string; timeZone: string; t: Translate; now?: Date }): RectificationNoticeForm {
  const { inspection, timeZone, t } = options
  const notice = inspection.rectification
  const rows: NoticeCell[][] = [
    [
      { label: t('site.print.contractNo'), value: notice.project.contractNo, span: 1 },
      { label: t('site.print.customer'), value: notice.customer.name, span: 1 },
    ],
    [{ label: t('site.print.address'), value: notice.project.address, span: 2 }],
    [
      { label: t('site.print.inspectedOn'), value: inspection.inspectedOn, span: 1 },
      { label: t('site.print.inspector'), value: inspection.inspector?.name ?? '', span: 1 },
    ],
    [{ label: t('site.print.findings'), value: inspection.findings, span: 2, box: 'text' }],
    [{ label: t('site.print.items'), value: notice.items, span: 2, box: 'text' }],
    [
      { label: t('site.print.responsible'), value: notice.responsible.name, span: 1 },
      { label: t('site.print.deadline'), value: notice.deadlineOn, span: 1 },
    ],
    [{ label: t('site.print.reply'), hint: t('site.print.replyHint'), value: '', span: 2, box: 'write' }],
    [{ label: t('site.print.recheck'), hint: t('site.print.recheckHint'), value: recheckLines(notice, timeZone, t), span: 2, box: 'write' }],
  ]
  return {
    company: options.companyName,
    title: t('site.print.title'),
    no: notice.no,
    date: inspection.inspectedOn,
    to: notice.responsible.name,
    intro: t('site.print.intro', { date: inspection.inspectedOn, deadline: notice.deadlineOn }),
    rows,
    signatures: [t('site.print.pmSign'), t('site.print.supervisorSign'), t('site.print.serviceSign')],
    copies: t('site.print.copies'),
    printedAt: t('site.print.printedAt', { time: formatDateTime(options.now ?? new Date(), timeZone) }),
  }
}
