import type { SessionUser } from '../contract/auth.contract'
import type { GreetingBatch, GreetingRecipient } from '../contract/callbacks.contract'
import { AppError } from '../contract/errors'
import { PROJECT_STATUS_LABELS } from '../contract/projects.contract'
import type { Page } from '../contract/schema-kit'
import { companyDate, shiftDate } from '../contract/time'
import { repo } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { phoneForUser } from './customer-dto'
import type { EventBus } from './event-bus'
import { holidaysOf, type Holiday } from './holiday-calendar'
import { effectiveStatus } from './project-rules'
import type { SettingsService } from './settings.service'
import type { StoredProjectStatus } from '../../database/entities'

// customers with a site started, not cancelled, and still in warranty on the holiday
const AUDIENCE = 'p.start_on <= :on AND (p.cancelled_on IS NULL OR p.cancelled_on > :on) AND (p.warranty_ends_on IS NULL OR p.warranty_ends_on >= :on)'

/**
 * Holiday greetings (节日问候): one batch list per holiday from the `chinese-days` calendar, for
 * every customer with a site under way or in warranty. Recorded once per holiday, never as
 * callbacks: they stay outside the callback completion rate.
 */
export class GreetingsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  async list(input: { year?: number }): Promise<GreetingBatch[]> {
    const { timeZone, greetingHolidays } = this.settings.get()
    const year = input.year ?? Number(companyDate(this.now(), timeZone).slice(0, 4))
    const holidays = holidaysOf(year, greetingHolidays)
    const done = await this.store.read
      .createQueryBuilder()
      .from('greeting', 'g')
      .leftJoin('staff_account', 'a', 'a.id = g.done_by')
      .select(['g.greeting_key AS key', 'g.done_at AS "doneAt"', 'a.id AS "byId"', 'a.display_name AS "byName"', 'g.sent AS sent', 'g.note AS note'])
      .where('g.greeting_key LIKE :year', { year: `${year}-%` })
      .getRawMany<{ key: string; doneAt: string | Date; byId: number; byName: string; sent: unknown; note: string | null }>()
    const doneBy = new Map(done.map((d) => [d.key, d]))
    const audiences = await this.audiences(holidays.map((h) => h.on))
    return holidays.map((h, i) => {
      const key = `${year}-${h.name}`
      const d = doneBy.get(key)
      return {
        key,
        name: h.name,
        holidayOn: h.on,
        dueOn: this.dueOn(h),
        source: h.source,
        audience: audiences[i],
        doneAt: d ? toIsoOrNull(d.doneAt) : null,
        doneBy: d ? { id: toNumber(d.byId), name: d.byName } : null,
        sent: d ? toNumber(d.sent) : null,
        note: d?.note ?? null,
      }
    })
  }

  async recipients(input: { key: string; page: number; pageSize: number }, ctx: CallContext): Promise<Page<GreetingRecipient>> {
    const user = actor(ctx)
    const holiday = this.holiday(input.key)
    const today = companyDate(this.now(), this.settings.get().timeZone)
    const firstSite = this.store.read.createQueryBuilder().from('project', 'p').select('MIN(p.id)', 'id').where(AUDIENCE).groupBy('p.customer_id')
    const qb = this.store.read
      .createQueryBuilder()
      .from('project', 'p')
      .innerJoin('customer', 'c', 'c.id = p.customer_id')
      .leftJoin('customer_phone', 'cp', 'cp.customer_id = p.customer_id AND cp.is_primary = :primary', { primary: true })
      .select(['c.id AS "customerId"', 'c.name AS name', 'cp.normalized AS phone', 'p.id AS "projectId"', 'p.contract_no AS "contractNo"', 'p.status AS status', 'p.warranty_ends_on AS "warrantyEndsOn"'])
      .where(`p.id IN (${firstSite.getQuery()})`, { on: holiday.on })
    const total = await qb.getCount()
    const rows = await qb
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<{ customerId: number; name: string; phone: string | null; projectId: number; contractNo: string; status: StoredProjectStatus; warrantyEndsOn: string | null }>()
    return {
      items: rows.map((r) => ({
        customer: { id: toNumber(r.customerId), name: r.name },
        phone: phoneForUser(r.phone, user),
        project: { id: toNumber(r.projectId), contractNo: r.contractNo, status: PROJECT_STATUS_LABELS[effectiveStatus(r.status, r.warrantyEndsOn, today)] },
      })),
      total,
      page: input.page,
      pageSize: input.pageSize,
    }
  }

  async markDone(input: { key: string; note: string | null }, ctx: CallContext): Promise<GreetingBatch> {
    const user: SessionUser = actor(ctx)
    const holiday = this.holiday(input.key)
    const [sent] = await this.audiences([holiday.on])
    await this.store.write(async (em) => {
      if (await repo(em, 'greeting').existsBy({ greetingKey: input.key })) throw AppError.field('key', `${holiday.name}的问候已经标记完成`)
      await insertRows(em, 'greeting', { greetingKey: input.key, name: holiday.name, holidayOn: holiday.on, doneAt: this.now(), doneBy: user.id, sent, note: input.note })
    })
    this.events.emit({ type: 'dataChanged', area: 'greetings' })
    const batches = await this.list({ year: Number(input.key.slice(0, 4)) })
    return batches.find((b) => b.key === input.key)!
  }

  private dueOn(h: Holiday): string {
    return shiftDate(h.on, -this.settings.get().greetingLeadDays)
  }

  private holiday(key: string): Holiday {
    const match = /^(\d{4})-(.+)$/.exec(key)
    const holiday = match ? holidaysOf(Number(match[1]), this.settings.get().greetingHolidays).find((h) => h.name === match[2]) : undefined
    if (!holiday) throw AppError.field('key', '没有这个节日的问候名单')
    return holiday
  }

  /** How many customers each date's list holds: one pass over the sites for all the dates. */
  private async audiences(dates: string[]): Promise<number[]> {
    if (dates.length === 0) return []
    const qb = this.store.read.createQueryBuilder().from('project', 'p')
    dates.forEach((on, i) => {
      qb.addSelect(`COUNT(DISTINCT CASE WHEN ${AUDIENCE.replaceAll(':on', `:on${i}`)} THEN p.customer_id END)`, `n${i}`).setParameter(`on${i}`, on)
    })
    const row = await qb.getRawOne<Record<string, unknown>>()
    return dates.map((_, i) => toNumber(row?.[`n${i}`] ?? 0))
  }
}
