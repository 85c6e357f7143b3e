import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { Permission } from '../contract/roles'
import type { OpenItem, ScreenPop } from '../contract/calls.contract'
import { companyDate, formatInZone } from '../contract/time'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { callListQuery, numberForUser, parseNumber, type CallRaw } from './call-dto'
import { followingOf } from './customer-dto'
import { listItem, type ListRow } from './customer-search'
import type { CustomersService } from './customers.service'
import { describePhone } from './phone-info'
import type { SettingsService } from './settings.service'
import { callEntry } from './calls.service'

type CustomerRaw = ListRow & {
  followingSince: string | Date | null
  region: string | null
  carrier: string | null
  visitCount: unknown
  callCount: unknown
  ownerId: number | null
  ownerName: string | null
}
type MissedRaw = { count: unknown; lastAt: string | Date | null; lastCallId: unknown }
type FollowUpRaw = { id: number; dueOn: string; note: string | null; agentName: string }
type AppointmentRaw = { id: number; scheduledAt: string | Date; address: string | null; designerName: string }

/** Something else still open for a customer (tickets, callbacks): areas register their own. */
export interface OpenItemSource {
  permission: Permission
  items(em: EntityManager, customerId: number, now: Date): Promise<OpenItem[]>
}

/**
 * Who is calling, in one answer: the customer card, the last interactions across every area and
 * what is still open for this caller. Every query is prepared once: it runs on every ring.
 */
export class ScreenPopService {
  private readonly openItemSources: OpenItemSource[] = []

  addOpenItemSource(source: OpenItemSource): void {
    this.openItemSources.push(source)
  }

  private readonly customerQuery = new PreparedQuery<{ normalized: string }>((em, p) =>
    em
      .createQueryBuilder()
      .from('customer_phone', 'ph')
      .innerJoin('customer', 'c', 'c.id = ph.customer_id')
      .leftJoin('customer_phone', 'pp', 'pp.customer_id = c.id AND pp.is_primary = :primary', { primary: true })
      .leftJoin('person', 'd', 'd.id = c.following_designer_id')
      .leftJoin('staff_account', 'o', 'o.id = c.owner_agent_id')
      .select(['c.id AS id', 'c.name AS name', 'pp.normalized AS normalized', 'c.community AS community', 'c.grade AS grade'])
      .addSelect(['c.source_channel AS "sourceChannel"', 'd.id AS "designerId"', 'd.name AS "designerName"', 'c.following_since AS "followingSince"'])
      .addSelect(['c.last_contact_at AS "lastContactAt"', 'c.created_at AS "createdAt"', 'ph.region AS region', 'ph.carrier AS carrier'])
      .addSelect(['o.id AS "ownerId"', 'o.display_name AS "ownerName"'])
      .addSelect('(SELECT COUNT(*) FROM visit v WHERE v.customer_id = c.id)', 'visitCount')
      .addSelect('(SELECT COUNT(*) FROM call_log cl WHERE cl.customer_id = c.id)', 'callCount')
      .where('ph.normalized = :normalized', { normalized: p.normalized }),
  )

  private readonly missedQuery = new PreparedQuery<{ numberKey: string }>((em, p) =>
    em
      .createQueryBuilder()
      .from('call_log', 'cl')
      .select(['COUNT(*) AS count', 'MAX(cl.started_at) AS "lastAt"', 'MAX(cl.id) AS "lastCallId"'])
      .where("cl.status = 'missed' AND cl.direction = 'in' AND cl.handled_at IS NULL AND cl.number_key = :numberKey", { numberKey: p.numberKey }),
  )

  private readonly callsByNumberQuery = new PreparedQuery<{ numberKey: string }>((em, p) =>
    callListQuery(em).where('cl.number_key = :numberKey', { numberKey: p.numberKey }).orderBy('cl.started_at', 'DESC').limit(5),
  )

  private readonly followUpsQuery = new PreparedQuery<{ customerId: number; numberKey: string }>((em, p) =>
    em
      .createQueryBuilder()
      .from('follow_up', 'f')
      .innerJoin('staff_account', 'a', 'a.id = f.agent_id')
      .select(['f.id AS id', 'f.due_on AS "dueOn"', 'f.note AS note', 'a.display_name AS "agentName"'])
      .where("f.status = 'open' AND (f.customer_id = :customerId OR f.number_key = :numberKey)", { customerId: p.customerId, numberKey: p.numberKey })
      .orderBy('f.due_on', 'ASC')
      .limit(10),
  )

