import type { Inspection, Rectification } from '@contract/inspections.contract'
import { formatDateTime } from '../../format'
import type { Translate } from './ticket-form'

/** One label and its value in the notice's grid; `span` 2 takes the whole row. */
export interface NoticeCell {
  label: string
  value: string
  span: 1 | 2
  /** a box of text, or one to write in by hand: kept tall even when empty */
  tall?: boolean
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

/** How much of the notice's text fits on one A4 page: the view steps down until the page holds it all. */
export const NOTICE_DENSITIES = ['normal', 'compact', 'tight', 'tiny'] as const
export type NoticeDensity = (typeof NOTICE_DENSITIES)[number]

/** The page's printable height: A4 (297 mm) less the @page margins (12 mm top and bottom), in CSS px. */
export const NOTICE_PAGE_HEIGHT_PX = ((297 - 24) * 96) / 25.4

/**
 * The first density whose content is no taller than the page. `measure` applies a density and
 * returns the content's height; where nothing is laid out (0) the normal one is kept.
 */
export async function fitDensity(measure: (density: NoticeDensity) => Promise<number>, availablePx = NOTICE_PAGE_HEIGHT_PX): Promise<NoticeDensity> {
  for (const density of NOTICE_DENSITIES) {
    if ((await measure(density)) <= availablePx) return density
  }
  return NOTICE_DENSITIES[NOTICE_DENSITIES.length - 1]
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
    [{ label: t('site.print.findings'), value: inspection.findings, span: 2, tall: true }],
    [{ label: t('site.print.items'), value: notice.items, span: 2, tall: true }],
    [
      { label: t('site.print.responsible'), value: notice.responsible.name, span: 1 },
      { label: t('site.print.deadline'), value: notice.deadlineOn, span: 1 },
    ],
    [{ label: t('site.print.reply'), hint: t('site.print.replyHint'), value: '', span: 2, tall: true }],
    [{ label: t('site.print.recheck'), hint: t('site.print.recheckHint'), value: recheckLines(notice, timeZone, t), span: 2, tall: true }],
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
