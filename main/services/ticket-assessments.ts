import type { EntityManager } from 'typeorm'
import { AppError } from '../contract/errors'
import { ASSESSMENT_STATUS_LABELS, LEADER_COMPLAINT_LABELS, type Assessment, type AssessmentStatus, type LeaderComplaintTarget, type TicketDetail } from '../contract/tickets.contract'
import { repo, type AssessmentRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { Notifications } from './notifications.service'
import type { SettingsService } from './settings.service'
import { proposedAssessmentFen } from './ticket-rules'
import { writeTicketLog, type TicketsService } from './tickets.service'

const yuan = (fen: number): string => (fen / 100).toFixed(2)

/**
 * The manual's penalties are about the customer, not the clock: when the customer took the
 * complaint to the general manager or company leaders, the agent records it and the system
 * proposes an assessment against the responsible person, which a manager confirms or rejects.
 */
export class TicketAssessments {
  constructor(
    private readonly store: Store,
    private readonly tickets: TicketsService,
    private readonly settings: SettingsService,
    private readonly notifications: Notifications,
    private readonly now: () => Date,
  ) {}

  async recordLeaderComplaint(input: { id: number; version: number; target: LeaderComplaintTarget; note: string }, ctx: CallContext): Promise<TicketDetail> {
    const user = actor(ctx)
    const now = this.now()
    const settings = this.settings.get()
    const pushed = await this.store.write(async (em) => {
      const t = await this.tickets.current(em, input.id, input.version)
      if (!t.personId) throw AppError.field('personId', '工单还没有责任人：请先派单，再记录越级投诉')
      if (await repo(em, 'assessment').existsBy({ ticketId: t.id, reason: input.target })) {
        throw AppError.field('target', `这张工单已记录过「${LEADER_COMPLAINT_LABELS[input.target]}」`)
      }
      const person = (await repo(em, 'person').findOneBy({ id: t.personId }))!
      const proposedFen = proposedAssessmentFen(input.target, t.severity, settings)
      const row: Omit<AssessmentRow, 'id'> = {
        ticketId: t.id,
        personId: person.id,
        departmentId: t.departmentId,
        reason: input.target,
        proposedFen,
        amountFen: null,
        status: 'proposed',
        note: input.note,
        proposedBy: user.id,
        proposedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      }
      await insertRows(em, 'assessment', row)
      // the general manager outranks company leaders: keep the higher of the two on the ticket
      const leaderComplaint = t.leaderComplaint === 'generalManager' ? 'generalManager' : input.target
      await this.tickets.save(em, t, { leaderComplaint }, now)
      await writeTicketLog(em, {
        ticketId: t.id,
        action: 'leaderComplaint',
        from: t.state,
        to: t.state,
        note: input.note,
        actorId: user.id,
        onBehalfOf: null,
        at: now,
        data: { target: input.target, person: person.name, proposedFen },
      })
      const managers = await this.notifications.accountsWithRole(em, 'manager')
      return this.notifications.add(
        em,
        managers,
        { kind: 'assessment', title: `待确认考核：工单 ${t.no}`, body: `${LEADER_COMPLAINT_LABELS[input.target]}，拟对 ${person.name} 考核 ¥${yuan(proposedFen)}`, ticketId: t.id },
        now,
      )
    })
    this.tickets.afterWrite(input.id, pushed)
    return this.tickets.detail(input.id, user)
  }

  async list(input: { status?: AssessmentStatus }, ctx: CallContext): Promise<Assessment[]> {
    actor(ctx)
    const qb = this.query(this.store.read).orderBy('a.proposed_at', 'DESC').limit(500)
    if (input.status) qb.where('a.status = :status', { status: input.status })
    return (await qb.getRawMany<AssessmentRaw>()).map(toAssessment)
  }

  async decide(input: { id: number; decision: 'confirm' | 'reject'; amountFen?: number; note: string | null }, ctx: CallContext): Promise<Assessment> {
    const user = actor(ctx)
    const now = this.now()
    const settings = this.settings.get()
    const ticketId = await this.store.write(async (em) => {
      const a = await repo(em, 'assessment').findOneBy({ id: input.id })
      if (!a) throw new AppError('NOT_FOUND', '考核记录不存在')
      if (a.status !== 'proposed') throw new AppError('CONFLICT', `这条考核记录${ASSESSMENT_STATUS_LABELS[a.status]}，不能再次处理`)
      let amountFen: number | null = null
      if (input.decision === 'confirm') {
        amountFen = input.amountFen ?? a.proposedFen
        if (a.reason === 'leaders' && (amountFen < settings.assessmentLeadersMinFen || amountFen > settings.assessmentLeadersMaxFen)) {
          throw AppError.field('amountFen', `投诉到公司领导的考核金额应在 ¥${yuan(settings.assessmentLeadersMinFen)}–¥${yuan(settings.assessmentLeadersMaxFen)} 之间`)
        }
      } else if (input.amountFen !== undefined) {
        throw AppError.field('amountFen', '驳回时不填写考核金额')
      }
      const result = await em
        .createQueryBuilder()
        .update('assessment')
        .set({ status: input.decision === 'confirm' ? 'confirmed' : 'rejected', amountFen, decidedBy: user.id, decidedAt: now, decisionNote: input.note })
        .where("id = :id AND status = 'proposed'", { id: a.id })
        .execute()
      if (result.affected === 0) throw new AppError('CONFLICT', '这条考核记录已被他人处理，请刷新')
      const t = (await repo(em, 'ticket').findOneBy({ id: a.ticketId }))!
      await writeTicketLog(em, {
        ticketId: t.id,
        action: 'note',
        from: t.state,
        to: t.state,
        note: input.decision === 'confirm' ? `考核已确认：¥${yuan(amountFen!)}${input.note ? `（${input.note}）` : ''}` : `考核已驳回${input.note ? `：${input.note}` : ''}`,
        actorId: user.id,
        onBehalfOf: null,
        at: now,
        data: { assessmentId: a.id, decision: input.decision, amountFen },
      })
      return t.id
    })
    this.tickets.afterWrite(ticketId, [])
    const row = await this.query(this.store.read).where('a.id = :id', { id: input.id }).getRawOne<AssessmentRaw>()
    return toAssessment(row!)
  }

  private readonly forTicketQuery = new PreparedQuery<{ ticketId: number }>((em, p) => this.query(em).where('a.ticket_id = :ticketId', { ticketId: p.ticketId }).orderBy('a.id', 'ASC'))

  async forTicket(em: EntityManager, ticketId: number): Promise<Assessment[]> {
    return (await this.forTicketQuery.run<AssessmentRaw>(em, { ticketId })).map(toAssessment)
  }

  private query(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('assessment', 'a')
      .innerJoin('ticket', 't', 't.id = a.ticket_id')
      .innerJoin('person', 'p', 'p.id = a.person_id')
      .leftJoin('department', 'd', 'd.id = a.department_id')
      .innerJoin('staff_account', 'pb', 'pb.id = a.proposed_by')
      .leftJoin('staff_account', 'db', 'db.id = a.decided_by')
      .select(['a.id AS id', 'a.ticket_id AS "ticketId"', 't.no AS "ticketNo"', 'p.id AS "personId"', 'p.name AS "personName"', 'd.id AS "departmentId"', 'd.name AS "departmentName"'])
      .addSelect(['a.reason AS reason', 'a.proposed_fen AS "proposedFen"', 'a.amount_fen AS "amountFen"', 'a.status AS status', 'a.note AS note'])
      .addSelect(['a.proposed_at AS "proposedAt"', 'pb.id AS "proposedById"', 'pb.display_name AS "proposedByName"'])
      .addSelect(['a.decided_at AS "decidedAt"', 'db.id AS "decidedById"', 'db.display_name AS "decidedByName"', 'a.decision_note AS "decisionNote"'])
  }
}

interface AssessmentRaw {
  id: number
  ticketId: number
  ticketNo: string
  personId: number
  personName: string
  departmentId: number | null
  departmentName: string | null
  reason: LeaderComplaintTarget
  proposedFen: unknown
  amountFen: unknown
  status: AssessmentStatus
  note: string | null
  proposedAt: string | Date
  proposedById: number
  proposedByName: string
  decidedAt: string | Date | null
  decidedById: number | null
  decidedByName: string | null
  decisionNote: string | null
}

function toAssessment(r: AssessmentRaw): Assessment {
  return {
    id: r.id,
    ticket: { id: r.ticketId, no: r.ticketNo },
    person: { id: r.personId, name: r.personName },
    department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null,
    reason: r.reason,
    proposedFen: toNumber(r.proposedFen),
    amountFen: r.amountFen === null ? null : toNumber(r.amountFen),
    status: r.status,
    note: r.note,
    proposedAt: toIso(r.proposedAt),
    proposedBy: { id: r.proposedById, name: r.proposedByName },
    decidedAt: toIsoOrNull(r.decidedAt),
    decidedBy: r.decidedById ? { id: r.decidedById, name: r.decidedByName ?? '' } : null,
    decisionNote: r.decisionNote,
  }
}
