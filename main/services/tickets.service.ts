import { In, type EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { Satisfaction } from '../contract/callbacks.contract'
import type { TimelineEntry } from '../contract/customers.contract'
import { AppError } from '../contract/errors'
import type { AppEvent } from '../contract/events'
import type { AppSettings } from '../contract/settings.contract'
import { companyDate, companyDayRange, formatInZone } from '../contract/time'
import {
  allowedActions,
  TICKET_KIND_LABELS,
  TICKET_OPEN_STATES,
  TICKET_STATE_LABELS,
  type Page,
  type SuspendReason,
  type TicketDetail,
  type TicketKind,
  type TicketListItem,
  type TicketLogAction,
  type TicketLogEntry,
  type TicketRiskBoard,
  type TicketScope,
  type TicketSource,
  type TicketState,
  type TicketTransition,
} from '../contract/tickets.contract'
import { repo, type TicketRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { namedSql } from '../../database/named-sql'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { CallbacksService } from './callbacks.service'
import type { CustomersService } from './customers.service'
import type { EventBus } from './event-bus'
import type { Notifications } from './notifications.service'
import type { ScreenPopService } from './screen-pop'
import type { SettingsService } from './settings.service'
import type { TicketAssessments } from './ticket-assessments'
import { clockColumns, freshDeadlines, nextAlertAt, owedDeadlines, ticketClock } from './ticket-clock'
import { clockFieldsOf, subjectOf, ticketListQuery, toTicketListItem, type TicketRaw } from './ticket-dto'
import { ticketNo, ticketNoPrefix, warrantyOf } from './ticket-rules'
import { applyScope, scopeClause, seesOnlyOwn, viewerOf } from './ticket-scope'
import { newTicketRow } from './ticket-row'
import { planTransition, reopenChanges } from './ticket-transitions'

export interface TicketFieldsInput {
  category: string
  severity: string
  description: string
  expectation: string | null
  address: string | null
  preferredTime: string | null
  completionDate: string | null
  workerId: number | null
  appointmentAt: string | null
}

export interface CreateTicketInput extends TicketFieldsInput {
  kind: TicketKind
  source: TicketSource
  customerId: number
  callId: number | null
  visitId: number | null
  dispatch: { departmentId: number; personId: number; dueAt: string | null } | null
}

export interface TicketListInput {
  scope: TicketScope
  kind?: TicketKind
  state?: TicketState
  open?: boolean
  severity?: string
  category?: string
  departmentId?: number
  personId?: number
  customerId?: number
  overdue?: boolean
  q?: string | null
  from?: string
  to?: string
  page: number
  pageSize: number
}

export interface LogDraft {
  ticketId: number
  action: TicketLogAction
  from: TicketState | null
  to: TicketState | null
  note: string | null
  actorId: number | null
  onBehalfOf: number | null
  at: Date
  data?: Record<string, unknown> | null
}

/** The handling log: every transition and every line an agent adds, with who and when. */
export async function writeTicketLog(em: EntityManager, draft: LogDraft): Promise<void> {
  await insertRows(em, 'ticket_log', { ...draft, fromState: draft.from, toState: draft.to, data: draft.data ? JSON.stringify(draft.data) : null })
}

/** Complaints and repairs (客户投诉联系单 / 客户维修受理单), followed to closure against deadlines. */
export class TicketsService {
  /** set once both exist: resolving a ticket creates its satisfaction callback */
  callbacks!: CallbacksService
  assessments!: TicketAssessments

  constructor(
    private readonly store: Store,
    customers: CustomersService,
    private readonly settings: SettingsService,
    private readonly notifications: Notifications,
    private readonly events: EventBus,
    private readonly now: () => Date,
    screenPop: ScreenPopService,
  ) {
    settings.onChange((em, before, after) =>
      before.ticketRiskPercent === after.ticketRiskPercent && before.escalationStepHours === after.escalationStepHours ? Promise.resolve() : this.moveRiskMoments(em, before, after),
    )
    customers.addTimelineSource({
      permission: 'tickets.read',
      // reception sees on the timeline what it may open: the tickets it registered
      all: async (em, customerId, user) => {
        const query = this.timelineQuery(em, customerId)
        if (seesOnlyOwn(user)) query.andWhere('t.created_by = :me', { me: user.id })
        return (await query.getRawMany<TimelineRaw>()).map(timelineEntry)
      },
      recent: async (em, customerId, user) =>
        (seesOnlyOwn(user)
          ? await this.recentOwnQuery.run<TimelineRaw>(em, { customerId, createdBy: user.id })
          : await this.recentQuery.run<TimelineRaw>(em, { customerId })
        ).map(timelineEntry),
    })
    screenPop.addOpenItemSource({
      permission: 'tickets.read',
      items: async (em, customerId, now) => {
        const rows = await this.openForCustomerQuery.run<TicketRaw>(em, { customerId })
        const riskPercent = this.settings.get().ticketRiskPercent
        return rows.map((r) => {
          const clock = ticketClock(clockFieldsOf(r), now, riskPercent)
          return {
            kind: 'ticket',
            refId: r.id,
            title: `${TICKET_KIND_LABELS[r.kind]} ${r.no} · ${TICKET_STATE_LABELS[r.state]}`,
            detail: `${r.category} · ${subjectOf(r.description)}`,
            at: clock.dueAt ?? toIso(r.createdAt),
            overdue: clock.status === 'breached',
          }
        })
      },
    })
  }

  private timelineQuery(em: EntityManager, customerId: number | string) {
    return em
      .createQueryBuilder()
      .from('ticket', 't')
      .leftJoin('staff_account', 'h', 'h.id = t.handler_id')
      .select(['t.id AS id', 't.no AS no', 't.kind AS kind', 't.state AS state', 't.category AS category', 't.description AS description', 't.created_at AS "createdAt"', 'h.display_name AS "handlerName"'])
      .where('t.customer_id = :customerId', { customerId })
      .orderBy('t.created_at', 'DESC')
  }
  private readonly recentQuery = new PreparedQuery<{ customerId: number }>((em, p) => this.timelineQuery(em, p.customerId).limit(5))
  private readonly recentOwnQuery = new PreparedQuery<{ customerId: number; createdBy: number }>((em, p) =>
    this.timelineQuery(em, p.customerId).andWhere('t.created_by = :createdBy', { createdBy: p.createdBy }).limit(5),
  )
  private readonly openForCustomerQuery = new PreparedQuery<{ customerId: number }>((em, p) =>
    ticketListQuery(em)
      .where('t.customer_id = :customerId', { customerId: p.customerId })
      .andWhere('t.state IN (:...open)', { open: [...TICKET_OPEN_STATES] })
      .orderBy('t.created_at', 'DESC')
      .limit(10),
  )

  async create(input: CreateTicketInput, ctx: CallContext): Promise<TicketDetail> {
    const user = actor(ctx)
    const settings = this.settings.get()
    this.checkLists(input.kind, input.category, input.severity)
    if (input.dispatch && !user.permissions.includes('tickets.write')) throw new AppError('FORBIDDEN', '当前角色只能登记工单，派单请交给客服专员')
    const now = this.now()
    const pushed: AppEvent[] = []
    const id = await this.store.write(async (em) => {
      const customer = await repo(em, 'customer').findOneBy({ id: input.customerId })
      if (!customer) throw AppError.field('customerId', '客户不存在')
      await this.checkSources(em, input)
      if (input.workerId) await this.checkWorker(em, input.workerId)
      if (input.dispatch) await asCreateFields(this.checkResponsible(em, input.dispatch.departmentId, input.dispatch.personId))

      const completionDate = input.kind === 'repair' ? (input.completionDate ?? customer.completedOn) : input.completionDate
      if (input.kind === 'repair' && input.completionDate && input.completionDate !== customer.completedOn) {
        await repo(em, 'customer').update({ id: customer.id }, { completedOn: input.completionDate })
      }
      const repeatOf = await this.earlierOfSameKind(em, input, now)
      const row = newTicketRow(
        {
          no: await this.nextNo(em, input.kind, now),
          kind: input.kind,
          source: input.source,
          customerId: input.customerId,
          callId: input.callId,
          visitId: input.visitId,
          category: input.category,
          severity: input.severity,
          description: input.description,
          expectation: input.expectation,
          address: input.address,
          preferredTime: input.preferredTime,
          completionDate,
          workerId: input.workerId,
          appointmentAt: input.appointmentAt ? new Date(input.appointmentAt) : null,
          handlerId: user.permissions.includes('tickets.write') ? user.id : null,
          repeatOfId: repeatOf?.id ?? null,
          createdBy: user.id,
        },
        now,
        settings,
      )
      const ticketId = await insertRows(em, 'ticket', row)
      const note = repeatOf ? `重复投诉：与 ${repeatOf.no} 同一客户、同一类别` : null
      await writeTicketLog(em, { ticketId, action: 'create', from: null, to: 'pending', note, actorId: user.id, onBehalfOf: null, at: now, data: repeatOf ? { repeatOf: repeatOf.no } : null })
      if (input.dispatch) {
        const created = (await repo(em, 'ticket').findOneBy({ id: ticketId }))!
        pushed.push(...(await asCreateFields(this.apply(em, created, { action: 'dispatch', ...input.dispatch, note: null }, user, now))))
      }
      return ticketId
    })
    this.afterWrite(id, pushed)
    return this.detail(id, user)
  }

  async get(input: { id: number }, ctx: CallContext): Promise<TicketDetail> {
    return this.detail(input.id, actor(ctx))
  }

  async list(input: TicketListInput, ctx: CallContext): Promise<Page<TicketListItem>> {
    const user = actor(ctx)
    const em = this.store.read
    const { timeZone, ticketRiskPercent } = this.settings.get()
    const now = this.now()
    const qb = applyScope(ticketListQuery(em), input.scope, await viewerOf(em, user))
    if (input.kind) qb.andWhere('t.kind = :kind', { kind: input.kind })
    if (input.state) qb.andWhere('t.state = :state', { state: input.state })
    if (input.open) qb.andWhere('t.state IN (:...openStates)', { openStates: [...TICKET_OPEN_STATES] })
    if (input.severity) qb.andWhere('t.severity = :severity', { severity: input.severity })
    if (input.category) qb.andWhere('t.category = :category', { category: input.category })
    if (input.departmentId) qb.andWhere('t.department_id = :departmentId', { departmentId: input.departmentId })
    if (input.personId) qb.andWhere('t.person_id = :personId', { personId: input.personId })
    if (input.customerId) qb.andWhere('t.customer_id = :customerId', { customerId: input.customerId })
    if (input.from) qb.andWhere('t.created_at >= :from', { from: companyDayRange(input.from, timeZone).from })
    if (input.to) qb.andWhere('t.created_at < :to', { to: companyDayRange(input.to, timeZone).to })
    if (input.q) qb.andWhere('(t.no LIKE :q OR c.name LIKE :q)', { q: `%${input.q.replace(/[%_\\]/g, '')}%` })
    if (input.overdue) {
      qb.andWhere('t.clock_due_at <= :now', { now })
    }
    const total = await qb.getCount()
    const rows = await qb
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<TicketRaw>()
    return { items: rows.map((r) => toTicketListItem(r, user, now, ticketRiskPercent)), total, page: input.page, pageSize: input.pageSize }
  }

  /**
   * Breached and at-risk tickets, in one statement of index range scans over the stored clock
   * (earliest owed deadline and risk moment, see clockColumns). A suspended ticket has no clock,
   * so paused time never counts.
   */
  async risk(input: { scope: TicketScope; limit: number }, ctx: CallContext): Promise<TicketRiskBoard> {
    const user = actor(ctx)
    const em = this.store.read
    const now = this.now()
    // everything needs no look-up of who the caller stands for
    const viewer = input.scope === 'all' && !seesOnlyOwn(user) ? { user, personId: null, departmentId: null } : await viewerOf(em, user)
    const clause = scopeClause(input.scope, viewer)
    const scoped = clause ? ` AND ${clause.sql}` : ''
    const board = await namedSql<{ list: string; n: unknown; m: unknown }>(
      em,
      `SELECT * FROM (SELECT 'breached' AS list, CAST(t.id AS BIGINT) AS n, CAST(NULL AS BIGINT) AS m FROM ticket t
                      WHERE t.clock_due_at <= :now${scoped} ORDER BY t.clock_due_at, t.id LIMIT :limit) AS b
       UNION ALL SELECT * FROM (SELECT 'atRisk', CAST(t.id AS BIGINT), CAST(NULL AS BIGINT) FROM ticket t
                      WHERE t.clock_risk_at <= :now AND t.clock_due_at > :now${scoped} ORDER BY t.clock_due_at, t.id LIMIT :limit) AS r
       UNION ALL SELECT 'counts', (SELECT COUNT(*) FROM ticket t WHERE t.clock_due_at <= :now${scoped}),
                      (SELECT COUNT(*) FROM ticket t WHERE t.clock_risk_at <= :now AND t.clock_due_at > :now${scoped})
       UNION ALL SELECT 'open', COUNT(*), SUM(CASE WHEN t.state = 'suspended' THEN 1 ELSE 0 END) FROM ticket t WHERE t.state IN (:...openStates)${scoped}`,
      { openStates: [...TICKET_OPEN_STATES], now, limit: input.limit, ...clause?.params },
    )
    const ids = (list: string) => board.filter((r) => r.list === list).map((r) => toNumber(r.n))
    const breachedIds = ids('breached')
    const atRiskIds = ids('atRisk')
    const counts = board.find((r) => r.list === 'counts')
    const open = board.find((r) => r.list === 'open')
    const shown = [...breachedIds, ...atRiskIds]
    const rows = shown.length ? await ticketListQuery(em).where('t.id IN (:...ids)', { ids: shown }).getRawMany<TicketRaw>() : []
    const { ticketRiskPercent } = this.settings.get()
    const byId = new Map(rows.map((r) => [toNumber(r.id), toTicketListItem(r, user, now, ticketRiskPercent)]))
    const pick = (list: number[]) => list.flatMap((id) => byId.get(id) ?? [])
    const count = (v: unknown): number => (v === null || v === undefined ? 0 : toNumber(v))
    return {
      breached: pick(breachedIds),
      atRisk: pick(atRiskIds),
      counts: { breached: count(counts?.n), atRisk: count(counts?.m), open: count(open?.n), paused: count(open?.m) },
    }
  }

  async transition(input: { id: number; version: number; change: TicketTransition }, ctx: CallContext): Promise<TicketDetail> {
    const user = actor(ctx)
    const now = this.now()
    const pushed = await this.store.write(async (em) => this.apply(em, await this.current(em, input.id, input.version), input.change, user, now))
    this.afterWrite(input.id, pushed)
    return this.detail(input.id, user)
  }

  async update(input: { id: number; version: number } & TicketFieldsInput, ctx: CallContext): Promise<TicketDetail> {
    const user = actor(ctx)
    const settings = this.settings.get()
    const now = this.now()
    await this.store.write(async (em) => {
      const t = await this.current(em, input.id, input.version)
      if (t.state === 'closed' || t.state === 'cancelled') throw new AppError('VALIDATION', `工单已${TICKET_STATE_LABELS[t.state]}，不能再修改；如需继续处理请先重开`)
      this.checkLists(t.kind, input.category, input.severity)
      if (input.workerId && input.workerId !== t.workerId) await this.checkWorker(em, input.workerId)
      const { id: _id, version: _version, ...fields } = input
      const changes: Partial<TicketRow> = { ...fields, appointmentAt: fields.appointmentAt ? new Date(fields.appointmentAt) : null }
      if (input.severity !== t.severity && !t.resolvedAt) {
        // the resolution deadline follows the new severity, counted from the start of this cycle (opened or reopened) plus the time paused since
        const start = await this.cycleStart(em, t)
        const resolution = freshDeadlines(start, input.severity, settings).resolution
        Object.assign(changes, { resolutionDueAt: resolution.dueAt, resolutionRiskAt: resolution.riskAt, riskNoticed: t.riskNoticed & ~2 })
      }
      if (t.kind === 'repair' && input.completionDate && input.completionDate !== t.completionDate) {
        await repo(em, 'customer').update({ id: t.customerId }, { completedOn: input.completionDate })
      }
      const edited = Object.fromEntries(
        Object.entries(fields).filter(([key, value]) => {
          const before = t[key as keyof TicketRow]
          return (before instanceof Date ? before.toISOString() : before) !== value
        }),
      )
      if (Object.keys(edited).length === 0) return
      await this.save(em, t, { ...changes }, now)
      await writeTicketLog(em, { ticketId: t.id, action: 'update', from: t.state, to: t.state, note: null, actorId: user.id, onBehalfOf: null, at: now, data: { fields: Object.keys(edited) } })
    })
    this.afterWrite(input.id, [])
    return this.detail(input.id, user)
  }

  async addNote(input: { id: number; note: string; onBehalf: boolean }, ctx: CallContext): Promise<TicketDetail> {
    const user = actor(ctx)
    const now = this.now()
    await this.store.write(async (em) => {
      const t = await repo(em, 'ticket').findOneBy({ id: input.id })
      if (!t) throw new AppError('NOT_FOUND', '工单不存在')
      if (input.onBehalf && !t.personId) throw AppError.field('onBehalf', '工单还没有责任人，不能代责任人记录')
      await writeTicketLog(em, { ticketId: t.id, action: 'note', from: t.state, to: t.state, note: input.note, actorId: user.id, onBehalfOf: input.onBehalf ? t.personId : null, at: now })
    })
    this.afterWrite(input.id, [])
    return this.detail(input.id, user)
  }

  async removeAttachment(input: { id: number }, ctx: CallContext): Promise<TicketDetail> {
    const user = actor(ctx)
    const now = this.now()
    const ticketId = await this.store.write(async (em) => {
      const attachment = await repo(em, 'ticket_attachment').findOneBy({ id: input.id })
      if (!attachment) throw new AppError('NOT_FOUND', '附件不存在')
      const t = (await repo(em, 'ticket').findOneBy({ id: attachment.ticketId }))!
      if (t.state === 'closed' || t.state === 'cancelled') throw new AppError('VALIDATION', `工单已${TICKET_STATE_LABELS[t.state]}，附件不能再删除`)
      await repo(em, 'ticket_attachment').delete({ id: attachment.id })
      // the file itself stays: it is stored by content and another row may share it
      await writeTicketLog(em, { ticketId: t.id, action: 'detach', from: t.state, to: t.state, note: null, actorId: user.id, onBehalfOf: null, at: now, data: { name: attachment.name } })
      return t.id
    })
    this.afterWrite(ticketId, [])
    return this.detail(ticketId, user)
  }

  /** When the ticket's current cycle began (its creation or last reopen), moved later by the time it was suspended since. */
  private async cycleStart(em: EntityManager, t: TicketRow): Promise<Date> {
    const log = await repo(em, 'ticket_log').find({ where: { ticketId: t.id, action: In(['reopen', 'resume']) }, order: { id: 'ASC' } })
    let start = t.createdAt.getTime()
    let paused = 0
    for (const entry of log) {
      if (entry.action === 'reopen') {
        start = entry.at.getTime()
        paused = 0
      } else {
        paused += Number((entry.data ? (JSON.parse(entry.data) as { pausedSec?: number }) : {}).pausedSec ?? 0) * 1000
      }
    }
    return new Date(start + paused)
  }

  /** The ticket as stored, refused when someone else changed it since the caller loaded it. */
  async current(em: EntityManager, id: number, version: number): Promise<TicketRow> {
    const t = await repo(em, 'ticket').findOneBy({ id })
    if (!t) throw new AppError('NOT_FOUND', '工单不存在', { id: '工单不存在' })
    if (t.version !== version) throw new AppError('CONFLICT', `工单 ${t.no} 已被他人修改，请刷新后再操作`)
    return t
  }

  /**
   * One transition inside the caller's transaction: the plan, the row, the log, and what follows
   * from it (the satisfaction callback, cancelled callbacks, notifications). Returns the events
   * to push once the transaction has committed.
   */
  async apply(em: EntityManager, t: TicketRow, change: TicketTransition, user: SessionUser, now: Date): Promise<AppEvent[]> {
    if (change.action === 'dispatch' || change.action === 'reassign') await this.checkResponsible(em, change.departmentId, change.personId)
    const plan = planTransition(t, change, now, this.settings.get())
    const next = await this.save(em, t, plan.changes, now)
    await writeTicketLog(em, {
      ticketId: t.id,
      action: change.action,
      from: t.state,
      to: plan.to,
      note: plan.note,
      actorId: user.id,
      onBehalfOf: plan.onBehalf ? next.personId : null,
      at: now,
      data: plan.data,
    })
    if (change.action === 'resolve') await this.callbacks.createForTicket(em, next, now)
    if (change.action === 'reopen' || change.action === 'cancel') await this.callbacks.cancelForTicket(em, t.id, now)
    if (change.action === 'dispatch' || change.action === 'reassign') return this.notifyAssigned(em, next, now)
    if (change.action === 'reopen') return this.notifyReopened(em, next, change.note, now)
    return []
  }

  /** Writes changes with the version check in the statement itself (another seat may share the database). */
  async save(em: EntityManager, t: TicketRow, changes: Partial<TicketRow>, now: Date): Promise<TicketRow> {
    const next = { ...t, ...changes }
    const alertAt = nextAlertAt(next, this.settings.get())
    const clock = clockColumns(next)
    const result = await em
      .createQueryBuilder()
      .update('ticket')
      .set({ ...changes, alertAt, ...clock, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: t.id, version: t.version })
      .execute()
    if (result.affected === 0) throw new AppError('CONFLICT', `工单 ${t.no} 已被他人修改，请刷新后再操作`)
    return { ...next, alertAt, ...clock, updatedAt: now, version: t.version + 1 }
  }

  /** The satisfaction callback's verdict: 满意/基本满意 close the ticket, 不满意 reopens it. */
  async settleFromCallback(em: EntityManager, ticketId: number, verdict: { result: Satisfaction; rating: number | null; comment: string | null }, user: SessionUser, now: Date): Promise<AppEvent[]> {
    const t = await repo(em, 'ticket').findOneBy({ id: ticketId })
    if (!t) throw new AppError('NOT_FOUND', '工单不存在')
    if (t.state !== 'awaitingCallback') throw new AppError('VALIDATION', `工单当前状态为「${TICKET_STATE_LABELS[t.state]}」，不在待回访，不能用回访结果结案`)
    const common = { satisfaction: verdict.result, rating: verdict.rating }
    if (verdict.result === 'unsatisfied') {
      const next = await this.save(em, t, { ...reopenChanges(t, now, this.settings.get()), ...common, state: 'reopened' }, now)
      const note = `客户不满意${verdict.comment ? `：${verdict.comment}` : ''}`
      await writeTicketLog(em, { ticketId, action: 'reopen', from: t.state, to: 'reopened', note, actorId: user.id, onBehalfOf: null, at: now, data: { satisfaction: verdict.result } })
      return this.notifyReopened(em, next, note, now)
    }
    await this.save(em, t, { ...common, state: 'closed', closedAt: now }, now)
    await writeTicketLog(em, { ticketId, action: 'close', from: t.state, to: 'closed', note: verdict.comment, actorId: user.id, onBehalfOf: null, at: now, data: { satisfaction: verdict.result, rating: verdict.rating } })
    return []
  }

  /**
   * A new at-risk share or escalation step applies to running deadlines too: each risk moment
   * keeps its deadline and window and moves to the new share of it, and the watcher's next visit
   * follows. Near-breach notices already sent stay sent.
   */
  private async moveRiskMoments(em: EntityManager, before: AppSettings, after: AppSettings): Promise<void> {
    const open = await repo(em, 'ticket').find({ where: { state: In([...TICKET_OPEN_STATES]) } })
    const factor = (100 - after.ticketRiskPercent) / (100 - before.ticketRiskPercent)
    const moved = (due: Date, risk: Date): Date => new Date(due.getTime() - Math.round((due.getTime() - risk.getTime()) * factor))
    for (const t of open) {
      const changes = { responseRiskAt: moved(t.responseDueAt, t.responseRiskAt), resolutionRiskAt: moved(t.resolutionDueAt, t.resolutionRiskAt) }
      await em
        .createQueryBuilder()
        .update('ticket')
        .set({ ...changes, alertAt: nextAlertAt({ ...t, ...changes }, after), ...clockColumns({ ...t, ...changes }) })
        .where('id = :id', { id: t.id })
        .execute()
    }
  }

  afterWrite(ticketId: number, pushed: AppEvent[]): void {
    this.events.emit({ type: 'dataChanged', area: 'tickets', id: ticketId })
    this.notifications.push(pushed)
  }

  /** Read back after every change: each of its queries is prepared once. */
  private readonly detailQuery = new PreparedQuery<{ id: number }>((em, p) =>
    ticketListQuery(em)
      .leftJoin('person', 'w', 'w.id = t.worker_id')
      .addSelect(['t.expectation AS expectation', 'c.community AS community', 'c.address AS "customerAddress"', 't.call_id AS "callId"', 't.visit_id AS "visitId"'])
      .addSelect(['t.address AS address', 't.preferred_time AS "preferredTime"', 't.completion_date AS "completionDate"', 'w.id AS "workerId"', 'w.name AS "workerName"'])
      .addSelect(['t.appointment_at AS "appointmentAt"', 't.result AS result', 't.suspend_reason AS "suspendReason"', 't.paused_sec AS "pausedSec"'])
      .addSelect(['t.leader_complaint AS "leaderComplaint"', 't.created_by AS "createdBy"'])
      .where('t.id = :id', { id: p.id }),
  )
  private readonly repeatsQuery = new PreparedQuery<{ id: number }>((em, p) =>
    em
      .createQueryBuilder()
      .from('ticket', 't')
      .select(['t.id AS id', 't.no AS no', 't.created_at AS "createdAt"', 't.state AS state'])
      .where("t.repeat_of_id = :id AND t.state <> 'cancelled'", { id: p.id })
      .orderBy('t.id', 'ASC'),
  )
  private readonly logQuery = new PreparedQuery<{ id: number }>((em, p) =>
    em
      .createQueryBuilder()
      .from('ticket_log', 'l')
      .leftJoin('staff_account', 's', 's.id = l.actor_id')
      .leftJoin('person', 'p', 'p.id = l.on_behalf_of')
      .select(['l.id AS id', 'l.at AS at', 'l.action AS action', 'l.from_state AS "from"', 'l.to_state AS "to"', 'l.note AS note', 'l.data AS data'])
      .addSelect(['s.id AS "byId"', 's.display_name AS "byName"', 'p.id AS "personId"', 'p.name AS "personName"'])
      .where('l.ticket_id = :id', { id: p.id })
      .orderBy('l.id', 'ASC'),
  )
  private readonly attachmentsQuery = new PreparedQuery<{ id: number }>((em, p) =>
    em
      .createQueryBuilder()
      .from('ticket_attachment', 'a')
      .innerJoin('staff_account', 's', 's.id = a.uploaded_by')
      .select(['a.id AS id', 'a.name AS name', 'a.mime AS mime', 'a.size AS size', 'a.hash AS hash', 'a.uploaded_at AS "uploadedAt"', 's.id AS "byId"', 's.display_name AS "byName"'])
      .where('a.ticket_id = :id', { id: p.id })
      .orderBy('a.id', 'ASC'),
  )

  async detail(id: number, user: SessionUser): Promise<TicketDetail> {
    const em = this.store.read
    const settings = this.settings.get()
    const now = this.now()
    const [raw] = await this.detailQuery.run<DetailRaw>(em, { id })
    if (!raw) throw new AppError('NOT_FOUND', '工单不存在', { id: '工单不存在' })
    if (seesOnlyOwn(user) && toNumber(raw.createdBy) !== user.id) throw new AppError('FORBIDDEN', '只能查看自己登记的工单')
    const [repeats, log, attachments, assessments, callbacks] = await Promise.all([
      this.repeatsQuery.run<{ id: number; no: string; createdAt: string | Date; state: TicketState }>(em, { id }),
      this.logQuery.run<LogRaw>(em, { id }),
      this.attachmentsQuery.run<AttachmentRaw>(em, { id }),
      this.assessments.forTicket(em, id),
      this.callbacks.forTicket(em, id, user),
    ])
    const item = toTicketListItem(raw, user, now, settings.ticketRiskPercent)
    const today = companyDate(now, settings.timeZone)
    const suspendedAt = raw.suspendedAt === null ? null : new Date(toIso(raw.suspendedAt))
    return {
      ...item,
      description: raw.description,
      expectation: raw.expectation,
      customerAddress: [raw.community, raw.customerAddress].filter(Boolean).join(' ') || null,
      callId: raw.callId,
      visitId: raw.visitId,
      address: raw.address,
      preferredTime: raw.preferredTime,
      completionDate: raw.completionDate,
      warranty: raw.kind === 'repair' ? warrantyOf(raw.category, raw.completionDate, today, settings) : null,
      worker: raw.workerId ? { id: raw.workerId, name: raw.workerName ?? '' } : null,
      appointmentAt: toIsoOrNull(raw.appointmentAt),
      result: raw.result,
      suspendedAt: suspendedAt?.toISOString() ?? null,
      suspendReason: raw.suspendReason,
      pausedSec: toNumber(raw.pausedSec) + (raw.state === 'suspended' && suspendedAt ? Math.round((now.getTime() - suspendedAt.getTime()) / 1000) : 0),
      repeats: repeats.map((r) => ({ id: r.id, no: r.no, createdAt: toIso(r.createdAt), state: r.state })),
      leaderComplaint: raw.leaderComplaint,
      log: log.map(toLogEntry),
      attachments: attachments.map((r) => ({ id: r.id, name: r.name, mime: r.mime, size: toNumber(r.size), hash: r.hash, uploadedAt: toIso(r.uploadedAt), uploadedBy: { id: r.byId, name: r.byName } })),
      assessments,
      callbacks,
      allowedActions: user.permissions.includes('tickets.write') ? allowedActions(raw.state) : [],
    }
  }

  private checkLists(kind: TicketKind, category: string, severity: string): void {
    const settings = this.settings.get()
    const categories = kind === 'complaint' ? settings.complaintCategories : settings.repairCategories
    if (!categories.includes(category)) throw AppError.field('category', `类别「${category}」不在设置的${kind === 'complaint' ? '投诉类别' : '报修项目'}中`)
    if (!settings.ticketSeverities.includes(severity)) throw AppError.field('severity', `严重程度「${severity}」不在设置的列表中`)
  }

  private async checkSources(em: EntityManager, input: CreateTicketInput): Promise<void> {
    if (input.callId) {
      const call = await repo(em, 'call_log').findOne({ select: { id: true, customerId: true }, where: { id: input.callId } })
      if (!call) throw AppError.field('callId', '来电记录不存在')
      if (call.customerId !== null && call.customerId !== input.customerId) throw AppError.field('callId', '这通来电属于另一位客户')
      const existing = await repo(em, 'ticket').findOne({ select: { no: true }, where: { callId: input.callId } })
      if (existing) throw AppError.field('callId', `这通来电已生成工单 ${existing.no}`)
    }
    if (input.visitId) {
      const visit = await repo(em, 'visit').findOne({ select: { id: true, customerId: true }, where: { id: input.visitId } })
      if (!visit) throw AppError.field('visitId', '来访记录不存在')
      if (visit.customerId !== input.customerId) throw AppError.field('visitId', '这条来访记录属于另一位客户')
    }
  }

  private async checkWorker(em: EntityManager, workerId: number): Promise<void> {
    if (!(await repo(em, 'person').existsBy({ id: workerId, active: true }))) throw AppError.field('workerId', '维修工不存在或已停用')
  }

  /** The 联系单 goes to a department's person: both must exist, be active and belong together. */
  private async checkResponsible(em: EntityManager, departmentId: number, personId: number): Promise<void> {
    const department = await repo(em, 'department').findOneBy({ id: departmentId })
    if (!department || !department.active) throw AppError.field('change.departmentId', '责任部门不存在或已停用')
    const person = await repo(em, 'person').findOneBy({ id: personId })
    if (!person || !person.active) throw AppError.field('change.personId', '责任人不存在或已停用')
    if (person.departmentId !== null && person.departmentId !== departmentId) throw AppError.field('change.personId', `${person.name} 不属于 ${department.name}`)
  }

  /** An earlier ticket of this customer, kind and category within the repeat window (not cancelled). */
  private async earlierOfSameKind(em: EntityManager, input: CreateTicketInput, now: Date): Promise<{ id: number; no: string } | null> {
    const since = new Date(now.getTime() - this.settings.get().repeatComplaintDays * 86_400_000)
    return em
      .createQueryBuilder()
      .from('ticket', 't')
      .select(['t.id AS id', 't.no AS no'])
      .where('t.customer_id = :customerId AND t.category = :category AND t.kind = :kind AND t.created_at >= :since', { customerId: input.customerId, category: input.category, kind: input.kind, since })
      .andWhere("t.state <> 'cancelled'")
      .orderBy('t.created_at', 'DESC')
      .limit(1)
      .getRawOne<{ id: number; no: string }>()
      .then((r) => r ?? null)
  }

  private async nextNo(em: EntityManager, kind: TicketKind, now: Date): Promise<string> {
    const day = companyDate(now, this.settings.get().timeZone)
    const prefix = ticketNoPrefix(kind, day)
    // the longest number first: past 999 a day, "-1000" sorts below "-999" as text
    const last = await em
      .createQueryBuilder()
      .from('ticket', 't')
      .select('t.no', 'no')
      .where('t.no LIKE :prefix', { prefix: `${prefix}%` })
      .orderBy('LENGTH(t.no)', 'DESC')
      .addOrderBy('t.no', 'DESC')
      .limit(1)
      .getRawOne<{ no: string | null }>()
    const sequence = last?.no ? Number(last.no.slice(prefix.length)) + 1 : 1
    return ticketNo(kind, day, sequence)
  }

  private async notifyAssigned(em: EntityManager, t: TicketRow, now: Date): Promise<AppEvent[]> {
    const department = t.departmentId ? await repo(em, 'department').findOneBy({ id: t.departmentId }) : null
    const staff = await this.notifications.accountsOfPeople(em, [t.personId, department?.headPersonId])
    const { timeZone } = this.settings.get()
    const [due] = owedDeadlines(t)
    return this.notifications.add(
      em,
      staff,
      { kind: 'assigned', title: `新派${TICKET_KIND_LABELS[t.kind]}工单 ${t.no}`, body: `${t.category} · ${t.severity}${due ? ` · 期限 ${formatInZone(due.dueAt, timeZone)}` : ''}`, ticketId: t.id },
      now,
    )
  }

  private async notifyReopened(em: EntityManager, t: TicketRow, note: string, now: Date): Promise<AppEvent[]> {
    const staff = [...(await this.notifications.accountsOfPeople(em, [t.personId])), ...(t.handlerId ? [t.handlerId] : [])]
    return this.notifications.add(em, staff, { kind: 'reopened', title: `工单 ${t.no} 已重开`, body: note.slice(0, 200), ticketId: t.id }, now)
  }
}

/** Dispatching inside `create` reports its field errors under the create form's `dispatch.*`. */
async function asCreateFields<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error
    const fields = Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [key.replace(/^change\./, 'dispatch.'), message]))
    throw new AppError(error.code, error.message, fields)
  }
}

