import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { CustomerDetail, CustomerListItem, Page, PersonRef, PhoneLookup, ProfileInput, TimelineEntry } from '../contract/customers.contract'
import { AppError } from '../contract/errors'
import type { Permission } from '../contract/roles'
import { formatPhone, maskPhone, normalizePhone, type NormalizedPhone } from '../contract/phone'
import { repo, type CustomerRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { canSeePhones, customerDetail, followingOf } from './customer-dto'
import { listItem, reverseDigits, searchCustomers, type CustomerSearchInput, type ListRow } from './customer-search'
import type { EventBus } from './event-bus'
import { nameKeys } from './name-keys'
import { describePhone, type PhoneInfo } from './phone-info'
import type { SettingsService } from './settings.service'

/** Each area that joins the customer timeline registers one of these (visits, calls; tickets later). */
export interface TimelineSource {
  /** the permission a user needs to see these entries (保密制度: reception does not read call summaries) */
  permission?: Permission
  all(em: EntityManager, customerId: number, user: SessionUser): Promise<TimelineEntry[]>
  /** the newest few, newest first: the screen pop asks on every call, so keep it to one prepared query */
  recent(em: EntityManager, customerId: number, user: SessionUser): Promise<TimelineEntry[]>
}

const byTimeDesc = (a: TimelineEntry, b: TimelineEntry): number => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)

export interface CheckedPhone extends NormalizedPhone, PhoneInfo {
  raw: string
}

type LookupRow = ListRow & { followingSince: string | Date | null; region: string | null; carrier: string | null; visitCount: unknown }
type RecentVisitRow = { id: number; arrivedAt: string | Date; status: string; designerId: number | null; designerName: string | null }

export class CustomersService {
  private readonly timelineSources: TimelineSource[] = []

  /** The screen pop's two queries, built once (see PreparedQuery). */
  private readonly lookupQuery = new PreparedQuery<{ normalized: string }>((em, p) =>
    em
      .createQueryBuilder()
      .from('customer_phone', 'ph')
      .innerJoin('customer', 'c', 'c.id = ph.customer_id')
      .leftJoin('customer_phone', 'pp', 'pp.customer_id = c.id AND pp.is_primary = :primary', { primary: true })
      .leftJoin('person', 'd', 'd.id = c.following_designer_id')
      .select(['c.id AS id', 'c.name AS name', 'pp.normalized AS normalized', 'c.community AS community', 'c.grade AS grade'])
      .addSelect(['c.source_channel AS "sourceChannel"', 'd.id AS "designerId"', 'd.name AS "designerName"', 'c.following_since AS "followingSince"'])
      .addSelect(['c.last_contact_at AS "lastContactAt"', 'c.created_at AS "createdAt"', 'ph.region AS region', 'ph.carrier AS carrier'])
      .addSelect('(SELECT COUNT(*) FROM visit v WHERE v.customer_id = c.id)', 'visitCount')
      .where('ph.normalized = :normalized', { normalized: p.normalized }),
  )

  private readonly recentVisitsQuery = new PreparedQuery<{ normalized: string }>((em, p) =>
    em
      .createQueryBuilder()
      .from('visit', 'v')
      .leftJoin('person', 'd', 'd.id = v.designer_id')
      .select(['v.id AS id', 'v.arrived_at AS "arrivedAt"', 'v.status AS status', 'd.id AS "designerId"', 'd.name AS "designerName"'])
      .where('v.customer_id = (SELECT customer_id FROM customer_phone WHERE normalized = :normalized)', { normalized: p.normalized })
      .orderBy('v.arrived_at', 'DESC')
      .limit(5),
  )

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  addTimelineSource(source: TimelineSource): void {
    this.timelineSources.push(source)
  }

  private sourcesFor(user: SessionUser): TimelineSource[] {
    return this.timelineSources.filter((source) => !source.permission || user.permissions.includes(source.permission))
  }

  /** Normalises a typed number with the company's area code and looks up its region; outside any transaction. */
  async checkPhone(raw: string, field = 'phone'): Promise<CheckedPhone> {
    const normalized = normalizePhone(raw, this.settings.get().localAreaCode)
    if (!normalized) throw AppError.field(field, `电话「${raw}」不是有效的号码`)
    return { ...normalized, ...describePhone(normalized.normalized), raw }
  }

