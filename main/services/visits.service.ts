import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { TimelineEntry } from '../contract/customers.contract'
import { AppError } from '../contract/errors'
import { formatInZone, companyDate, companyDayRange } from '../contract/time'
import {
  INTENT_LEVEL_LABELS,
  VISIT_STATUS_LABELS,
  type IntentLevel,
  type Page,
  type RegisterResult,
  type Visit,
  type VisitStatus,
} from '../contract/visits.contract'
import { repo, type CustomerRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toIsoOrNull } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { phoneForUser } from './customer-dto'
import type { ProfileInput } from '../contract/customers.contract'
import type { CustomersService } from './customers.service'
import type { EventBus } from './event-bus'
import { OrgService } from './org.service'
import type { SettingsService } from './settings.service'

export interface RegisterInput extends ProfileInput {
  customerId: number | null
  name: string
  phone: string
  intentLevel: IntentLevel
  partySize: number
  designerId: number | null
  acknowledgeCollision: boolean
}

export interface VisitListInput {
  from?: string
  to?: string
  source?: string | null
  noSource?: boolean
  page: number
  pageSize: number
}

interface VisitRaw {
  id: number
  customerId: number
  customerName: string
  normalized: string | null
  arrivedAt: string | Date
  status: VisitStatus
  withDesignerAt: string | Date | null
  leftAt: string | Date | null
  partySize: number
  intentLevel: IntentLevel
  sourceChannel: string | null
  community: string | null
  houseType: string | null
  areaSqm: number | null
  budgetMinFen: number | string | null
  budgetMaxFen: number | string | null
  style: string | null
  notes: string | null
  outcome: string | null
  designerId: number | null
  designerName: string | null
  receptionistId: number
  receptionistName: string
  collision: unknown
}

