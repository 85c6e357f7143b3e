import { SCORE_DIMENSIONS, type CallbackItem, type Satisfaction, type ScoreDimension } from '@contract/callbacks.contract'
import type { CallbackCompleteInput } from '../../stores/callbacks.store'
import { companyTimeToIso } from '../calls/intake-draft'
import { isPast } from '../tickets/ticket-draft'
import { mapFieldErrors } from '../visits/walk-in-draft'
import { isProjectCallback, isRepairCallback } from './callback-rules'

/** The 回访联系单 a callback raises when the customer reports a problem. */
export interface ProblemDraft {
  description: string
  category: string
  severity: string
  departmentId: number | null
  personId: number | null
  /** 处理期限 on the company's clock (`YYYY-MM-DD HH:mm`), '' for the severity's default */
  dueAt: string
}

/** What 完成回访 asks; a score or rating of 0 is one the customer did not give. */
export interface CompleteDraft {
  result: Satisfaction | null
  scores: Record<ScoreDimension, number>
  rating: number
  comment: string
  hasProblem: boolean
  problem: ProblemDraft
}

export const PROBLEM_FIELDS = ['description', 'category', 'severity', 'departmentId', 'personId', 'dueAt'] as const
export type ProblemField = (typeof PROBLEM_FIELDS)[number]
/** the form's fields in the order the dialog shows them (Enter walks them) */
export type CompleteField = 'result' | 'comment' | ProblemField
export type CompleteErrors = Partial<Record<CompleteField | 'scores' | 'rating', string>>

export function emptyCompleteDraft(): CompleteDraft {
  return {
    result: null,
    scores: Object.fromEntries(SCORE_DIMENSIONS.map((d) => [d, 0])) as Record<ScoreDimension, number>,
    rating: 0,
    comment: '',
    hasProblem: false,
    problem: { description: '', category: '', severity: '', departmentId: null, personId: null, dueAt: '' },
  }
}

/** What this callback asks besides the verdict: a site's five scores, a repair's rating. */
export function questionsFor(callback: Pick<CallbackItem, 'kind' | 'ticket'>): { scores: boolean; rating: boolean; commentWhenUnsatisfied: boolean } {
  const ticket = !isProjectCallback(callback)
  return {
    scores: !ticket,
    rating: ticket && isRepairCallback(callback),
    // 不满意 reopens the ticket, and its responsible person needs to know what is still wrong
    commentWhenUnsatisfied: ticket && callback.ticket !== null,
  }
}

export function fieldOrder(draft: Pick<CompleteDraft, 'hasProblem'>): CompleteField[] {
  return ['result', 'comment', ...(draft.hasProblem ? PROBLEM_FIELDS : [])]
}

/** What is still missing before anything is sent, and a 处理期限 that is not in the future. */
export function completeProblems(
  draft: CompleteDraft,
  ctx: { commentWhenUnsatisfied: boolean; timeZone: string; nowMs: number },
): { missing: CompleteField[]; pastDue: boolean } {
  const missing: CompleteField[] = []
  if (!draft.result) missing.push('result')
  if (ctx.commentWhenUnsatisfied && draft.result === 'unsatisfied' && !draft.comment.trim()) missing.push('comment')
  if (draft.hasProblem) {
    const p = draft.problem
    if (!p.description.trim()) missing.push('description')
    if (!p.category) missing.push('category')
    if (!p.severity) missing.push('severity')
    if (p.departmentId === null) missing.push('departmentId')
    if (p.personId === null) missing.push('personId')
  }
  return { missing, pastDue: draft.hasProblem && isPast(draft.problem.dueAt, ctx.timeZone, ctx.nowMs) }
}

/** `callbacks.complete`'s input: only the scores given, the problem only when one was found. */
export function toCompleteInput(callback: Pick<CallbackItem, 'id' | 'version' | 'kind' | 'ticket'>, draft: CompleteDraft, timeZone: string): CallbackCompleteInput {
  const asks = questionsFor(callback)
  const scores = Object.fromEntries(SCORE_DIMENSIONS.filter((d) => draft.scores[d] > 0).map((d) => [d, draft.scores[d]]))
  const p = draft.problem
  return {
    id: callback.id,
    version: callback.version,
    result: draft.result ?? 'satisfied',
    rating: asks.rating && draft.rating > 0 ? draft.rating : null,
    ...(asks.scores && Object.keys(scores).length ? { scores } : {}),
    comment: draft.comment.trim() || null,
    ...(draft.hasProblem
      ? {
          problem: {
            description: p.description.trim(),
            category: p.category,
            severity: p.severity,
            departmentId: p.departmentId ?? 0,
            personId: p.personId ?? 0,
            dueAt: p.dueAt ? companyTimeToIso(p.dueAt, timeZone) : null,
          },
        }
      : {}),
  }
}

/** `problem.personId` → personId, `scores.design` → scores: the server's messages at their fields. */
export function mapCompleteErrors(fields: Record<string, string> | undefined): CompleteErrors {
  const known: readonly string[] = ['result', 'comment', 'rating', ...PROBLEM_FIELDS]
  return mapFieldErrors(fields, (key) => {
    if (key === 'problem') return 'description'
    if (key.startsWith('scores')) return 'scores'
    const name = key.replace(/^problem\./, '')
    return known.includes(name) ? (name as keyof CompleteErrors) : null
  })
}
