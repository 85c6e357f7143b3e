import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { MissedItem } from '../contract/calls.contract'
import { AppError } from '../contract/errors'
import { namedUpdate } from '../../database/named-sql'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { keyForUser } from './call-dto'
import type { EventBus } from './event-bus'

/** How long handled items stay in the "已处理" view. */
const HANDLED_VISIBLE_DAYS = 7

/** Marks every open missed call from one number handled; returns how many there were. */
export async function markMissedHandled(em: EntityManager, args: { numberKey: string; by: number | null; at: Date; note: string | null }): Promise<number> {
  // raw: every answered telephony call runs this
  return namedUpdate(
    em,
    "UPDATE call_log SET handled_at = :at, handled_by = :by, handled_note = :note WHERE status = 'missed' AND direction = 'in' AND handled_at IS NULL AND number_key = :key",
    { at: args.at, by: args.by, note: args.note, key: args.numberKey },
  )
}

interface MissedRaw {
  numberKey: string
  count: unknown
  firstAt: string | Date
  lastAt: string | Date
  lastCallId: unknown
  customerId: number | null
  handledAt: string | Date | null
  handledBy: number | null
  handledNote: string | null
}

/** Missed inbound calls to call back: one item per number with how many times it called. */
export class MissedCalls {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  async list(input: { handled: boolean }, ctx: CallContext): Promise<MissedItem[]> {
    return this.query(input.handled, null, actor(ctx))
  }

  private async query(handled: boolean, numberKey: string | null, user: SessionUser): Promise<MissedItem[]> {
    const query = this.store.read
      .createQueryBuilder()
      .from('call_log', 'cl')
      .select(['cl.number_key AS "numberKey"', 'COUNT(*) AS count', 'MIN(cl.started_at) AS "firstAt"', 'MAX(cl.started_at) AS "lastAt"'])
      .addSelect(['MAX(cl.id) AS "lastCallId"', 'MAX(cl.customer_id) AS "customerId"'])
      .where("cl.status = 'missed' AND cl.direction = 'in'")
      .groupBy('cl.number_key')
      .orderBy('"lastAt"', 'DESC')
      .limit(200)
    if (numberKey !== null) query.andWhere('cl.number_key = :numberKey', { numberKey })
    if (handled) {
      const since = new Date(this.now().getTime() - HANDLED_VISIBLE_DAYS * 86_400_000)
      query
        .andWhere('cl.handled_at >= :since', { since })
        .addSelect(['cl.handled_at AS "handledAt"', 'cl.handled_by AS "handledBy"', 'cl.handled_note AS "handledNote"'])
        .addGroupBy('cl.handled_at')
        .addGroupBy('cl.handled_by')
        .addGroupBy('cl.handled_note')
    } else {
      query.andWhere('cl.handled_at IS NULL')
    }
    return this.toItems(await query.getRawMany<MissedRaw>(), user)
  }

  async handle(input: { numberKey: string; note: string | null }, ctx: CallContext): Promise<MissedItem> {
    const user = actor(ctx)
    const at = this.now()
    const [item] = await this.query(false, input.numberKey, user)
    if (!item) throw new AppError('NOT_FOUND', '该号码没有待处理的未接来电', { numberKey: '该号码没有待处理的未接来电' })
    const affected = await this.store.write((em) => markMissedHandled(em, { numberKey: input.numberKey, by: user.id, at, note: input.note }))
    // someone else handled it in between
    if (!affected) throw new AppError('NOT_FOUND', '该号码没有待处理的未接来电', { numberKey: '该号码没有待处理的未接来电' })
    this.events.emit({ type: 'dataChanged', area: 'calls' })
    return { ...item, handledAt: at.toISOString(), handledBy: { id: user.id, name: user.displayName }, handledNote: input.note }
  }

  private async toItems(rows: MissedRaw[], user: SessionUser): Promise<MissedItem[]> {
    const ids = (key: 'customerId' | 'handledBy') => [...new Set(rows.map((r) => r[key]).filter((v): v is number => v !== null && v !== undefined))]
    const [customers, staff] = await Promise.all([this.names('customer', 'name', ids('customerId')), this.names('staff_account', 'display_name', ids('handledBy'))])
    return rows.map((r) => ({
      numberKey: r.numberKey,
      display: keyForUser(r.numberKey, user) || '未显示号码',
      customer: r.customerId ? { id: r.customerId, name: customers.get(r.customerId) ?? '' } : null,
      count: toNumber(r.count),
      firstAt: toIso(r.firstAt),
      lastAt: toIso(r.lastAt),
      lastCallId: toNumber(r.lastCallId),
      handledAt: toIsoOrNull(r.handledAt ?? null),
      handledBy: r.handledBy ? { id: r.handledBy, name: staff.get(r.handledBy) ?? '' } : null,
      handledNote: r.handledNote ?? null,
    }))
  }

  private async names(table: 'customer' | 'staff_account', column: string, ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map()
    const rows = await this.store.read
      .createQueryBuilder()
      .from(table, 't')
      .select(['t.id AS id', `t.${column} AS name`])
      .where('t.id IN (:...ids)', { ids })
      .getRawMany<{ id: number; name: string }>()
    return new Map(rows.map((r) => [r.id, r.name]))
  }
}