  /** Values of select fields must come from the lists in settings. */
  checkProfile(profile: Partial<ProfileInput>): void {
    const s = this.settings.get()
    const lists: [keyof ProfileInput, string[], string][] = [
      ['sourceChannel', s.sourceChannels, '来源渠道'],
      ['style', s.styles, '装修风格'],
      ['houseType', s.houseTypes, '房型'],
    ]
    for (const [field, allowed, label] of lists) {
      const value = profile[field]
      if (typeof value === 'string' && !allowed.includes(value)) throw AppError.field(field, `${label}「${value}」不在设置的选项中`)
    }
    if (profile.budgetMinFen != null && profile.budgetMaxFen != null && profile.budgetMaxFen < profile.budgetMinFen) {
      throw AppError.field('budgetMaxFen', '预算上限不能小于预算下限')
    }
  }

  async lookupByPhone(input: { phone: string }, ctx: CallContext): Promise<PhoneLookup> {
    const user = actor(ctx)
    const settings = this.settings.get()
    const parsed = normalizePhone(input.phone, settings.localAreaCode)
    const empty: PhoneLookup = { normalized: null, display: null, kind: null, region: null, carrier: null, customer: null, recentVisits: [], following: null }
    if (!parsed) return empty
    const em = this.store.read
    // Both queries go out at once: the visits are found through the number, not the customer id.
    const [[row], recent] = await Promise.all([
      this.lookupQuery.run<LookupRow>(em, { normalized: parsed.normalized }),
      this.recentVisitsQuery.run<RecentVisitRow>(em, { normalized: parsed.normalized }),
    ])
    const display = canSeePhones(user) ? formatPhone(parsed.normalized) : maskPhone(parsed.normalized)
    if (!row) {
      const info = describePhone(parsed.normalized)
      return { ...empty, normalized: parsed.normalized, display, kind: parsed.kind, ...info }
    }
    const designer = row.designerId ? { id: row.designerId, name: row.designerName ?? '' } : null
    return {
      normalized: parsed.normalized,
      display,
      kind: parsed.kind,
      region: row.region,
      carrier: row.carrier,
      customer: { ...listItem(row, user), visitCount: Number(row.visitCount) },
      recentVisits: recent.map((v) => ({
        id: v.id,
        arrivedAt: toIso(v.arrivedAt),
        status: v.status,
        designer: v.designerId ? { id: v.designerId, name: v.designerName ?? '' } : null,
      })),
      following: followingOf(designer, row.followingSince, settings.designerProtectionDays, this.now()),
    }
  }

  async search(input: CustomerSearchInput, ctx: CallContext): Promise<Page<CustomerListItem>> {
    const { localAreaCode, timeZone } = this.settings.get()
    return searchCustomers(this.store.read, input, { user: actor(ctx), localAreaCode, timeZone })
  }

  async get(input: { id: number }, ctx: CallContext): Promise<CustomerDetail> {
    return this.detail(this.store.read, input.id, actor(ctx))
  }

  async timeline(input: { id: number }, ctx: CallContext): Promise<TimelineEntry[]> {
    const user = actor(ctx)
    const em = this.store.read
    if (!(await repo(em, 'customer').existsBy({ id: input.id }))) throw new AppError('NOT_FOUND', '客户不存在')
    const entries = (await Promise.all(this.sourcesFor(user).map((source) => source.all(em, input.id, user)))).flat()
    return entries.sort(byTimeDesc)
  }

  /** The last interactions across every area this user may see, newest first. */
  async recentInteractions(em: EntityManager, customerId: number, user: SessionUser, limit = 5): Promise<TimelineEntry[]> {
    const entries = (await Promise.all(this.sourcesFor(user).map((source) => source.recent(em, customerId, user)))).flat()
    return entries.sort(byTimeDesc).slice(0, limit)
  }

