import { TICKET_NO_PREFIX } from '@contract/tickets.contract'
import type { CallbackItem } from '@contract/callbacks.contract'
import { daysSince } from '../calls/quick-dates'

/**
 * A repair's satisfaction callback also asks for a 1–5 rating. The item names its ticket by
 * number only, and the number's prefix is the kind (WX… repair, TS… complaint).
 */
export function isRepairCallback(callback: Pick<CallbackItem, 'ticket'>): boolean {
  return callback.ticket?.no.startsWith(TICKET_NO_PREFIX.repair) ?? false
}

export type DueState = { kind: 'overdue'; days: number } | { kind: 'today' } | { kind: 'later' }

/** Where an open callback's due date stands from the company's today. */
export function dueStateOf(callback: Pick<CallbackItem, 'dueOn' | 'overdue'>, today: string): DueState {
  if (callback.overdue || callback.dueOn < today) return { kind: 'overdue', days: Math.max(1, daysSince(callback.dueOn, today)) }
  return callback.dueOn === today ? { kind: 'today' } : { kind: 'later' }
}

/** The reason without the ticket number in front of it: the list shows the number in its own column. */
export function reasonText(callback: Pick<CallbackItem, 'reason' | 'ticket'>): string {
  const no = callback.ticket?.no
  return no && callback.reason.startsWith(no) ? callback.reason.slice(no.length).trim() || callback.reason : callback.reason
}
