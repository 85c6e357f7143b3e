import type { AppApi } from '../contract/app-api'
import { TICKET_OPEN_STATES, type TicketRiskBoard, type TicketState, type TicketTransition } from '../contract/tickets.contract'
import { nextAlertAt, shiftOwed, type ClockFields } from '../services/ticket-clock'
import type { BenchContext } from './customer-benches'
import { benchLine, paired, percentile, round, timed, type BenchLine } from './measure'
import type { Prepared, RawDb } from './raw-sql'

const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
const parse = (text: string | null): Date | null => (text === null ? null : new Date(`${text.replace(' ', 'T')}Z`))
const LIMIT = 50
const OPEN = TICKET_OPEN_STATES.map((s) => `'${s}'`).join(',')

/** A ticket list row as the screens show it, for the ids of the two lists only. */
const LIST_ROWS = `SELECT t.id AS id, t.no AS no, t.kind AS kind, t.state AS state, t.source AS source, t.customer_id AS customerId, c.name AS customerName,
    cp.normalized AS phone, t.category AS category, t.severity AS severity, t.description AS description, t.department_id AS departmentId, d.name AS departmentName,
    t.person_id AS personId, p.name AS personName, t.handler_id AS handlerId, h.display_name AS handlerName, t.created_at AS createdAt, t.suspended_at AS suspendedAt,
    t.response_due_at AS responseDueAt, t.response_risk_at AS responseRiskAt, t.responded_at AS respondedAt, t.resolution_due_at AS resolutionDueAt,
    t.resolution_risk_at AS resolutionRiskAt, t.resolved_at AS resolvedAt, t.closed_at AS closedAt, t.escalation_level AS escalationLevel,
    t.risk_noticed AS riskNoticed, t.repeat_of_id AS repeatOfId, r.no AS repeatNo, t.satisfaction AS satisfaction, t.version AS version
  FROM ticket t JOIN customer c ON c.id = t.customer_id
  LEFT JOIN customer_phone cp ON cp.customer_id = t.customer_id AND cp.is_primary = 1
  LEFT JOIN department d ON d.id = t.department_id LEFT JOIN person p ON p.id = t.person_id
  LEFT JOIN staff_account h ON h.id = t.handler_id LEFT JOIN ticket r ON r.id = t.repeat_of_id`

/**
 * The risk board by hand: the tickets whose risk moment has passed, through the two
 * (state, risk moment) indexes, each at its earliest owed deadline; the two lists and their
 * counts in one statement, the open and paused counts beside, then the rows of the listed ones.
 */
async function riskBaseline(raw: RawDb) {
  const q: Record<'board' | 'rows', Prepared> = {
    // the stored clock (earliest owed deadline and risk moment) with its two indexes
    board: await raw.prepare(`SELECT * FROM (SELECT 'breached' AS list, id AS n, NULL AS m FROM ticket WHERE clock_due_at <= ?1 ORDER BY clock_due_at, id LIMIT ?2)
      UNION ALL SELECT * FROM (SELECT 'atRisk', id, NULL FROM ticket WHERE clock_risk_at <= ?1 AND clock_due_at > ?1 ORDER BY clock_due_at, id LIMIT ?2)
      UNION ALL SELECT 'counts', (SELECT COUNT(*) FROM ticket WHERE clock_due_at <= ?1), (SELECT COUNT(*) FROM ticket WHERE clock_risk_at <= ?1 AND clock_due_at > ?1)
      UNION ALL SELECT 'open', COUNT(*), SUM(state = 'suspended') FROM ticket WHERE state IN (${OPEN})`),
    rows: await raw.prepare(`${LIST_ROWS} WHERE t.id IN (SELECT value FROM json_each(?))`),
  }
  const ask = async (): Promise<{ breached: number[]; atRisk: number[]; counts: TicketRiskBoard['counts'] }> => {
    const board = await q.board.all<{ list: string; n: number | null; m: number | null }>([stamp(Date.now()), LIMIT])
    const ids = (list: string) => board.filter((r) => r.list === list).map((r) => r.n as number)
    const [counts] = board.filter((r) => r.list === 'counts')
    const [open] = board.filter((r) => r.list === 'open')
    const breached = ids('breached')
    const atRisk = ids('atRisk')
    await q.rows.all([JSON.stringify([...breached, ...atRisk])])
    return { breached, atRisk, counts: { breached: counts?.n ?? 0, atRisk: counts?.m ?? 0, open: open?.n ?? 0, paused: open?.m ?? 0 } }
  }
  return { ask, close: () => Promise.all(Object.values(q).map((p) => p.finalize())) }
}

// ---------------------------------------------------------------------------------------------
// tickets_at_risk: tickets.risk({ scope: 'all' }) for a manager: the breached and at-risk lists
// (paused tickets excluded) with their counts. Checked against the baseline: same counts, same lists.

