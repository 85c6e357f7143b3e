import type { DeadlineStatus, TicketClock } from '@contract/tickets.contract'

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** One colour per clock status wherever a ticket is shown. */
export const CLOCK_TAG: Record<DeadlineStatus, TagType> = {
  ok: 'success',
  atRisk: 'warning',
  breached: 'danger',
  paused: 'info',
  met: 'info',
}

export interface LiveClock {
  status: DeadlineStatus
  kind: TicketClock['kind']
  dueAt: string | null
  /** milliseconds left (negative once overdue); null when nothing counts down */
  remainingMs: number | null
}

/**
 * The clock as the screen shows it between two loads: the core's status, except that a running
 * deadline passing while the list is open turns it 已超时 at once. When the core already says
 * breached but this machine's clock is behind (a test clock), no countdown is shown rather than
 * one that contradicts the status.
 */
export function liveClock(clock: TicketClock, nowMs: number): LiveClock {
  const base = { kind: clock.kind, dueAt: clock.dueAt }
  if (!clock.dueAt || clock.status === 'paused' || clock.status === 'met') return { ...base, status: clock.status, remainingMs: null }
  const remainingMs = new Date(clock.dueAt).getTime() - nowMs
  if (remainingMs <= 0) return { ...base, status: 'breached', remainingMs }
  if (clock.status === 'breached') return { ...base, status: 'breached', remainingMs: null }
  return { ...base, status: clock.status, remainingMs }
}

export interface SpanParts {
  days: number
  hours: number
  minutes: number
  seconds: number
}

export function spanParts(ms: number): SpanParts {
  const total = Math.floor(Math.abs(ms) / 1000)
  return { days: Math.floor(total / 86400), hours: Math.floor((total % 86400) / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 }
}

export type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * A span the way people read a deadline: the two largest units (`2天3小时`, `3小时20分`), and
 * seconds only in the last hour, where they make the countdown visibly live.
 */
export function formatSpan(ms: number, t: Translate): string {
  const p = spanParts(ms)
  if (p.days > 0) return t('tickets.span.daysHours', { d: p.days, h: p.hours })
  if (p.hours > 0) return t('tickets.span.hoursMinutes', { h: p.hours, m: p.minutes })
  return t('tickets.span.minutesSeconds', { m: p.minutes, s: String(p.seconds).padStart(2, '0') })
}

/** `剩余 3小时20分` or `超时 2天1小时`; '' when nothing counts down. */
export function countdownText(live: LiveClock, t: Translate): string {
  if (live.remainingMs === null) return ''
  return live.remainingMs > 0 ? t('tickets.clock.left', { span: formatSpan(live.remainingMs, t) }) : t('tickets.clock.over', { span: formatSpan(live.remainingMs, t) })
}
