import { EntitySchema } from 'typeorm'
import type { AttemptOutcome, CallbackKind, CallbackStatus, Satisfaction } from '../../main/contract/callbacks.contract'
import type { NotificationKind } from '../../main/contract/notifications.contract'
import type { AssessmentStatus, LeaderComplaintTarget, SuspendReason, TicketKind, TicketLogAction, TicketSource, TicketState } from '../../main/contract/tickets.contract'
import type { ColumnKit } from './columns'

export interface TicketRow {
  id: number
  no: string
  kind: TicketKind
  source: TicketSource
  customerId: number
  projectId: number | null
  callId: number | null
  visitId: number | null
  category: string
  severity: string
  description: string
  expectation: string | null
  address: string | null
  preferredTime: string | null
  completionDate: string | null
  workerId: number | null
  appointmentAt: Date | null
  departmentId: number | null
  personId: number | null
  handlerId: number | null
  state: TicketState
  suspendedFrom: TicketState | null
  suspendedAt: Date | null
  suspendReason: SuspendReason | null
  pausedSec: number
  responseDueAt: Date
  responseRiskAt: Date
  respondedAt: Date | null
  resolutionDueAt: Date
  resolutionRiskAt: Date
  resolvedAt: Date | null
  result: string | null
  closedAt: Date | null
  cancelledAt: Date | null
  escalationLevel: number
  escalatedAt: Date | null
  alertAt: Date | null
  /** derived by clockColumns on every write: the earliest owed deadline and risk moment (null when paused or met) */
  clockDueAt: Date | null
  clockRiskAt: Date | null
  /** bit 1: response near-breach noticed; bit 2: resolution near-breach noticed */
  riskNoticed: number
  leaderComplaint: LeaderComplaintTarget | null
  repeatOfId: number | null
  satisfaction: Satisfaction | null
  rating: number | null
  createdBy: number
  createdAt: Date
  updatedAt: Date
  version: number
}

