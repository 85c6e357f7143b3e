import { TICKET_NO_PREFIX } from '@contract/tickets.contract'
import { PLAN_CALLBACK_KINDS, SCORE_DIMENSIONS, type CallbackItem, type CallbackKind, type CallbackScores, type ScoreDimension } from '@contract/callbacks.contract'
import { daysSince } from '../calls/quick-dates'

/**
 * A repair's satisfaction callback also asks for a 1–5 rating. The item names its ticket by
 * number only, and the number's prefix is the kind (WX… repair, TS… complaint).
 */
export function isRepairCallback(callback: Pick<CallbackItem, 'ticket'>): boolean {
  return callback.ticket?.no.startsWith(TICKET_NO_PREFIX.repair) ?? false
}

/** A site's callback (施工期, 节点, 维保): the customer scores the five dimensions. */
export function isProjectCallback(callback: Pick<CallbackItem, 'kind'>): boolean {
  return PLAN_CALLBACK_KINDS.includes(callback.kind)
}

/** One colour per kind, so a glance down the desk tells site callbacks from a ticket's. */
export const KIND_TAG: Record<CallbackKind, 'primary' | 'warning' | 'success' | 'info'> = {
  construction: 'primary',
  milestone: 'warning',
  aftercare: 'success',
  ticketSatisfaction: 'info',
}

export type DueState = { kind: 'overdue'; days: number } | { kind: 'today' } | { kind: 'later' }

/** Where an open callback's due date stands from the company's today. */
export function dueStateOf(callback: Pick<CallbackItem, 'dueOn' | 'overdue'>, today: string): DueState {
  if (callback.overdue || callback.dueOn < today) return { kind: 'overdue', days: Math.max(1, daysSince(callback.dueOn, today)) }
  return callback.dueOn === today ? { kind: 'today' } : { kind: 'later' }
}

/** The page's overdue rows on top, each group in the server's order (a stable sort). */
export function overdueFirst<T extends Pick<CallbackItem, 'dueOn' | 'overdue'>>(rows: readonly T[], today: string): T[] {
  const overdue = rows.filter((row) => dueStateOf(row, today).kind === 'overdue')
  return [...overdue, ...rows.filter((row) => !overdue.includes(row))]
}

/** The reason without the ticket or contract number in front of it: the desk shows the number in its own column. */
export function reasonText(callback: Pick<CallbackItem, 'reason' | 'ticket'> & { project?: CallbackItem['project'] }): string {
  const no = callback.ticket?.no ?? callback.project?.contractNo
  return no && callback.reason.startsWith(no) ? callback.reason.slice(no.length).trim() || callback.reason : callback.reason
}

/** The dimensions the customer scored, in the form's order; the ones left empty are not listed. */
export function givenScores(scores: CallbackScores | null | undefined): { dimension: ScoreDimension; score: number }[] {
  if (!scores) return []
  return SCORE_DIMENSIONS.flatMap((dimension) => {
    const score = scores[dimension]
    return typeof score === 'number' ? [{ dimension, score }] : []
  })
}
