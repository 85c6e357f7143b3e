import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import {
  ATTEMPT_OUTCOME_LABELS,
  CALLBACK_KIND_LABELS,
  SATISFACTION_LABELS,
  type AttemptOutcome,
  type CallbackDetail,
  type CallbackItem,
  type CallbackKind,
  type CallbackScores,
  type CallbackStatus,
  type Satisfaction,
  type ScoreDimension,
} from '../contract/callbacks.contract'
import type { TimelineEntry } from '../contract/customers.contract'
import { AppError } from '../contract/errors'
import type { AppEvent } from '../contract/events'
import { addDays, companyDate, companyDayRange } from '../contract/time'
import type { Page } from '../contract/tickets.contract'
import { repo, type CallbackRow, type TicketRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { phoneForUser } from './customer-dto'
import type { CustomersService } from './customers.service'
import type { EventBus } from './event-bus'
import type { Notifications } from './notifications.service'
import type { ScreenPopService } from './screen-pop'
import type { SettingsService } from './settings.service'
import { subjectOf } from './ticket-dto'
import type { TicketsService } from './tickets.service'
import type { CallbackStatFields } from './summaries'
import type { SummaryTable } from './summary-table'

export interface CallbackVerdict {
  result: Satisfaction
  rating: number | null
  comment: string | null
}

/** 回访联系单: what a callback found, for the responsible person with a deadline. */
export interface CallbackProblem {
  description: string
  category: string
  severity: string
  departmentId: number
  personId: number
  dueAt: string | null
}

export interface CompleteInput {
  id: number
  version: number
  result: Satisfaction
  rating: number | null
  scores: Partial<Record<ScoreDimension, number>> | null
  comment: string | null
  callId: number | null
  problem: CallbackProblem | null
}

export type ListInput = {
  scope: 'mine' | 'unassigned' | 'all'
  status: CallbackStatus
  kind?: CallbackKind
  ticketId?: number
  projectId?: number
  customerId?: number
  agentId?: number
  dueBy?: string
  dueFrom?: string
  dueTo?: string
  doneFrom?: string
  doneTo?: string
  page: number
  pageSize: number
}

/** Raises the problem a callback found as a dispatched complaint ticket, inside the callback's write. */
export type ProblemRaiser = (em: EntityManager, callback: CallbackRow, problem: CallbackProblem, user: SessionUser, now: Date) => Promise<{ ticketId: number; pushed: AppEvent[] }>

/** What completing a callback of one kind does besides recording it (a ticket closes or reopens). */
export type CallbackSettler = (em: EntityManager, callback: CallbackRow, verdict: CallbackVerdict, user: SessionUser, now: Date) => Promise<AppEvent[]>

interface CallbackRaw {
  id: number
  kind: CallbackKind
  status: CallbackStatus
  customerId: number
  customerName: string
  phone: string | null
  ticketId: number | null
  ticketNo: string | null
  projectId: number | null
  contractNo: string | null
  planKey: string | null
  plannedOn: string | null
  lastAttemptOutcome: AttemptOutcome | null
  scoreDesign: unknown
  scoreQuality: unknown
  scoreTidiness: unknown
  scoreService: unknown
  scoreSchedule: unknown
  problemTicketId: number | null
  problemTicketNo: string | null
  reason: string
  dueOn: string
  agentId: number | null
  agentName: string | null
  attempts: unknown
  lastAttemptAt: string | Date | null
  lastAttemptNote: string | null
  result: Satisfaction | null
  rating: number | null
  comment: string | null
  doneAt: string | Date | null
  doneById: number | null
  doneByName: string | null
  callId: number | null
  version: unknown
}

/**
 * Callbacks (回访): calls the department owes customers. One record for every reason to call
 * back; each kind may register what its verdict does (tickets: close or reopen).
 */
export class CallbacksService {
  private readonly settlers = new Map<CallbackKind, CallbackSettler>()
  raiseProblem: ProblemRaiser | null = null

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly notifications: Notifications,
    private readonly events: EventBus,
    private readonly now: () => Date,
    customers: CustomersService,
    screenPop: ScreenPopService,
    private readonly stats: SummaryTable<CallbackStatFields>,
  ) {
    customers.addTimelineSource({
      permission: 'callbacks.read',
      all: async (em, customerId) => (await this.doneQuery(em, customerId).getRawMany<CallbackRaw>()).map(timelineEntry),
      recent: async (em, customerId) => (await this.recentDone.run<CallbackRaw>(em, { customerId })).map(timelineEntry),
    })
    screenPop.addOpenItemSource({
      permission: 'callbacks.read',
      items: async (em, customerId, now) => {
        const today = companyDate(now, this.settings.get().timeZone)
        const rows = await this.openForCustomer.run<CallbackRaw>(em, { customerId })
        return rows.map((r) => ({
          kind: 'callback',
          refId: r.id,
          title: `${CALLBACK_KIND_LABELS[r.kind]}${r.agentName ? `（${r.agentName}）` : ''}`,
          detail: r.reason,
          at: r.dueOn,
          overdue: r.dueOn < today,
        }))
      },
    })
  }

  registerSettler(kind: CallbackKind, settler: CallbackSettler): void {
    this.settlers.set(kind, settler)
  }

  /** A resolved ticket's satisfaction callback, for the agent who follows the ticket. */
  async createForTicket(em: EntityManager, t: TicketRow, now: Date): Promise<void> {
    const { timeZone, satisfactionCallbackDays } = this.settings.get()
    const row: Omit<CallbackRow, 'id'> = {
      kind: 'ticketSatisfaction',
      status: 'open',
      customerId: t.customerId,
      ticketId: t.id,
      projectId: t.projectId,
      reason: `${t.no} ${subjectOf(t.description)}`.slice(0, 200),
      dueOn: companyDate(addDays(now, satisfactionCallbackDays), timeZone),
      agentId: t.handlerId,
      attempts: 0,
      lastAttemptAt: null,
      lastAttemptNote: null,
      result: null,
      rating: null,
      comment: null,
      callId: null,
      doneAt: null,
      doneBy: null,
      planKey: null,
      plannedOn: null,
      scoreDesign: null,
      scoreQuality: null,
      scoreTidiness: null,
      scoreService: null,
      scoreSchedule: null,
      problemTicketId: null,
      lastAttemptOutcome: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }
    await insertRows(em, 'callback', row)
  }

  async cancelForTicket(em: EntityManager, ticketId: number, now: Date): Promise<void> {
    await em
      .createQueryBuilder()
      .update('callback')
      .set({ status: 'cancelled', updatedAt: now, version: () => 'version + 1' })
      .where("ticket_id = :ticketId AND status = 'open'", { ticketId })
      .execute()
  }

  async list(input: ListInput, ctx: CallContext): Promise<Page<CallbackItem>> {
    const user = actor(ctx)
    if (input.scope === 'all' && !user.permissions.includes('tickets.all')) throw new AppError('FORBIDDEN', '只有客服班长和客服经理可以查看全部回访')
    const { timeZone } = this.settings.get()
    const where = (qb: SelectQueryBuilder<object>) => {
      qb.where('cb.status = :status', { status: input.status })
      if (input.scope === 'mine') qb.andWhere('cb.agent_id = :me', { me: user.id })
      if (input.scope === 'unassigned') qb.andWhere('cb.agent_id IS NULL')
      if (input.scope === 'all' && input.agentId) qb.andWhere('cb.agent_id = :agentId', { agentId: input.agentId })
      if (input.kind) qb.andWhere('cb.kind = :kind', { kind: input.kind })
      if (input.ticketId) qb.andWhere('cb.ticket_id = :ticketId', { ticketId: input.ticketId })
      if (input.projectId) qb.andWhere('cb.project_id = :projectId', { projectId: input.projectId })
      if (input.customerId) qb.andWhere('cb.customer_id = :customerId', { customerId: input.customerId })
      if (input.dueBy) qb.andWhere('cb.due_on <= :dueBy', { dueBy: input.dueBy })
      if (input.dueFrom) qb.andWhere('cb.due_on >= :dueFrom', { dueFrom: input.dueFrom })
      if (input.dueTo) qb.andWhere('cb.due_on <= :dueTo', { dueTo: input.dueTo })
      if (input.doneFrom) qb.andWhere('cb.done_at >= :doneFrom', { doneFrom: companyDayRange(input.doneFrom, timeZone).from })
      if (input.doneTo) qb.andWhere('cb.done_at < :doneTo', { doneTo: companyDayRange(input.doneTo, timeZone).to })
      return qb
    }
    // counted on the callback table alone: the joins only name things, and counting through them is 200× slower
    const counted = await where(this.store.read.createQueryBuilder().from('callback', 'cb').select('COUNT(*)', 'n')).getRawOne<{ n: unknown }>()
    const qb = where(this.query(this.store.read))
    qb.orderBy(input.status === 'open' ? 'cb.due_on' : 'cb.done_at', input.status === 'open' ? 'ASC' : 'DESC').addOrderBy('cb.id', 'ASC')
    const rows = await qb
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<CallbackRaw>()
    return { items: rows.map((r) => this.toItem(r, user)), total: toNumber(counted?.n ?? 0), page: input.page, pageSize: input.pageSize }
  }

  async get(input: { id: number }, ctx: CallContext): Promise<CallbackDetail> {
    const user = actor(ctx)
    const row = await this.query(this.store.read).where('cb.id = :id', { id: input.id }).getRawOne<CallbackRaw>()
    if (!row) throw new AppError('NOT_FOUND', '回访任务不存在', { id: '回访任务不存在' })
    const attempts = await this.store.read
      .createQueryBuilder()
      .from('callback_attempt', 'at')
      .innerJoin('staff_account', 'a', 'a.id = at.by_id')
      .select(['at.at AS at', 'a.id AS "byId"', 'a.display_name AS "byName"', 'at.outcome AS outcome', 'at.note AS note', 'at.retry_on AS "retryOn"'])
      .where('at.callback_id = :id', { id: input.id })
      .orderBy('at.id', 'ASC')
      .getRawMany<{ at: string | Date; byId: number; byName: string; outcome: AttemptOutcome; note: string | null; retryOn: string }>()
    return {
      ...this.toItem(row, user),
      attemptLog: attempts.map((a) => ({ at: toIso(a.at), by: { id: toNumber(a.byId), name: a.byName }, outcome: a.outcome, note: a.note, retryOn: a.retryOn })),
    }
  }

  async complete(input: CompleteInput, ctx: CallContext): Promise<CallbackItem> {
    const user = actor(ctx)
    const now = this.now()
    const verdict: CallbackVerdict = { result: input.result, rating: input.rating, comment: input.comment }
    const pushed = await this.store.write(async (em) => {
      const cb = await this.openOne(em, input.id, input.version)
      if (input.callId && !(await repo(em, 'call_log').existsBy({ id: input.callId }))) throw AppError.field('callId', '通话记录不存在')
      const events: AppEvent[] = []
      let problemTicketId: number | null = null
      if (input.problem) {
        if (!this.raiseProblem) throw new AppError('INTERNAL', '回访联系单暂不可用')
        const raised = await prefixed('problem', this.raiseProblem(em, cb, input.problem, user, now))
        problemTicketId = raised.ticketId
        events.push(...raised.pushed)
      }
      const s = input.scores ?? {}
      await this.saveChanges(
        em,
        cb,
        {
          status: 'done',
          result: input.result,
          rating: input.rating,
          comment: input.comment,
          callId: input.callId,
          doneAt: now,
          doneBy: user.id,
          scoreDesign: s.design ?? null,
          scoreQuality: s.quality ?? null,
          scoreTidiness: s.tidiness ?? null,
          scoreService: s.service ?? null,
          scoreSchedule: s.schedule ?? null,
          problemTicketId,
        },
        now,
      )
      const settle = this.settlers.get(cb.kind)
      if (settle) events.push(...(await settle(em, cb, verdict, user, now)))
      return events
    })
    return this.afterWrite(input.id, pushed, user)
  }

  async recordAttempt(input: { id: number; version: number; outcome: AttemptOutcome; note: string | null; retryOn: string }, ctx: CallContext): Promise<CallbackItem> {
    const user = actor(ctx)
    const now = this.now()
    if (input.retryOn < companyDate(now, this.settings.get().timeZone)) throw AppError.field('retryOn', '再次回访日期不能早于今天')
    await this.store.write(async (em) => {
      const cb = await this.openOne(em, input.id, input.version)
      await insertRows(em, 'callback_attempt', { callbackId: cb.id, at: now, byId: user.id, outcome: input.outcome, note: input.note, retryOn: input.retryOn })
      await this.saveChanges(
        em,
        cb,
        { attempts: cb.attempts + 1, lastAttemptAt: now, lastAttemptOutcome: input.outcome, lastAttemptNote: input.note ?? ATTEMPT_OUTCOME_LABELS[input.outcome], dueOn: input.retryOn },
        now,
      )
    })
    return this.afterWrite(input.id, [], user)
  }

  /** From the pool onto my desk; a colleague's callback moves only by 转交 or for a lead. */
  async claim(input: { id: number; version: number }, ctx: CallContext): Promise<CallbackItem> {
    const user = actor(ctx)
    const now = this.now()
    await this.store.write(async (em) => {
      const cb = await this.openOne(em, input.id, input.version)
      if (cb.agentId === user.id) return
      if (cb.agentId !== null && !user.permissions.includes('tickets.all')) {
        const owner = await repo(em, 'staff_account').findOneBy({ id: cb.agentId })
        throw new AppError('VALIDATION', `这条回访由 ${owner?.displayName ?? '其他客服'} 负责，请由班长转交`)
      }
      await this.saveChanges(em, cb, { agentId: user.id }, now)
    })
    return this.afterWrite(input.id, [], user)
  }

  async assign(input: { id: number; version: number; agentId: number }, ctx: CallContext): Promise<CallbackItem> {
    const user = actor(ctx)
    const now = this.now()
    await this.store.write(async (em) => {
      const cb = await this.openOne(em, input.id, input.version)
      const agent = await repo(em, 'staff_account').findOneBy({ id: input.agentId })
      if (!agent || !agent.active || !['agent', 'shiftLead', 'manager'].includes(agent.role)) throw AppError.field('agentId', '只能交给在职的客服人员')
      await this.saveChanges(em, cb, { agentId: agent.id }, now)
    })
    return this.afterWrite(input.id, [], user)
  }

  private readonly forTicketQuery = new PreparedQuery<{ ticketId: number }>((em, p) => this.query(em).where('cb.ticket_id = :ticketId', { ticketId: p.ticketId }).orderBy('cb.id', 'ASC'))

  async forTicket(em: EntityManager, ticketId: number, user: SessionUser): Promise<CallbackItem[]> {
    const rows = await this.forTicketQuery.run<CallbackRaw>(em, { ticketId })
    return rows.map((r) => this.toItem(r, user))
  }

  private readonly forProjectQuery = new PreparedQuery<{ projectId: number }>((em, p) =>
    this.query(em)
      .where('cb.project_id = :projectId', { projectId: p.projectId })
      .orderBy("CASE WHEN cb.status = 'open' THEN 0 ELSE 1 END", 'ASC')
      .addOrderBy('cb.due_on', 'ASC')
      .addOrderBy('cb.id', 'ASC'),
  )

  /** A site's plan and every callback about it: open ones first by due date. */
  async forProject(em: EntityManager, projectId: number, user: SessionUser): Promise<CallbackItem[]> {
    const rows = await this.forProjectQuery.run<CallbackRaw>(em, { projectId })
    return rows.map((r) => this.toItem(r, user))
  }

  private async openOne(em: EntityManager, id: number, version: number): Promise<CallbackRow> {
    const cb = await repo(em, 'callback').findOneBy({ id })
    if (!cb) throw new AppError('NOT_FOUND', '回访任务不存在', { id: '回访任务不存在' })
    if (cb.version !== version) throw new AppError('CONFLICT', '这条回访已被他人处理或修改，请刷新后再操作')
    if (cb.status !== 'open') throw new AppError('VALIDATION', cb.status === 'done' ? '这条回访已经完成' : '这条回访已取消')
    return cb
  }

  private async saveChanges(em: EntityManager, cb: CallbackRow, changes: Partial<CallbackRow>, now: Date): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update('callback')
      .set({ ...changes, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: cb.id, version: cb.version })
      .execute()
    if (result.affected === 0) throw new AppError('CONFLICT', '这条回访已被他人处理或修改，请刷新后再操作')
    await this.stats.change(em, cb, { ...cb, ...changes })
  }

  private async afterWrite(id: number, pushed: AppEvent[], user: SessionUser): Promise<CallbackItem> {
    const row = await this.query(this.store.read).where('cb.id = :id', { id }).getRawOne<CallbackRaw>()
    this.events.emit({ type: 'dataChanged', area: 'callbacks', id })
    if (row?.ticketId) this.events.emit({ type: 'dataChanged', area: 'tickets', id: row.ticketId })
    if (row?.problemTicketId) this.events.emit({ type: 'dataChanged', area: 'tickets', id: row.problemTicketId })
    if (row?.projectId) this.events.emit({ type: 'dataChanged', area: 'projects', id: row.projectId })
    this.notifications.push(pushed)
    return this.toItem(row!, user)
  }

  private query(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('callback', 'cb')
      .innerJoin('customer', 'c', 'c.id = cb.customer_id')
      .leftJoin('customer_phone', 'cp', 'cp.customer_id = cb.customer_id AND cp.is_primary = :primary', { primary: true })
      .leftJoin('ticket', 't', 't.id = cb.ticket_id')
      .leftJoin('project', 'p', 'p.id = cb.project_id')
      .leftJoin('ticket', 'pt', 'pt.id = cb.problem_ticket_id')
      .leftJoin('staff_account', 'a', 'a.id = cb.agent_id')
      .leftJoin('staff_account', 'd', 'd.id = cb.done_by')
      .select(['cb.id AS id', 'cb.kind AS kind', 'cb.status AS status', 'cb.customer_id AS "customerId"', 'c.name AS "customerName"', 'cp.normalized AS phone'])
      .addSelect(['cb.ticket_id AS "ticketId"', 't.no AS "ticketNo"', 'cb.reason AS reason', 'cb.due_on AS "dueOn"', 'cb.agent_id AS "agentId"', 'a.display_name AS "agentName"'])
      .addSelect(['cb.attempts AS attempts', 'cb.last_attempt_at AS "lastAttemptAt"', 'cb.last_attempt_note AS "lastAttemptNote"', 'cb.result AS result', 'cb.rating AS rating'])
      .addSelect(['cb.comment AS comment', 'cb.done_at AS "doneAt"', 'd.id AS "doneById"', 'd.display_name AS "doneByName"', 'cb.call_id AS "callId"', 'cb.version AS version'])
      .addSelect(['cb.project_id AS "projectId"', 'p.contract_no AS "contractNo"', 'cb.plan_key AS "planKey"', 'cb.planned_on AS "plannedOn"', 'cb.last_attempt_outcome AS "lastAttemptOutcome"'])
      .addSelect(['cb.score_design AS "scoreDesign"', 'cb.score_quality AS "scoreQuality"', 'cb.score_tidiness AS "scoreTidiness"', 'cb.score_service AS "scoreService"'])
      .addSelect(['cb.score_schedule AS "scoreSchedule"', 'cb.problem_ticket_id AS "problemTicketId"', 'pt.no AS "problemTicketNo"'])
  }

  private doneQuery(em: EntityManager, customerId: number | string) {
    return this.query(em).where("cb.customer_id = :customerId AND cb.status = 'done'", { customerId }).orderBy('cb.done_at', 'DESC')
  }
  private readonly recentDone = new PreparedQuery<{ customerId: number }>((em, p) => this.doneQuery(em, p.customerId).limit(5))
  private readonly openForCustomer = new PreparedQuery<{ customerId: number }>((em, p) =>
    this.query(em).where("cb.customer_id = :customerId AND cb.status = 'open'", { customerId: p.customerId }).orderBy('cb.due_on', 'ASC').limit(10),
  )

  private toItem(r: CallbackRaw, user: SessionUser): CallbackItem {
    const today = companyDate(this.now(), this.settings.get().timeZone)
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      customer: { id: r.customerId, name: r.customerName },
      phone: phoneForUser(r.phone, user),
      ticket: r.ticketId ? { id: r.ticketId, no: r.ticketNo ?? '' } : null,
      project: r.projectId ? { id: toNumber(r.projectId), contractNo: r.contractNo ?? '' } : null,
      reason: r.reason,
      dueOn: r.dueOn,
      overdue: r.status === 'open' && r.dueOn < today,
      agent: r.agentId ? { id: r.agentId, name: r.agentName ?? '' } : null,
      plannedOn: r.plannedOn,
      attempts: toNumber(r.attempts),
      lastAttemptAt: toIsoOrNull(r.lastAttemptAt),
      lastAttemptOutcome: r.lastAttemptOutcome,
      lastAttemptNote: r.lastAttemptNote,
      result: r.result,
      rating: r.rating === null ? null : toNumber(r.rating),
      scores: scoresOf(r),
      comment: r.comment,
      doneAt: toIsoOrNull(r.doneAt),
      doneBy: r.doneById ? { id: r.doneById, name: r.doneByName ?? '' } : null,
      callId: r.callId,
      problemTicket: r.problemTicketId ? { id: toNumber(r.problemTicketId), no: r.problemTicketNo ?? '' } : null,
      version: toNumber(r.version),
    }
  }
}

