import type { EntityManager, EntitySchema, Repository } from 'typeorm'
import type { Dialect } from '../dialect'
import { auditLogEntity, type AuditLogRow } from './audit.entity'
import {
  callEditEntity,
  callEventEntity,
  callLogEntity,
  followUpEntity,
  measureAppointmentEntity,
  replyTemplateEntity,
  type CallEditRow,
  type CallEventRow,
  type CallLogRow,
  type FollowUpRow,
  type MeasureAppointmentRow,
  type ReplyTemplateRow,
} from './call.entity'
import { columnKit } from './columns'
import { communityEntity, customerEntity, customerPhoneEntity, type CommunityRow, type CustomerPhoneRow, type CustomerRow } from './customer.entity'
import { departmentEntity, personEntity, type DepartmentRow, type PersonRow } from './org.entity'
import { settingEntity, type SettingRow } from './settings.entity'
import {
  assessmentEntity,
  callbackEntity,
  notificationEntity,
  ticketAttachmentEntity,
  ticketEntity,
  ticketLogEntity,
  type AssessmentRow,
  type CallbackRow,
  type NotificationRow,
  type TicketAttachmentRow,
  type TicketLogRow,
  type TicketRow,
} from './ticket.entity'
import { staffAccountEntity, type StaffAccountRow } from './staff.entity'
import { visitEntity, type VisitRow } from './visit.entity'

/** Table name → row type: the typed way to reach a repository. */
export interface Rows {
  setting: SettingRow
  staff_account: StaffAccountRow
  department: DepartmentRow
  person: PersonRow
  customer: CustomerRow
  customer_phone: CustomerPhoneRow
  community: CommunityRow
  visit: VisitRow
  call_log: CallLogRow
  call_edit: CallEditRow
  call_event: CallEventRow
  follow_up: FollowUpRow
  measure_appointment: MeasureAppointmentRow
  reply_template: ReplyTemplateRow
  ticket: TicketRow
  ticket_log: TicketLogRow
  ticket_attachment: TicketAttachmentRow
  assessment: AssessmentRow
  callback: CallbackRow
  notification: NotificationRow
  audit_log: AuditLogRow
}

export type TableName = keyof Rows

export function buildEntities(dialect: Dialect): EntitySchema[] {
  const c = columnKit(dialect)
  return [
    settingEntity(c),
    staffAccountEntity(c),
    departmentEntity(c),
    personEntity(c),
    customerEntity(c),
    customerPhoneEntity(c),
    communityEntity(c),
    visitEntity(c),
    callLogEntity(c),
    callEditEntity(c),
    callEventEntity(c),
    followUpEntity(c),
    measureAppointmentEntity(c),
    replyTemplateEntity(c),
    ticketEntity(c),
    ticketLogEntity(c),
    ticketAttachmentEntity(c),
    assessmentEntity(c),
    callbackEntity(c),
    notificationEntity(c),
    auditLogEntity(c),
  ] as EntitySchema[]
}

export function repo<K extends TableName>(em: EntityManager, table: K): Repository<Rows[K]> {
  return em.getRepository<Rows[K]>(table)
}

export type { AssessmentRow, CallbackRow, NotificationRow, TicketAttachmentRow, TicketLogRow, TicketRow }
export type { CallEditRow, CallEventRow, CallLogRow, FollowUpRow, MeasureAppointmentRow, ReplyTemplateRow }
export type { AuditLogRow, CommunityRow, CustomerPhoneRow, CustomerRow, DepartmentRow, PersonRow, SettingRow, StaffAccountRow, VisitRow }
