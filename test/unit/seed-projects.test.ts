import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAN_CALLBACK_KINDS } from '../../main/contract/callbacks.contract'
import { MILESTONES, PROJECT_STATUSES, type ProjectStatus } from '../../main/contract/projects.contract'
import { DEFAULT_SETTINGS } from '../../main/contract/settings.contract'
import { companyDate } from '../../main/contract/time'
import { repo, type ProjectRow } from '../../database/entities'
import { seedDemo, type SeedDemoResult } from '../../main/seed/seed-demo'
import { derivePlan, isEmptyChange, reconcilePlan, type ExistingPlanRow } from '../../main/services/callback-plan'
import { effectiveStatus, storedStatusOf, warrantyEndsOn } from '../../main/services/project-rules'
import { openTestCore, type TestCore } from '../support/test-core'

// 11:30 in Shanghai on a Wednesday
const NOW = new Date('2025-06-04T03:30:00.000Z')
const TODAY = companyDate(NOW, 'Asia/Shanghai')
const PROJECTS = 160
const S = DEFAULT_SETTINGS
const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

interface PlanRowOnFile extends ExistingPlanRow {
  projectId: number
  kind: string
  agentId: number | null
  attempts: number
  result: string | null
  doneAt: string | null
  lastAttemptOutcome: string | null
  problemTicketId: number | null
  scores: (number | null)[]
}

