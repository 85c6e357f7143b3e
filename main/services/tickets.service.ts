import { In, type EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { Satisfaction } from '../contract/callbacks.contract'
import { AppError } from '../contract/errors'
import type { AppEvent } from '../contract/events'
import type { AppSettings } from '../contract/settings.contract'
import { companyDate, formatInZone } from '../contract/time'
import {
  TICKET_KIND_LABELS,
  TICKET_OPEN_STATES,
  TICKET_STATE_LABELS,
  type TicketDetail,
  type TicketKind,
  type TicketLogAction,
  type TicketSource,
  type TicketState,
  type TicketTransition,
} from '../contract/tickets.contract'
import { repo, type TicketRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { CallbacksService } from './callbacks.service'
import type { CustomersService } from './customers.service'
import type { EventBus } from './event-bus'
import type { Notifications } from './notifications.service'
import type { ScreenPopService } from './screen-pop'
import type { SettingsService } from './settings.service'
import { clockColumns, freshDeadlines, nextAlertAt, owedDeadlines } from './ticket-clock'
import { TicketReads } from './ticket-reads'
import { ticketNo, ticketNoPrefix } from './ticket-rules'
import { newTicketRow } from './ticket-row'
import { planTransition, reopenChanges } from './ticket-transitions'
import type { TicketStatFields } from './summaries'
import type { SummaryTable } from './summary-table'

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
  /** the site a 回访联系单 is about */
  projectId?: number | null
  dispatch: { departmentId: number; personId: number; dueAt: string | null } | null
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
  readonly reads: TicketReads

  constructor(
    private readonly store: Store,
    customers: CustomersService,
    private readonly settings: SettingsService,
    private readonly notifications: Notifications,
    private readonly events: EventBus,
    private readonly now: () => Date,
    screenPop: ScreenPopService,
    private readonly stats: SummaryTable<TicketStatFields>,
  ) {
    this.reads = new TicketReads(store, settings, now, customers, screenPop)
    settings.onChange((em, before, after) =>
      before.ticketRiskPercent === after.ticketRiskPercent && before.escalationStepHours === after.escalationStepHours ? Promise.resolve() : this.moveRiskMoments(em, before, after),
    )
  }

  async create(input: CreateTicketInput, ctx: CallContext): Promise<TicketDetail> {
    const user = actor(ctx)
    if (input.dispatch && !user.permissions.includes('tickets.write')) throw new AppError('FORBIDDEN', '当前角色只能登记工单，派单请交给客服专员')
    const now = this.now()
    const { id, pushed } = await this.store.write((em) => this.insertTicket(em, input, user, now))
    this.afterWrite(id, pushed)
    return this.detail(id, user)
  }

  /**
   * Opens a ticket inside a caller's write (a callback that found a problem raises its 回访联系单
   * in the same transaction). The caller pushes the events after commit, then `afterCreate`.
   */
  async insertTicket(em: EntityManager, input: CreateTicketInput, user: SessionUser, now: Date): Promise<{ id: number; pushed: AppEvent[] }> {
    const settings = this.settings.get()
    this.checkLists(input.kind, input.category, input.severity)
    const pushed: AppEvent[] = []
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
        projectId: input.projectId ?? null,
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
    return { id: ticketId, pushed }
  }

  async get(input: { id: number }, ctx: CallContext): Promise<TicketDetail> {
    return this.reads.detail(input.id, actor(ctx))
  }

  detail(id: number, user: SessionUser): Promise<TicketDetail> {
    return this.reads.detail(id, user)
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
    await this.stats.change(em, t, next)
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