  async create(input: { name: string; phone: string; grade: string | null } & ProfileInput, ctx: CallContext): Promise<CustomerDetail> {
    const user = actor(ctx)
    this.checkProfile(input)
    this.checkGrade(input.grade)
    const phone = await this.checkPhone(input.phone)
    const { phone: _typed, ...fields } = input
    const id = await this.store.write(async (em) => {
      await this.assertPhoneFree(em, phone.normalized)
      const customer = await this.insertCustomer(em, { ...fields, ownerAgentId: user.role === 'agent' ? user.id : null, createdBy: user.id })
      await this.insertPhone(em, customer.id, phone, true)
      return customer.id
    })
    this.events.emit({ type: 'dataChanged', area: 'customers', id })
    return this.detail(this.store.read, id, user)
  }

  async update(
    input: { id: number; version: number; name?: string; grade?: string | null; tags?: string[]; referrerId?: number | null } & Partial<ProfileInput>,
    ctx: CallContext,
  ): Promise<CustomerDetail> {
    const user = actor(ctx)
    this.checkProfile(input)
    if (input.grade !== undefined) this.checkGrade(input.grade)
    const { id, version, tags, name, ...rest } = input
    if (input.referrerId === id) throw AppError.field('referrerId', '介绍人不能是客户本人')
    await this.store.write(async (em) => {
      if (!(await repo(em, 'customer').existsBy({ id }))) throw new AppError('NOT_FOUND', '客户不存在')
      if (input.referrerId && !(await repo(em, 'customer').existsBy({ id: input.referrerId }))) throw AppError.field('referrerId', '介绍人不存在')
      const changes: Record<string, unknown> = { ...rest }
      if (tags !== undefined) changes.tags = JSON.stringify([...new Set(tags)])
      if (name !== undefined) Object.assign(changes, { name, namePinyin: nameKeys(name).pinyin, nameInitials: nameKeys(name).initials })
      const result = await em
        .createQueryBuilder()
        .update('customer')
        .set({ ...changes, updatedAt: this.now(), version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version })
        .execute()
      if (!result.affected) throw new AppError('CONFLICT', '该客户资料已被他人修改，请刷新后再保存')
      if (rest.community) await this.rememberCommunity(em, rest.community)
    })
    this.events.emit({ type: 'dataChanged', area: 'customers', id })
    return this.detail(this.store.read, id, user)
  }

  async addPhone(input: { customerId: number; phone: string }, ctx: CallContext): Promise<CustomerDetail> {
    const phone = await this.checkPhone(input.phone)
    await this.store.write(async (em) => {
      await this.requireCustomer(em, input.customerId)
      await this.assertPhoneFree(em, phone.normalized)
      const hasPrimary = await repo(em, 'customer_phone').existsBy({ customerId: input.customerId, isPrimary: true })
      await this.insertPhone(em, input.customerId, phone, !hasPrimary)
    })
    return this.changed(input.customerId, ctx)
  }

  async removePhone(input: { customerId: number; phoneId: number }, ctx: CallContext): Promise<CustomerDetail> {
    await this.store.write(async (em) => {
      const phones = repo(em, 'customer_phone')
      const target = await phones.findOneBy({ id: input.phoneId, customerId: input.customerId })
      if (!target) throw new AppError('NOT_FOUND', '该电话不属于此客户', { phoneId: '该电话不属于此客户' })
      const others = await phones.find({ where: { customerId: input.customerId }, order: { id: 'ASC' } })
      if (others.length <= 1) throw AppError.field('phoneId', '客户至少要保留一个电话')
      await phones.delete({ id: target.id })
      if (target.isPrimary) {
        const next = others.find((p) => p.id !== target.id)
        if (next) await phones.update({ id: next.id }, { isPrimary: true })
      }
    })
    return this.changed(input.customerId, ctx)
  }

  async setPrimaryPhone(input: { customerId: number; phoneId: number }, ctx: CallContext): Promise<CustomerDetail> {
    await this.store.write(async (em) => {
      const phones = repo(em, 'customer_phone')
      if (!(await phones.existsBy({ id: input.phoneId, customerId: input.customerId }))) {
        throw new AppError('NOT_FOUND', '该电话不属于此客户', { phoneId: '该电话不属于此客户' })
      }
      await phones.update({ customerId: input.customerId }, { isPrimary: false })
      await phones.update({ id: input.phoneId }, { isPrimary: true })
    })
    return this.changed(input.customerId, ctx)
  }

