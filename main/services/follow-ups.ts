import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { CallDetail, FollowUp, FollowUpStatus } from '../contract/calls.contract'
import { AppError } from '../contract/errors'
import { companyDate } from '../contract/time'
import { repo, type CallLogRow, type FollowUpRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { toIsoOrNull } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { keyForUser, numberForUser } from './call-dto'
import type { EventBus } from './event-bus'
import type { SettingsService } from './settings.service'

interface FollowUpRaw {
  id: number
  dueOn: string
  status: FollowUpStatus
  note: string | null
  customerId: number | null
  customerName: string | null
  normalized: string | null
  numberKey: string
  agentId: number
  agentName: string
  sourceCallId: number
  doneAt: string | Date | null
  doneCallId: number | null
}

/** Follow-up tasks (跟进): a next follow-up date on a call becomes a task for the agent who took it. */
export class FollowUps {
  /** set once the calls service exists: doing a follow-up starts an outbound call */
  startCall: ((input: { direction: 'out'; phone: string; followUpId: number }, ctx: CallContext) => Promise<CallDetail>) | null = null

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  async list(input: { scope: 'mine' | 'all'; upcoming: boolean }, ctx: CallContext): Promise<FollowUp[]> {
    const user = actor(ctx)
    if (input.scope === 'all') requireMonitor(user)
    const today = this.today()
    const query = this.query(this.store.read).where("f.status = 'open'")
    if (input.scope === 'mine') query.andWhere('f.agent_id = :agentId', { agentId: user.id })
    if (!input.upcoming) query.andWhere('f.due_on <= :today', { today })
    const rows = await query.orderBy('f.due_on', 'ASC').addOrderBy('f.id', 'ASC').limit(500).getRawMany<FollowUpRaw>()
    return rows.map((r) => this.toDto(r, user, today))
  }

  /** Doing a follow-up: an outbound call to the customer, linked to the task; saving that call completes it. */
  async start(input: { id: number }, ctx: CallContext): Promise<CallDetail> {
    const user = actor(ctx)
    const followUp = await this.requireOpen(this.store.read, input.id, user)
    const phone = followUp.customerId ? await this.primaryPhone(followUp.customerId) : null
    const number = phone ?? followUp.numberKey
    if (!number) throw AppError.field('id', '该跟进任务没有可拨打的电话')
    if (!this.startCall) throw new Error('FollowUps.startCall is not wired')
    return this.startCall({ direction: 'out', phone: number, followUpId: followUp.id }, ctx)
  }

  async reschedule(input: { id: number; dueOn: string; note?: string | null }, ctx: CallContext): Promise<FollowUp> {
    const user = actor(ctx)
    if (input.dueOn < this.today()) throw AppError.field('dueOn', '跟进日期不能早于今天')
    await this.store.write(async (em) => {
      await this.requireOpen(em, input.id, user)
      await repo(em, 'follow_up').update({ id: input.id }, { dueOn: input.dueOn, ...(input.note !== undefined ? { note: input.note } : {}), updatedAt: this.now() })
    })
    this.events.emit({ type: 'dataChanged', area: 'calls' })
    const row = await this.query(this.store.read).where('f.id = :id', { id: input.id }).getRawOne<FollowUpRaw>()
    return this.toDto(row as FollowUpRaw, user, this.today())
  }

  /** An open follow-up this user may act on: their own, or anyone's for a shift lead or manager. */
  async requireOpen(em: EntityManager, id: number, user: SessionUser): Promise<FollowUpRow> {
    const row = await repo(em, 'follow_up').findOneBy({ id })
    if (!row) throw new AppError('NOT_FOUND', '跟进任务不存在', { id: '跟进任务不存在' })
    if (row.agentId !== user.id && !user.permissions.includes('calls.monitor')) throw new AppError('FORBIDDEN', '这是其他客服的跟进任务')
    if (row.status !== 'open') throw AppError.field('id', '该跟进任务已完成或已取消')
    return row
  }

  /**
   * Inside the intake's transaction: the call's follow-up date creates, moves or cancels the task
   * it set, and the first save of a call started from a task completes that task.
   */
  async afterIntake(
    em: EntityManager,
    args: { call: CallLogRow; previousFollowUpOn: string | null; followUpOn: string | null; note: string | null; agentId: number; now: Date; firstSave: boolean },
  ): Promise<void> {
    const { call, now } = args
    const tasks = repo(em, 'follow_up')
    if (args.firstSave && call.followUpId) {
      await tasks.update({ id: call.followUpId, status: 'open' }, { status: 'done', doneAt: now, doneCallId: call.id, updatedAt: now })
    }
    // a correction that leaves the date alone leaves the task alone, even once its day has passed
    if (!args.firstSave && args.followUpOn === args.previousFollowUpOn) return
    const own = await tasks.findOneBy({ sourceCallId: call.id, status: 'open' })
    const note = args.note ? args.note.slice(0, 200) : null
    if (args.followUpOn === null) {
      if (own) await tasks.update({ id: own.id }, { status: 'cancelled', updatedAt: now })
      return
    }
    if (args.followUpOn < companyDate(now, this.settings.get().timeZone)) throw AppError.field('followUpOn', '下次跟进日期不能早于今天')
    if (own) {
      await tasks.update({ id: own.id }, { dueOn: args.followUpOn, note, customerId: call.customerId, numberKey: call.numberKey, updatedAt: now })
      return
    }
    await insertRows(em, 'follow_up', {
      sourceCallId: call.id,
      customerId: call.customerId,
      numberKey: call.numberKey,
      agentId: args.agentId,
      dueOn: args.followUpOn,
      note,
      status: 'open',
      doneAt: null,
      doneCallId: null,
      createdAt: now,
      updatedAt: now,
    })
  }

  private today(): string {
    return companyDate(this.now(), this.settings.get().timeZone)
  }

  private async primaryPhone(customerId: number): Promise<string | null> {
    const phone = await repo(this.store.read, 'customer_phone').findOne({ where: { customerId }, order: { isPrimary: 'DESC', id: 'ASC' } })
    return phone?.normalized ?? null
  }

  private query(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('follow_up', 'f')
      .leftJoin('customer', 'c', 'c.id = f.customer_id')
      .leftJoin('customer_phone', 'ph', 'ph.customer_id = f.customer_id AND ph.is_primary = :primary', { primary: true })
      .innerJoin('staff_account', 'a', 'a.id = f.agent_id')
      .select(['f.id AS id', 'f.due_on AS "dueOn"', 'f.status AS status', 'f.note AS note', 'f.customer_id AS "customerId"', 'c.name AS "customerName"'])
      .addSelect(['ph.normalized AS normalized', 'f.number_key AS "numberKey"', 'f.agent_id AS "agentId"', 'a.display_name AS "agentName"'])
      .addSelect(['f.source_call_id AS "sourceCallId"', 'f.done_at AS "doneAt"', 'f.done_call_id AS "doneCallId"'])
  }

  private toDto(r: FollowUpRaw, user: SessionUser, today: string): FollowUp {
    return {
      id: r.id,
      dueOn: r.dueOn,
      overdue: r.status === 'open' && r.dueOn < today,
      status: r.status,
      note: r.note,
      customer: r.customerId ? { id: r.customerId, name: r.customerName ?? '' } : null,
      display: r.normalized ? numberForUser(r.normalized, r.numberKey, user) : keyForUser(r.numberKey, user),
      agent: { id: r.agentId, name: r.agentName },
      sourceCallId: r.sourceCallId,
      doneAt: toIsoOrNull(r.doneAt),
      doneCallId: r.doneCallId,
    }
  }
}

export function requireMonitor(user: SessionUser): void {
  if (!user.permissions.includes('calls.monitor')) throw new AppError('FORBIDDEN', '只有客服班长和经理可以查看全部跟进任务')
}
