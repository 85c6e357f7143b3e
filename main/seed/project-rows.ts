import { ATTEMPT_OUTCOME_LABELS } from '../contract/callbacks.contract'
import type { StoredProjectStatus } from '../../database/entities'
import { sqlNumber as n, sqlText as q, sqlTime as ts } from './bulk-insert'
import type { PlanRow } from './project-callbacks'

/** The tables' columns in the order the literals below write them. */
export const PROJECT_COLUMNS = [
  'id', 'contract_no', 'customer_id', 'deposit_id', 'address', 'designer_id', 'project_manager_id', 'supervisor_id', 'crew_id', 'agent_id',
  'amount_fen', 'signed_on', 'start_planned_on', 'start_on', 'material_planned_on', 'material_on', 'midterm_planned_on', 'midterm_on',
  'completion_planned_on', 'completion_on', 'first_fen', 'first_paid_on', 'midterm_fen', 'midterm_paid_on', 'final_fen', 'final_paid_on',
  'status', 'warranty_ends_on', 'settlement_sent_on', 'cancelled_on', 'cancel_reason', 'note', 'created_by', 'created_at', 'updated_at', 'version',
] as const
export const STOP_COLUMNS = ['project_id', 'from_on', 'to_on', 'reason', 'created_by', 'created_at'] as const
export const PROJECT_LOG_COLUMNS = ['project_id', 'at', 'actor_id', 'action', 'data'] as const
/** A plan callback has no ticket, rating or call: those columns are left to their NULL default. */
export const PLAN_CALLBACK_COLUMNS = [
  'id', 'kind', 'status', 'customer_id', 'project_id', 'reason', 'due_on', 'agent_id', 'attempts', 'last_attempt_at',
  'last_attempt_note', 'result', 'comment', 'done_at', 'done_by', 'plan_key', 'planned_on', 'score_design',
  'score_quality', 'score_tidiness', 'score_service', 'score_schedule', 'problem_ticket_id', 'last_attempt_outcome', 'created_at', 'updated_at', 'version',
] as const
export const ATTEMPT_COLUMNS = ['callback_id', 'at', 'by_id', 'outcome', 'note', 'retry_on'] as const
export const DEPOSIT_COLUMNS = [
  'id', 'customer_id', 'designer_id', 'consultant_id', 'amount_fen', 'paid_on', 'status', 'follow_ups', 'last_follow_up_at', 'next_follow_up_on',
  'outcome_on', 'lost_reason', 'note', 'created_by', 'created_at', 'updated_at', 'version',
] as const
export const DEPOSIT_FOLLOW_UP_COLUMNS = ['deposit_id', 'at', 'by_id', 'note', 'next_on'] as const
export const INSPECTION_COLUMNS = ['id', 'project_id', 'inspected_on', 'inspector_id', 'recorded_by', 'result', 'findings', 'created_at'] as const
export const RECTIFICATION_COLUMNS = [
  'id', 'no', 'inspection_id', 'project_id', 'items', 'responsible_id', 'deadline_on', 'status', 'closed_on', 'created_by', 'created_at', 'updated_at', 'version',
] as const
export const RECHECK_COLUMNS = ['rectification_id', 'at', 'by_id', 'passed', 'note', 'new_deadline_on'] as const
export const TRIP_COLUMNS = ['id', 'trip_on', 'depart_at', 'guide_id', 'note', 'report', 'reported_at', 'reported_by', 'created_by', 'created_at', 'updated_at', 'version'] as const
export const TRIP_CLIENT_COLUMNS = ['trip_id', 'customer_id', 'outcome'] as const
export const TRIP_SITE_COLUMNS = ['trip_id', 'project_id'] as const
export const EVALUATION_COLUMNS = [
  'project_id', 'month', 'score_designer', 'score_project_manager', 'score_supervisor', 'score_crew', 'score_overall', 'comment', 'sent_on',
  'returned_on', 'recorded_by', 'created_at', 'updated_at', 'version',
] as const
export const GREETING_COLUMNS = ['greeting_key', 'name', 'holiday_on', 'done_at', 'done_by', 'sent', 'note'] as const

/** A site as the project table stores it; dates are company dates. */
export interface ProjectRecord {
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
  planned: { start: string; material: string; midterm: string; completion: string }
  actual: { start: string | null; material: string | null; midterm: string | null; completion: string | null }
  fen: { first: number; midterm: number; final: number }
  paidOn: { first: string | null; midterm: string | null; final: string | null }
  status: StoredProjectStatus
  warrantyEndsOn: string | null
  settlementSentOn: string | null
  cancelledOn: string | null
  cancelReason: string | null
  note: string | null
  createdBy: number
  createdAt: number
  updatedAt: number
  version: number
}

export function projectLiteral(p: ProjectRecord): string {
  const values = [
    p.id, q(p.contractNo), p.customerId, n(p.depositId), q(p.address), p.designerId, n(p.projectManagerId), n(p.supervisorId), n(p.crewId), n(p.agentId),
    p.amountFen, q(p.signedOn), q(p.planned.start), q(p.actual.start), q(p.planned.material), q(p.actual.material), q(p.planned.midterm), q(p.actual.midterm),
    q(p.planned.completion), q(p.actual.completion), p.fen.first, q(p.paidOn.first), p.fen.midterm, q(p.paidOn.midterm), p.fen.final, q(p.paidOn.final),
    q(p.status), q(p.warrantyEndsOn), q(p.settlementSentOn), q(p.cancelledOn), q(p.cancelReason), q(p.note), p.createdBy, ts(p.createdAt), ts(p.updatedAt), p.version,
  ]
  return `(${values.join(',')})`
}

/** The callback keeps its last attempt's note, or the outcome in words when none was written (as `recordAttempt` does). */
export function planCallbackLiteral(customerId: number, projectId: number, r: PlanRow): string {
  const last = r.attempts.at(-1) ?? null
  const s = r.scores
  const values = [
    r.id, q(r.kind), q(r.status), customerId, projectId, q(r.reason), q(r.dueOn), n(r.agentId), r.attempts.length, ts(last?.at ?? null),
    q(last ? (last.note ?? ATTEMPT_OUTCOME_LABELS[last.outcome]) : null), q(r.result), q(r.comment), ts(r.doneAt), n(r.doneBy), q(r.key), q(r.plannedOn), n(s.design),
    n(s.quality), n(s.tidiness), n(s.service), n(s.schedule), n(r.problemTicketId), q(last?.outcome ?? null), ts(r.createdAt), ts(r.updatedAt), r.version,
  ]
  return `(${values.join(',')})`
}

export function attemptLiterals(r: PlanRow): string[] {
  return r.attempts.map((a) => `(${[r.id, ts(a.at), a.byId, q(a.outcome), q(a.note), q(a.retryOn)].join(',')})`)
}

export function logLiteral(projectId: number, at: number, actorId: number, action: string, data: Record<string, unknown>): string {
  return `(${[projectId, ts(at), actorId, q(action), q(JSON.stringify(data))].join(',')})`
}
