import type { AppApi } from '../contract/app-api'
import { companyDate } from '../contract/time'
import { derivePlan, reconcilePlan, type ExistingPlanRow, type PlanSite } from '../services/callback-plan'
import type { BenchContext } from './customer-benches'
import { benchLine, paired, round, timed, type BenchLine } from './measure'
import type { Prepared, RawDb } from './raw-sql'

const PAGE = 20

/** A one-shot job's line: its total time instead of percentiles. */
export interface OneShotLine {
  bench: string
  rows: Record<string, number>
  total_ms: number
  [extra: string]: unknown
}

/** A callback list row as the desk shows it: the callback, its customer, phone, ticket, site, agent and who did it. */
const LIST_ROWS = `SELECT cb.id AS id, cb.kind AS kind, cb.status AS status, cb.customer_id AS customerId, c.name AS customerName, cp.normalized AS phone,
    cb.ticket_id AS ticketId, t.no AS ticketNo, cb.reason AS reason, cb.due_on AS dueOn, cb.agent_id AS agentId, a.display_name AS agentName,
    cb.attempts AS attempts, cb.last_attempt_at AS lastAttemptAt, cb.last_attempt_note AS lastAttemptNote, cb.result AS result, cb.rating AS rating,
    cb.comment AS comment, cb.done_at AS doneAt, d.id AS doneById, d.display_name AS doneByName, cb.call_id AS callId, cb.version AS version,
    cb.project_id AS projectId, p.contract_no AS contractNo, cb.plan_key AS planKey, cb.planned_on AS plannedOn, cb.last_attempt_outcome AS lastAttemptOutcome,
    cb.score_design AS scoreDesign, cb.score_quality AS scoreQuality, cb.score_tidiness AS scoreTidiness, cb.score_service AS scoreService,
    cb.score_schedule AS scoreSchedule, cb.problem_ticket_id AS problemTicketId, pt.no AS problemTicketNo
  FROM page JOIN callback cb ON cb.id = page.id JOIN customer c ON c.id = cb.customer_id
  LEFT JOIN customer_phone cp ON cp.customer_id = cb.customer_id AND cp.is_primary = 1
  LEFT JOIN ticket t ON t.id = cb.ticket_id LEFT JOIN project p ON p.id = cb.project_id LEFT JOIN ticket pt ON pt.id = cb.problem_ticket_id
  LEFT JOIN staff_account a ON a.id = cb.agent_id LEFT JOIN staff_account d ON d.id = cb.done_by
  ORDER BY cb.due_on, cb.id`

/**
 * One agent's desk by hand: the page's ids straight off the (agent, status, due date) index in
 * due order, the count over the same range, then the list columns and joins for the page only.
 */
async function dueBaseline(raw: RawDb) {
  const q: Record<'count' | 'rows', Prepared> = {
    count: await raw.prepare("SELECT COUNT(*) AS n FROM callback WHERE agent_id = ?1 AND status = 'open' AND due_on <= ?2"),
    rows: await raw.prepare(`WITH page AS (SELECT id FROM callback WHERE agent_id = ?1 AND status = 'open' AND due_on <= ?2 ORDER BY due_on, id LIMIT ?3) ${LIST_ROWS}`),
  }
  const ask = async (agentId: number, dueBy: string): Promise<{ total: number; ids: number[] }> => {
    const [count, rows] = await Promise.all([q.count.get<{ n: number }>([agentId, dueBy]), q.rows.all<{ id: number }>([agentId, dueBy, PAGE])])
    return { total: count?.n ?? 0, ids: rows.map((r) => r.id) }
  }
  return { ask, close: () => Promise.all(Object.values(q).map((p) => p.finalize())) }
}

async function planRows(raw: RawDb): Promise<Record<string, number>> {
  const n = async (sql: string) => (await raw.get<{ n: number }>(sql))?.n ?? 0
  return {
    projects: await n('SELECT COUNT(*) AS n FROM project'),
    callbacks: await n('SELECT COUNT(*) AS n FROM callback'),
    plan_callbacks: await n('SELECT COUNT(*) AS n FROM callback WHERE plan_key IS NOT NULL'),
  }
}

// ---------------------------------------------------------------------------------------------
// callbacks_due: callbacks.list({ scope: 'mine', dueBy: today }) as an agent — what is due today
// and overdue, first page and total. Checked against the baseline: same total, same page.

