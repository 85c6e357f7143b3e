import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import { DEPOSIT_STATUS_LABELS, type DepositDetail, type DepositItem, type DepositListStatus, type DepositStatus, type DesignerStat } from '../contract/deposits.contract'
import { AppError } from '../contract/errors'
import type { Page } from '../contract/schema-kit'
import { companyDate, companyDayRange, daysBetween, shiftDate } from '../contract/time'
import { repo, type DepositRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { phoneForUser } from './customer-dto'
import type { CustomersService } from './customers.service'
import type { EventBus } from './event-bus'
import { checkPerson } from './projects.service'
import type { ScreenPopService } from './screen-pop'
import type { SettingsService } from './settings.service'
import { ratio } from './period-sql'

interface DepositRaw {
  id: number
  customerId: number
  customerName: string
  phone: string | null
  designerId: number
  designerName: string
  consultantId: number | null
  consultantName: string | null
  amountFen: unknown
  paidOn: string
  status: DepositStatus
  followUps: unknown
  lastFollowUpAt: string | Date | null
  nextFollowUpOn: string | null
  outcomeOn: string | null
  lostReason: string | null
  projectId: number | null
  contractNo: string | null
  note: string | null
  createdById: number
  createdByName: string
  version: unknown
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/**
 * Deposits (定金) and the pending-sign clients behind them: registered, followed up until a
 * contract is signed (projects.create) or the client is lost; and the designers' table.
 */
export class DepositsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly now: () => Date,
    customers: CustomersService,
    screenPop: ScreenPopService,
  ) {
    customers.addTimelineSource({
      permission: 'projects.read',
      all: async (em, customerId) => (await this.ofCustomer.run<DepositRaw>(em, { customerId })).map((r) => this.timelineEntry(r)),
      recent: async (em, customerId) => (await this.ofCustomer.run<DepositRaw>(em, { customerId })).slice(0, 5).map((r) => this.timelineEntry(r)),
    })
    screenPop.addOpenItemSource({
      permission: 'projects.read',
      items: async (em, customerId) => {
        const today = this.today()
        return (await this.ofCustomer.run<DepositRaw>(em, { customerId }))
          .filter((r) => r.status === 'pending')
          .map((r) => ({
            kind: 'deposit',
            refId: r.id,
            title: `待签客户 · 定金 ${yuan(toNumber(r.amountFen))}`,
            detail: `设计师 ${r.designerName}，交定已 ${daysBetween(r.paidOn, today)} 天`,
            at: r.nextFollowUpOn ?? r.paidOn,
            overdue: daysBetween(r.paidOn, today) >= this.settings.get().depositAlertDays,
          }))
      },
    })
  }

  private today(): string {
    return companyDate(this.now(), this.settings.get().timeZone)
  }

  async register(input: { customerId: number; designerId: number; consultantId: number | null; amountFen: number; paidOn: string; note: string | null }, ctx: CallContext): Promise<DepositDetail> {
    const user = actor(ctx)
    if (input.paidOn > this.today()) throw AppError.field('paidOn', '交定日期不能晚于今天')
    const now = this.now()
    const id = await this.store.write(async (em) => {
      if (!(await repo(em, 'customer').existsBy({ id: input.customerId }))) throw AppError.field('customerId', '客户不存在')
      await checkPerson(em, input.designerId, 'designer', 'designerId', '设计师')
      if (input.consultantId) await checkPerson(em, input.consultantId, 'homeConsultant', 'consultantId', '家居顾问')
      const row: Omit<DepositRow, 'id'> = {
        ...input,
        status: 'pending',
        followUps: 0,
        lastFollowUpAt: null,
        nextFollowUpOn: null,
        outcomeOn: null,
        lostReason: null,
        createdBy: user.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      }
      return insertRows(em, 'deposit', row)
    })
    this.events.emit({ type: 'dataChanged', area: 'deposits', id })
    return this.detail(id, user)
  }

  async list(
    input: {
      status: DepositListStatus
      designerId?: number
      customerId?: number
      minAgeDays?: number
      q?: string | null
      paidFrom?: string
      paidTo?: string
      page: number
      pageSize: number
    },
    ctx: CallContext,
  ): Promise<Page<DepositItem>> {
    const user = actor(ctx)
    const qb = this.query(this.store.read)
    if (input.status !== 'all') qb.andWhere('d.status = :status', { status: input.status })
    if (input.paidFrom) qb.andWhere('d.paid_on >= :paidFrom', { paidFrom: input.paidFrom })
    if (input.paidTo) qb.andWhere('d.paid_on <= :paidTo', { paidTo: input.paidTo })
    if (input.designerId) qb.andWhere('d.designer_id = :designerId', { designerId: input.designerId })
    if (input.customerId) qb.andWhere('d.customer_id = :customerId', { customerId: input.customerId })
    if (input.minAgeDays !== undefined) qb.andWhere('d.paid_on <= :paidBy', { paidBy: shiftDate(this.today(), -input.minAgeDays) })
    if (input.q) {
      const digits = input.q.replace(/\D/g, '')
      qb.andWhere(digits.length >= 4 ? '(c.name LIKE :q OR cp.normalized LIKE :digits)' : 'c.name LIKE :q', { q: `%${input.q.replace(/[%_]/g, '')}%`, digits: `%${digits}%` })
    }
    const total = await qb.getCount()
    // pending: the longest waiting first; decided ones: the latest outcome first; all: the latest paid first
    if (input.status === 'pending') qb.orderBy('d.paid_on', 'ASC')
    else if (input.status === 'all') qb.orderBy('d.paid_on', 'DESC')
    else qb.orderBy('d.outcome_on', 'DESC')
    const rows = await qb
      .addOrderBy('d.id', 'ASC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<DepositRaw>()
    return { items: rows.map((r) => this.toItem(r, user)), total, page: input.page, pageSize: input.pageSize }
  }

  async get(input: { id: number }, ctx: CallContext): Promise<DepositDetail> {
    return this.detail(input.id, actor(ctx))
  }

  async followUp(input: { id: number; version: number; note: string; nextOn: string | null }, ctx: CallContext): Promise<DepositDetail> {
    const user = actor(ctx)
    if (input.nextOn && input.nextOn < this.today()) throw AppError.field('nextOn', '下次跟进日期不能早于今天')
    return this.change(input, user, async (em, d, now) => {
      if (d.status !== 'pending') throw new AppError('VALIDATION', `这笔定金${DEPOSIT_STATUS_LABELS[d.status]}，无需再跟进`)
      await insertRows(em, 'deposit_follow_up', { depositId: d.id, at: now, byId: user.id, note: input.note, nextOn: input.nextOn })
      return { followUps: d.followUps + 1, lastFollowUpAt: now, nextFollowUpOn: input.nextOn }
    })
  }

  async markLost(input: { id: number; version: number; reason: string; on: string }, ctx: CallContext): Promise<DepositDetail> {
    const user = actor(ctx)
    return this.change(input, user, async (_em, d) => {
      if (d.status !== 'pending') throw new AppError('VALIDATION', `这笔定金${DEPOSIT_STATUS_LABELS[d.status]}，不能再登记流失`)
      if (input.on > this.today()) throw AppError.field('on', '流失日期不能晚于今天')
      if (input.on < d.paidOn) throw AppError.field('on', `流失日期不能早于交定日期 ${d.paidOn}`)
      return { status: 'lost', lostReason: input.reason, outcomeOn: input.on, nextFollowUpOn: null }
    })
  }

  /**
   * 谈单量 = walk-ins a designer received plus measuring appointments made for them; deposits,
   * signed contracts and losses by their own dates in the period. Aggregates in SQL, one per source.
   */
  /** `em`: the read connection to ask on (the dashboard runs this beside its other figures). */
  async designerStats(input: { from: string; to: string }, em: EntityManager = this.store.read): Promise<DesignerStat[]> {
    if (input.to < input.from) throw AppError.field('to', '截止日期不能早于起始日期')
    const tz = this.settings.get().timeZone
    const from = companyDayRange(input.from, tz).from
    const to = companyDayRange(input.to, tz).to
    const count = async (table: string, designerColumn: string, where: string, params: Record<string, unknown>) =>
      new Map(
        (
          await em
            .createQueryBuilder()
            .from(table, 'x')
            .select(`x.${designerColumn}`, 'designerId')
            .addSelect('COUNT(*)', 'n')
            .where(where, params)
            .andWhere(`x.${designerColumn} IS NOT NULL`)
            .groupBy(`x.${designerColumn}`)
            .getRawMany<{ designerId: unknown; n: unknown }>()
        ).map((r) => [toNumber(r.designerId), toNumber(r.n)]),
      )
    const visits = await count('visit', 'designer_id', 'x.arrived_at >= :from AND x.arrived_at < :to', { from, to })
    const { consultationCountsMeasures } = this.settings.get()
    const measures = consultationCountsMeasures
      ? await count('measure_appointment', 'designer_id', "x.created_at >= :from AND x.created_at < :to AND x.status <> 'cancelled'", { from, to })
      : new Map<number, number>()
    const deposits = await count('deposit', 'designer_id', 'x.paid_on BETWEEN :f AND :t', { f: input.from, t: input.to })
    // a cancelled contract is no contract: 达成率 counts the ones that stand
    const signed = await count('project', 'designer_id', 'x.signed_on BETWEEN :f AND :t AND x.cancelled_on IS NULL', { f: input.from, t: input.to })
    const lost = await count('deposit', 'designer_id', "x.status = 'lost' AND x.outcome_on BETWEEN :f AND :t", { f: input.from, t: input.to })
    const designers = await em.getRepository('person').find({ select: { id: true, name: true, active: true }, where: { kind: 'designer' }, order: { name: 'ASC' } })
    return designers
      .map((p) => {
        const v = visits.get(p.id) ?? 0
        const m = measures.get(p.id) ?? 0
        const s = signed.get(p.id) ?? 0
        const dep = deposits.get(p.id) ?? 0
        return { designer: { id: p.id, name: p.name }, consultations: v + m, visits: v, measures: m, deposits: dep, signed: s, lost: lost.get(p.id) ?? 0, conversion: ratio(s, v + m), depositRate: ratio(dep, v + m), active: p.active }
      })
      .filter((r) => r.active || r.consultations + r.deposits + r.signed + r.lost > 0)
      .map(({ active: _active, ...stat }) => stat)
      .sort((a, b) => b.signed - a.signed || b.deposits - a.deposits || b.consultations - a.consultations)
  }

  private async change(input: { id: number; version: number }, user: SessionUser, work: (em: EntityManager, d: DepositRow, now: Date) => Promise<Partial<DepositRow>>): Promise<DepositDetail> {
    const now = this.now()
    await this.store.write(async (em) => {
      const d = await repo(em, 'deposit').findOneBy({ id: input.id })
      if (!d) throw new AppError('NOT_FOUND', '定金记录不存在', { id: '定金记录不存在' })
      if (d.version !== input.version) throw new AppError('CONFLICT', '这笔定金已被他人修改，请刷新后再操作')
      const changes = await work(em, d, now)
      const result = await em
        .createQueryBuilder()
        .update('deposit')
        .set({ ...changes, updatedAt: now, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: d.id, version: d.version })
        .execute()
      if (result.affected === 0) throw new AppError('CONFLICT', '这笔定金已被他人修改，请刷新后再操作')
    })
    this.events.emit({ type: 'dataChanged', area: 'deposits', id: input.id })
    return this.detail(input.id, user)
  }

  private async detail(id: number, user: SessionUser): Promise<DepositDetail> {
    const row = await this.query(this.store.read).where('d.id = :id', { id }).getRawOne<DepositRaw>()
    if (!row) throw new AppError('NOT_FOUND', '定金记录不存在', { id: '定金记录不存在' })
    const log = await this.store.read
      .createQueryBuilder()
      .from('deposit_follow_up', 'f')
      .innerJoin('staff_account', 'a', 'a.id = f.by_id')
      .select(['f.id AS id', 'f.at AS at', 'a.id AS "byId"', 'a.display_name AS "byName"', 'f.note AS note', 'f.next_on AS "nextOn"'])
      .where('f.deposit_id = :id', { id })
      .orderBy('f.id', 'ASC')
      .getRawMany<{ id: number; at: string | Date; byId: number; byName: string; note: string; nextOn: string | null }>()
    return {
      ...this.toItem(row, user),
      followUpLog: log.map((f) => ({ id: toNumber(f.id), at: toIso(f.at), by: { id: toNumber(f.byId), name: f.byName }, note: f.note, nextOn: f.nextOn })),
    }
  }

  private query(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('deposit', 'd')
      .innerJoin('customer', 'c', 'c.id = d.customer_id')
      .leftJoin('customer_phone', 'cp', 'cp.customer_id = d.customer_id AND cp.is_primary = :primary', { primary: true })
      .innerJoin('person', 'ds', 'ds.id = d.designer_id')
      .leftJoin('person', 'hc', 'hc.id = d.consultant_id')
      .leftJoin('project', 'p', 'p.deposit_id = d.id')
      .innerJoin('staff_account', 'cb', 'cb.id = d.created_by')
      .select(['d.id AS id', 'd.customer_id AS "customerId"', 'c.name AS "customerName"', 'cp.normalized AS phone', 'd.designer_id AS "designerId"', 'ds.name AS "designerName"'])
      .addSelect(['d.consultant_id AS "consultantId"', 'hc.name AS "consultantName"', 'd.amount_fen AS "amountFen"', 'd.paid_on AS "paidOn"', 'd.status AS status'])
      .addSelect(['d.follow_ups AS "followUps"', 'd.last_follow_up_at AS "lastFollowUpAt"', 'd.next_follow_up_on AS "nextFollowUpOn"', 'd.outcome_on AS "outcomeOn"'])
      .addSelect(['d.lost_reason AS "lostReason"', 'p.id AS "projectId"', 'p.contract_no AS "contractNo"', 'd.note AS note', 'cb.id AS "createdById"', 'cb.display_name AS "createdByName"'])
      .addSelect('d.version', 'version')
  }

  private readonly ofCustomer = new PreparedQuery<{ customerId: number }>((em, p) =>
    this.query(em).where('d.customer_id = :customerId', { customerId: p.customerId }).orderBy('d.paid_on', 'DESC').addOrderBy('d.id', 'DESC').limit(10),
  )

  private toItem(r: DepositRaw, user: SessionUser): DepositItem {
    const today = this.today()
    return {
      id: toNumber(r.id),
      customer: { id: toNumber(r.customerId), name: r.customerName },
      phone: phoneForUser(r.phone, user),
      designer: { id: toNumber(r.designerId), name: r.designerName },
      consultant: r.consultantId ? { id: toNumber(r.consultantId), name: r.consultantName ?? '' } : null,
      amountFen: toNumber(r.amountFen),
      paidOn: r.paidOn,
      status: r.status,
      ageDays: daysBetween(r.paidOn, r.status === 'pending' ? today : (r.outcomeOn ?? today)),
      followUps: toNumber(r.followUps),
      lastFollowUpAt: toIsoOrNull(r.lastFollowUpAt),
      nextFollowUpOn: r.nextFollowUpOn,
      outcomeOn: r.outcomeOn,
      lostReason: r.lostReason,
      project: r.projectId ? { id: toNumber(r.projectId), contractNo: r.contractNo ?? '' } : null,
      note: r.note,
      createdBy: { id: toNumber(r.createdById), name: r.createdByName },
      version: toNumber(r.version),
    }
  }

  private timelineEntry(r: DepositRaw) {
    const outcome = r.status === 'signed' ? ` · 已签约 ${r.contractNo ?? ''}` : r.status === 'lost' ? ` · 已流失：${r.lostReason ?? ''}` : ' · 待签'
    return {
      kind: 'deposit' as const,
      at: companyDayRange(r.paidOn, this.settings.get().timeZone).from.toISOString(),
      refId: toNumber(r.id),
      title: `交定金 ${yuan(toNumber(r.amountFen))}`,
      detail: `设计师 ${r.designerName}${outcome}`,
      actor: r.createdByName,
    }
  }
}