  // ---- used inside other services' write transactions ----

  async insertCustomer(
    em: EntityManager,
    fields: { name: string; grade?: string | null; ownerAgentId?: number | null; createdBy: number | null } & ProfileInput,
  ): Promise<CustomerRow> {
    const keys = nameKeys(fields.name)
    const now = this.now()
    const row: Omit<CustomerRow, 'id'> = {
      ...fields,
      grade: fields.grade ?? null,
      namePinyin: keys.pinyin,
      nameInitials: keys.initials,
      tags: '[]',
      ownerAgentId: fields.ownerAgentId ?? null,
      followingDesignerId: null,
      followingSince: null,
      lastContactAt: null,
      referrerId: null,
      completedOn: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }
    const id = await insertRows(em, 'customer', row)
    if (fields.community) await this.rememberCommunity(em, fields.community)
    return { id, ...row }
  }

  async insertPhone(em: EntityManager, customerId: number, phone: CheckedPhone, isPrimary: boolean): Promise<void> {
    await insertRows(em, 'customer_phone', {
      customerId,
      normalized: phone.normalized,
      reversed: reverseDigits(phone.normalized),
      raw: phone.raw.slice(0, 30),
      kind: phone.kind,
      region: phone.region,
      carrier: phone.carrier,
      isPrimary,
      createdAt: this.now(),
    })
  }

  async rememberCommunity(em: EntityManager, name: string): Promise<void> {
    await em.createQueryBuilder().insert().into('community').values({ name }).orIgnore().execute()
  }

  async detail(em: EntityManager, id: number, user: SessionUser): Promise<CustomerDetail> {
    const row = await repo(em, 'customer').findOneBy({ id })
    if (!row) throw new AppError('NOT_FOUND', '客户不存在', { id: '客户不存在' })
    const [phones, designer, agent, referrer] = await Promise.all([
      repo(em, 'customer_phone').findBy({ customerId: id }),
      row.followingDesignerId ? repo(em, 'person').findOneBy({ id: row.followingDesignerId }) : null,
      row.ownerAgentId ? repo(em, 'staff_account').findOneBy({ id: row.ownerAgentId }) : null,
      row.referrerId ? repo(em, 'customer').findOneBy({ id: row.referrerId }) : null,
    ])
    const ref = (r: { id: number; name: string } | null): PersonRef | null => (r ? { id: r.id, name: r.name } : null)
    return customerDetail({
      row,
      phones,
      designer: ref(designer),
      ownerAgent: agent ? { id: agent.id, name: agent.displayName } : null,
      referrer: ref(referrer),
      user,
      protectionDays: this.settings.get().designerProtectionDays,
      now: this.now(),
    })
  }

  private checkGrade(grade: string | null | undefined): void {
    if (grade && !this.settings.get().customerGrades.includes(grade)) throw AppError.field('grade', `客户分类「${grade}」不在设置的选项中`)
  }

  private async assertPhoneFree(em: EntityManager, normalized: string): Promise<void> {
    const owner = await em
      .createQueryBuilder()
      .from('customer_phone', 'ph')
      .innerJoin('customer', 'c', 'c.id = ph.customer_id')
      .select(['c.id AS id', 'c.name AS name'])
      .where('ph.normalized = :normalized', { normalized })
      .getRawOne<{ id: number; name: string }>()
    if (owner) throw new AppError('CONFLICT', `该号码已登记在客户「${owner.name}」名下`, { phone: `该号码已登记在客户「${owner.name}」名下` })
  }

  private async requireCustomer(em: EntityManager, id: number): Promise<void> {
    if (!(await repo(em, 'customer').existsBy({ id }))) throw new AppError('NOT_FOUND', '客户不存在', { customerId: '客户不存在' })
  }

  private async changed(customerId: number, ctx: CallContext): Promise<CustomerDetail> {
    this.events.emit({ type: 'dataChanged', area: 'customers', id: customerId })
    return this.detail(this.store.read, customerId, actor(ctx))
  }
}
