import type { Milestone, PaymentStage, ProjectDetail, ProjectItem } from '@contract/projects.contract'
import type { useProjectsStore } from '../../stores/projects.store'
import { mapFieldErrors } from '../visits/walk-in-draft'

/** One step recorded on a site: each asks for a date, some for a reason or a note. */
export type ProjectAction =
  | { kind: 'milestone'; milestone: Milestone }
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