type DetailRaw = TicketRaw & {
  expectation: string | null
  community: string | null
  customerAddress: string | null
  callId: number | null
  visitId: number | null
  address: string | null
  preferredTime: string | null
  completionDate: string | null
  workerId: number | null
  workerName: string | null
  appointmentAt: string | Date | null
  result: string | null
  suspendReason: SuspendReason | null
  pausedSec: unknown
  leaderComplaint: TicketDetail['leaderComplaint']
  createdBy: unknown
}

interface LogRaw {
  id: number
  at: string | Date
  action: TicketLogAction
  from: TicketState | null
  to: TicketState | null
  note: string | null
  data: string | null
  byId: number | null
  byName: string | null
  personId: number | null
  personName: string | null
}

interface AttachmentRaw {
  id: number
  name: string
  mime: string
  size: unknown
  hash: string
  uploadedAt: string | Date
  byId: number
  byName: string
}

function toLogEntry(r: LogRaw): TicketLogEntry {
  return {
    id: r.id,
    at: toIso(r.at),
    action: r.action,
    from: r.from,
    to: r.to,
    note: r.note,
    by: r.byId ? { id: r.byId, name: r.byName ?? '' } : null,
    onBehalfOf: r.personId ? { id: r.personId, name: r.personName ?? '' } : null,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
  }
}

interface TimelineRaw {
  id: number
  no: string
  kind: TicketKind
  state: TicketState
  category: string
  description: string
  createdAt: string | Date
  handlerName: string | null
}

function timelineEntry(r: TimelineRaw): TimelineEntry {
  return {
    kind: 'ticket',
    at: toIso(r.createdAt),
    refId: r.id,
    title: `${TICKET_KIND_LABELS[r.kind]} ${r.no} · ${TICKET_STATE_LABELS[r.state]}`,
    detail: `${r.category} · ${subjectOf(r.description)}`,
    actor: r.handlerName,
  }
}
