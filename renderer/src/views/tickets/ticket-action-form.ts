import type { SuspendReason, TicketAction } from '@contract/tickets.contract'
import type { TicketTransitionInput } from '../../stores/tickets.store'
import { companyTimeToIso } from '../calls/intake-draft'
import { mapFieldErrors, orNull } from '../visits/walk-in-draft'
import { isPast } from './ticket-draft'

/** What one action dialog asks for. */
export interface ActionDraft {
  departmentId: number | null
  personId: number | null
  /** 解决期限 on the company's clock (`YYYY-MM-DD HH:mm`), '' for the severity's default */
  dueAt: string
  reason: SuspendReason | ''
  note: string
}

export type ActionField = keyof ActionDraft
export type ActionErrors = Partial<Record<ActionField, string>>

interface ActionShape {
  /** in the order the dialog shows them */
  fields: readonly ActionField[]
  required: readonly ActionField[]
}

/**
 * Each action's fields, as `ticketTransitionSchema` wants them: 派单 names who must act and may
 * set a deadline, 改派 names someone else, 挂起 says why; the others are a note, required except
 * when resuming.
 */
export const ACTION_SHAPES: Record<TicketAction, ActionShape> = {
  dispatch: { fields: ['departmentId', 'personId', 'dueAt', 'note'], required: ['departmentId', 'personId'] },
  reassign: { fields: ['departmentId', 'personId', 'note'], required: ['departmentId', 'personId'] },
  respond: { fields: ['note'], required: ['note'] },
  resolve: { fields: ['note'], required: ['note'] },
  suspend: { fields: ['reason', 'note'], required: ['reason', 'note'] },
  resume: { fields: ['note'], required: [] },
  reopen: { fields: ['note'], required: ['note'] },
  cancel: { fields: ['note'], required: ['note'] },
}

/** 撤销 ends the ticket for good; the dialog's button says so in red. */
export const DESTRUCTIVE_ACTIONS: readonly TicketAction[] = ['cancel']
/** What moves a ticket forward; the rest sit behind them in the toolbar. */
export const PRIMARY_ACTIONS: readonly TicketAction[] = ['dispatch', 'respond', 'resolve', 'resume', 'reopen']

export function emptyActionDraft(current?: { departmentId: number | null; personId: number | null }): ActionDraft {
  return { departmentId: current?.departmentId ?? null, personId: current?.personId ?? null, dueAt: '', reason: '', note: '' }
}

function isBlank(draft: ActionDraft, field: ActionField): boolean {
  const value = draft[field]
  return value === null || (typeof value === 'string' && !value.trim())
}

/** Required fields still empty, and a deadline that is not in the future, before anything is sent. */
export function actionProblems(action: TicketAction, draft: ActionDraft, ctx: { timeZone: string; nowMs: number }): { missing: ActionField[]; pastDue: boolean } {
  const shape = ACTION_SHAPES[action]
  return {
    missing: shape.required.filter((field) => isBlank(draft, field)),
    pastDue: shape.fields.includes('dueAt') && isPast(draft.dueAt, ctx.timeZone, ctx.nowMs),
  }
}

/** The `change` of `tickets.transition` for this action. */
export function toTransitionChange(action: TicketAction, draft: ActionDraft, timeZone: string): TicketTransitionInput['change'] {
  const note = draft.note.trim()
  switch (action) {
    case 'dispatch':
      return {
        action,
        departmentId: draft.departmentId ?? 0,
        personId: draft.personId ?? 0,
        dueAt: draft.dueAt ? companyTimeToIso(draft.dueAt, timeZone) : null,
        note: orNull(draft.note),
      }
    case 'reassign':
      return { action, departmentId: draft.departmentId ?? 0, personId: draft.personId ?? 0, note: orNull(draft.note) }
    case 'suspend':
      return { action, reason: draft.reason || 'other', note }
    case 'resume':
      return { action, note: orNull(draft.note) }
    default:
      return { action, note }
  }
}

/** `change.departmentId` → departmentId. */
export function mapActionErrors(fields: Record<string, string> | undefined): ActionErrors {
  const known: readonly string[] = ['departmentId', 'personId', 'dueAt', 'reason', 'note']
  return mapFieldErrors(fields, (key) => {
    const name = key.replace(/^change\./, '')
    return known.includes(name) ? (name as ActionField) : null
  })
}
