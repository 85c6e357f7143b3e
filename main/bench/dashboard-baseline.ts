import type { DashboardKpis, HeatCell } from '../contract/dashboard.contract'
import { TICKET_OPEN_STATES } from '../contract/tickets.contract'
import { companyDayRange, datesBetween } from '../contract/time'
import type { Prepared, RawDb } from './raw-sql'

/**
 * The dashboard's figures of one period asked by hand of the same file: every aggregate one
 * prepared statement over the summaries and the covering indexes (?1/?2 company dates, ?3/?4 the
 * UTC instants bounding them, ?5 now, ?6 unused, ?7 whether measuring appointments count), run side by side.
 * Written from the definitions on `DashboardKpis`, so that it checks the service as well as timing it.
 */

const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')
const OPEN = quoted(TICKET_OPEN_STATES)
/** states that still owe a deadline; a suspended ticket is judged as of its suspension (its clock stopped there) */
const OWES_RESPONSE = quoted(['pending', 'dispatched', 'reopened', 'suspended'])
const OWES_RESOLUTION = quoted(['pending', 'dispatched', 'inProgress', 'reopened', 'suspended'])

const CALL_SUMS = `SUM(CASE WHEN direction = 'in' THEN calls ELSE 0 END) AS callsIn,
  SUM(CASE WHEN direction = 'out' THEN calls ELSE 0 END) AS callsOut,
  SUM(CASE WHEN direction = 'in' AND status IN ('missed', 'abandoned') THEN calls ELSE 0 END) AS missed,
  SUM(CASE WHEN direction = 'in' AND status = 'answered' THEN calls ELSE 0 END) AS answeredIn,
  SUM(CASE WHEN direction = 'in' AND status IN ('answered', 'missed', 'abandoned') THEN calls ELSE 0 END) AS endedIn,
  SUM(CASE WHEN status = 'answered' THEN calls ELSE 0 END) AS answered,
  SUM(CASE WHEN status = 'answered' THEN talk_sec ELSE 0 END) AS talk,
  SUM(CASE WHEN direction = 'in' AND call_type IN ('consult', 'measure') THEN calls ELSE 0 END) AS inquiries`
const COMPLAINT_SUMS = `COUNT(*) AS n, SUM(state IN (${OPEN})) AS open,
  SUM(responded_at > response_due_at OR resolved_at > resolution_due_at
    OR (responded_at IS NULL AND response_due_at <= COALESCE(suspended_at, ?5) AND state IN (${OWES_RESPONSE}))
    OR (resolved_at IS NULL AND resolution_due_at <= COALESCE(suspended_at, ?5) AND state IN (${OWES_RESOLUTION}))) AS breached`
const COMPLAINTS_OF = "FROM ticket WHERE created_at >= ?3 AND created_at < ?4 AND kind = 'complaint' AND state <> 'cancelled'"
const ON_TIME = 'SUM(resolved) AS n, SUM(on_time) AS ok'
const SATISFACTION = "SUM(callbacks) AS n, SUM(CASE WHEN result = 'satisfied' THEN callbacks ELSE 0 END) AS sat, SUM(score_sum) AS ss, SUM(score_count) AS sc"

