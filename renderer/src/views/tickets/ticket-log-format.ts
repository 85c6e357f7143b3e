import { MAX_ESCALATION_LEVEL, type TicketLogEntry } from '@contract/tickets.contract'
import { formatInZone } from '@contract/time'
import { formatFen } from '../../format'
import { formatSpan, type Translate } from './ticket-clock'
import { formatBytes } from './ticket-files'

export interface LogContext {
  t: Translate
  te: (key: string) => boolean
  timeZone: string
  departmentName: (id: number) => string | null
  personName: (id: number) => string | null
}

type Data = Record<string, unknown>

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null)

function responsible(value: unknown, ctx: LogContext): string | null {
  if (!value || typeof value !== 'object') return null
  const v = value as Data
  const dept = num(v.departmentId)
  const person = num(v.personId)
  const names = [dept === null ? null : (ctx.departmentName(dept) ?? `#${dept}`), person === null ? null : (ctx.personName(person) ?? `#${person}`)].filter(Boolean)
  return names.length ? names.join(' · ') : null
}

function fieldLabel(field: string, ctx: LogContext): string {
  const key = `tickets.field.${field}`
  return ctx.te(key) ? ctx.t(key) : field
}

function label(group: string, value: unknown, ctx: LogContext): string | null {
  const text = str(value)
  if (!text) return null
  return ctx.te(`${group}.${text}`) ? ctx.t(`${group}.${text}`) : text
}

/**
 * What the handling log's `data` adds to a line, in words: whom a ticket was reassigned to, the
 * level an escalation reached and who was told, which fields were corrected, the customer's
 * verdict. Lines of kinds this build does not know show nothing extra rather than raw JSON.
 */
export function logDetails(entry: Pick<TicketLogEntry, 'action' | 'data'>, ctx: LogContext): string[] {
  const d = entry.data ?? {}
  const t = ctx.t
  const lines: (string | null)[] = []
  switch (entry.action) {
    case 'create':
      if (str(d.repeatOf)) lines.push(t('tickets.log.repeatOf', { no: str(d.repeatOf) }))
      break
    case 'dispatch': {
      // whom it went to, when the core records it with the line (the ticket itself shows the current one)
      const to = responsible(d.to, ctx)
      if (to) lines.push(t('tickets.log.dispatchedTo', { to }))
      if (str(d.dueAt)) lines.push(t('tickets.log.dueAt', { time: formatInZone(str(d.dueAt), ctx.timeZone) }))
      break
    }
    case 'reassign': {
      const from = responsible(d.from, ctx)
      const to = responsible(d.to, ctx)
      if (to) lines.push(from ? t('tickets.log.reassigned', { from, to }) : t('tickets.log.assignedTo', { to }))
      break
    }
    case 'suspend':
      lines.push(label('tickets.suspendReason', d.reason, ctx))
      break
    case 'resume': {
      const paused = num(d.pausedSec)
      if (paused) lines.push(t('tickets.log.paused', { span: formatSpan(paused * 1000, t) }))
      break
    }
    case 'escalate': {
      const level = num(d.level)
      if (level !== null) lines.push(t('tickets.log.escalatedTo', { level: t(`ticketAdmin.escalationLevel.${Math.min(Math.max(level, 0), MAX_ESCALATION_LEVEL)}`) }))
      const notified = Array.isArray(d.notified) ? d.notified.filter((n): n is string => typeof n === 'string') : []
      if (notified.length) lines.push(t('tickets.log.notified', { names: notified.join('、') }))
      break
    }
    case 'update': {
      const fields = Array.isArray(d.fields) ? d.fields.filter((f): f is string => typeof f === 'string') : []
      if (fields.length) lines.push(t('tickets.log.changed', { fields: fields.map((f) => fieldLabel(f, ctx)).join('、') }))
      break
    }
    case 'attach':
    case 'detach': {
      const size = num(d.size)
      if (str(d.name)) lines.push(size === null ? str(d.name) : `${str(d.name)}（${formatBytes(size)}）`)
      break
    }
    case 'leaderComplaint': {
      lines.push(label('ticketAdmin.leaderComplaint', d.target, ctx))
      const fen = num(d.proposedFen)
      if (fen !== null) lines.push(t('tickets.log.proposed', { person: str(d.person) ?? '', amount: formatFen(fen) }))
      break
    }
    case 'close':
    case 'reopen':
    case 'callback': {
      lines.push(label('ticketAdmin.satisfaction', d.satisfaction, ctx))
      const rating = num(d.rating)
      if (rating !== null) lines.push(t('tickets.log.rating', { n: rating }))
      break
    }
    default:
      break
  }
  return lines.filter((line): line is string => Boolean(line))
}