export async function benchTicketsAtRisk(ctx: BenchContext, manager: AppApi): Promise<BenchLine> {
  const n = ctx.iterations.search + ctx.iterations.warmup
  const baseline = await riskBaseline(ctx.raw)
  let mismatches = 0
  let last: TicketRiskBoard | null = null
  for (let i = 0; i < 20; i++) {
    const api = await manager.tickets.risk({ scope: 'all', limit: LIMIT })
    const base = await baseline.ask()
    const same =
      JSON.stringify(api.counts) === JSON.stringify(base.counts) &&
      JSON.stringify(api.breached.map((t) => t.id)) === JSON.stringify(base.breached) &&
      JSON.stringify(api.atRisk.map((t) => t.id)) === JSON.stringify(base.atRisk)
    if (!same) {
      mismatches++
      ctx.log(`tickets_at_risk: api ${JSON.stringify(api.counts)} vs baseline ${JSON.stringify(base.counts)}`)
    }
    last = api
  }
  const inputs = Array.from({ length: n }, (_, i) => i)
  const result = await paired(inputs, ctx.iterations.warmup, () => manager.tickets.risk({ scope: 'all', limit: LIMIT }), baseline.ask)
  await baseline.close()
  const c = last?.counts
  return benchLine('tickets_at_risk', ctx.rows, result, {
    measured: `tickets.risk({ scope: 'all', limit: ${LIMIT} }) as a manager`,
    breached: c?.breached ?? 0,
    at_risk: c?.atRisk ?? 0,
    open: c?.open ?? 0,
    paused: c?.paused ?? 0,
    checked: 20,
    mismatches,
  })
}

interface RawTicket {
  id: number
  state: TicketState
  version: number
  suspended_from: TicketState | null
  suspended_at: string | null
  paused_sec: number
  response_due_at: string
  response_risk_at: string
  responded_at: string | null
  resolution_due_at: string
  resolution_risk_at: string
  resolved_at: string | null
  escalation_level: number
  risk_noticed: number
  person_id: number | null
  handler_id: number | null
}

function clockOf(r: RawTicket): ClockFields {
  return {
    state: r.state,
    suspendedAt: parse(r.suspended_at),
    responseDueAt: parse(r.response_due_at)!,
    responseRiskAt: parse(r.response_risk_at)!,
    respondedAt: parse(r.responded_at),
    resolutionDueAt: parse(r.resolution_due_at)!,
    resolutionRiskAt: parse(r.resolution_risk_at)!,
    resolvedAt: parse(r.resolved_at),
    escalationLevel: r.escalation_level,
    riskNoticed: r.risk_noticed,
  }
}

const time = (d: Date | null | undefined): string | null => (d ? stamp(d.getTime()) : null)

/**
 * One transition by hand, in one transaction: the row, the version and state checked, the
 * changes (with the same clock functions) in one UPDATE, the log line in one INSERT; then the
 * ticket's list row and log read back, as a screen would show them.
 */
async function transitionBaseline(raw: RawDb, agentId: number, settings: BenchContext['settings']) {
  const q: Record<'row' | 'update' | 'log' | 'detail' | 'logs', Prepared> = {
    row: await raw.prepare('SELECT * FROM ticket WHERE id = ?'),
    update: await raw.prepare(`UPDATE ticket SET state = ?1, suspended_from = ?2, suspended_at = ?3, suspend_reason = ?4, paused_sec = ?5,
        response_due_at = ?6, response_risk_at = ?7, responded_at = ?8, resolution_due_at = ?9, resolution_risk_at = ?10, alert_at = ?11,
        updated_at = ?12, version = version + 1 WHERE id = ?13 AND version = ?14`),
    log: await raw.prepare(`INSERT INTO ticket_log (ticket_id, action, from_state, to_state, note, actor_id, on_behalf_of, at, data)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`),
    detail: await raw.prepare(`${LIST_ROWS} WHERE t.id = ?`),
    logs: await raw.prepare('SELECT l.*, s.display_name, p.name FROM ticket_log l LEFT JOIN staff_account s ON s.id = l.actor_id LEFT JOIN person p ON p.id = l.on_behalf_of WHERE l.ticket_id = ? ORDER BY l.id'),
  }
  const write = async (id: number, version: number, change: TicketTransition): Promise<number> => {
    const now = Date.now()
    const at = stamp(now)
    await raw.run('BEGIN IMMEDIATE')
    try {
      const [r] = await q.row.all<RawTicket>([id])
      if (!r || r.version !== version) throw new Error(`baseline: ticket ${id} changed under us`)
      const clock = clockOf(r)
      let next: ClockFields & { suspendedFrom: TicketState | null; suspendReason: string | null; pausedSec: number } = { ...clock, suspendedFrom: r.suspended_from, suspendReason: null, pausedSec: r.paused_sec }
      let data: Record<string, unknown> | null = null
      if (change.action === 'respond') next = { ...next, state: 'inProgress', respondedAt: new Date(now) }
      else if (change.action === 'suspend') {
        next = { ...next, state: 'suspended', suspendedFrom: r.state, suspendedAt: new Date(now), suspendReason: change.reason }
        data = { reason: change.reason }
      } else if (change.action === 'resume') {
        const paused = Math.max(0, now - (clock.suspendedAt?.getTime() ?? now))
        next = { ...next, ...shiftOwed(clock, paused), state: r.suspended_from ?? 'dispatched', suspendedFrom: null, suspendedAt: null, pausedSec: r.paused_sec + Math.round(paused / 1000) }
        data = { pausedSec: Math.round(paused / 1000) }
      } else throw new Error(`baseline: ${change.action} is not benched`)
      await q.update.run([
        next.state, next.suspendedFrom, time(next.suspendedAt), next.suspendReason, next.pausedSec, time(next.responseDueAt), time(next.responseRiskAt),
        time(next.respondedAt), time(next.resolutionDueAt), time(next.resolutionRiskAt), time(nextAlertAt(next, settings)), at, id, version,
      ])
      const onBehalf = change.action === 'respond' ? r.person_id : null
      await q.log.run([id, change.action, r.state, next.state, change.note ?? null, agentId, onBehalf, at, data ? JSON.stringify(data) : null])
      await raw.run('COMMIT')
    } catch (error) {
      await raw.run('ROLLBACK')
      throw error
    }
    return version + 1
  }
  const readBack = async (id: number): Promise<void> => {
    await Promise.all([q.detail.all([id]), q.logs.all([id])])
  }
  return { write, readBack, close: () => Promise.all(Object.values(q).map((p) => p.finalize())) }
}