describe('seed-demo: projects, deposits and return-visit plans', () => {
  let t: TestCore
  let seeded: SeedDemoResult
  let projects: ProjectRow[]
  let stops: Map<number, { fromOn: string; toOn: string | null }[]>
  let plans: Map<number, PlanRowOnFile[]>
  const rows = <T>(sql: string, params: unknown[] = []): Promise<T[]> => t.core.store.read.query(sql, params)
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await rows<T>(sql, params))[0]

  beforeAll(async () => {
    t = await openTestCore({ now: NOW })
    seeded = await seedDemo({ core: t.core, customers: 1200, calls: 3000, tickets: 900, projects: PROJECTS, seed: 'projects-test', now: NOW, log: () => undefined })
    projects = await repo(t.core.store.read, 'project').find({ order: { id: 'ASC' } })
    stops = new Map()
    for (const s of await rows<{ projectId: number; fromOn: string; toOn: string | null }>('SELECT project_id AS projectId, from_on AS fromOn, to_on AS toOn FROM project_stop ORDER BY id')) {
      stops.set(s.projectId, [...(stops.get(s.projectId) ?? []), { fromOn: s.fromOn, toOn: s.toOn }])
    }
    plans = new Map()
    const plan = await rows<Omit<PlanRowOnFile, 'scores'> & { s1: number | null; s2: number | null; s3: number | null; s4: number | null; s5: number | null }>(
      `SELECT id, project_id AS projectId, plan_key AS planKey, status, planned_on AS plannedOn, due_on AS dueOn, kind, agent_id AS agentId, attempts, result,
        done_at AS doneAt, last_attempt_outcome AS lastAttemptOutcome, problem_ticket_id AS problemTicketId,
        score_design AS s1, score_quality AS s2, score_tidiness AS s3, score_service AS s4, score_schedule AS s5
        FROM callback WHERE plan_key IS NOT NULL ORDER BY id`,
    )
    for (const { s1, s2, s3, s4, s5, ...r } of plan) plans.set(r.projectId, [...(plans.get(r.projectId) ?? []), { ...r, scores: [s1, s2, s3, s4, s5] }])
  }, 180_000)
  afterAll(() => t.close())

  const siteOf = (p: ProjectRow) => ({ ...p, stops: stops.get(p.id) ?? [] })
  const statusOf = (p: ProjectRow): ProjectStatus => effectiveStatus(p.status, p.warrantyEndsOn, TODAY)

  it('writes the sites asked for, in every status and stage, with no dangling reference', async () => {
    expect(projects).toHaveLength(PROJECTS)
    expect(seeded.projects?.projects).toBe(PROJECTS)
    const statuses = new Set(projects.map(statusOf))
    for (const status of PROJECT_STATUSES) expect(statuses.has(status), status).toBe(true)
    const building = projects.filter((p) => p.status === 'building')
    expect(building.some((p) => !p.materialOn)).toBe(true)
    expect(building.some((p) => p.materialOn && !p.midtermOn)).toBe(true)
    expect(building.some((p) => p.midtermOn)).toBe(true)
    expect(projects.filter((p) => p.status === 'completed').every((p) => p.completionOn && !p.finalPaidOn)).toBe(true)
    expect(await rows('PRAGMA foreign_key_check')).toEqual([])
    expect(new Set(projects.map((p) => p.contractNo)).size).toBe(PROJECTS)
    for (const p of projects) expect(p.contractNo).toMatch(/^HT\d{8}-\d{3}$/)
  })

  it('keeps the stored status, warranty end and open stops as the services derive them', () => {
    for (const p of projects) {
      const open = (stops.get(p.id) ?? []).filter((s) => s.toOn === null)
      expect(open.length, p.contractNo).toBeLessThanOrEqual(1)
      expect(p.status, p.contractNo).toBe(storedStatusOf(p, open.length === 1))
      expect(p.warrantyEndsOn, p.contractNo).toBe(warrantyEndsOn(p.completionOn, S.warrantyDefaultYears))
      for (const s of stops.get(p.id) ?? []) {
        expect(p.startOn && s.fromOn >= p.startOn, p.contractNo).toBe(true)
        expect(s.toOn === null || (s.toOn >= s.fromOn && s.toOn <= TODAY), p.contractNo).toBe(true)
        expect(p.completionOn === null || (s.toOn !== null && s.toOn <= p.completionOn), p.contractNo).toBe(true)
      }
    }
  })

  it('orders milestones (start ≤ material ≤ midterm ≤ completion), none before signing or after today, planned ones too', () => {
    for (const p of projects) {
      const actual = MILESTONES.map((m) => p[`${m}On`]).filter((d): d is string => d !== null)
      expect(actual, p.contractNo).toEqual([...actual].sort())
      for (const d of actual) expect(d >= p.signedOn && d <= TODAY, p.contractNo).toBe(true)
      // reached in order: no later milestone without the earlier ones
      const reached = MILESTONES.map((m) => p[`${m}On`] !== null)
      expect(reached, p.contractNo).toEqual([...reached].sort((a, b) => Number(b) - Number(a)))
      const planned = MILESTONES.map((m) => p[`${m}PlannedOn`] as string)
      expect(planned, p.contractNo).toEqual([...planned].sort())
      expect(planned[0] >= p.signedOn && p.signedOn <= TODAY, p.contractNo).toBe(true)
      expect(p.cancelledOn === null || (p.cancelledOn >= p.signedOn && p.cancelledOn <= TODAY && p.completionOn === null), p.contractNo).toBe(true)
    }
  })

  it('never lets the payments exceed the contract amount, and pays a stage only once it is due', () => {
    for (const p of projects) {
      expect(p.firstFen + p.midtermFen + p.finalFen, p.contractNo).toBeLessThanOrEqual(p.amountFen)
      expect(Math.min(p.firstFen, p.midtermFen, p.finalFen), p.contractNo).toBeGreaterThan(0)
      for (const paid of [p.firstPaidOn, p.midtermPaidOn, p.finalPaidOn]) expect(paid === null || (paid >= p.signedOn && paid <= TODAY), p.contractNo).toBe(true)
      expect(p.midtermPaidOn === null || (p.midtermOn !== null && p.midtermPaidOn >= p.midtermOn), p.contractNo).toBe(true)
      expect(p.finalPaidOn === null || (p.completionOn !== null && p.finalPaidOn >= p.completionOn), p.contractNo).toBe(true)
      expect(p.settlementSentOn === null || (p.completionOn !== null && p.settlementSentOn >= p.completionOn && p.settlementSentOn <= TODAY), p.contractNo).toBe(true)
    }
  })

  it('stores each plan exactly as derivePlan/reconcilePlan want it: re-deriving changes nothing', () => {
    let compared = 0
    for (const p of projects) {
      const own = plans.get(p.id) ?? []
      const wanted = derivePlan(siteOf(p), S, TODAY)
      const changes = reconcilePlan(wanted, own, TODAY)
      expect(isEmptyChange(changes), `${p.contractNo} ${JSON.stringify(changes)}`).toBe(true)
      // every key the plan wants is on file (a routine week before the start notice excepted), open ones at the plan's date
      const byKey = new Map(own.map((r) => [r.planKey, r]))
      for (const w of wanted) {
        const row = byKey.get(w.key)
        if (!row) {
          expect(w.kind === 'construction' && w.dueOn < TODAY, `${p.contractNo} ${w.key}`).toBe(true)
          continue
        }
        expect(row.status, `${p.contractNo} ${w.key}`).not.toBe('cancelled')
        expect(row.plannedOn, `${p.contractNo} ${w.key}`).toBe(w.dueOn)
        expect(row.kind, `${p.contractNo} ${w.key}`).toBe(w.kind)
        compared++
      }
      if (!p.startOn) expect(own, p.contractNo).toEqual([])
      if (p.cancelledOn) expect(own.filter((r) => r.status === 'open'), p.contractNo).toEqual([])
    }
    expect(compared).toBeGreaterThan(PROJECTS * 5)
  })

  it('has one row per (site, plan key)', async () => {
    expect(await rows('SELECT project_id, plan_key, COUNT(*) AS n FROM callback WHERE plan_key IS NOT NULL GROUP BY project_id, plan_key HAVING COUNT(*) > 1')).toEqual([])
    const kinds = await rows<{ kind: string }>('SELECT DISTINCT kind FROM callback WHERE plan_key IS NOT NULL ORDER BY kind')
    expect(kinds.map((k) => k.kind).sort()).toEqual([...PLAN_CALLBACK_KINDS].sort())
  })

  it('has done most past callbacks, with a verdict and 1–5 scores; some overdue, some unassigned, attempts on file', async () => {
    const all = [...plans.values()].flat()
    const past = all.filter((r) => r.plannedOn! < TODAY && r.status !== 'cancelled')
    expect(past.filter((r) => r.status === 'done').length / past.length).toBeGreaterThan(0.9)
    for (const r of all.filter((x) => x.status === 'done')) {
      expect(r.result, String(r.id)).not.toBeNull()
      expect(r.doneAt! <= stamp(NOW.getTime()), String(r.id)).toBe(true)
      expect(r.agentId, String(r.id)).not.toBeNull()
      for (const s of r.scores) expect(s === null || (Number.isInteger(s) && s >= 1 && s <= 5), String(r.id)).toBe(true)
      expect(r.scores.some((s) => s !== null), String(r.id)).toBe(true)
    }
    for (const r of all.filter((x) => x.status !== 'done')) expect([r.result, ...r.scores].every((v) => v === null), String(r.id)).toBe(true)
    const open = all.filter((r) => r.status === 'open')
    expect(open.filter((r) => r.dueOn < TODAY).length).toBeGreaterThan(0)
    expect(open.filter((r) => r.agentId === null).length).toBeGreaterThan(0)
    const results = new Set(all.map((r) => r.result))
    expect(results).toEqual(new Set([null, 'satisfied', 'fair', 'unsatisfied']))

    const attempts = await rows<{ callbackId: number; n: number; last: string; retryOn: string }>(
      `SELECT callback_id AS callbackId, COUNT(*) AS n, (SELECT outcome FROM callback_attempt b WHERE b.callback_id = a.callback_id ORDER BY b.id DESC LIMIT 1) AS last,
        (SELECT retry_on FROM callback_attempt b WHERE b.callback_id = a.callback_id ORDER BY b.id DESC LIMIT 1) AS retryOn FROM callback_attempt a GROUP BY callback_id`,
    )
    expect(attempts.length).toBeGreaterThan(10)
    const byId = new Map(all.map((r) => [r.id, r]))
    for (const a of attempts) {
      const r = byId.get(a.callbackId)!
      expect([r.attempts, r.lastAttemptOutcome, r.dueOn], String(r.id)).toEqual([a.n, a.last, a.retryOn])
    }
    expect(all.filter((r) => r.attempts > 0).length).toBe(attempts.length)
  })

  it('links the complaints a return visit raised to the callback that found them, and tickets to their site', async () => {
    const found = await rows<{ id: number; projectId: number; ticketProject: number | null; source: string; kind: string; customerOk: number }>(
      `SELECT cb.id, cb.project_id AS projectId, t.project_id AS ticketProject, t.source, t.kind, cb.customer_id = t.customer_id AS customerOk
        FROM callback cb JOIN ticket t ON t.id = cb.problem_ticket_id`,
    )
    expect(found.length).toBeGreaterThan(0)
    for (const f of found) expect(f).toMatchObject({ ticketProject: f.projectId, source: 'callback', kind: 'complaint', customerOk: 1 })
    const linked = await one<{ n: number; wrong: number }>(
      'SELECT COUNT(*) AS n, SUM(t.customer_id <> p.customer_id OR t.created_at < p.created_at) AS wrong FROM ticket t JOIN project p ON p.id = t.project_id',
    )
    expect(linked.n).toBeGreaterThan(0)
    expect(linked.wrong).toBe(0)
  })

  it('registers deposits pending (of various ages, followed up), signed into sites and lost with a reason', async () => {
    const deposits = await rows<{ id: number; status: string; paidOn: string; outcomeOn: string | null; lostReason: string | null; followUps: number; logged: number; project: string | null }>(
      `SELECT d.id, d.status, d.paid_on AS paidOn, d.outcome_on AS outcomeOn, d.lost_reason AS lostReason, d.follow_ups AS followUps,
        (SELECT COUNT(*) FROM deposit_follow_up f WHERE f.deposit_id = d.id) AS logged, (SELECT p.signed_on FROM project p WHERE p.deposit_id = d.id) AS project FROM deposit d`,
    )
    const pending = deposits.filter((d) => d.status === 'pending')
    expect(pending.some((d) => d.paidOn >= companyDate(new Date(NOW.getTime() - S.depositAlertDays * 86_400_000), 'Asia/Shanghai'))).toBe(true)
    expect(pending.some((d) => d.paidOn < companyDate(new Date(NOW.getTime() - S.depositAlertDays * 86_400_000), 'Asia/Shanghai'))).toBe(true)
    expect(pending.some((d) => d.followUps > 0)).toBe(true)
    for (const d of deposits) {
      expect(d.followUps).toBe(d.logged)
      expect(d.paidOn <= TODAY).toBe(true)
      if (d.status === 'signed') expect([d.outcomeOn, d.paidOn <= d.outcomeOn!]).toEqual([d.project, true])
      if (d.status === 'lost') expect(d.lostReason !== null && d.outcomeOn! >= d.paidOn && d.outcomeOn! <= TODAY).toBe(true)
      if (d.status === 'pending') expect([d.outcomeOn, d.project]).toEqual([null, null])
    }
    expect(deposits.filter((d) => d.status === 'lost').length).toBeGreaterThan(0)
    expect(projects.filter((p) => p.depositId !== null).length / PROJECTS).toBeGreaterThan(0.75)
  })

  it('has the callbacks of the last 90 days made by someone logged in then, one agent a weekend day', async () => {
    const since = stamp(NOW.getTime() - 89 * 86_400_000)
    const hourOf = (column: string) => `substr(${column}, 1, 13) || ':00:00.000'`
    const check = await one<{ n: number; unlogged: number; crowdedWeekends: number }>(
      `SELECT COUNT(*) AS n, SUM(NOT EXISTS (SELECT 1 FROM staff_presence p WHERE p.staff_id = w.who AND p.hour_start = ${hourOf('w.at')})) AS unlogged,
          (SELECT COUNT(*) FROM (SELECT date(done_at, '+8 hours') AS d FROM callback c JOIN staff_account a ON a.id = c.done_by AND a.role = 'agent'
            WHERE done_at >= ?1 AND strftime('%w', done_at, '+8 hours') IN ('0', '6') GROUP BY d HAVING COUNT(DISTINCT done_by) > 1)) AS crowdedWeekends
        FROM (SELECT done_by AS who, done_at AS at FROM callback WHERE done_at >= ?1 UNION ALL SELECT by_id, at FROM callback_attempt WHERE at >= ?1) w
        JOIN staff_account s ON s.id = w.who AND s.role IN ('agent', 'shiftLead')`,
      [since],
    )
    expect(check.n).toBeGreaterThan(100)
    expect(check.unlogged).toBe(0)
    // the weekend's agent covers the others' desks (a day's leave may add one more now and then)
    expect(check.crowdedWeekends).toBeLessThan(4)
  })

  it('logs every change of a site: the version counts them, the status follows the last', async () => {
    const logs = await rows<{ projectId: number; n: number; first: string; firstAt: string; lastAt: string }>(
      `SELECT project_id AS projectId, COUNT(*) AS n, (SELECT action FROM project_log b WHERE b.project_id = a.project_id ORDER BY b.id LIMIT 1) AS first,
        MIN(at) AS firstAt, MAX(at) AS lastAt FROM project_log a GROUP BY project_id`,
    )
    expect(logs).toHaveLength(PROJECTS)
    const byProject = new Map(logs.map((l) => [l.projectId, l]))
    for (const p of projects) {
      const l = byProject.get(p.id)!
      expect([l.first, p.version], p.contractNo).toEqual(['create', l.n])
      expect(l.lastAt <= stamp(NOW.getTime()), p.contractNo).toBe(true)
    }
  })

  it('inspects building sites about weekly, with rectifications open, overdue and passed', async () => {
    const recent = await one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM project p WHERE p.status = 'building' AND p.start_on <= ? AND EXISTS (SELECT 1 FROM inspection i WHERE i.project_id = p.id AND i.inspected_on >= ?)`,
      [companyDate(new Date(NOW.getTime() - 14 * 86_400_000), 'Asia/Shanghai'), companyDate(new Date(NOW.getTime() - 14 * 86_400_000), 'Asia/Shanghai')],
    )
    expect(recent.n).toBeGreaterThan(0)
    const r = await one<{ open: number; overdue: number; passed: number; badNo: number; n: number; issues: number; unchecked: number }>(
      `SELECT SUM(status = 'open') AS open, SUM(status = 'open' AND deadline_on < ?) AS overdue, SUM(status = 'passed') AS passed,
        SUM(no NOT GLOB 'ZG[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]') AS badNo, COUNT(*) AS n,
        (SELECT COUNT(*) FROM inspection WHERE result = 'issues') AS issues,
        SUM(status = 'passed' AND NOT EXISTS (SELECT 1 FROM rectification_check c WHERE c.rectification_id = rectification.id AND c.passed = 1)) AS unchecked
        FROM rectification`,
      [TODAY],
    )
    expect(r).toMatchObject({ badNo: 0, unchecked: 0, n: r.issues })
    expect(Math.min(r.open - r.overdue, r.overdue, r.passed)).toBeGreaterThan(0)
  })

  it('has viewing trips with reports, evaluations of recent completions and a greeting done', async () => {
    const trips = await rows<{ id: number; tripOn: string; report: string | null; clients: number; sites: number; outcomes: number }>(
      `SELECT id, trip_on AS tripOn, report, (SELECT COUNT(*) FROM viewing_trip_client c WHERE c.trip_id = v.id) AS clients,
        (SELECT COUNT(*) FROM viewing_trip_site s WHERE s.trip_id = v.id) AS sites,
        (SELECT COUNT(*) FROM viewing_trip_client c WHERE c.trip_id = v.id AND c.outcome IS NOT NULL) AS outcomes FROM viewing_trip v`,
    )
    expect(trips.filter((x) => x.report !== null).length).toBeGreaterThan(0)
    for (const x of trips) {
      expect(x.clients * x.sites).toBeGreaterThan(0)
      expect(x.outcomes).toBe(x.report === null ? 0 : x.clients)
      expect(x.report === null).toBe(x.tripOn >= TODAY)
    }
    const evaluations = await rows<{ month: string; completionOn: string; scores: number }>(
      'SELECT e.month, p.completion_on AS completionOn, MIN(score_designer, score_project_manager, score_supervisor, score_crew, score_overall) >= 1 AND MAX(score_designer, score_project_manager, score_supervisor, score_crew, score_overall) <= 5 AS scores FROM evaluation e JOIN project p ON p.id = e.project_id',
    )
    expect(evaluations.length).toBeGreaterThan(0)
    for (const e of evaluations) expect([e.month, e.scores]).toEqual([e.completionOn.slice(0, 7), 1])
    const greetings = await rows<{ key: string; name: string; holidayOn: string; sent: number }>('SELECT greeting_key AS key, name, holiday_on AS holidayOn, sent FROM greeting')
    expect(greetings.length).toBeGreaterThan(0)
    for (const g of greetings) {
      expect(g.key).toMatch(new RegExp(`^\\d{4}-${g.name}$`))
      expect(S.greetingHolidays).toContain(g.name)
      expect(g.holidayOn < TODAY && g.sent > 0).toBe(true)
      // the audience greetings.service counts for that day
      const audience = await one<{ n: number }>(
        'SELECT COUNT(DISTINCT customer_id) AS n FROM project WHERE start_on <= ?1 AND (cancelled_on IS NULL OR cancelled_on > ?1) AND (warranty_ends_on IS NULL OR warranty_ends_on >= ?1)',
        [g.holidayOn],
      )
      expect(g.sent).toBe(audience.n)
    }
  })
})