/** Walk-in registration (来访登记) and today's reception board. */
export class VisitsService {
  constructor(
    private readonly store: Store,
    private readonly customers: CustomersService,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {
    customers.addTimelineSource({
      all: async (em, customerId) => (await timelineQuery(em, customerId).getRawMany<VisitTimelineRaw>()).map(visitEntry),
      recent: async (em, customerId) => (await this.recentQuery.run<VisitTimelineRaw>(em, { customerId })).map(visitEntry),
    })
  }

  private readonly recentQuery = new PreparedQuery<{ customerId: number }>((em, p) => timelineQuery(em, p.customerId).limit(5))

  async register(input: RegisterInput, ctx: CallContext): Promise<RegisterResult> {
    const user = actor(ctx)
    this.customers.checkProfile(input)
    const phone = await this.customers.checkPhone(input.phone)
    const { protectionDays, timeZone } = { protectionDays: this.settings.get().designerProtectionDays, timeZone: this.settings.get().timeZone }
    const now = this.now()
    const { visitId, customerCreated } = await this.store.write(async (em) => {
      const designer = input.designerId ? await OrgService.requireActive(em, input.designerId, 'designer', 'designerId', '接待设计师') : null
      const owner = await repo(em, 'customer_phone').findOneBy({ normalized: phone.normalized })
      if (input.customerId !== null && owner && owner.customerId !== input.customerId) {
        throw AppError.field('phone', '该号码已属于另一位客户，请核对后再登记')
      }
      let customer: CustomerRow | null = null
      const customerId = input.customerId ?? owner?.customerId ?? null
      if (customerId !== null) {
        customer = await repo(em, 'customer').findOneBy({ id: customerId })
        if (!customer) throw AppError.field('customerId', '客户不存在')
        if (!owner) await this.customers.insertPhone(em, customer.id, phone, false)
      }
      const created = customer === null
      if (!customer) {
        customer = await this.customers.insertCustomer(em, { ...this.profileOf(input), name: input.name, createdBy: user.id })
        await this.customers.insertPhone(em, customer.id, phone, true)
      }

      // 撞单: another designer still within the protection period follows this client.
      const followedUntil = customer.followingSince ? customer.followingSince.getTime() + protectionDays * 86_400_000 : 0
      const protectedByOther = designer && customer.followingDesignerId && customer.followingDesignerId !== designer.id && followedUntil > now.getTime()
      if (protectedByOther && !input.acknowledgeCollision) {
        const holder = await repo(em, 'person').findOneBy({ id: customer.followingDesignerId as number })
        const message = `撞单提醒：该客户由设计师「${holder?.name ?? ''}」跟进中，保护期至 ${formatInZone(new Date(followedUntil), timeZone, 'YYYY-MM-DD')}`
        throw new AppError('COLLISION', message, { designerId: message })
      }

      const visitId = await insertRows(em, 'visit', {
        customerId: customer.id,
        arrivedAt: now,
        status: 'waiting',
        withDesignerAt: null,
        leftAt: null,
        partySize: input.partySize,
        intentLevel: input.intentLevel,
        ...this.profileOf(input),
        outcome: null,
        designerId: designer?.id ?? null,
        receptionistId: user.id,
        collision: Boolean(protectedByOther),
        createdAt: now,
        updatedAt: now,
      })
      await this.updateCustomerAfterVisit(em, customer, input, designer?.id ?? null, Boolean(protectedByOther), created)
      return { visitId, customerCreated: created }
    })
    this.events.emit({ type: 'dataChanged', area: 'visits', id: visitId })
    this.events.emit({ type: 'dataChanged', area: 'customers' })
    return { visit: await this.one(this.store.read, visitId, user), customerCreated }
  }

  async today(input: { date?: string }, ctx: CallContext): Promise<Visit[]> {
    const user = actor(ctx)
    const { timeZone } = this.settings.get()
    const { from, to } = companyDayRange(input.date ?? companyDate(this.now(), timeZone), timeZone)
    const rows = await this.query(this.store.read)
      .where('v.arrived_at >= :from AND v.arrived_at < :to', { from, to })
      .orderBy('v.arrived_at', 'ASC')
      .getRawMany<VisitRaw>()
    return rows.map((r) => this.toVisit(r, user))
  }

  async list(input: VisitListInput, ctx: CallContext): Promise<Page<Visit>> {
    const user = actor(ctx)
    const { timeZone } = this.settings.get()
    const qb = this.query(this.store.read)
    if (input.from) qb.andWhere('v.arrived_at >= :from', { from: companyDayRange(input.from, timeZone).from })
    if (input.to) qb.andWhere('v.arrived_at < :to', { to: companyDayRange(input.to, timeZone).to })
    if (input.source) qb.andWhere('v.source_channel = :source', { source: input.source })
    if (input.noSource) qb.andWhere('v.source_channel IS NULL')
    const total = await qb.getCount()
    const rows = await qb
      .orderBy('v.arrived_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<VisitRaw>()
    return { items: rows.map((r) => this.toVisit(r, user)), total, page: input.page, pageSize: input.pageSize }
  }

  async setStatus(input: { id: number; status: VisitStatus; designerId?: number | null; outcome?: string | null }, ctx: CallContext): Promise<Visit> {
    const user = actor(ctx)
    const now = this.now()
    await this.store.write(async (em) => {
      const visits = repo(em, 'visit')
      const visit = await visits.findOneBy({ id: input.id })
      if (!visit) throw new AppError('NOT_FOUND', '来访记录不存在', { id: '来访记录不存在' })
      const designerId = input.designerId === undefined ? visit.designerId : input.designerId
      if (designerId && designerId !== visit.designerId) await OrgService.requireActive(em, designerId, 'designer', 'designerId', '接待设计师')
      if (input.status === 'withDesigner' && !designerId) throw AppError.field('designerId', '请选择接待设计师')
      await visits.update(
        { id: visit.id },
        {
          status: input.status,
          designerId,
          withDesignerAt: input.status === 'withDesigner' ? (visit.withDesignerAt ?? now) : input.status === 'waiting' ? null : visit.withDesignerAt,
          leftAt: input.status === 'left' ? (visit.leftAt ?? now) : null,
          ...(input.outcome !== undefined ? { outcome: input.outcome } : {}),
          updatedAt: now,
        },
      )
    })
    this.events.emit({ type: 'dataChanged', area: 'visits', id: input.id })
    return this.one(this.store.read, input.id, user)
  }

  private async updateCustomerAfterVisit(
    em: EntityManager,
    customer: CustomerRow,
    input: RegisterInput,
    designerId: number | null,
    collision: boolean,
    created: boolean,
  ): Promise<void> {
    const now = this.now()
    const changes: Partial<CustomerRow> = { lastContactAt: now, updatedAt: now }
    if (!created) {
      // A repeat visit brings the latest needs; what was not said this time stays as it was.
      for (const [key, value] of Object.entries(this.profileOf(input)) as [keyof ProfileInput, unknown][]) {
        if (value !== null && key !== 'notes') Object.assign(changes, { [key]: value })
      }
      if (input.community) await this.customers.rememberCommunity(em, input.community)
    }
    // The receiving designer follows the client unless another one's protection still runs;
    // every visit they receive restarts their protection period.
    if (designerId && !collision) Object.assign(changes, { followingDesignerId: designerId, followingSince: now })
    await em
      .createQueryBuilder()
      .update('customer')
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id', { id: customer.id })
      .execute()
  }

  private profileOf(input: RegisterInput): ProfileInput {
    return {
      community: input.community,
      address: input.address,
      houseType: input.houseType,
      areaSqm: input.areaSqm,
      budgetMinFen: input.budgetMinFen,
      budgetMaxFen: input.budgetMaxFen,
      style: input.style,
      sourceChannel: input.sourceChannel,
      notes: input.notes,
    }
  }

  private query(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('visit', 'v')
      .innerJoin('customer', 'c', 'c.id = v.customer_id')
      .leftJoin('customer_phone', 'ph', 'ph.customer_id = c.id AND ph.is_primary = :primary', { primary: true })
      .leftJoin('person', 'd', 'd.id = v.designer_id')
      .innerJoin('staff_account', 's', 's.id = v.receptionist_id')
      .select(['v.id AS id', 'v.customer_id AS "customerId"', 'c.name AS "customerName"', 'ph.normalized AS normalized'])
      .addSelect(['v.arrived_at AS "arrivedAt"', 'v.status AS status', 'v.with_designer_at AS "withDesignerAt"', 'v.left_at AS "leftAt"'])
      .addSelect(['v.party_size AS "partySize"', 'v.intent_level AS "intentLevel"', 'v.source_channel AS "sourceChannel"'])
      .addSelect(['v.community AS community', 'v.house_type AS "houseType"', 'v.area_sqm AS "areaSqm"'])
      .addSelect(['v.budget_min_fen AS "budgetMinFen"', 'v.budget_max_fen AS "budgetMaxFen"', 'v.style AS style', 'v.notes AS notes'])
      .addSelect(['v.outcome AS outcome', 'd.id AS "designerId"', 'd.name AS "designerName"'])
      .addSelect(['s.id AS "receptionistId"', 's.display_name AS "receptionistName"', 'v.collision AS collision'])
  }

  private async one(em: EntityManager, id: number, user: SessionUser): Promise<Visit> {
    const row = await this.query(em).where('v.id = :id', { id }).getRawOne<VisitRaw>()
    if (!row) throw new AppError('NOT_FOUND', '来访记录不存在')
    return this.toVisit(row, user)
  }

  private toVisit(r: VisitRaw, user: SessionUser): Visit {
    return {
      id: r.id,
      customerId: r.customerId,
      customerName: r.customerName,
      phone: phoneForUser(r.normalized, user),
      arrivedAt: toIso(r.arrivedAt),
      status: r.status,
      withDesignerAt: toIsoOrNull(r.withDesignerAt),
      leftAt: toIsoOrNull(r.leftAt),
      partySize: r.partySize,
      intentLevel: r.intentLevel,
      sourceChannel: r.sourceChannel,
      community: r.community,
      houseType: r.houseType,
      areaSqm: r.areaSqm,
      budgetMinFen: r.budgetMinFen === null ? null : Number(r.budgetMinFen),
      budgetMaxFen: r.budgetMaxFen === null ? null : Number(r.budgetMaxFen),
      style: r.style,
      notes: r.notes,
      outcome: r.outcome,
      designer: r.designerId ? { id: r.designerId, name: r.designerName ?? '' } : null,
      receptionist: { id: r.receptionistId, name: r.receptionistName },
      collision: Boolean(r.collision),
    }
  }
}

type VisitTimelineRaw = {
  id: number
  arrivedAt: string | Date
  status: VisitStatus
  intentLevel: IntentLevel
  partySize: number
  notes: string | null
  outcome: string | null
  designerName: string | null
  receptionistName: string
  collision: unknown
}

function timelineQuery(em: EntityManager, customerId: number | string) {
  return em
    .createQueryBuilder()
    .from('visit', 'v')
    .leftJoin('person', 'd', 'd.id = v.designer_id')
    .innerJoin('staff_account', 's', 's.id = v.receptionist_id')
    .select(['v.id AS id', 'v.arrived_at AS "arrivedAt"', 'v.status AS status', 'v.intent_level AS "intentLevel"', 'v.party_size AS "partySize"'])
    .addSelect(['v.notes AS notes', 'v.outcome AS outcome', 'd.name AS "designerName"', 's.display_name AS "receptionistName"', 'v.collision AS collision'])
    .where('v.customer_id = :customerId', { customerId })
    .orderBy('v.arrived_at', 'DESC')
}

function visitEntry(r: VisitTimelineRaw): TimelineEntry {
  return {
    kind: 'visit',
    at: toIso(r.arrivedAt),
    refId: r.id,
    title: `到店来访（${VISIT_STATUS_LABELS[r.status]}）`,
    detail: [
      r.designerName ? `接待设计师：${r.designerName}` : '未指定设计师',
      `意向：${INTENT_LEVEL_LABELS[r.intentLevel]}`,
      `${r.partySize} 人`,
      r.collision ? '撞单' : '',
      r.outcome ? `接待结果：${r.outcome}` : '',
      r.notes ? `备注：${r.notes}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    actor: r.receptionistName,
  }
}