function scoresOf(r: CallbackRaw): CallbackScores {
  const n = (v: unknown) => (v === null || v === undefined ? null : toNumber(v))
  return { design: n(r.scoreDesign), quality: n(r.scoreQuality), tidiness: n(r.scoreTidiness), service: n(r.scoreService), schedule: n(r.scoreSchedule) }
}

/** Field errors of the nested 回访联系单 are named as the form names them: `problem.personId`. */
async function prefixed<T>(prefix: string, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error
    const fields = Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [`${prefix}.${key.replace(/^dispatch\./, '')}`, message]))
    throw new AppError(error.code, error.message, fields)
  }
}

function timelineEntry(r: CallbackRaw): TimelineEntry {
  return {
    kind: 'callback',
    at: toIso(r.doneAt ?? r.dueOn),
    refId: r.id,
    title: `${CALLBACK_KIND_LABELS[r.kind]} · ${r.result ? SATISFACTION_LABELS[r.result] : ''}`,
    detail: [r.ticketNo, r.comment].filter(Boolean).join(' · '),
    actor: r.doneByName,
  }
}

/** Tickets register what a satisfaction verdict does to them. */
export function settleTickets(tickets: TicketsService): CallbackSettler {
  return (em, callback, verdict, user, now) => {
    if (!callback.ticketId) throw new AppError('VALIDATION', '这条回访没有关联工单')
    return tickets.settleFromCallback(em, callback.ticketId, verdict, user, now)
  }
}
