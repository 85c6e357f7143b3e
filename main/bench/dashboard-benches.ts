import type { ApiClient, AppApi } from '../contract/app-api'
import type { DashboardOverview } from '../contract/dashboard.contract'
import { REPORT_KINDS, REPORT_PERIODS, type ReportKind } from '../contract/reports.contract'
import { datesBetween, shiftDate, shiftMonths } from '../contract/time'
import type { BenchContext } from './customer-benches'
import { dashboardBaseline, type BaselineOverview } from './dashboard-baseline'
import { benchLine, paired, percentile, round, timed, type BenchLine } from './measure'
import type { OneShotLine } from './project-benches'
import type { RawDb } from './raw-sql'

const WARMUP = 5
const RUNS = 30
/** each report is built and exported this many times; the median counts */
const EXPORT_RUNS = 3

/**
 * The last calendar month (company dates) with calls on every one of its days: the seeded
 * history, not the days a stale cache skipped before today's bench calls were written.
 */
async function lastWholeMonth(raw: RawDb): Promise<{ from: string; to: string }> {
  const dates = new Set((await raw.all<{ d: string }>('SELECT DISTINCT stat_date AS d FROM call_stat ORDER BY 1')).map((r) => r.d))
  const last = [...dates].pop()
  if (!last) throw new Error('dashboard_month: the dataset has no calls')
  for (let from = `${last.slice(0, 7)}-01`; from >= [...dates][0].slice(0, 7); from = shiftMonths(from, -1)) {
    const to = shiftDate(shiftMonths(from, 1), -1)
    if (datesBetween(from, to).every((d) => dates.has(d))) return { from, to }
  }
  throw new Error('dashboard_month: no calendar month of the dataset has calls on every day')
}

async function dashboardRows(ctx: BenchContext): Promise<Record<string, number>> {
  const n = async (table: string) => (await ctx.raw.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0
  return {
    calls: ctx.rows.calls,
    call_stat: await n('call_stat'),
    customers: ctx.rows.customers,
    visits: ctx.rows.visits,
    appointments: await n('measure_appointment'),
    deposits: await n('deposit'),
    projects: await n('project'),
    tickets: await n('ticket'),
    callbacks: await n('callback'),
  }
}

type Figures = Map<string, number | null>

/** The API's answer in the baseline's terms. */
function asBaseline(o: DashboardOverview): BaselineOverview {
  return {
    ...o,
    funnel: Object.fromEntries(o.funnel.map((s) => [s.stage, s.count])) as BaselineOverview['funnel'],
    designers: o.designers.map((d) => ({ id: d.designer.id, consultations: d.consultations, deposits: d.deposits, signed: d.signed })),
    agents: o.agents.map((a) => ({ id: a.agent.id, callsIn: a.callsIn, callsOut: a.callsOut, answered: a.answered, callbacksDone: a.callbacksDone })),
  }
}

/** Every figure by name (absent series cells are 0 on both sides). */
function figures(b: BaselineOverview): Figures {
  const f: Figures = new Map()
  for (const [k, v] of Object.entries(b.kpis)) f.set(`kpis.${k}`, v)
  for (const [k, v] of Object.entries(b.previousKpis)) f.set(`previousKpis.${k}`, v)
  for (const d of b.callsByDay) for (const k of ['in', 'out', 'missed'] as const) f.set(`callsByDay.${d.date}.${k}`, d[k])
  for (const c of b.heatmap) f.set(`heatmap.${c.weekday}.${c.hour}`, c.calls)
  for (const s of b.walkInsBySource) f.set(`walkInsBySource.${s.source}`, s.count)
  for (const [stage, count] of Object.entries(b.funnel)) f.set(`funnel.${stage}`, count)
  for (const c of b.complaints) f.set(`complaints.${c.category}.${c.severity}`, c.count)
  for (const d of b.onTimeTrend) for (const k of ['resolved', 'onTime'] as const) f.set(`onTimeTrend.${d.date}.${k}`, d[k])
  for (const d of b.satisfactionTrend) for (const k of ['results', 'satisfied'] as const) f.set(`satisfactionTrend.${d.date}.${k}`, d[k])
  for (const d of b.designers) for (const k of ['consultations', 'deposits', 'signed'] as const) f.set(`designers.${d.id}.${k}`, d[k])
  for (const a of b.agents) for (const k of ['callsIn', 'callsOut', 'answered', 'callbacksDone'] as const) f.set(`agents.${a.id}.${k}`, a[k])
  return f
}

const same = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))

/** Every figure of either side compared; what differs is listed (the first few on stderr). */
function compare(api: DashboardOverview, base: BaselineOverview): { checked: number; differ: string[] } {
  const a = figures(asBaseline(api))
  const b = figures(base)
  const differ: string[] = []
  const keys = new Set([...a.keys(), ...b.keys()])
  for (const key of keys) {
    // a cell one side leaves out is an empty one; a card is never left out
    const fallback = key.startsWith('kpis.') || key.startsWith('previousKpis.') ? undefined : 0
    const x = a.has(key) ? (a.get(key) as number | null) : fallback
    const y = b.has(key) ? (b.get(key) as number | null) : fallback
    if (x === undefined || y === undefined || !same(x, y)) differ.push(`${key}: api ${x} baseline ${y}`)
  }
  return { checked: keys.size, differ }
}

