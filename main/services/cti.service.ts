import { randomBytes } from 'node:crypto'
import type { EntityManager } from 'typeorm'
import type { CtiEvent, CtiResult } from '../contract/cti.contract'
import { AppError } from '../contract/errors'
import type { AppEvent } from '../contract/events'
import type { TelephonyConfig } from '../contract/settings.contract'
import { repo, type CallLogRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { namedSql } from '../../database/named-sql'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { CallStatFields } from './summaries'
import type { SummaryTable } from './summary-table'
import { numberFields } from './call-dto'
import { deriveCallTiming, type TimedEvent } from './call-timing'
import type { EventBus } from './event-bus'
import { markMissedHandled } from './missed-calls'
import type { SettingsService } from './settings.service'

const TOKEN_KEY = 'ctiToken'
/** A PBX clock a little ahead is tolerated; an event from further in the future is refused. */
const MAX_CLOCK_AHEAD_MS = 5 * 60_000
/** A PBX may replay what it buffered during an outage, but not last year's calls. */
const MAX_AGE_MS = 30 * 86_400_000

type ExistingCall = Pick<CallLogRow, 'id' | 'direction' | 'rawNumber' | 'normalized' | 'numberKey' | 'customerId' | 'agentId' | 'extension' | 'ringingAt' | 'answeredAt' | 'endedAt'> & CallStatFields

interface Pending {
  events: CtiEvent[]
  receivedAt: Date
  resolve: (results: CtiResult[]) => void
  reject: (error: unknown) => void
}

/**
 * Telephony events (CTI) from a PBX or softphone become the call log. Each request's events are
 * applied together or not at all; requests that arrive while a commit runs are committed in the
 * next transaction together (group commit), so a burst costs one disk sync, not one per event.
 */
export class CtiService {
  private token = ''
  private pending: Pending[] = []
  private flushing = false
  /** set by the listener: where events can currently arrive, null while it is not listening */
  listeningAt: string | null = null

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly now: () => Date,
    private readonly stats: SummaryTable<CallStatFields>,
  ) {}

  /** Every database gets its own random token on first start. */
  async load(): Promise<void> {
    const row = await repo(this.store.read, 'setting').findOneBy({ key: TOKEN_KEY })
    if (row) this.token = JSON.parse(row.value) as string
    else await this.storeToken(randomBytes(24).toString('base64url'), null)
  }

  currentToken(): string {
    return this.token
  }

  config(_input: unknown, ctx: CallContext): Promise<TelephonyConfig> {
    actor(ctx)
    const s = this.settings.get()
    const host = s.ctiBindAddress.includes(':') ? `[${s.ctiBindAddress}]` : s.ctiBindAddress
    const url = this.listeningAt ?? `http://${host}:${s.ctiPort}/cti/events`
    return Promise.resolve({ enabled: s.ctiEnabled, bindAddress: s.ctiBindAddress, port: s.ctiPort, token: this.token, url, listening: this.listeningAt !== null })
  }

  async rotateToken(_input: unknown, ctx: CallContext): Promise<TelephonyConfig> {
    await this.storeToken(randomBytes(24).toString('base64url'), actor(ctx).id)
    return this.config(_input, ctx)
  }

  /** Applies one request's events (already validated); resolves once they are committed. */
  ingest(events: CtiEvent[]): Promise<CtiResult[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ events, receivedAt: this.now(), resolve, reject })
      if (!this.flushing) void this.flush()
    })
  }

  private async flush(): Promise<void> {
    this.flushing = true
    try {
      while (this.pending.length) {
        const batch = this.pending
        this.pending = []
        await this.commit(batch)
      }
    } finally {
      this.flushing = false
    }
  }

  private async commit(batch: Pending[]): Promise<void> {
    const outcomes: ({ ok: true; results: CtiResult[]; pushes: AppEvent[] } | { ok: false; error: unknown })[] = []
    try {
      await this.store.write(async (em) => {
        // alone in its transaction, a request needs no savepoint: its error rolls the whole transaction back
        const isolate = batch.length > 1
        for (const [index, request] of batch.entries()) {
          // a savepoint per request: one request's bad event undoes that request only
          const savepoint = `cti_${index}`
          if (isolate) await em.query(`SAVEPOINT ${savepoint}`)
          const pushes: AppEvent[] = []
          try {
            const results: CtiResult[] = []
            for (const event of request.events) results.push(await this.apply(em, event, request.receivedAt, pushes))
            if (isolate) await em.query(`RELEASE SAVEPOINT ${savepoint}`)
            outcomes.push({ ok: true, results, pushes })
          } catch (error) {
            if (!(error instanceof AppError) || !isolate) throw error
            await em.query(`ROLLBACK TO SAVEPOINT ${savepoint}`)
            await em.query(`RELEASE SAVEPOINT ${savepoint}`)
            outcomes.push({ ok: false, error })
          }
        }
      })
    } catch (error) {
      for (const request of batch) request.reject(error)
      return
    }
    let changed = false
    for (const [index, request] of batch.entries()) {
      const outcome = outcomes[index]
      if (!outcome) continue
      if (!outcome.ok) {
        request.reject(outcome.error)
        continue
      }
      for (const push of outcome.pushes) this.events.emit(push)
      changed ||= outcome.results.some((r) => r.applied)
      request.resolve(outcome.results)
    }
    if (changed) this.events.emit({ type: 'dataChanged', area: 'calls' })
  }

  private async apply(em: EntityManager, event: CtiEvent, receivedAt: Date, pushes: AppEvent[]): Promise<CtiResult> {
    const at = event.at ? new Date(event.at) : receivedAt
    if (at.getTime() - receivedAt.getTime() > MAX_CLOCK_AHEAD_MS) throw new AppError('VALIDATION', `事件时间 at 比当前时间晚超过5分钟：${event.at}`, { at: '事件时间不能在将来' })
    if (receivedAt.getTime() - at.getTime() > MAX_AGE_MS) throw new AppError('VALIDATION', `事件时间 at 早于30天前：${event.at}`, { at: '事件时间过早' })
    const existing = await this.callOf(em, event.callId)
    const party = event.direction === 'out' ? event.callee : event.caller
    if (!existing && event.event !== 'ringing' && party === undefined) {
      throw new AppError('NOT_FOUND', `未知的通话 callId「${event.callId}」：请先发送 ringing，或在事件中带上主叫和被叫号码`, { callId: '未知的通话' })
    }
    // Each kind of event sets its own time on the row and nothing else does: a set time is a replay.
    const seen = existing && { ringing: existing.ringingAt, answered: existing.answeredAt, hangup: existing.endedAt }[event.event]
    if (seen) return { callId: event.callId, applied: false, id: existing.id }
    await namedSql(em, 'INSERT INTO call_event (external_id, event, at, received_at, payload) VALUES (:callId, :event, :at, :receivedAt, :payload)', {
      callId: event.callId,
      event: event.event,
      at,
      receivedAt,
      payload: JSON.stringify(event),
    })
    // Derived from the set of events received (the row keeps each one's time), never from their order.
    const received: TimedEvent[] = [{ event: event.event, at }]
    if (existing?.ringingAt) received.push({ event: 'ringing', at: existing.ringingAt })
    if (existing?.answeredAt) received.push({ event: 'answered', at: existing.answeredAt })
    if (existing?.endedAt) received.push({ event: 'hangup', at: existing.endedAt })
    const direction = existing && event.event !== 'ringing' ? existing.direction : event.direction
    const timing = deriveCallTiming(received, direction, this.settings.get().missedRingSeconds)
    // the extension that answered owns the call; until then, the one that rang
    const outranks = event.event === 'answered' || (event.event === 'ringing' && !existing?.answeredAt)
    const extension = (outranks ? (event.extension ?? existing?.extension) : (existing?.extension ?? event.extension)) ?? null
    const agentId = extension === (existing?.extension ?? null) && existing ? existing.agentId : extension ? await this.agentAt(em, extension) : null
    const now = this.now()

    let id: number
    let numberKey = existing?.numberKey ?? numberFields(party ?? '', this.settings.get().localAreaCode).numberKey
    if (existing) {
      id = existing.id
      const changes: Partial<CallLogRow> = { ...timing, direction, extension, agentId, updatedAt: now }
      // the number may come only with a later event: then the caller is looked up now
      if (!existing.rawNumber && party) {
        const number = numberFields(party, this.settings.get().localAreaCode)
        const owner = existing.customerId === null && number.normalized ? await repo(em, 'customer_phone').findOneBy({ normalized: number.normalized }) : null
        Object.assign(changes, number, owner ? { customerId: owner.customerId } : {})
        numberKey = number.numberKey
      }
      // The version guards what agents type; the PBX owns the timings, so an agent still filling in
      // the form when the caller hangs up saves without a conflict.
      await namedSql(
        em,
        `UPDATE call_log SET status = :status, started_at = :startedAt, ringing_at = :ringingAt, answered_at = :answeredAt, ended_at = :endedAt,
           ring_sec = :ringSec, talk_sec = :talkSec, direction = :direction, extension = :extension, agent_id = :agentId, updated_at = :updatedAt,
           raw_number = :rawNumber, normalized = :normalized, number_key = :numberKey, customer_id = :customerId
         WHERE id = :id`,
        { ...existing, ...changes, id },
      )
      await this.stats.change(em, existing, { ...existing, ...changes })
    } else {
      const number = numberFields(party ?? '', this.settings.get().localAreaCode)
      const owner = number.normalized ? await this.ownerOf(em, number.normalized) : null
      const call = {
        direction,
        ...number,
        customerId: owner?.customerId ?? null,
        agentId,
        extension,
        externalId: event.callId,
        source: 'cti',
        ...timing,
        callType: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      } satisfies Partial<CallLogRow>
      id = await insertRows(em, 'call_log', call)
      await this.stats.change(em, null, call)
    }
    if (timing.status === 'answered' && event.event !== 'ringing') {
      if (numberKey) await markMissedHandled(em, { numberKey, by: agentId, at: now, note: direction === 'out' ? '已回电' : '客户再次来电已接通' })
    }
    const phase = event.event === 'ringing' ? 'ringing' : event.event === 'answered' ? 'answered' : 'ended'
    // a ringing event that arrives after the call was answered or ended must not pop a screen
    const current = phase === 'ringing' ? timing.status === 'ringing' : phase === 'answered' ? timing.status === 'talking' : true
    if (current) pushes.push({ type: 'call', phase, callId: id, staffId: agentId, direction })
    return { callId: event.callId, applied: true, id }
  }

  private async ownerOf(em: EntityManager, normalized: string): Promise<{ customerId: number } | null> {
    const [row] = await namedSql<{ customerId: number }>(em, 'SELECT customer_id AS "customerId" FROM customer_phone WHERE normalized = :normalized', { normalized })
    return row ?? null
  }

  private async agentAt(em: EntityManager, extension: string): Promise<number | null> {
    const [row] = await namedSql<{ id: number }>(em, 'SELECT id FROM staff_account WHERE extension = :extension AND active = :active', { extension, active: true })
    return row?.id ?? null
  }

  /** The call an event belongs to, with what the events decide: raw SQL, this runs for every event. */
  private async callOf(em: EntityManager, externalId: string): Promise<ExistingCall | null> {
    const [row] = await namedSql<Record<keyof ExistingCall, unknown>>(
      em,
      `SELECT id, direction, raw_number AS "rawNumber", normalized, number_key AS "numberKey", customer_id AS "customerId", agent_id AS "agentId",
         extension, ringing_at AS "ringingAt", answered_at AS "answeredAt", ended_at AS "endedAt",
         started_at AS "startedAt", status, call_type AS "callType", talk_sec AS "talkSec", ring_sec AS "ringSec"
       FROM call_log WHERE external_id = :externalId`,
      { externalId },
    )
    if (!row) return null
    const time = (v: unknown): Date | null => (v ? new Date(toIso(v as string | Date)) : null)
    return {
      ...(row as unknown as ExistingCall),
      id: toNumber(row.id),
      agentId: row.agentId === null ? null : toNumber(row.agentId),
      startedAt: time(row.startedAt)!,
      talkSec: row.talkSec === null ? null : toNumber(row.talkSec),
      ringSec: row.ringSec === null ? null : toNumber(row.ringSec),
      ringingAt: time(row.ringingAt),
      answeredAt: time(row.answeredAt),
      endedAt: time(row.endedAt),
    }
  }

  private async storeToken(token: string, by: number | null): Promise<void> {
    await this.store.write((em) => repo(em, 'setting').save({ key: TOKEN_KEY, value: JSON.stringify(token), updatedBy: by }))
    this.token = token
  }
}