const SQL = {
  callsByDay: `SELECT stat_date AS d, ${CALL_SUMS} FROM call_stat WHERE stat_date BETWEEN ?1 AND ?2 GROUP BY stat_date`,
  callTotals: `SELECT ${CALL_SUMS} FROM call_stat WHERE stat_date BETWEEN ?1 AND ?2`,
  heatmap: `SELECT (CAST(strftime('%w', stat_date) AS INTEGER) + 6) % 7 + 1 AS weekday, stat_hour AS hour, SUM(calls) AS calls
    FROM call_stat WHERE stat_date BETWEEN ?1 AND ?2 AND direction = 'in' GROUP BY 1, 2 HAVING SUM(calls) > 0`,
  agents: `WITH c AS (SELECT agent_id AS id, SUM(CASE WHEN direction = 'in' THEN calls ELSE 0 END) AS callsIn, SUM(CASE WHEN direction = 'out' THEN calls ELSE 0 END) AS callsOut,
        SUM(CASE WHEN status = 'answered' THEN calls ELSE 0 END) AS answered, SUM(CASE WHEN status = 'answered' THEN talk_sec ELSE 0 END) AS talk
      FROM call_stat WHERE stat_date BETWEEN ?1 AND ?2 AND agent_id <> 0 GROUP BY agent_id),
    b AS (SELECT agent_id AS id, SUM(callbacks) AS done FROM callback_stat WHERE stat_date BETWEEN ?1 AND ?2 AND agent_id <> 0 GROUP BY agent_id)
    SELECT s.id, s.display_name AS name, COALESCE(c.callsIn, 0) AS callsIn, COALESCE(c.callsOut, 0) AS callsOut, COALESCE(c.answered, 0) AS answered,
      COALESCE(c.talk, 0) AS talk, COALESCE(b.done, 0) AS callbacksDone
    FROM staff_account s LEFT JOIN c ON c.id = s.id LEFT JOIN b ON b.id = s.id WHERE c.id IS NOT NULL OR b.id IS NOT NULL`,
  // ?7: whether measuring appointments count as consultations (a setting)
  sales: `SELECT (SELECT COUNT(*) FROM visit WHERE arrived_at >= ?3 AND arrived_at < ?4) AS walkIns,
      (SELECT COUNT(*) FROM customer WHERE created_at >= ?3 AND created_at < ?4) AS newCustomers,
      (SELECT COUNT(*) FROM measure_appointment WHERE created_at >= ?3 AND created_at < ?4 AND status <> 'cancelled') AS measures,
      (SELECT COUNT(*) FROM deposit WHERE paid_on BETWEEN ?1 AND ?2) AS deposits,
      (SELECT COUNT(*) FROM project WHERE signed_on BETWEEN ?1 AND ?2 AND cancelled_on IS NULL) AS contracts`,
  sources: 'SELECT source_channel AS source, COUNT(*) AS n FROM visit WHERE arrived_at >= ?3 AND arrived_at < ?4 GROUP BY source_channel',
  complaints: `SELECT category, severity, ${COMPLAINT_SUMS} ${COMPLAINTS_OF} GROUP BY category, severity`,
  complaintTotals: `SELECT ${COMPLAINT_SUMS} ${COMPLAINTS_OF}`,
  onTimeByDay: `SELECT stat_date AS d, ${ON_TIME} FROM ticket_stat WHERE stat_date BETWEEN ?1 AND ?2 GROUP BY stat_date`,
  onTimeTotals: `SELECT ${ON_TIME} FROM ticket_stat WHERE stat_date BETWEEN ?1 AND ?2`,
  satisfactionByDay: `SELECT stat_date AS d, ${SATISFACTION} FROM callback_stat WHERE stat_date BETWEEN ?1 AND ?2 AND result <> '' GROUP BY stat_date`,
  satisfactionTotals: `SELECT ${SATISFACTION} FROM callback_stat WHERE stat_date BETWEEN ?1 AND ?2 AND result <> ''`,
  callbacks: "SELECT COUNT(*) AS due, SUM(status = 'done') AS done FROM callback WHERE status IN ('open', 'done') AND due_on BETWEEN ?1 AND ?2",
  designers: `SELECT p.id, p.name, COALESCE(v.n, 0) AS visits, COALESCE(m.n, 0) AS measures, COALESCE(d.n, 0) AS deposits, COALESCE(s.n, 0) AS signed FROM person p
      LEFT JOIN (SELECT designer_id AS id, COUNT(*) AS n FROM visit WHERE arrived_at >= ?3 AND arrived_at < ?4 AND designer_id IS NOT NULL GROUP BY designer_id) v ON v.id = p.id
      LEFT JOIN (SELECT designer_id AS id, COUNT(*) AS n FROM measure_appointment WHERE ?7 AND created_at >= ?3 AND created_at < ?4 AND status <> 'cancelled' GROUP BY designer_id) m ON m.id = p.id
      LEFT JOIN (SELECT designer_id AS id, COUNT(*) AS n FROM deposit WHERE paid_on BETWEEN ?1 AND ?2 GROUP BY designer_id) d ON d.id = p.id
      LEFT JOIN (SELECT designer_id AS id, COUNT(*) AS n FROM project WHERE signed_on BETWEEN ?1 AND ?2 AND cancelled_on IS NULL GROUP BY designer_id) s ON s.id = p.id
    WHERE p.kind = 'designer' AND (v.n IS NOT NULL OR m.n IS NOT NULL OR d.n IS NOT NULL OR s.n IS NOT NULL)`,
}
type Query = keyof typeof SQL