// ---------------------------------------------------------------------------------------------
// dashboard_month: dashboard.overview for the dataset's last whole month as a manager — every
// card for the month and the month before, the series, the designers' and agents' tables.
// Baseline: the same figures by hand-written SQL on the same tables; every figure checked.

export async function benchDashboardMonth(ctx: BenchContext, manager: AppApi): Promise<BenchLine> {
  const month = await lastWholeMonth(ctx.raw)
  const previous = { from: shiftMonths(month.from, -1), to: shiftDate(month.from, -1) }
  const baseline = await dashboardBaseline(ctx.raw, ctx.settings)
  const ask = () => manager.dashboard.overview(month)
  const askBaseline = () => baseline.ask(month, previous, new Date())

  const api = await ask()
  const check = compare(api, await askBaseline())
  if (api.previous.from !== previous.from || api.previous.to !== previous.to) check.differ.push(`previous: api ${JSON.stringify(api.previous)} baseline ${JSON.stringify(previous)}`)
  for (const line of check.differ.slice(0, 20)) ctx.log(`dashboard_month: ${line}`)

  const inputs = Array.from({ length: WARMUP + RUNS }, (_, i) => i)
  const result = await paired(inputs, WARMUP, ask, askBaseline)
  await baseline.close()
  const k = api.kpis
  return benchLine('dashboard_month', await dashboardRows(ctx), result, {
    measured: `dashboard.overview({ from: '${month.from}', to: '${month.to}' }) as a manager (the month and ${previous.from}…${previous.to} compared)`,
    month: month.from.slice(0, 7),
    kpis: { callsIn: k.callsIn, callsOut: k.callsOut, walkIns: k.walkIns, consultations: k.consultations, contracts: k.contracts, complaintsNew: k.complaintsNew, ticketsResolved: k.ticketsResolved, callbacksDue: k.callbacksDue },
    checked: check.checked,
    mismatches: check.differ.length,
  })
}

// ---------------------------------------------------------------------------------------------
// report_month_export: reports.exportXlsx for each report of that month (a weekly one for its
// last week) as a manager, then the download, as a user waits for the file; reports.build
// beside it shows what of the time is the figures and what the workbook.

interface KindResult {
  ms: number
  build_ms: number
  bytes: number
  error?: string
}

async function exportOnce(manager: ApiClient, kind: ReportKind, on: string): Promise<number> {
  const built = await manager.api.reports.exportXlsx({ kind, on })
  const file = await manager.files.downloadExport(built.exportId)
  const bytes = file.bytes.length
  // an .xlsx is a zip: a file that does not start with PK is no workbook
  if (bytes !== built.size || file.bytes[0] !== 0x50 || file.bytes[1] !== 0x4b) throw new Error(`${kind}: ${bytes} bytes downloaded, ${built.size} announced, not a zip`)
  return bytes
}

export async function benchReportMonthExport(ctx: BenchContext, manager: ApiClient): Promise<OneShotLine> {
  const month = await lastWholeMonth(ctx.raw)
  const kinds: Partial<Record<ReportKind, KindResult>> = {}
  for (const kind of REPORT_KINDS) {
    const on = REPORT_PERIODS[kind] === 'month' ? month.from : month.to
    try {
      const runs: number[] = []
      const builds: number[] = []
      let bytes = 0
      for (let i = 0; i < EXPORT_RUNS; i++) {
        const [ms, size] = await timed(() => exportOnce(manager, kind, on))
        runs.push(ms)
        bytes = size
        builds.push((await timed(() => manager.api.reports.build({ kind, on })))[0])
      }
      kinds[kind] = { ms: round(percentile(runs, 50), 1), build_ms: round(percentile(builds, 50), 1), bytes }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      ctx.log(`report_month_export: ${kind} failed: ${message}`)
      kinds[kind] = { ms: Number.NaN, build_ms: Number.NaN, bytes: 0, error: message }
    }
  }
  const done = Object.entries(kinds).filter(([, r]) => !r.error) as [ReportKind, KindResult][]
  const [slowest, worst] = done.reduce<[ReportKind | null, KindResult | null]>((best, [kind, r]) => (best[1] && best[1].ms >= r.ms ? best : [kind, r]), [null, null])
  return {
    bench: 'report_month_export',
    rows: await dashboardRows(ctx),
    total_ms: worst?.ms ?? Number.NaN,
    bytes: worst?.bytes ?? 0,
    slowest,
    measured: `reports.exportXlsx({ kind, on }) then files.downloadExport as a manager, for ${month.from.slice(0, 7)} (weekly kinds: the week of ${month.to}); median of ${EXPORT_RUNS}`,
    kinds,
    failed: REPORT_KINDS.length - done.length,
  }
}