export async function benchCallbacksDue(ctx: BenchContext): Promise<BenchLine> {
  const n = ctx.iterations.search + ctx.iterations.warmup
  const today = companyDate(new Date(), ctx.settings.timeZone)
  const baseline = await dueBaseline(ctx.raw)
  const ask = () => ctx.agent.callbacks.list({ scope: 'mine', status: 'open', dueBy: today, page: 1, pageSize: PAGE })
  let mismatches = 0
  let total = 0
  for (let i = 0; i < 20; i++) {
    const api = await ask()
    const base = await baseline.ask(ctx.agentId, today)
    if (api.total !== base.total || JSON.stringify(api.items.map((c) => c.id)) !== JSON.stringify(base.ids)) {
      mismatches++
      ctx.log(`callbacks_due: api ${api.total} [${api.items.map((c) => c.id).join(',')}] vs baseline ${base.total} [${base.ids.join(',')}]`)
    }
    total = api.total
  }
  const overdue = (await ctx.raw.get<{ n: number }>("SELECT COUNT(*) AS n FROM callback WHERE agent_id = ? AND status = 'open' AND due_on < ?", [ctx.agentId, today]))?.n ?? 0
  const inputs = Array.from({ length: n }, (_, i) => i)
  const result = await paired(inputs, ctx.iterations.warmup, ask, () => baseline.ask(ctx.agentId, today))
  await baseline.close()
  return benchLine('callbacks_due', await planRows(ctx.raw), result, {
    measured: `callbacks.list({ scope: 'mine', status: 'open', dueBy: today, pageSize: ${PAGE} }) as an agent`,
    due: total,
    overdue,
    checked: 20,
    mismatches,
  })
}

interface SiteRaw {
  id: number
  contractNo: string
  startOn: string | null
  materialOn: string | null
  midtermOn: string | null
  completionOn: string | null
  completionPlannedOn: string | null
  cancelledOn: string | null
}

/**
 * The re-derivation's floor: every site, its stops and its plan rows read by hand in three
 * statements, each plan derived and reconciled in process, nothing written (what a second run
 * that changes nothing has to do at least).
 */
async function replanBaseline(raw: RawDb, today: string, rules: BenchContext['settings']): Promise<number> {
  const sites = await raw.all<SiteRaw>(
    `SELECT id, contract_no AS contractNo, start_on AS startOn, material_on AS materialOn, midterm_on AS midtermOn, completion_on AS completionOn,
      completion_planned_on AS completionPlannedOn, cancelled_on AS cancelledOn FROM project ORDER BY id`,
  )
  const stops = new Map<number, PlanSite['stops']>()
  for (const s of await raw.all<{ projectId: number; fromOn: string; toOn: string | null }>('SELECT project_id AS projectId, from_on AS fromOn, to_on AS toOn FROM project_stop')) {
    const list = stops.get(s.projectId)
    if (list) list.push(s)
    else stops.set(s.projectId, [s])
  }
  const rows = new Map<number, ExistingPlanRow[]>()
  for (const r of await raw.all<ExistingPlanRow & { projectId: number }>(
    'SELECT id, project_id AS projectId, plan_key AS planKey, status, planned_on AS plannedOn, due_on AS dueOn FROM callback WHERE project_id IS NOT NULL AND plan_key IS NOT NULL',
  )) {
    const list = rows.get(r.projectId)
    if (list) list.push(r)
    else rows.set(r.projectId, [r])
  }
  let changes = 0
  for (const s of sites) {
    const c = reconcilePlan(derivePlan({ ...s, stops: stops.get(s.id) ?? [] }, rules, today), rows.get(s.id) ?? [], today)
    changes += c.create.length + c.move.length + c.cancel.length + c.reopen.length
  }
  return changes
}

const duplicates = async (raw: RawDb): Promise<number> =>
  (await raw.get<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT 1 FROM callback WHERE plan_key IS NOT NULL GROUP BY project_id, plan_key HAVING COUNT(*) > 1)'))?.n ?? 0

// ---------------------------------------------------------------------------------------------
// plan_regenerate: callbacks.replan() as a manager — every site's plan re-derived and written —
// twice: the first catches up with the days since the dataset was seeded, the second must change
// nothing. Duplicates (site, plan key) counted by SQL after both. Baseline: the in-process floor.

export async function benchPlanRegenerate(ctx: BenchContext, manager: AppApi): Promise<OneShotLine> {
  const today = companyDate(new Date(), ctx.settings.timeZone)
  const rows = await planRows(ctx.raw)
  const [firstMs, first] = await timed(() => manager.callbacks.replan({}))
  ctx.log(`plan_regenerate: first run ${Math.round(firstMs)} ms ${JSON.stringify(first)}`)
  const [secondMs, second] = await timed(() => manager.callbacks.replan({}))
  ctx.log(`plan_regenerate: second run ${Math.round(secondMs)} ms ${JSON.stringify(second)}`)
  const [baselineMs, baselineChanges] = await timed(() => replanBaseline(ctx.raw, today, ctx.settings))
  const secondChanges = second.created + second.moved + second.cancelled + second.reopened
  return {
    bench: 'plan_regenerate',
    rows,
    total_ms: round(firstMs, 1),
    second_total_ms: round(secondMs, 1),
    baseline_total_ms: round(baselineMs, 1),
    ratio: round(secondMs / baselineMs, 2),
    measured: 'callbacks.replan() as a manager, run twice; baseline = every site, stop and plan row read by hand and re-derived in process, nothing to write',
    projects: first.projects,
    first_run: { created: first.created, moved: first.moved, cancelled: first.cancelled, reopened: first.reopened },
    second_run_changes: secondChanges,
    baseline_changes: baselineChanges,
    duplicates: await duplicates(ctx.raw),
  }
}