interface CallSums {
  callsIn: number
  callsOut: number
  missed: number
  answeredIn: number
  endedIn: number
  answered: number
  talk: number
  inquiries: number
}
type SalesRow = { walkIns: number; newCustomers: number; measures: number; deposits: number; contracts: number }
type ComplaintSums = { n: number; open: number | null; breached: number | null }
type OnTimeSums = { n: number; ok: number | null }
type SatisfactionSums = { n: number; sat: number | null; ss: number | null; sc: number | null }

/** What the baseline answers: the figures the bench compares with the API's. */
export interface BaselineOverview {
  kpis: DashboardKpis
  previousKpis: DashboardKpis
  callsByDay: { date: string; in: number; out: number; missed: number }[]
  heatmap: HeatCell[]
  walkInsBySource: { source: string | null; count: number }[]
  funnel: Record<'inquiry' | 'walkIn' | 'measure' | 'deposit' | 'contract', number>
  complaints: { category: string; severity: string; count: number }[]
  onTimeTrend: { date: string; resolved: number; onTime: number }[]
  satisfactionTrend: { date: string; results: number; satisfied: number }[]
  designers: { id: number; consultations: number; deposits: number; signed: number }[]
  agents: { id: number; callsIn: number; callsOut: number; answered: number; callbacksDone: number }[]
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)
const stamp = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '')

function kpis(c: CallSums, s: SalesRow, withMeasures: boolean, complaints: ComplaintSums, onTime: OnTimeSums, callbacks: { due: number; done: number | null }, sat: SatisfactionSums): DashboardKpis {
  const consultations = s.walkIns + (withMeasures ? s.measures : 0)
  const done = callbacks.done ?? 0
  return {
    walkIns: s.walkIns,
    callsIn: c.callsIn ?? 0,
    callsOut: c.callsOut ?? 0,
    callsMissed: c.missed ?? 0,
    answerRate: rate(c.answeredIn ?? 0, c.endedIn ?? 0),
    avgHandleSec: rate(c.talk ?? 0, c.answered ?? 0),
    newCustomers: s.newCustomers,
    consultations,
    deposits: s.deposits,
    contracts: s.contracts,
    conversion: rate(s.contracts, consultations),
    depositRate: rate(s.deposits, consultations),
    complaintsNew: complaints.n,
    complaintsOpen: complaints.open ?? 0,
    complaintsBreached: complaints.breached ?? 0,
    ticketsResolved: onTime.n,
    onTimeRate: rate(onTime.ok ?? 0, onTime.n),
    callbacksDue: callbacks.due,
    callbacksDone: done,
    callbackCompletion: rate(done, callbacks.due),
    satisfactionResults: sat.n,
    satisfiedRate: rate(sat.sat ?? 0, sat.n),
    avgScore: rate(sat.ss ?? 0, sat.sc ?? 0),
  }
}

/** The totals of per-day or per-group rows: the period's cards come from its series. */
function sumRows<T extends object>(rows: readonly T[], keys: readonly (keyof T & string)[]): T {
  const total: Record<string, number> = {}
  for (const k of keys) total[k] = rows.reduce((n, r) => n + (Number(r[k]) || 0), 0)
  return total as T
}

