import { SATISFACTION_LEVELS, type CallbackItem, type Satisfaction } from '@contract/callbacks.contract'
import type { TicketDetail, TicketLogEntry } from '@contract/tickets.contract'
import { formatDateTime } from '../../format'

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** One label and its value in the form's grid; `span` is how many of the row's three value slots it takes. */
export interface FormCell {
  label: string
  value: string
  span: 1 | 2 | 3
  /** a box to write in: kept tall even when empty */
  tall?: boolean
}

export interface FormLogRow {
  at: string
  what: string
  by: string
}

export interface TicketForm {
  kind: TicketDetail['kind']
  company: string
  title: string
  no: string
  acceptedAt: string
  /** the rows above the handling log */
  rows: FormCell[][]
  log: FormLogRow[]
  /** empty lines under the log, to be written on by hand while the ticket is still open */
  blankLogLines: number
  result: FormCell
  satisfaction: { label: string; checked: boolean }[]
  /** repairs only: the customer's 1–5 rating (null when not given yet) */
  rating: { stars: string; text: string } | null
  callbackAt: string
  comment: string
  notice: string
  signatures: string[]
  printedAt: string
}

const OPEN_FOR_WRITING = 3

/** The satisfaction callback whose verdict the form shows: the latest one done. */
function verdictOf(ticket: TicketDetail): CallbackItem | null {
  const done = ticket.callbacks.filter((c) => c.status === 'done' && c.result)
  return done.sort((a, b) => (a.doneAt ?? '').localeCompare(b.doneAt ?? '')).at(-1) ?? null
}

function satisfactionOf(ticket: TicketDetail, verdict: CallbackItem | null, t: Translate): Satisfaction | null {
  if (verdict?.result) return verdict.result
  const stored = ticket.satisfaction
  return SATISFACTION_LEVELS.find((level) => level === stored || t(`ticketAdmin.satisfaction.${level}`) === stored) ?? null
}

function logRowOf(entry: TicketLogEntry, timeZone: string, t: Translate): FormLogRow {
  const action = t(`ticketAdmin.logAction.${entry.action}`)
  const moved = entry.to && entry.to !== entry.from ? t('ticketAdmin.print.stateChange', { to: t(`ticketAdmin.state.${entry.to}`) }) : ''
  const level = entry.action === 'escalate' && typeof entry.data?.level === 'number' ? t('ticketAdmin.print.escalated', { level: t(`ticketAdmin.escalationLevel.${entry.data.level}`) }) : ''
  const detail = [level, entry.note ?? ''].filter(Boolean).join('；')
  const by = entry.by?.name ?? t('ticketAdmin.print.system')
  return {
    at: formatDateTime(entry.at, timeZone),
    what: `${action}${moved}${detail ? `：${detail}` : ''}`,
    by: entry.onBehalfOf ? t('ticketAdmin.print.onBehalf', { by, person: entry.onBehalfOf.name }) : by,
  }
}

function remarksOf(ticket: TicketDetail, t: Translate): string {
  const parts: string[] = []
  if (ticket.repeatOf) parts.push(t('ticketAdmin.print.repeatOf', { no: ticket.repeatOf.no }))
  if (ticket.leaderComplaint) parts.push(t(`ticketAdmin.leaderComplaint.${ticket.leaderComplaint}`))
  if (ticket.escalationLevel > 0) parts.push(t('ticketAdmin.print.escalated', { level: t(`ticketAdmin.escalationLevel.${ticket.escalationLevel}`) }))
  return parts.join('；')
}

function warrantyText(ticket: TicketDetail, t: Translate): string {
  const warranty = ticket.warranty
  if (!warranty) return ''
  const status = t(`ticketAdmin.warranty.${warranty.status}`)
  return warranty.until ? t('ticketAdmin.print.warrantyUntil', { status, years: warranty.years, until: warranty.until }) : status
}

/** What only a repair form asks: the warranty, the fault, the worker and the visit. */
function repairRows(ticket: TicketDetail, timeZone: string, t: Translate): FormCell[][] {
  return [
    [
      { label: t('ticketAdmin.print.completionDate'), value: ticket.completionDate ?? '', span: 1 },
      { label: t('ticketAdmin.print.warranty'), value: warrantyText(ticket, t), span: 2 },
    ],
    [{ label: t('ticketAdmin.print.faultDescription'), value: ticket.description, span: 3, tall: true }],
    [{ label: t('ticketAdmin.print.expectation'), value: ticket.expectation ?? '', span: 3 }],
    [
      { label: t('ticketAdmin.print.preferredTime'), value: ticket.preferredTime ?? '', span: 1 },
      { label: t('ticketAdmin.print.worker'), value: ticket.worker?.name ?? '', span: 1 },
      { label: t('ticketAdmin.print.appointmentAt'), value: formatDateTime(ticket.appointmentAt, timeZone), span: 1 },
    ],
  ]
}