export const ticketEntity = (c: ColumnKit) =>
  new EntitySchema<TicketRow>({
    name: 'ticket',
    columns: {
      id: c.id(),
      no: c.text(20),
      kind: c.text(10),
      source: c.text(10),
      customerId: c.int(),
      projectId: c.int(true),
      callId: c.int(true),
      visitId: c.int(true),
      category: c.text(30),
      severity: c.text(30),
      description: c.longText(false),
      expectation: c.text(500, true),
      address: c.text(120, true),
      preferredTime: c.text(60, true),
      completionDate: c.text(10, true),
      workerId: c.int(true),
      appointmentAt: c.time(true),
      departmentId: c.int(true),
      personId: c.int(true),
      handlerId: c.int(true),
      state: c.text(20),
      suspendedFrom: c.text(20, true),
      suspendedAt: c.time(true),
      suspendReason: c.text(10, true),
      pausedSec: c.int(),
      responseDueAt: c.time(),
      responseRiskAt: c.time(),
      respondedAt: c.time(true),
      resolutionDueAt: c.time(),
      resolutionRiskAt: c.time(),
      resolvedAt: c.time(true),
      result: c.longText(),
      closedAt: c.time(true),
      cancelledAt: c.time(true),
      escalationLevel: c.int(),
      escalatedAt: c.time(true),
      alertAt: c.time(true),
      clockDueAt: c.time(true),
      clockRiskAt: c.time(true),
      riskNoticed: c.int(),
      leaderComplaint: c.text(20, true),
      repeatOfId: c.int(true),
      satisfaction: c.text(12, true),
      rating: c.int(true),
      createdBy: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface TicketLogRow {
  id: number
  ticketId: number
  action: TicketLogAction
  fromState: TicketState | null
  toState: TicketState | null
  note: string | null
  actorId: number | null
  onBehalfOf: number | null
  at: Date
  /** JSON */
  data: string | null
}

export const ticketLogEntity = (c: ColumnKit) =>
  new EntitySchema<TicketLogRow>({
    name: 'ticket_log',
    columns: {
      id: c.id(),
      ticketId: c.int(),
      action: c.text(20),
      fromState: c.text(20, true),
      toState: c.text(20, true),
      note: c.longText(),
      actorId: c.int(true),
      onBehalfOf: c.int(true),
      at: c.time(),
      data: c.longText(),
    },
  })

export interface TicketAttachmentRow {
  id: number
  ticketId: number
  hash: string
  name: string
  mime: string
  size: number
  uploadedBy: number
  uploadedAt: Date
}

export const ticketAttachmentEntity = (c: ColumnKit) =>
  new EntitySchema<TicketAttachmentRow>({
    name: 'ticket_attachment',
    columns: {
      id: c.id(),
      ticketId: c.int(),
      hash: c.text(64),
      name: c.text(200),
      mime: c.text(60),
      size: c.int(),
      uploadedBy: c.int(),
      uploadedAt: c.time(),
    },
  })

export interface AssessmentRow {
  id: number
  ticketId: number
  personId: number
  departmentId: number | null
  reason: LeaderComplaintTarget
  proposedFen: number
  amountFen: number | null
  status: AssessmentStatus
  note: string | null
  proposedBy: number
  proposedAt: Date
  decidedBy: number | null
  decidedAt: Date | null
  decisionNote: string | null
}

export const assessmentEntity = (c: ColumnKit) =>
  new EntitySchema<AssessmentRow>({
    name: 'assessment',
    columns: {
      id: c.id(),
      ticketId: c.int(),
      personId: c.int(),
      departmentId: c.int(true),
      reason: c.text(20),
      proposedFen: c.money(false),
      amountFen: c.money(),
      status: c.text(10),
      note: c.longText(),
      proposedBy: c.int(),
      proposedAt: c.time(),
      decidedBy: c.int(true),
      decidedAt: c.time(true),
      decisionNote: c.text(500, true),
    },
  })

export interface CallbackRow {
  id: number
  kind: CallbackKind
  status: CallbackStatus
  customerId: number
  ticketId: number | null
  projectId: number | null
  reason: string
  dueOn: string
  agentId: number | null
  attempts: number
  lastAttemptAt: Date | null
  lastAttemptNote: string | null
  result: Satisfaction | null
  rating: number | null
  comment: string | null
  callId: number | null
  doneAt: Date | null
  doneBy: number | null
  /** a site plan's key (`weekly:3`, `milestone:midterm`, `aftercare:m15`): one row per key and site */
  planKey: string | null
  /** the date the plan gave it; `dueOn` moves away from it when an attempt reschedules */
  plannedOn: string | null
  scoreDesign: number | null
  scoreQuality: number | null
  scoreTidiness: number | null
  scoreService: number | null
  scoreSchedule: number | null
  problemTicketId: number | null
  lastAttemptOutcome: AttemptOutcome | null
  createdAt: Date
  updatedAt: Date
  version: number
}

export const callbackEntity = (c: ColumnKit) =>
  new EntitySchema<CallbackRow>({
    name: 'callback',
    columns: {
      id: c.id(),
      kind: c.text(30),
      status: c.text(10),
      customerId: c.int(),
      ticketId: c.int(true),
      projectId: c.int(true),
      reason: c.text(200),
      dueOn: c.text(10),
      agentId: c.int(true),
      attempts: c.int(),
      lastAttemptAt: c.time(true),
      lastAttemptNote: c.text(200, true),
      result: c.text(12, true),
      rating: c.int(true),
      comment: c.longText(),
      callId: c.int(true),
      doneAt: c.time(true),
      doneBy: c.int(true),
      planKey: c.text(30, true),
      plannedOn: c.text(10, true),
      scoreDesign: c.int(true),
      scoreQuality: c.int(true),
      scoreTidiness: c.int(true),
      scoreService: c.int(true),
      scoreSchedule: c.int(true),
      problemTicketId: c.int(true),
      lastAttemptOutcome: c.text(16, true),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface NotificationRow {
  id: number
  staffId: number
  kind: NotificationKind
  title: string
  body: string
  ticketId: number | null
  createdAt: Date
  readAt: Date | null
}

export const notificationEntity = (c: ColumnKit) =>
  new EntitySchema<NotificationRow>({
    name: 'notification',
    columns: {
      id: c.id(),
      staffId: c.int(),
      kind: c.text(20),
      title: c.text(200),
      body: c.text(500),
      ticketId: c.int(true),
      createdAt: c.time(),
      readAt: c.time(true),
    },
  })