export async function dashboardBaseline(raw: RawDb, options: { timeZone: string; consultationCountsMeasures: boolean }) {
  const q = {} as Record<Query, Prepared>
  /** how many of the parameters a statement takes: sqlite3 refuses extra ones */
  const arity = {} as Record<Query, number>
  for (const [name, sql] of Object.entries(SQL) as [Query, string][]) {
    q[name] = await raw.prepare(sql)
    arity[name] = Math.max(...[...sql.matchAll(/\?(\d)/g)].map((m) => Number(m[1])))
  }
  const { timeZone, consultationCountsMeasures: withMeasures } = options

  const paramsOf = (from: string, to: string, now: Date) => [
    from, to, stamp(companyDayRange(from, timeZone).from), stamp(companyDayRange(to, timeZone).to), stamp(now), null, withMeasures ? 1 : 0,
  ]
  const all = <T>(name: Query, params: unknown[]) => q[name].all<T>(params.slice(0, arity[name]))
  const one = async <T>(name: Query, params: unknown[]) => (await q[name].get<T>(params.slice(0, arity[name]))) as T

  const ask = async (period: { from: string; to: string }, previous: { from: string; to: string }, now: Date): Promise<BaselineOverview> => {
    const p = paramsOf(period.from, period.to, now)
    const pp = paramsOf(previous.from, previous.to, now)
    const [days, heat, agents, sales, sources, complaints, onTime, satisfaction, callbacks, designers, prevCalls, prevSales, prevComplaints, prevOnTime, prevSatisfaction, prevCallbacks] =
      await Promise.all([
        all<CallSums & { d: string }>('callsByDay', p),
        all<HeatCell>('heatmap', p),
        all<{ id: number; callsIn: number; callsOut: number; answered: number; talk: number; callbacksDone: number }>('agents', p),
        one<SalesRow>('sales', p),
        all<{ source: string | null; n: number }>('sources', p),
        all<ComplaintSums & { category: string; severity: string }>('complaints', p),
        all<OnTimeSums & { d: string }>('onTimeByDay', p),
        all<SatisfactionSums & { d: string }>('satisfactionByDay', p),
        one<{ due: number; done: number | null }>('callbacks', p),
        all<{ id: number; visits: number; measures: number; deposits: number; signed: number }>('designers', p),
        one<CallSums>('callTotals', pp),
        one<SalesRow>('sales', pp),
        one<ComplaintSums>('complaintTotals', pp),
        one<OnTimeSums>('onTimeTotals', pp),
        one<SatisfactionSums>('satisfactionTotals', pp),
        one<{ due: number; done: number | null }>('callbacks', pp),
      ])
    const calls = sumRows<CallSums>(days, ['callsIn', 'callsOut', 'missed', 'answeredIn', 'endedIn', 'answered', 'talk', 'inquiries'])
    const byDay = new Map(days.map((d) => [d.d, d]))
    const onTimeByDay = new Map(onTime.map((d) => [d.d, d]))
    const satisfactionByDay = new Map(satisfaction.map((d) => [d.d, d]))
    const dates = datesBetween(period.from, period.to)
    return {
      kpis: kpis(calls, sales, withMeasures, sumRows<ComplaintSums>(complaints, ['n', 'open', 'breached']), sumRows<OnTimeSums>(onTime, ['n', 'ok']), callbacks, sumRows<SatisfactionSums>(satisfaction, ['n', 'sat', 'ss', 'sc'])),
      previousKpis: kpis(prevCalls, prevSales, withMeasures, prevComplaints, prevOnTime, prevCallbacks, prevSatisfaction),
      callsByDay: dates.map((date) => ({ date, in: byDay.get(date)?.callsIn ?? 0, out: byDay.get(date)?.callsOut ?? 0, missed: byDay.get(date)?.missed ?? 0 })),
      heatmap: heat,
      walkInsBySource: sources.map((s) => ({ source: s.source, count: s.n })),
      funnel: { inquiry: calls.inquiries, walkIn: sales.walkIns, measure: sales.measures, deposit: sales.deposits, contract: sales.contracts },
      complaints: complaints.map((c) => ({ category: c.category, severity: c.severity, count: c.n })),
      onTimeTrend: dates.map((date) => ({ date, resolved: onTimeByDay.get(date)?.n ?? 0, onTime: onTimeByDay.get(date)?.ok ?? 0 })),
      satisfactionTrend: dates.map((date) => ({ date, results: satisfactionByDay.get(date)?.n ?? 0, satisfied: satisfactionByDay.get(date)?.sat ?? 0 })),
      designers: designers.map((d) => ({ id: d.id, consultations: d.visits + (withMeasures ? d.measures : 0), deposits: d.deposits, signed: d.signed })),
      agents: agents.map((a) => ({ id: a.id, callsIn: a.callsIn, callsOut: a.callsOut, answered: a.answered, callbacksDone: a.callbacksDone })),
    }
  }
  return { ask, close: () => Promise.all(Object.values(q).map((s) => s.finalize())) }
}
