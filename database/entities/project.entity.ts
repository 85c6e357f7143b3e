import { EntitySchema } from 'typeorm'
import type { AttemptOutcome } from '../../main/contract/callbacks.contract'
import type { DepositStatus } from '../../main/contract/deposits.contract'
import type { InspectionResult, RectificationStatus } from '../../main/contract/inspections.contract'
import type { ViewingOutcome } from '../../main/contract/viewings.contract'
import type { ColumnKit } from './columns'

export interface DepositRow {
  id: number
  customerId: number
  designerId: number
  consultantId: number | null
  amountFen: number
  paidOn: string
  status: DepositStatus
  followUps: number
  lastFollowUpAt: Date | null
  nextFollowUpOn: string | null
  outcomeOn: string | null
  lostReason: string | null
  note: string | null
  createdBy: number
  createdAt: Date
  updatedAt: Date
  version: number
}

export const depositEntity = (c: ColumnKit) =>
  new EntitySchema<DepositRow>({
    name: 'deposit',
    columns: {
      id: c.id(),
      customerId: c.int(),
      designerId: c.int(),
      consultantId: c.int(true),
      amountFen: c.money(false),
      paidOn: c.text(10),
      status: c.text(10),
      followUps: c.int(),
      lastFollowUpAt: c.time(true),
      nextFollowUpOn: c.text(10, true),
      outcomeOn: c.text(10, true),
      lostReason: c.text(200, true),
      note: c.text(500, true),
      createdBy: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface DepositFollowUpRow {
  id: number
  depositId: number
  at: Date
  byId: number
  note: string
  nextOn: string | null
}

export const depositFollowUpEntity = (c: ColumnKit) =>
  new EntitySchema<DepositFollowUpRow>({
    name: 'deposit_follow_up',
    columns: { id: c.id(), depositId: c.int(), at: c.time(), byId: c.int(), note: c.text(1000), nextOn: c.text(10, true) },
  })

/** Stored status: 保修期满 is `warranty` with `warrantyEndsOn` passed, decided when read. */
export type StoredProjectStatus = 'pending' | 'building' | 'stopped' | 'completed' | 'warranty' | 'cancelled'

export interface ProjectRow {
  id: number
  contractNo: string
  customerId: number
  depositId: number | null
  address: string
  designerId: number
  projectManagerId: number | null
  supervisorId: number | null
  crewId: number | null
  agentId: number | null
  amountFen: number
  signedOn: string
  startPlannedOn: string | null
  startOn: string | null
  materialPlannedOn: string | null
  materialOn: string | null
  midtermPlannedOn: string | null
  midtermOn: string | null
  completionPlannedOn: string | null
  completionOn: string | null
  firstFen: number
  firstPaidOn: string | null
  midtermFen: number
  midtermPaidOn: string | null
  finalFen: number
  finalPaidOn: string | null
  status: StoredProjectStatus
  warrantyEndsOn: string | null
  settlementSentOn: string | null
  cancelledOn: string | null
  cancelReason: string | null
  note: string | null
  createdBy: number
  createdAt: Date
  updatedAt: Date
  version: number
}

export const projectEntity = (c: ColumnKit) =>
  new EntitySchema<ProjectRow>({
    name: 'project',
    columns: {
      id: c.id(),
      contractNo: c.text(30),
      customerId: c.int(),
      depositId: c.int(true),
      address: c.text(120),
      designerId: c.int(),
      projectManagerId: c.int(true),
      supervisorId: c.int(true),
      crewId: c.int(true),
      agentId: c.int(true),
      amountFen: c.money(false),
      signedOn: c.text(10),
      startPlannedOn: c.text(10, true),
      startOn: c.text(10, true),
      materialPlannedOn: c.text(10, true),
      materialOn: c.text(10, true),
      midtermPlannedOn: c.text(10, true),
      midtermOn: c.text(10, true),
      completionPlannedOn: c.text(10, true),
      completionOn: c.text(10, true),
      firstFen: c.money(false),
      firstPaidOn: c.text(10, true),
      midtermFen: c.money(false),
      midtermPaidOn: c.text(10, true),
      finalFen: c.money(false),
      finalPaidOn: c.text(10, true),
      status: c.text(12),
      warrantyEndsOn: c.text(10, true),
      settlementSentOn: c.text(10, true),
      cancelledOn: c.text(10, true),
      cancelReason: c.text(200, true),
      note: c.longText(),
      createdBy: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface ProjectStopRow {
  id: number
  projectId: number
  fromOn: string
  toOn: string | null
  reason: string
  createdBy: number
  createdAt: Date
}

export const projectStopEntity = (c: ColumnKit) =>
  new EntitySchema<ProjectStopRow>({
    name: 'project_stop',
    columns: { id: c.id(), projectId: c.int(), fromOn: c.text(10), toOn: c.text(10, true), reason: c.text(200), createdBy: c.int(), createdAt: c.createdAt() },
  })

export interface ProjectLogRow {
  id: number
  projectId: number
  at: Date
  actorId: number | null
  action: string
  /** JSON: what changed */
  data: string | null
}

export const projectLogEntity = (c: ColumnKit) =>
  new EntitySchema<ProjectLogRow>({
    name: 'project_log',
    columns: { id: c.id(), projectId: c.int(), at: c.time(), actorId: c.int(true), action: c.text(20), data: c.longText() },
  })

export interface CallbackAttemptRow {
  id: number
  callbackId: number
  at: Date
  byId: number
  outcome: AttemptOutcome
  note: string | null
  retryOn: string
}

export const callbackAttemptEntity = (c: ColumnKit) =>
  new EntitySchema<CallbackAttemptRow>({
    name: 'callback_attempt',
    columns: { id: c.id(), callbackId: c.int(), at: c.time(), byId: c.int(), outcome: c.text(16), note: c.text(200, true), retryOn: c.text(10) },
  })

export interface InspectionRow {
  id: number
  projectId: number
  inspectedOn: string
  inspectorId: number | null
  recordedBy: number
  result: InspectionResult
  findings: string
  createdAt: Date
}

export const inspectionEntity = (c: ColumnKit) =>
  new EntitySchema<InspectionRow>({
    name: 'inspection',
    columns: {
      id: c.id(),
      projectId: c.int(),
      inspectedOn: c.text(10),
      inspectorId: c.int(true),
      recordedBy: c.int(),
      result: c.text(10),
      findings: c.longText(false),
      createdAt: c.createdAt(),
    },
  })

export interface InspectionPhotoRow {
  id: number
  inspectionId: number
  hash: string
  name: string
  mime: string
  size: number
  uploadedBy: number
  uploadedAt: Date
}

export const inspectionPhotoEntity = (c: ColumnKit) =>
  new EntitySchema<InspectionPhotoRow>({
    name: 'inspection_photo',
    columns: {
      id: c.id(),
      inspectionId: c.int(),
      hash: c.text(64),
      name: c.text(200),
      mime: c.text(60),
      size: c.int(),
      uploadedBy: c.int(),
      uploadedAt: c.time(),
    },
  })

export interface RectificationRow {
  id: number
  no: string
  inspectionId: number
  projectId: number
  items: string
  responsibleId: number
  deadlineOn: string
  status: RectificationStatus
  closedOn: string | null
  createdBy: number
  createdAt: Date
  updatedAt: Date
  version: number
}

export const rectificationEntity = (c: ColumnKit) =>
  new EntitySchema<RectificationRow>({
    name: 'rectification',
    columns: {
      id: c.id(),
      no: c.text(20),
      inspectionId: c.int(),
      projectId: c.int(),
      items: c.longText(false),
      responsibleId: c.int(),
      deadlineOn: c.text(10),
      status: c.text(10),
      closedOn: c.text(10, true),
      createdBy: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface RectificationCheckRow {
  id: number
  rectificationId: number
  at: Date
  byId: number
  passed: boolean
  note: string
  newDeadlineOn: string | null
}

export const rectificationCheckEntity = (c: ColumnKit) =>
  new EntitySchema<RectificationCheckRow>({
    name: 'rectification_check',
    columns: { id: c.id(), rectificationId: c.int(), at: c.time(), byId: c.int(), passed: c.bool(), note: c.longText(false), newDeadlineOn: c.text(10, true) },
  })

export interface ViewingTripRow {
  id: number
  tripOn: string
  departAt: string | null
  guideId: number | null
  note: string | null
  report: string | null
  reportedAt: Date | null
  reportedBy: number | null
  createdBy: number
  createdAt: Date
  updatedAt: Date
  version: number
}

export const viewingTripEntity = (c: ColumnKit) =>
  new EntitySchema<ViewingTripRow>({
    name: 'viewing_trip',
    columns: {
      id: c.id(),
      tripOn: c.text(10),
      departAt: c.text(5, true),
      guideId: c.int(true),
      note: c.text(500, true),
      report: c.longText(),
      reportedAt: c.time(true),
      reportedBy: c.int(true),
      createdBy: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface ViewingTripClientRow {
  id: number
  tripId: number
  customerId: number
  outcome: ViewingOutcome | null
}

export const viewingTripClientEntity = (c: ColumnKit) =>
  new EntitySchema<ViewingTripClientRow>({
    name: 'viewing_trip_client',
    columns: { id: c.id(), tripId: c.int(), customerId: c.int(), outcome: c.text(16, true) },
  })

export interface ViewingTripSiteRow {
  id: number
  tripId: number
  projectId: number
}

export const viewingTripSiteEntity = (c: ColumnKit) =>
  new EntitySchema<ViewingTripSiteRow>({
    name: 'viewing_trip_site',
    columns: { id: c.id(), tripId: c.int(), projectId: c.int() },
  })

export interface EvaluationRowData {
  id: number
  projectId: number
  /** YYYY-MM of the completion */
  month: string
  scoreDesigner: number
  scoreProjectManager: number
  scoreSupervisor: number
  scoreCrew: number
  scoreOverall: number
  comment: string | null
  sentOn: string | null
  returnedOn: string | null
  recordedBy: number
  createdAt: Date
  updatedAt: Date
  version: number
}

export const evaluationEntity = (c: ColumnKit) =>
  new EntitySchema<EvaluationRowData>({
    name: 'evaluation',
    columns: {
      id: c.id(),
      projectId: c.int(),
      month: c.text(7),
      scoreDesigner: c.int(),
      scoreProjectManager: c.int(),
      scoreSupervisor: c.int(),
      scoreCrew: c.int(),
      scoreOverall: c.int(),
      comment: c.longText(),
      sentOn: c.text(10, true),
      returnedOn: c.text(10, true),
      recordedBy: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface GreetingRow {
  id: number
  greetingKey: string
  name: string
  holidayOn: string
  doneAt: Date
  doneBy: number
  sent: number
  note: string | null
}

export const greetingEntity = (c: ColumnKit) =>
  new EntitySchema<GreetingRow>({
    name: 'greeting',
    columns: {
      id: c.id(),
      greetingKey: c.text(40),
      name: c.text(20),
      holidayOn: c.text(10),
      doneAt: c.time(),
      doneBy: c.int(),
      sent: c.int(),
      note: c.text(500, true),
    },
  })
