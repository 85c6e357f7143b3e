import { shiftDate } from '@contract/time'
import type { InspectionResult } from '@contract/inspections.contract'
import type { InspectionRecordInput } from '../../stores/inspections.store'

/** What the 登记巡检 dialog holds while it is typed. */
export interface InspectionDraft {
  inspectedOn: string
  inspectorId: number | null
  result: InspectionResult | null
  findings: string
  items: string
  responsibleId: number | null
  deadlineOn: string
}

/** The fields a message can stand under: the API's own names, so a server message lands where the local one would. */
export const INSPECTION_FIELDS = ['inspectedOn', 'inspectorId', 'result', 'findings', 'rectification.items', 'rectification.responsibleId', 'rectification.deadlineOn'] as const
export type InspectionField = (typeof INSPECTION_FIELDS)[number]

/** Rectification notices are given three days unless the inspector says otherwise. */
export const RECTIFICATION_DAYS = 3

export function newInspectionDraft(today: string): InspectionDraft {
  return { inspectedOn: today, inspectorId: null, result: null, findings: '', items: '', responsibleId: null, deadlineOn: shiftDate(today, RECTIFICATION_DAYS) }
}

/** Why a field is refused, as a key under `site.record.errors`. */
export type InspectionErrorCode = 'dateRequired' | 'dateFuture' | 'resultRequired' | 'findingsRequired' | 'itemsRequired' | 'responsibleRequired' | 'deadlineRequired' | 'deadlineBeforeInspection'

/** Checks the draft the way the core will; `today` keeps an inspection out of the future. */
export function checkInspectionDraft(draft: InspectionDraft, today: string): Partial<Record<InspectionField, InspectionErrorCode>> {
  const errors: Partial<Record<InspectionField, InspectionErrorCode>> = {}
  if (!draft.inspectedOn) errors.inspectedOn = 'dateRequired'
  else if (draft.inspectedOn > today) errors.inspectedOn = 'dateFuture'
  if (!draft.result) errors.result = 'resultRequired'
  if (!draft.findings.trim()) errors.findings = 'findingsRequired'
  if (draft.result === 'issues') {
    if (!draft.items.trim()) errors['rectification.items'] = 'itemsRequired'
    if (draft.responsibleId === null) errors['rectification.responsibleId'] = 'responsibleRequired'
    if (!draft.deadlineOn) errors['rectification.deadlineOn'] = 'deadlineRequired'
    else if (draft.inspectedOn && draft.deadlineOn < draft.inspectedOn) errors['rectification.deadlineOn'] = 'deadlineBeforeInspection'
  }
  return errors
}

/** What `inspections.record` is sent; a 合格 inspection carries no notice even if its fields were typed. */
export function recordInputOf(projectId: number, draft: InspectionDraft): InspectionRecordInput {
  const result = draft.result ?? 'ok'
  return {
    projectId,
    inspectedOn: draft.inspectedOn,
    inspectorId: draft.inspectorId,
    result,
    findings: draft.findings.trim(),
    rectification:
      result === 'issues' && draft.responsibleId !== null ? { items: draft.items.trim(), responsibleId: draft.responsibleId, deadlineOn: draft.deadlineOn } : null,
  }
}
