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
import {
  callbackAttemptEntity,
  depositEntity,
  depositFollowUpEntity,
  evaluationEntity,
  greetingEntity,
  inspectionEntity,
  inspectionPhotoEntity,
  projectEntity,
  projectLogEntity,
  projectStopEntity,
  rectificationCheckEntity,
  rectificationEntity,
  viewingTripClientEntity,
  viewingTripEntity,
  viewingTripSiteEntity,
  type CallbackAttemptRow,
  type DepositFollowUpRow,
  type DepositRow,
  type EvaluationRowData,
  type GreetingRow,
  type InspectionPhotoRow,
  type InspectionRow,
  type ProjectLogRow,
  type ProjectRow,
  type ProjectStopRow,
  type StoredProjectStatus,
  type RectificationCheckRow,
  type RectificationRow,
  type ViewingTripClientRow,
  type ViewingTripRow,
  type ViewingTripSiteRow,
} from './project.entity'
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
import {
  callbackStatEntity,
  callStatEntity,
  staffPresenceEntity,
  summaryBuildEntity,
  ticketStatEntity,
  type CallbackStatRow,
  type CallStatRow,
  type StaffPresenceRow,
  type SummaryBuildRow,
  type TicketStatRow,
} from './summary.entity'
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
  deposit: DepositRow
  deposit_follow_up: DepositFollowUpRow
  project: ProjectRow
  project_stop: ProjectStopRow
  project_log: ProjectLogRow
  callback_attempt: CallbackAttemptRow
  inspection: InspectionRow
  inspection_photo: InspectionPhotoRow
  rectification: RectificationRow
  rectification_check: RectificationCheckRow
  viewing_trip: ViewingTripRow
  viewing_trip_client: ViewingTripClientRow
  viewing_trip_site: ViewingTripSiteRow
  evaluation: EvaluationRowData
  greeting: GreetingRow
  call_stat: CallStatRow
  ticket_stat: TicketStatRow
  callback_stat: CallbackStatRow
  summary_build: SummaryBuildRow
  staff_presence: StaffPresenceRow
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
    depositEntity(c),
    depositFollowUpEntity(c),
    projectEntity(c),
    projectStopEntity(c),
    projectLogEntity(c),
    callbackAttemptEntity(c),
    inspectionEntity(c),
    inspectionPhotoEntity(c),
    rectificationEntity(c),
    rectificationCheckEntity(c),
    viewingTripEntity(c),
    viewingTripClientEntity(c),
    viewingTripSiteEntity(c),
    evaluationEntity(c),
    greetingEntity(c),
    callStatEntity(c),
    ticketStatEntity(c),
    callbackStatEntity(c),
    summaryBuildEntity(c),
    staffPresenceEntity(c),
    auditLogEntity(c),
  ] as EntitySchema[]
}

export function repo<K extends TableName>(em: EntityManager, table: K): Repository<Rows[K]> {
  return em.getRepository<Rows[K]>(table)
}

export type { CallbackAttemptRow, DepositFollowUpRow, DepositRow, EvaluationRowData, GreetingRow, InspectionPhotoRow, InspectionRow, ProjectLogRow, ProjectRow, ProjectStopRow, StoredProjectStatus }
export type { RectificationCheckRow, RectificationRow, ViewingTripClientRow, ViewingTripRow, ViewingTripSiteRow }
export type { AssessmentRow, CallbackRow, NotificationRow, TicketAttachmentRow, TicketLogRow, TicketRow }
export type { CallEditRow, CallEventRow, CallLogRow, FollowUpRow, MeasureAppointmentRow, ReplyTemplateRow }
export type { CallbackStatRow, CallStatRow, StaffPresenceRow, SummaryBuildRow, TicketStatRow }
export type { AuditLogRow, CommunityRow, CustomerPhoneRow, CustomerRow, DepartmentRow, PersonRow, SettingRow, StaffAccountRow, VisitRow }