  private readonly appointmentsQuery = new PreparedQuery<{ customerId: number; since: Date }>((em, p) =>
    em
      .createQueryBuilder()
      .from('measure_appointment', 'm')
      .innerJoin('person', 'd', 'd.id = m.designer_id')
      .select(['m.id AS id', 'm.scheduled_at AS "scheduledAt"', 'm.address AS address', 'd.name AS "designerName"'])
      .where("m.customer_id = :customerId AND m.status = 'scheduled' AND m.scheduled_at >= :since", { customerId: p.customerId, since: p.since })
      .orderBy('m.scheduled_at', 'ASC')
      .limit(5),
  )

  constructor(
    private readonly store: Store,
    private readonly customers: CustomersService,
    private readonly settings: SettingsService,
    private readonly now: () => Date,
  ) {}

  async pop(input: { phone: string }, ctx: CallContext): Promise<ScreenPop> {
    const user = actor(ctx)
    const settings = this.settings.get()
    const { fields: number, kind } = parseNumber(input.phone, settings.localAreaCode)
    const em = this.store.read
    const [customerRows, missedRows] = await Promise.all([
      number.normalized ? this.customerQuery.run<CustomerRaw>(em, { normalized: number.normalized }) : [],
      number.numberKey ? this.missedQuery.run<MissedRaw>(em, { numberKey: number.numberKey }) : [],
    ])
    const row = customerRows[0]
    const now = this.now()
    const [recent, followUps, appointments, others] = await Promise.all([
      row ? this.customers.recentInteractions(em, row.id, user) : number.numberKey ? this.callsByNumber(number.numberKey) : [],
      row || number.numberKey ? this.followUpsQuery.run<FollowUpRaw>(em, { customerId: row?.id ?? 0, numberKey: number.numberKey || '\u0000' }) : [],
      // a measuring appointment stays open until the day after it
      row ? this.appointmentsQuery.run<AppointmentRaw>(em, { customerId: row.id, since: new Date(now.getTime() - 86_400_000) }) : [],
      row ? Promise.all(this.openItemSources.filter((s) => user.permissions.includes(s.permission)).map((s) => s.items(em, row.id, now))) : [],
    ])
    const info = row ? { region: row.region, carrier: row.carrier } : number.normalized ? describePhone(number.normalized) : { region: null, carrier: null }
    return {
      raw: number.rawNumber,
      normalized: number.normalized,
      display: numberForUser(number.normalized, number.numberKey, user),
      kind,
      region: info.region,
      carrier: info.carrier,
      customer: row ? this.customerCard(row, user) : null,
      following: row && row.designerId ? followingOf({ id: row.designerId, name: row.designerName ?? '' }, row.followingSince, settings.designerProtectionDays, now) : null,
      recent,
      openItems: [...this.openFollowUps(followUps, now), ...this.openMissed(missedRows[0]), ...this.openAppointments(appointments, now), ...others.flat()],
    }
  }

  private async callsByNumber(numberKey: string) {
    return (await this.callsByNumberQuery.run<CallRaw>(this.store.read, { numberKey })).map(callEntry)
  }

  private customerCard(row: CustomerRaw, user: SessionUser): NonNullable<ScreenPop['customer']> {
    return {
      ...listItem(row, user),
      visitCount: toNumber(row.visitCount),
      callCount: toNumber(row.callCount),
      ownerAgent: row.ownerId ? { id: row.ownerId, name: row.ownerName ?? '' } : null,
    }
  }

  private openFollowUps(rows: FollowUpRaw[], now: Date): OpenItem[] {
    if (!rows.length) return []
    const today = companyDate(now, this.settings.get().timeZone)
    return rows.map((r) => ({
      kind: 'followUp',
      refId: r.id,
      title: `待跟进（${r.agentName}）`,
      detail: r.note ?? '',
      at: r.dueOn,
      overdue: r.dueOn < today,
    }))
  }

  private openMissed(row: MissedRaw | undefined): OpenItem[] {
    const count = toNumber(row?.count)
    if (!row || !count || !row.lastAt) return []
    return [{ kind: 'missedCall', refId: toNumber(row.lastCallId), title: `未接来电 ${count} 次`, detail: '尚未回电', at: toIso(row.lastAt), overdue: true }]
  }

  private openAppointments(rows: AppointmentRaw[], now: Date): OpenItem[] {
    const { timeZone } = this.settings.get()
    return rows.map((r) => ({
      kind: 'appointment',
      refId: r.id,
      title: `预约量房 ${formatInZone(r.scheduledAt instanceof Date ? r.scheduledAt : toIso(r.scheduledAt), timeZone)}`,
      detail: [`设计师：${r.designerName}`, r.address ?? ''].filter(Boolean).join(' · '),
      at: toIso(r.scheduledAt),
      overdue: new Date(toIso(r.scheduledAt)) < now,
    }))
  }
}
