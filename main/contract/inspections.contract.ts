import { z } from 'zod'
import type { PersonRef } from './customers.contract'
import { defineMethod } from './define'
import { choice, id, input, intRange, isoDate, MAX_ID, optionalId, pageInput, text, type Page } from './schema-kit'

/**
 * Site inspections (巡检): every active site at least weekly. Findings that need work get a
 * rectification notice (整改通知书) with a deadline, rechecked until it passes.
 */
export const INSPECTION_RESULTS = ['ok', 'issues'] as const
export type InspectionResult = (typeof INSPECTION_RESULTS)[number]
export const INSPECTION_RESULT_LABELS: Record<InspectionResult, string> = { ok: '合格', issues: '需整改' }

export const RECTIFICATION_STATUSES = ['open', 'passed'] as const
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number]
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = { open: '整改中', passed: '已复查合格' }

export interface InspectionPhoto {
  id: number
  name: string
  mime: string
  size: number
  uploadedAt: string
}

export interface Rectification {
  id: number
  /** 整改通知书 number: ZG + company date + sequence */
  no: string
  inspectionId: number
  project: { id: number; contractNo: string; address: string }
  customer: PersonRef
  items: string
  responsible: PersonRef
  deadlineOn: string
  status: RectificationStatus
  overdue: boolean
  /** recheck history, newest last */
  rechecks: { at: string; by: PersonRef; passed: boolean; note: string; newDeadlineOn: string | null }[]
  closedOn: string | null
  version: number
}

export interface Inspection {
  id: number
  project: { id: number; contractNo: string; address: string }
  inspectedOn: string
  inspector: PersonRef | null
  recordedBy: PersonRef
  result: InspectionResult
  findings: string
  photos: InspectionPhoto[]
  rectification: Rectification | null
}

/** An active site and when its next inspection is due. */
export interface InspectionDue {
  project: { id: number; contractNo: string; address: string }
  customer: PersonRef
  supervisor: PersonRef | null
  projectManager: PersonRef | null
  lastInspectedOn: string | null
  dueOn: string
  overdueDays: number
  openRectifications: number
}

const version = intRange('版本号', 1, MAX_ID)

export const inspectionsContract = {
  /** Sites under construction whose inspection is due by `asOf` (default today), most overdue first. */
  due: defineMethod<Page<InspectionDue>>()({
    input: input({ asOf: isoDate('截止日期').optional(), ...pageInput() }),
    permission: 'projects.read',
    audit: 'view',
  }),
  record: defineMethod<Inspection>()({
    input: input({
      projectId: id('工地'),
      inspectedOn: isoDate('巡检日期'),
      inspectorId: optionalId('巡检人'),
      result: choice('巡检结果', INSPECTION_RESULTS),
      findings: text('巡检情况', 2000),
      /** required when the result is 需整改 */
      rectification: z
        .strictObject({ items: text('整改事项', 2000), responsibleId: id('整改责任人'), deadlineOn: isoDate('整改期限') }, { error: '整改通知无效' })
        .nullish()
        .transform((v) => v ?? null),
    }),
    permission: 'projects.write',
    audit: 'change',
  }),
  list: defineMethod<Page<Inspection>>()({
    input: input({ projectId: id('工地').optional(), ...pageInput() }),
    permission: 'projects.read',
    audit: 'view',
  }),
  get: defineMethod<Inspection>()({ input: input({ id: id('巡检记录') }), permission: 'projects.read', audit: 'view' }),
  rectifications: defineMethod<Page<Rectification>>()({
    input: input({ status: choice('状态', ['open', 'overdue', 'passed'] as const).default('open'), projectId: id('工地').optional(), ...pageInput() }),
    permission: 'projects.read',
    audit: 'view',
  }),
  /** 复查: passed closes the notice; not passed gives a new deadline. */
  recheck: defineMethod<Rectification>()({
    input: input({
      id: id('整改通知'),
      version,
      passed: z.boolean({ error: '复查结果无效' }),
      note: text('复查情况', 1000),
      newDeadlineOn: isoDate('新的整改期限').nullish().transform((v) => v ?? null),
    }),
    permission: 'projects.write',
    audit: 'change',
  }),
}

export type { Page }
