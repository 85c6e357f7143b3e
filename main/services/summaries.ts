import type { EntityManager } from 'typeorm'
import { repo, type CallbackRow, type CallLogRow, type TicketRow } from '../../database/entities'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { companyDate, companyHour } from '../contract/time'
import { SummaryTable, type SummaryDef } from './summary-table'

/** What of a call the summary counts. */
export type CallStatFields = Pick<CallLogRow, 'startedAt' | 'agentId' | 'direction' | 'status' | 'callType' | 'talkSec' | 'ringSec'>
/** What of a ticket: its resolution and whether both deadlines were met. */
export type TicketStatFields = Pick<TicketRow, 'kind' | 'personId' | 'resolvedAt' | 'resolutionDueAt' | 'respondedAt' | 'responseDueAt'>
/** What of a callback: the verdict of a done one. */
export type CallbackStatFields = Pick<CallbackRow, 'status' | 'kind' | 'doneAt' | 'doneBy' | 'result' | 'scoreDesign' | 'scoreQuality' | 'scoreTidiness' | 'scoreService' | 'scoreSchedule'>

const time = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(toIso(v as string | Date)))
const intOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : toNumber(v))

/** Calls per company date, hour, agent (0: none), direction, status and type ('' : not typed). */
const CALL_STAT: SummaryDef<CallStatFields> = {
  table: 'call_stat',
  keys: ['stat_date', 'stat_hour', 'agent_id', 'direction', 'status', 'call_type'],
  measures: ['calls', 'talk_sec', 'ring_sec'],
  share(c, tz) {
    const { date, hour } = companyHour(c.startedAt, tz)
    return {
      key: { stat_date: date, stat_hour: hour, agent_id: c.agentId ?? 0, direction: c.direction, status: c.status, call_type: c.callType ?? '' },
      values: { calls: 1, talk_sec: c.talkSec ?? 0, ring_sec: c.ringSec ?? 0 },
    }
  },
  sourceSql: `SELECT id, started_at AS "startedAt", agent_id AS "agentId", direction, status, call_type AS "callType", talk_sec AS "talkSec", ring_sec AS "ringSec"
                FROM call_log WHERE id > :afterId ORDER BY id LIMIT :limit`,
  fromRaw: (r) => ({ ...(r as unknown as CallStatFields), startedAt: time(r.startedAt)!, agentId: intOrNull(r.agentId), talkSec: intOrNull(r.talkSec), ringSec: intOrNull(r.ringSec) }),
}

/** Tickets resolved per company date, kind and responsible person (0: none), on time or not. */
const TICKET_STAT: SummaryDef<TicketStatFields> = {
  table: 'ticket_stat',
  keys: ['stat_date', 'kind', 'person_id'],
  measures: ['resolved', 'on_time'],
  share(t, tz) {
    if (!t.resolvedAt) return null
    const onTime = t.resolvedAt.getTime() <= t.resolutionDueAt.getTime() && (t.respondedAt ?? t.resolvedAt).getTime() <= t.responseDueAt.getTime()
    return { key: { stat_date: companyDate(t.resolvedAt, tz), kind: t.kind, person_id: t.personId ?? 0 }, values: { resolved: 1, on_time: onTime ? 1 : 0 } }
  },
  sourceSql: `SELECT id, kind, person_id AS "personId", resolved_at AS "resolvedAt", resolution_due_at AS "resolutionDueAt", responded_at AS "respondedAt", response_due_at AS "responseDueAt"
                FROM ticket WHERE id > :afterId ORDER BY id LIMIT :limit`,
  fromRaw: (r) => ({
    kind: r.kind as TicketRow['kind'],
    personId: intOrNull(r.personId),
    resolvedAt: time(r.resolvedAt),
    resolutionDueAt: time(r.resolutionDueAt)!,
    respondedAt: time(r.respondedAt),
    responseDueAt: time(r.responseDueAt)!,
  }),
}

const SCORES = ['scoreDesign', 'scoreQuality', 'scoreTidiness', 'scoreService', 'scoreSchedule'] as const

