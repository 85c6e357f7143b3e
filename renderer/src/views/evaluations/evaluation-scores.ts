import type { LocationQuery } from 'vue-router'
import { shiftMonths } from '@contract/time'
import { EVALUATION_ROLES, type EvaluationRole, type EvaluationRow } from '@contract/projects.contract'
import type { EvaluationSaveInput } from '../../stores/evaluations.store'
import { queryText } from '../../list-query'

/** The month the forms come back for: the one before today's (forms go out when a site is completed). */
export function defaultMonth(today: string): string {
  return shiftMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7)
}

/** `?month=2026-10`, or the default for anything else. */
export function monthFromQuery(query: LocationQuery, fallback: string): string {
  const value = queryText(query, 'month')
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : fallback
}

/** What the 录入评价 dialog holds: a score per role (null until given), as typed. */
export interface EvaluationDraft {
  scores: Record<EvaluationRole, number | null>
  comment: string
  sentOn: string | null
  returnedOn: string | null
}

export function evaluationDraftOf(row: EvaluationRow): EvaluationDraft {
  const e = row.evaluation
  const scores = Object.fromEntries(EVALUATION_ROLES.map((role) => [role, e ? e.scores[role] : null])) as Record<EvaluationRole, number | null>
  return { scores, comment: e?.comment ?? '', sentOn: e?.sentOn ?? null, returnedOn: e?.returnedOn ?? null }
}

/** A score the form can take: a whole number of points from 1 to 5. */
export const isScore = (value: number | null): value is number => value !== null && Number.isInteger(value) && value >= 1 && value <= 5

export type EvaluationErrorCode = 'scoreRequired' | 'scoreRange' | 'returnedBeforeSent'
export type EvaluationField = `scores.${EvaluationRole}` | 'sentOn' | 'returnedOn'

export function checkEvaluationDraft(draft: EvaluationDraft): Partial<Record<EvaluationField, EvaluationErrorCode>> {
  const errors: Partial<Record<EvaluationField, EvaluationErrorCode>> = {}
  for (const role of EVALUATION_ROLES) {
    const value = draft.scores[role]
    if (value === null || Number.isNaN(value)) errors[`scores.${role}`] = 'scoreRequired'
    else if (!isScore(value)) errors[`scores.${role}`] = 'scoreRange'
  }
  if (draft.sentOn && draft.returnedOn && draft.returnedOn < draft.sentOn) errors.returnedOn = 'returnedBeforeSent'
  return errors
}

/** What `projects.saveEvaluation` is sent; call only once `checkEvaluationDraft` found nothing. */
export function evaluationInputOf(row: EvaluationRow, draft: EvaluationDraft): EvaluationSaveInput {
  const score = (role: EvaluationRole): number => draft.scores[role] ?? 0
  return {
    projectId: row.project.id,
    version: row.evaluation?.version ?? null,
    scores: { designer: score('designer'), projectManager: score('projectManager'), supervisor: score('supervisor'), crew: score('crew'), overall: score('overall') },
    comment: draft.comment.trim() || null,
    sentOn: draft.sentOn || null,
    returnedOn: draft.returnedOn || null,
  }
}

export interface RoleAverage {
  role: EvaluationRole
  /** one decimal; null while no form of the month is in */
  average: number | null
  count: number
}

/** The month's average per role over the forms entered (what the staff assessment takes). */
export function averagesOf(rows: readonly EvaluationRow[]): RoleAverage[] {
  const entered = rows.flatMap((r) => (r.evaluation ? [r.evaluation.scores] : []))
  return EVALUATION_ROLES.map((role) => {
    const sum = entered.reduce((total, scores) => total + scores[role], 0)
    return { role, average: entered.length ? Math.round((sum / entered.length) * 10) / 10 : null, count: entered.length }
  })
}
