import { MILESTONES, type Milestone, type PaymentStage, type ProjectDetail, type ProjectItem } from '@contract/projects.contract'
import type { useProjectsStore } from '../../stores/projects.store'
import { mapFieldErrors } from '../visits/walk-in-draft'

/** One step recorded on a site: each asks for a date, some for a reason or a note. */
export type ProjectAction =
  /** `correct`: a recorded date put right (the callback plan follows) */
  | { kind: 'milestone'; milestone: Milestone; correct?: boolean }
  | { kind: 'payment'; stage: PaymentStage }
  | { kind: 'stop' }
  | { kind: 'resume' }
  | { kind: 'cancel' }
  | { kind: 'settle' }
export type ProjectActionKind = ProjectAction['kind']

/** The text each step takes: a reason is required to stop or cancel; a milestone or a resumption may carry a note. */
export const ACTION_TEXT: Record<ProjectActionKind, 'none' | 'optional' | 'required'> = {
  milestone: 'optional',
  payment: 'none',
  stop: 'required',
  resume: 'optional',
  cancel: 'required',
  settle: 'none',
}

/** the steps that cannot be undone are asked in red */
export const DESTRUCTIVE: readonly ProjectActionKind[] = ['stop', 'cancel']

export interface ActionDraft {
  on: string
  text: string
}
export type ActionField = keyof ActionDraft
export type ActionErrors = Partial<Record<ActionField, string>>

export interface DateBounds {
  /** the earliest day the core accepts, besides never after today */
  min: string | null
  max: string | null
}

const latest = (...days: (string | null | undefined)[]): string | null => days.filter((d): d is string => Boolean(d)).sort().at(-1) ?? null
const earliest = (...days: (string | null | undefined)[]): string | null => days.filter((d): d is string => Boolean(d)).sort()[0] ?? null

/**
 * The days a step may take, as the core checks them: milestones in order and not before the
 * signing (开工 not after the first stop), money not before the signing, a stop not before the
 * start or the last resumption, a resumption not before its stop, settlement not before completion.
 */
export function dateBounds(project: ProjectItem | ProjectDetail, action: ProjectAction): DateBounds {
  const actual = (m: Milestone): string | null => project.milestones[m].actualOn
  const stops = 'stops' in project ? project.stops : []
  switch (action.kind) {
    case 'milestone': {
      const index = MILESTONES.indexOf(action.milestone)
      const before = MILESTONES.slice(0, index).map(actual)
      const after = MILESTONES.slice(index + 1).map(actual)
      const firstStop = action.milestone === 'start' ? earliest(...stops.map((s) => s.fromOn)) : null
      return { min: latest(project.signedOn, ...before), max: earliest(...after, firstStop) }
    }
    case 'stop':
      return { min: latest(actual('start'), ...stops.map((s) => s.toOn)), max: null }
    case 'resume':
      return { min: stops.find((s) => !s.toOn)?.fromOn ?? null, max: null }
    case 'settle':
      return { min: actual('completion'), max: null }
    default:
      return { min: project.signedOn, max: null }
  }
}

type ProjectsStore = ReturnType<typeof useProjectsStore>

/** The core call for a step, on the version the agent decided on. */
export function runAction(store: ProjectsStore, project: Pick<ProjectItem, 'id' | 'version'>, action: ProjectAction, draft: ActionDraft): Promise<ProjectDetail> {
  const base = { id: project.id, version: project.version }
  const text = draft.text.trim()
  switch (action.kind) {
    case 'milestone':
      return store.recordMilestone({ ...base, milestone: action.milestone, on: draft.on, note: text || null })
    case 'payment':
      return store.recordPayment({ ...base, stage: action.stage, paidOn: draft.on })
    case 'stop':
      return store.stop({ ...base, on: draft.on, reason: text })
    case 'resume':
      return store.resume({ ...base, on: draft.on, note: text || null })
    case 'cancel':
      return store.cancel({ ...base, on: draft.on, reason: text })
    case 'settle':
      return store.markSettlementSent({ ...base, on: draft.on })
  }
}

/** Server field → the dialog's two fields (the date is `on` or `paidOn`, the text `reason` or `note`). */
export function actionFieldOf(serverField: string): ActionField | null {
  const head = serverField.split('.')[0]
  if (head === 'on' || head === 'paidOn') return 'on'
  if (head === 'reason' || head === 'note') return 'text'
  return null
}

export function mapActionErrors(fields: Record<string, string> | undefined): ActionErrors {
  return mapFieldErrors(fields, actionFieldOf)
}