/** Callbacks done per company date, agent who did them, kind and verdict, with their 1–5 scores. */
const CALLBACK_STAT: SummaryDef<CallbackStatFields> = {
  table: 'callback_stat',
  keys: ['stat_date', 'agent_id', 'kind', 'result'],
  measures: ['callbacks', 'score_sum', 'score_count'],
  share(c, tz) {
    if (c.status !== 'done' || !c.doneAt) return null
    const given = SCORES.map((s) => c[s]).filter((v): v is number => v !== null && v !== undefined)
    return {
      key: { stat_date: companyDate(c.doneAt, tz), agent_id: c.doneBy ?? 0, kind: c.kind, result: c.result ?? '' },
      values: { callbacks: 1, score_sum: given.reduce((n, v) => n + v, 0), score_count: given.length },
    }
  },
  sourceSql: `SELECT id, status, kind, done_at AS "doneAt", done_by AS "doneBy", result, score_design AS "scoreDesign", score_quality AS "scoreQuality",
                     score_tidiness AS "scoreTidiness", score_service AS "scoreService", score_schedule AS "scoreSchedule"
                FROM callback WHERE id > :afterId ORDER BY id LIMIT :limit`,
  fromRaw: (r) => ({
    status: r.status as CallbackRow['status'],
    kind: r.kind as CallbackRow['kind'],
    doneAt: time(r.doneAt),
    doneBy: intOrNull(r.doneBy),
    result: (r.result ?? null) as CallbackRow['result'],
    scoreDesign: intOrNull(r.scoreDesign),
    scoreQuality: intOrNull(r.scoreQuality),
    scoreTidiness: intOrNull(r.scoreTidiness),
    scoreService: intOrNull(r.scoreService),
    scoreSchedule: intOrNull(r.scoreSchedule),
  }),
}

export type SummaryName = 'calls' | 'tickets' | 'callbacks'
export type RebuildCounts = Record<SummaryName, { rows: number; slots: number }>

/**
 * The summaries the dashboard and the reports read instead of scanning a month of calls,
 * resolutions and callbacks. Each is kept exact by the writes (the services call `change`) and
 * rebuilt from its source after a bulk load, by `npm run rebuild-summaries`, or when the
 * company's time zone changes (days and hours are the company's).
 */
export class Summaries {
  readonly calls: SummaryTable<CallStatFields>
  readonly tickets: SummaryTable<TicketStatFields>
  readonly callbacks: SummaryTable<CallbackStatFields>

  constructor(
    private readonly store: Store,
    private readonly timeZone: () => string,
    private readonly now: () => Date,
  ) {
    this.calls = new SummaryTable(CALL_STAT, timeZone)
    this.tickets = new SummaryTable(TICKET_STAT, timeZone)
    this.callbacks = new SummaryTable(CALLBACK_STAT, timeZone)
  }

  /** Rebuilds every summary when one was never built or was built in another time zone; true when it did. */
  async ensureBuilt(): Promise<boolean> {
    const built = await repo(this.store.read, 'summary_build').find()
    const tz = this.timeZone()
    const tables = [this.calls, this.tickets, this.callbacks].map((s) => s.def.table)
    if (tables.every((table) => built.some((b) => b.name === table && b.timeZone === tz))) return false
    await this.rebuild()
    return true
  }

  async rebuild(): Promise<RebuildCounts> {
    return this.store.write((em) => this.rebuildIn(em))
  }

  /** Inside a write already open (a time-zone change rebuilds in the settings write). */
  async rebuildIn(em: EntityManager, timeZone = this.timeZone()): Promise<RebuildCounts> {
    const counts = {
      calls: await this.calls.rebuildIn(em, timeZone),
      tickets: await this.tickets.rebuildIn(em, timeZone),
      callbacks: await this.callbacks.rebuildIn(em, timeZone),
    }
    for (const s of [this.calls, this.tickets, this.callbacks]) await repo(em, 'summary_build').save({ name: s.def.table, timeZone, builtAt: this.now() })
    return counts
  }
}
