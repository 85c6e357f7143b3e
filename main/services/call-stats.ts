import type { EntityManager } from 'typeorm'
import { repo, type CallLogRow } from '../../database/entities'
import { namedSql } from '../../database/named-sql'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { companyHour } from '../contract/time'

/** What of a call the summary counts. */
export type CallStatFields = Pick<CallLogRow, 'startedAt' | 'agentId' | 'direction' | 'status' | 'callType' | 'talkSec' | 'ringSec'>

interface Slot {
  statDate: string
  statHour: number
  agentId: number
  direction: string
  status: string
  callType: string
}

const SUMMARY = 'call_stat'
const REBUILD_CHUNK = 50_000
const INSERT_CHUNK = 500

/**
 * Keeps `call_stat` exact: every call write moves the call's contribution from the slot it was
 * in to the slot it is in, inside the same transaction, so a rollback takes both back. The
 * dashboard and the reports read the summary (a month is a few thousand rows instead of every
 * call); `rebuild` recomputes it from `call_log` after a bulk load or a time-zone change.
 */
export class CallStats {
  constructor(
    private readonly store: Store,
    private readonly timeZone: () => string,
    private readonly now: () => Date,
  ) {}

  /** Call inside the write that changes the call: `before` null for a new call. */
  async change(em: EntityManager, before: CallStatFields | null, after: CallStatFields | null): Promise<void> {
    const tz = this.timeZone()
    const from = before ? slotOf(before, tz) : null
    const to = after ? slotOf(after, tz) : null
    if (from && to && sameSlot(from, to) && (before!.talkSec ?? 0) === (after!.talkSec ?? 0) && (before!.ringSec ?? 0) === (after!.ringSec ?? 0)) return
    if (from) await this.add(em, from, -1, -(before!.talkSec ?? 0), -(before!.ringSec ?? 0))
    if (to) await this.add(em, to, 1, after!.talkSec ?? 0, after!.ringSec ?? 0)
  }

  private async add(em: EntityManager, slot: Slot, calls: number, talkSec: number, ringSec: number): Promise<void> {
    await namedSql(
      em,
      `INSERT INTO call_stat (stat_date, stat_hour, agent_id, direction, status, call_type, calls, talk_sec, ring_sec)
       VALUES (:statDate, :statHour, :agentId, :direction, :status, :callType, :calls, :talkSec, :ringSec)
       ON CONFLICT (stat_date, stat_hour, agent_id, direction, status, call_type)
       DO UPDATE SET calls = call_stat.calls + excluded.calls, talk_sec = call_stat.talk_sec + excluded.talk_sec, ring_sec = call_stat.ring_sec + excluded.ring_sec`,
      { ...slot, calls, talkSec, ringSec },
    )
    // an emptied slot goes, so the summary equals a fresh rebuild row for row
    if (calls < 0) {
      await namedSql(
        em,
        `DELETE FROM call_stat WHERE stat_date = :statDate AND stat_hour = :statHour AND agent_id = :agentId AND direction = :direction
           AND status = :status AND call_type = :callType AND calls = 0`,
        { ...slot },
      )
    }
  }

  /** Rebuilds the summary when it was never built or was built in another time zone; true when it did. */
  async ensureBuilt(): Promise<boolean> {
    const built = await repo(this.store.read, 'summary_build').findOneBy({ name: SUMMARY })
    if (built?.timeZone === this.timeZone()) return false
    await this.rebuild()
    return true
  }

  /** Recomputes the whole summary from `call_log` in one write; answers the calls and slots counted. */
  async rebuild(): Promise<{ calls: number; slots: number }> {
    return this.store.write((em) => this.rebuildIn(em))
  }

  /** The same inside a write already open (a time-zone change rebuilds in the settings write). */
  async rebuildIn(em: EntityManager, timeZone = this.timeZone()): Promise<{ calls: number; slots: number }> {
    await namedSql(em, 'DELETE FROM call_stat', {})
    const totals = new Map<string, Slot & { calls: number; talkSec: number; ringSec: number }>()
    let calls = 0
    for (let afterId = 0; ; ) {
      const rows = await namedSql<{ id: unknown; startedAt: string | Date; agentId: unknown; direction: string; status: string; callType: string | null; talkSec: unknown; ringSec: unknown }>(
        em,
        `SELECT id, started_at AS "startedAt", agent_id AS "agentId", direction, status, call_type AS "callType", talk_sec AS "talkSec", ring_sec AS "ringSec"
           FROM call_log WHERE id > :afterId ORDER BY id LIMIT :limit`,
        { afterId, limit: REBUILD_CHUNK },
      )
      if (rows.length === 0) break
      for (const r of rows) {
        const agentId = r.agentId === null ? null : toNumber(r.agentId)
        const slot = slotOf({ startedAt: new Date(toIso(r.startedAt)), agentId, direction: r.direction as CallLogRow['direction'], status: r.status as CallLogRow['status'], callType: r.callType as CallLogRow['callType'] }, timeZone)
        const key = slotKey(slot)
        let total = totals.get(key)
        if (!total) totals.set(key, (total = { ...slot, calls: 0, talkSec: 0, ringSec: 0 }))
        total.calls++
        total.talkSec += toNumber(r.talkSec)
        total.ringSec += toNumber(r.ringSec)
      }
      calls += rows.length
      afterId = toNumber(rows[rows.length - 1].id)
    }
    const all = [...totals.values()]
    for (let i = 0; i < all.length; i += INSERT_CHUNK) {
      await em.createQueryBuilder().insert().into('call_stat').values(all.slice(i, i + INSERT_CHUNK)).updateEntity(false).execute()
    }
    await repo(em, 'summary_build').save({ name: SUMMARY, timeZone, builtAt: this.now() })
    return { calls, slots: all.length }
  }
}

function slotOf(call: Pick<CallStatFields, 'startedAt' | 'agentId' | 'direction' | 'status' | 'callType'>, timeZone: string): Slot {
  const { date, hour } = companyHour(call.startedAt, timeZone)
  return { statDate: date, statHour: hour, agentId: call.agentId ?? 0, direction: call.direction, status: call.status, callType: call.callType ?? '' }
}

function slotKey(s: Slot): string {
  return `${s.statDate}|${s.statHour}|${s.agentId}|${s.direction}|${s.status}|${s.callType}`
}

function sameSlot(a: Slot, b: Slot): boolean {
  return slotKey(a) === slotKey(b)
}
