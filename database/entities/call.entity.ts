import { EntitySchema } from 'typeorm'
import type { CallDirection, CallSource, CallStatus, CallType, FollowUpStatus } from '../../main/contract/calls.contract'
import type { CtiEventKind } from '../../main/contract/cti.contract'
import type { ColumnKit } from './columns'

export interface CallLogRow {
  id: number
  direction: CallDirection
  rawNumber: string
  normalized: string | null
  numberKey: string
  customerId: number | null
  agentId: number | null
  extension: string | null
  externalId: string | null
  source: CallSource
  status: CallStatus
  startedAt: Date
  ringingAt: Date | null
  answeredAt: Date | null
  endedAt: Date | null
  ringSec: number | null
  talkSec: number | null
  callType: CallType | null
  summary: string | null
  outcome: string | null
  followUpOn: string | null
  /** JSON of CallDetails */
  details: string | null
  followUpId: number | null
  intakeSavedAt: Date | null
  intakeSavedBy: number | null
  handledAt: Date | null
  handledBy: number | null
  handledNote: string | null
  createdAt: Date
  updatedAt: Date
  version: number
}

export const callLogEntity = (c: ColumnKit) =>
  new EntitySchema<CallLogRow>({
    name: 'call_log',
    columns: {
      id: c.id(),
      direction: c.text(3),
      rawNumber: c.text(40),
      normalized: c.text(20, true),
      numberKey: c.text(40),
      customerId: c.int(true),
      agentId: c.int(true),
      extension: c.text(20, true),
      externalId: c.text(64, true),
      source: c.text(6),
      status: c.text(10),
      startedAt: c.time(),
      ringingAt: c.time(true),
      answeredAt: c.time(true),
      endedAt: c.time(true),
      ringSec: c.int(true),
      talkSec: c.int(true),
      callType: c.text(10, true),
      summary: c.longText(),
      outcome: c.text(200, true),
      followUpOn: c.text(10, true),
      details: c.longText(),
      followUpId: c.int(true),
      intakeSavedAt: c.time(true),
      intakeSavedBy: c.int(true),
      handledAt: c.time(true),
      handledBy: c.int(true),
      handledNote: c.text(200, true),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })

export interface CallEditRow {
  id: number
  callId: number
  editedBy: number
  editedAt: Date
  /** JSON: field → [before, after] */
  changes: string
}

export const callEditEntity = (c: ColumnKit) =>
  new EntitySchema<CallEditRow>({
    name: 'call_edit',
    columns: { id: c.id(), callId: c.int(), editedBy: c.int(), editedAt: c.time(), changes: c.longText(false) },
  })

export interface CallEventRow {
  id: number
  externalId: string
  event: CtiEventKind
  at: Date
  receivedAt: Date
  /** the event as received (JSON) */
  payload: string
}

export const callEventEntity = (c: ColumnKit) =>
  new EntitySchema<CallEventRow>({
    name: 'call_event',
    columns: { id: c.id(), externalId: c.text(64), event: c.text(10), at: c.time(), receivedAt: c.time(), payload: c.longText(false) },
  })

export interface FollowUpRow {
  id: number
  sourceCallId: number
  customerId: number | null
  numberKey: string
  agentId: number
  /** company-local date */
  dueOn: string
  note: string | null
  status: FollowUpStatus
  doneAt: Date | null
  doneCallId: number | null
  createdAt: Date
  updatedAt: Date
}

export const followUpEntity = (c: ColumnKit) =>
  new EntitySchema<FollowUpRow>({
    name: 'follow_up',
    columns: {
      id: c.id(),
      sourceCallId: c.int(),
      customerId: c.int(true),
      numberKey: c.text(40),
      agentId: c.int(),
      dueOn: c.text(10),
      note: c.text(200, true),
      status: c.text(10),
      doneAt: c.time(true),
      doneCallId: c.int(true),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
    },
  })

export type AppointmentStatus = 'scheduled' | 'done' | 'cancelled'

export interface MeasureAppointmentRow {
  id: number
  customerId: number
  callId: number | null
  designerId: number
  scheduledAt: Date
  address: string | null
  status: AppointmentStatus
  createdBy: number
  createdAt: Date
  updatedAt: Date
}

export const measureAppointmentEntity = (c: ColumnKit) =>
  new EntitySchema<MeasureAppointmentRow>({
    name: 'measure_appointment',
    columns: {
      id: c.id(),
      customerId: c.int(),
      callId: c.int(true),
      designerId: c.int(),
      scheduledAt: c.time(),
      address: c.text(120, true),
      status: c.text(10),
      createdBy: c.int(),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
    },
  })

export interface ReplyTemplateRow {
  id: number
  category: string
  title: string
  body: string
  /** JSON array of strings */
  keywords: string
  sortOrder: number
  active: boolean
  updatedBy: number | null
  createdAt: Date
  updatedAt: Date
  version: number
}

export const replyTemplateEntity = (c: ColumnKit) =>
  new EntitySchema<ReplyTemplateRow>({
    name: 'reply_template',
    columns: {
      id: c.id(),
      category: c.text(30),
      title: c.text(60),
      body: c.longText(false),
      keywords: c.text(500),
      sortOrder: c.int(),
      active: c.bool(),
      updatedBy: c.int(true),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.int(),
    },
  })