interface Target {
  id: number
  version: number
  state: TicketState
}

/** What to do to a ticket next: respond to some dispatched ones, otherwise put it on hold and take it up again. */
function nextChanges(ctx: BenchContext, t: Target): TicketTransition[] {
  if (t.state === 'dispatched' && ctx.rng.chance(0.3)) return [{ action: 'respond', note: '已电话联系客户，约好上门时间' }]
  return [
    { action: 'suspend', reason: 'supplier', note: '等厂家补发配件' },
    { action: 'resume', note: null },
  ]
}

// ---------------------------------------------------------------------------------------------
// ticket_transition: tickets.transition by an agent through the dispatcher and the write queue
// (synchronous=FULL) on random open tickets: respond, or suspend then resume, versions carried
// from one call to the next. Each transition is one sample. Baseline: the same transaction by
// hand (row, UPDATE, log INSERT) plus the list row and log read back; the write alone beside it.

export async function benchTicketTransition(ctx: BenchContext): Promise<BenchLine> {
  const warmup = Math.min(50, ctx.iterations.warmup)
  const n = ctx.iterations.write + warmup
  const pool = await ctx.raw.all<Target>("SELECT id, version, state FROM ticket WHERE state IN ('dispatched', 'inProgress') ORDER BY id")
  if (pool.length < 4) throw new Error('ticket_transition: the dataset has fewer than 4 tickets in progress')
  for (let i = pool.length - 1; i > 0; i--) {
    const j = ctx.rng.int(0, i)
    ;[pool[i], pool[j]] = [pool[j], pool[i]]
  }
  // the API and the baseline each work on their own tickets
  const sides = { api: pool.filter((_, i) => i % 2 === 0), base: pool.filter((_, i) => i % 2 === 1) }
  const baseline = await transitionBaseline(ctx.raw, ctx.agentId, ctx.settings)
  const times = { api: [] as number[], base: [] as number[], baseWrite: [] as number[] }
  let lost = 0
  for (let i = 0; i < n; i++) {
    const order = i % 2 === 0 ? (['api', 'base'] as const) : (['base', 'api'] as const)
    for (const side of order) {
      const target = ctx.rng.pick(sides[side])
      for (const change of nextChanges(ctx, target)) {
        if (side === 'api') {
          const [ms, detail] = await timed(() => ctx.agent.tickets.transition({ id: target.id, version: target.version, change }))
          if (detail.version !== target.version + 1) lost++
          Object.assign(target, { version: detail.version, state: detail.state })
          if (i >= warmup) times.api.push(ms)
        } else {
          const [writeMs, version] = await timed(() => baseline.write(target.id, target.version, change))
          const [readMs] = await timed(() => baseline.readBack(target.id))
          target.version = version
          if (change.action === 'respond') target.state = 'inProgress'
          if (i >= warmup) {
            times.base.push(writeMs + readMs)
            times.baseWrite.push(writeMs)
          }
        }
      }
    }
  }
  await baseline.close()
  return benchLine('ticket_transition', { ...ctx.rows, in_progress: pool.length }, { api: times.api, baseline: times.base }, {
    measured: 'tickets.transition (respond, or suspend then resume) as an agent; baseline = row + UPDATE + log INSERT in one transaction, then the list row and log read back',
    baseline_write_p95_ms: round(percentile(times.baseWrite, 95)),
    lost,
  })
}