function complaintRows(ticket: TicketDetail, t: Translate): FormCell[][] {
  return [
    [{ label: t('ticketAdmin.print.complaintContent'), value: ticket.description, span: 3, tall: true }],
    [{ label: t('ticketAdmin.print.expectation'), value: ticket.expectation ?? '', span: 3 }],
  ]
}

/**
 * The paper form of a ticket: 客户投诉联系单 for a complaint, 客户维修受理单 for a repair. Empty
 * fields stay as empty boxes, as on paper, so the responsible department can write in them.
 */
export function ticketFormOf(options: { ticket: TicketDetail; companyName: string; timeZone: string; t: Translate; now?: Date }): TicketForm {
  const { ticket, timeZone, t } = options
  const repair = ticket.kind === 'repair'
  const verdict = verdictOf(ticket)
  const satisfaction = satisfactionOf(ticket, verdict, t)
  const remarks = remarksOf(ticket, t)
  const rating = verdict?.rating ?? null
  const finished = ticket.state === 'closed' || ticket.state === 'cancelled'

  const rows: FormCell[][] = [
    [
      { label: t('ticketAdmin.print.customerName'), value: ticket.customer.name, span: 1 },
      { label: t('ticketAdmin.print.phone'), value: ticket.phone, span: 1 },
      { label: t('ticketAdmin.print.source'), value: t(`ticketAdmin.source.${ticket.source}`), span: 1 },
    ],
    // an address is long: it gets a row of its own (a repair's is where the worker goes)
    repair
      ? [{ label: t('ticketAdmin.print.repairAddress'), value: ticket.address ?? ticket.customerAddress ?? '', span: 3 }]
      : [{ label: t('ticketAdmin.print.community'), value: ticket.customerAddress ?? '', span: 3 }],
    [
      { label: t(repair ? 'ticketAdmin.print.repairCategory' : 'ticketAdmin.print.complaintCategory'), value: ticket.category, span: 1 },
      { label: t('ticketAdmin.print.severity'), value: ticket.severity, span: 1 },
      { label: t('ticketAdmin.print.handler'), value: ticket.handler?.name ?? '', span: 1 },
    ],
    ...(repair ? repairRows(ticket, timeZone, t) : complaintRows(ticket, t)),
    [
      { label: t('ticketAdmin.print.department'), value: ticket.department?.name ?? '', span: 1 },
      { label: t('ticketAdmin.print.responsible'), value: ticket.responsible?.name ?? '', span: 1 },
      { label: t('ticketAdmin.print.resolutionDue'), value: formatDateTime(ticket.resolutionDueAt, timeZone), span: 1 },
    ],
    [
      { label: t('ticketAdmin.print.responseDue'), value: formatDateTime(ticket.responseDueAt, timeZone), span: 1 },
      { label: t('ticketAdmin.print.respondedAt'), value: formatDateTime(ticket.respondedAt, timeZone), span: 1 },
      { label: t('ticketAdmin.print.resolvedAt'), value: formatDateTime(ticket.resolvedAt, timeZone), span: 1 },
    ],
    ...(remarks ? [[{ label: t('ticketAdmin.print.remarks'), value: remarks, span: 3 as const }]] : []),
  ]

  return {
    kind: ticket.kind,
    company: options.companyName,
    title: t(repair ? 'ticketAdmin.print.repairTitle' : 'ticketAdmin.print.complaintTitle'),
    no: ticket.no,
    acceptedAt: formatDateTime(ticket.createdAt, timeZone),
    rows,
    log: ticket.log.map((entry) => logRowOf(entry, timeZone, t)),
    blankLogLines: finished ? 0 : OPEN_FOR_WRITING,
    result: { label: t(repair ? 'ticketAdmin.print.repairResult' : 'ticketAdmin.print.result'), value: ticket.result ?? '', span: 3, tall: true },
    satisfaction: SATISFACTION_LEVELS.map((level) => ({ label: t(`ticketAdmin.satisfaction.${level}`), checked: level === satisfaction })),
    rating: repair ? { stars: rating ? '★'.repeat(rating) + '☆'.repeat(5 - rating) : '', text: rating ? t('ticketAdmin.print.ratingValue', { n: rating }) : '' } : null,
    callbackAt: formatDateTime(verdict?.doneAt, timeZone),
    comment: verdict?.comment ?? '',
    notice: t(repair ? 'ticketAdmin.print.repairNotice' : 'ticketAdmin.print.complaintNotice'),
    signatures: repair
      ? [t('ticketAdmin.print.workerSign'), t('ticketAdmin.print.customerSign'), t('ticketAdmin.print.departmentHeadSign'), t('ticketAdmin.print.agentSign')]
      : [t('ticketAdmin.print.departmentHeadSign'), t('ticketAdmin.print.agentSign')],
    printedAt: t('ticketAdmin.print.printedAt', { time: formatDateTime(options.now ?? new Date(), timeZone) }),
  }
}
