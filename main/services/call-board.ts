import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { AgentLoad, CallAgent, LiveBoard, LiveCall } from '../contract/calls.contract'
import { ROLES, roleHas } from '../contract/roles'
import { companyDate, companyDayRange } from '../contract/time'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { callListQuery, numberForUser } from './call-dto'
import type { SettingsService } from './settings.service'

/** A ringing or talking call older than this was never closed (a lost hang-up event): not "in progress". */
const STALE_AFTER_MS = 4 * 3_600_000

interface LiveRaw {
  id: number
  direction: LiveCall['direction']
  status: LiveCall['status']
  normalized: string | null
  numberKey: string
  customerId: number | null
  customerName: string | null
  agentId: number | null
  agentName: string | null
  extension: string | null
  startedAt: string | Date
  answeredAt: string | Date | null
}

interface HourRaw {
  hour: unknown
  direction: string
  status: string
  n: unknown
  talk: unknown
}

interface AgentRaw {
  agentId: number
  agentName: string
  extension: string | null
  calls: unknown
  answered: unknown
  talkSum: unknown
}

/** The shift lead's live board: today's calls by hour, per agent, and what is on the line now. Aggregates in SQL. */
export class CallBoard {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly now: () => Date,
  ) {}

  async live(_input: unknown, ctx: CallContext): Promise<LiveBoard> {
    const user = actor(ctx)
    const { timeZone } = this.settings.get()
    const now = this.now()
    const date = companyDate(now, timeZone)
    const { from, to } = companyDayRange(date, timeZone)
    const em = this.store.read
    const [live, hours, agents] = await Promise.all([this.inProgress(em, now), this.byHour(em, from, to), this.byAgent(em, from, to)])

    const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, inbound: 0, outbound: 0, missed: 0, abandoned: 0 }))
    const totals = { inbound: 0, outbound: 0, answered: 0, missed: 0, abandoned: 0 }
    for (const r of hours) {
      const slot = byHour[Math.min(23, Math.max(0, toNumber(r.hour)))]
      const n = toNumber(r.n)
      if (!slot) continue
      if (r.direction === 'in') {
        slot.inbound += n
        totals.inbound += n
      } else {
        slot.outbound += n
        totals.outbound += n
      }
      if (r.status === 'answered') totals.answered += n
      if (r.direction === 'in' && r.status === 'missed') {
        slot.missed += n
        totals.missed += n
      }
      if (r.status === 'abandoned') {
        slot.abandoned += n
        totals.abandoned += n
      }
    }
    const inboundAnswered = hours.filter((r) => r.direction === 'in' && r.status === 'answered').reduce((sum, r) => sum + toNumber(r.n), 0)
    const inboundEnded = inboundAnswered + totals.missed + totals.abandoned
    // every answered call counts, also one no agent's extension was known for
    const answered = hours.filter((r) => r.status === 'answered')
    const talk = { sum: answered.reduce((sum, r) => sum + toNumber(r.talk), 0), n: answered.reduce((sum, r) => sum + toNumber(r.n), 0) }
    const onCall = new Set(live.filter((c) => c.status === 'talking').map((c) => c.agentId))
    return {
      date,
      inProgress: live.map((r) => this.liveCall(r, user)),
      byHour,
      totals: {
        ...totals,
        answerRate: inboundEnded ? inboundAnswered / inboundEnded : null,
        avgHandleSec: talk.n ? Math.round(talk.sum / talk.n) : null,
      },
      agents: agents.map((a): AgentLoad => ({
        agent: { id: a.agentId, name: a.agentName },
        extension: a.extension,
        calls: toNumber(a.calls),
        answered: toNumber(a.answered),
        avgHandleSec: toNumber(a.answered) ? Math.round(toNumber(a.talkSum) / toNumber(a.answered)) : null,
        onCall: onCall.has(a.agentId),
      })),
    }
  }

  /** Accounts whose role takes calls; a deactivated one still has calls in the log. */
  async agents(): Promise<CallAgent[]> {
    const roles = ROLES.filter((role) => roleHas(role, 'calls.write'))
    const rows = await this.store.read
      .createQueryBuilder()
      .from('staff_account', 's')
      .select(['s.id AS id', 's.display_name AS name', 's.extension AS extension', 's.active AS active'])
      .where('s.role IN (:...roles)', { roles })
      .orderBy('s.active', 'DESC')
      .addOrderBy('s.display_name', 'ASC')
      .getRawMany<{ id: number; name: string; extension: string | null; active: unknown }>()
    return rows.map((r) => ({ ...r, active: Boolean(r.active) }))
  }

  private inProgress(em: EntityManager, now: Date): Promise<LiveRaw[]> {
    return callListQuery(em)
      .addSelect(['cl.extension AS extension', 'cl.answered_at AS "answeredAt"'])
      .where("cl.started_at >= :since AND cl.status IN ('ringing', 'talking')", { since: new Date(now.getTime() - STALE_AFTER_MS) })
      .orderBy('cl.started_at', 'ASC')
      .getRawMany<LiveRaw>()
  }

  /** Hours are counted from the company day's start, so a daylight-saving day still has its hours right. */
  private byHour(em: EntityManager, from: Date, to: Date): Promise<HourRaw[]> {
    const hour =
      this.store.dialect === 'postgres'
        ? 'FLOOR(EXTRACT(EPOCH FROM (cl.started_at - CAST(:from AS timestamptz))) / 3600)'
        : 'CAST((julianday(cl.started_at) - julianday(:from)) * 24 AS INTEGER)'
    return em
      .createQueryBuilder()
      .from('call_log', 'cl')
      .select([`${hour} AS hour`, 'cl.direction AS direction', 'cl.status AS status', 'COUNT(*) AS n', 'SUM(cl.talk_sec) AS talk'])
      .where('cl.started_at >= :from AND cl.started_at < :to', { from, to })
      .groupBy('hour')
      .addGroupBy('cl.direction')
      .addGroupBy('cl.status')
      .getRawMany<HourRaw>()
  }

  private byAgent(em: EntityManager, from: Date, to: Date): Promise<AgentRaw[]> {
    return em
      .createQueryBuilder()
      .from('call_log', 'cl')
      .innerJoin('staff_account', 'a', 'a.id = cl.agent_id')
      .select(['a.id AS "agentId"', 'a.display_name AS "agentName"', 'a.extension AS extension', 'COUNT(*) AS calls'])
      .addSelect("SUM(CASE WHEN cl.status = 'answered' THEN 1 ELSE 0 END)", 'answered')
      .addSelect("SUM(CASE WHEN cl.status = 'answered' THEN cl.talk_sec ELSE 0 END)", 'talkSum')
      .where('cl.started_at >= :from AND cl.started_at < :to', { from, to })
      .groupBy('a.id')
      .addGroupBy('a.display_name')
      .addGroupBy('a.extension')
      .orderBy('calls', 'DESC')
      .getRawMany<AgentRaw>()
  }

  private liveCall(r: LiveRaw, user: SessionUser): LiveCall {
    return {
      id: r.id,
      direction: r.direction,
      status: r.status,
      display: numberForUser(r.normalized, r.numberKey, user) || '未显示号码',
      customer: r.customerId ? { id: r.customerId, name: r.customerName ?? '' } : null,
      agent: r.agentId ? { id: r.agentId, name: r.agentName ?? '' } : null,
      extension: r.extension,
      since: toIso(r.status === 'talking' && r.answeredAt ? r.answeredAt : r.startedAt),
    }
  }
}
