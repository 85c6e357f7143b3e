import type { Database } from 'sqlite3'
import { PROJECT_STATUSES, type ProjectStatus } from '../contract/projects.contract'
import type { AppSettings } from '../contract/settings.contract'
import { companyDate } from '../contract/time'
import type { Store } from '../../database/store'
import type { DemoRota } from './agent-rota'
import { subjectOf } from '../services/ticket-dto'
import { effectiveStatus } from '../services/project-rules'
import { all, BulkInsert, run, SerialQueue, sqliteTime } from './bulk-insert'
import { buildCommunities, type Community } from './communities'
import { planCallbacks, type FoundProblem, type PlanWorld } from './project-callbacks'
import { DayBook } from './project-days'
import { depositRows, drawLost, drawPending, type DepositDraft, type DepositWorld } from './project-deposits'
import { evaluations, greetings, viewingTrips } from './project-extras'
import { inspectSite, type InspectionRows, type InspectionWorld } from './project-inspections'
import { CustomerPool, loadProjectOrg, type PoolCustomer } from './project-people'
import {
  ATTEMPT_COLUMNS, attemptLiterals, DEPOSIT_COLUMNS, DEPOSIT_FOLLOW_UP_COLUMNS, EVALUATION_COLUMNS, GREETING_COLUMNS, INSPECTION_COLUMNS, PLAN_CALLBACK_COLUMNS,
  planCallbackLiteral, PROJECT_COLUMNS, PROJECT_LOG_COLUMNS, projectLiteral, RECHECK_COLUMNS, RECTIFICATION_COLUMNS, STOP_COLUMNS, TRIP_CLIENT_COLUMNS,
  TRIP_COLUMNS, TRIP_SITE_COLUMNS,
} from './project-rows'
import { buildSite, contractNo, type Site, type SiteWorld } from './project-sites'
import { buildDays, drawTimeline, fateWeights, showcaseFates, type Timeline } from './project-timeline'
import { Weighted, type Rng } from './random'
import { WorkClock } from './ticket-fates'

export interface SeedProjectsOptions {
  store: Store
  db: Database
  projects: number
  rng: Rng
  now: Date
  settings: AppSettings
  /** the 小区 the customers were drawn from (addresses for customers without one) */
  communities?: Community[]
  /** who is at work when (callbacks are made on shift) */
  rota?: DemoRota
  log: (message: string) => void
}

export interface SeedProjectsResult {
  projects: number
  statuses: Record<ProjectStatus, number>
  deposits: { pending: number; signed: number; lost: number }
  callbacks: number
  openCallbacks: number
  overdueCallbacks: number
  attempts: number
  problems: number
  inspections: number
  rectifications: { open: number; overdue: number; total: number }
  trips: number
  evaluations: number
  greetings: number
  ms: number
}

const DAY = 86_400_000
const PROJECT_TABLES = [
  'project', 'project_stop', 'project_log', 'deposit', 'deposit_follow_up', 'callback', 'callback_attempt', 'inspection', 'rectification',
  'rectification_check', 'viewing_trip', 'viewing_trip_client', 'viewing_trip_site', 'evaluation', 'greeting',
]
/** 房屋面积 of a flat when the customer file has none: mostly two and three rooms. */
const AREAS = new Weighted<[number, number]>([[[45, 70], 10], [[70, 100], 35], [[100, 140], 38], [[140, 220], 14], [[220, 400], 3]])
/** Share of contracts signed on a deposit paid first (the rest signed at the first serious talk). */
const WITH_DEPOSIT = 0.88

interface Draft {
  timeline: Timeline
  areaSqm: number
  customer: PoolCustomer | null
  depositId: number | null
}

/**
 * Sites (合同/工地) in every stage with their deposits, logs, stops, return-visit plans (from the
 * services' own pure planner, so that re-deriving changes nothing), callbacks done with scores
 * and attempts, inspections with rectification notices, viewing trips, evaluations and the last
 * holiday greetings — written in multi-row INSERTs on the store's writer connection. Runs after
 * the tickets: tickets of a site's customer get the site, and complaints a callback raised are
 * linked to the callback that found them.
 */
export async function seedProjects(o: SeedProjectsOptions): Promise<SeedProjectsResult> {
  const started = performance.now()
  const { db, settings, rng, log } = o
  const now = o.now.getTime()
  const clock = new WorkClock(o.now, settings.timeZone)
  const book = new DayBook(companyDate(o.now, settings.timeZone), clock)
  const org = await loadProjectOrg(db)
  const pool = await CustomerPool.load(db)
  const history = pool.firstContact === null ? 0 : Math.floor((now - pool.firstContact) / DAY)
  const years = settings.warrantyDefaultYears

  const drafts = drawDrafts(rng.fork('timelines'), o.projects, history, years)
  const problems = await callbackComplaints(db)
  assignCustomers(rng.fork('customers'), drafts, pool, book, problems)
  const placed = drafts.filter((d): d is Draft & { customer: PoolCustomer } => d.customer !== null)
  if (placed.length < drafts.length) log(`projects: only ${placed.length} customers could sign`)

  const ids = await nextIds(db)
  const communities = o.communities ?? buildCommunities(rng.fork('communities'), 300)
  const siteWorld: SiteWorld = {
    rng: rng.fork('sites'),
    book,
    now,
    org,
    warrantyYears: years,
    communities: new Map(communities.map((c) => [c.name, c])),
    anyCommunity: new Weighted(communities.map((c) => [c, c.weight] as const)),
  }
  const depositWorld: DepositWorld = { rng: rng.fork('deposits'), book, now, org }
  const designerOf = (c: PoolCustomer) => (c.designerId !== null && org.designerIds.has(c.designerId) ? c.designerId : org.designers.draw(depositWorld.rng))

  // Deposits of the signed sites first: their ids must be known before the sites are written.
  const depositDrafts: Omit<DepositDraft, 'id'>[] = []
  const depositOf = new Map<Draft, Omit<DepositDraft, 'id'>>()
  for (const d of placed) {
    if (!depositWorld.rng.chance(WITH_DEPOSIT)) continue
    const createdDay = book.dayOf(d.customer.created)
    const paidDay = Math.min(d.timeline.signed, Math.max(createdDay, d.timeline.signed - depositWorld.rng.int(3, 40)))
    const draft = { customer: d.customer, designerId: designerOf(d.customer), paidDay, status: 'signed' as const, outcomeDay: d.timeline.signed, outcomeAt: null }
    depositDrafts.push(draft)
    depositOf.set(d, draft)
  }

  const sequences = await contractSequences(db)
  const sites: Site[] = []
  for (const [i, d] of placed.entries()) {
    const signedOn = book.text(d.timeline.signed)
    const sequence = (sequences.get(signedOn) ?? 0) + 1
    sequences.set(signedOn, sequence)
    sites.push(buildSite(siteWorld, { id: ids.project + i, contractNo: contractNo(signedOn, sequence), timeline: d.timeline, customer: d.customer, areaSqm: d.areaSqm, depositId: null }))
  }
  const extrasWorld = { rng: rng.fork('extras'), book, now, org }
  const trips = viewingTrips(extrasWorld, sites, pool, ids.trip)
  for (const t of trips.deposits) depositDrafts.push({ customer: t.customer, designerId: designerOf(t.customer), paidDay: t.day, status: 'pending', outcomeDay: null, outcomeAt: null })
  depositDrafts.push(...drawPending(depositWorld, pool, Math.max(3, Math.round(placed.length * 0.06)), designerOf))
  depositDrafts.push(...drawLost(depositWorld, pool, Math.max(2, Math.round(placed.length * 0.2)), history, designerOf))
  // ids in the order the deposits were paid, as they are registered
  const deposits: DepositDraft[] = depositDrafts.sort((a, b) => a.paidDay - b.paidDay).map((d, i) => ({ ...d, id: ids.deposit + i }))
  const depositIdOf = new Map(deposits.map((d) => [d.customer.id, d]))
  for (const [i, d] of placed.entries()) {
    const deposit = depositOf.has(d) ? depositIdOf.get(d.customer.id) : undefined
    if (!deposit) continue
    sites[i].record.depositId = deposit.id
    deposit.outcomeAt = sites[i].record.createdAt
  }
  log(`projects: ${sites.length} sites, ${deposits.length} deposits drawn (${Math.round(performance.now() - started)} ms)`)

  const result = await write(o, { book, now, org, sites, deposits, depositWorld, trips, extrasWorld, problems, ids, started })
  return { ...result, ms: Math.round(performance.now() - started) }
}

function drawDrafts(rng: Rng, count: number, history: number, years: number): Draft[] {
  const weights = fateWeights(history, years)
  const fates = Array.from({ length: count }, () => weights.draw(rng))
  showcaseFates(fates, count >= 40 ? 2 : count >= 9 ? 1 : 0)
  const drafts = fates.map((fate): Draft => {
    const [lo, hi] = AREAS.draw(rng)
    const areaSqm = rng.int(lo, hi)
    return { timeline: drawTimeline(rng, fate, buildDays(rng, areaSqm), history, years), areaSqm, customer: null, depositId: null }
  })
  // ids follow the signing, as they do in real use
  return drafts.sort((a, b) => a.timeline.signed - b.timeline.signed)
}

/** Complaints raised from a return visit (source 'callback'), by customer: what a site's callbacks found. */
async function callbackComplaints(db: Database): Promise<Map<number, FoundProblem[]>> {
  const rows = await all<{ id: number; customerId: number; createdAt: string; createdBy: number; description: string }>(
    db,
    "SELECT id, customer_id AS customerId, created_at AS createdAt, created_by AS createdBy, description FROM ticket WHERE kind = 'complaint' AND source = 'callback' AND project_id IS NULL ORDER BY id",
  )
  const byCustomer = new Map<number, FoundProblem[]>()
  for (const r of rows) {
    const problem = { ticketId: r.id, at: Date.parse(`${r.createdAt.replace(' ', 'T')}Z`), byId: r.createdBy, subject: subjectOf(r.description) }
    byCustomer.set(r.customerId, [...(byCustomer.get(r.customerId) ?? []), problem])
  }
  return byCustomer
}

/**
 * Each site to a customer on file before its signing; a site whose plan ran in the tickets'
 * window often goes to a customer whose complaint came from a return visit after its start.
 */
function assignCustomers(rng: Rng, drafts: Draft[], pool: CustomerPool, book: DayBook, problems: Map<number, FoundProblem[]>): void {
  const preferred = [...problems.keys()].map((id) => pool.indexOf(id)).filter((i) => i >= 0)
  for (let i = preferred.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    ;[preferred[i], preferred[j]] = [preferred[j], preferred[i]]
  }
  for (const d of drafts) {
    const t = d.timeline
    const signedAt = book.start(t.signed)
    if (t.start !== null && t.cancelled === null && (t.completion === null || t.completion > -700) && preferred.length && rng.chance(0.6)) {
      const startAt = book.start(t.start + 7)
      for (let k = 0; k < Math.min(40, preferred.length); k++) {
        const index = preferred[(k + rng.int(0, preferred.length - 1)) % preferred.length]
        const c = pool.customers[index]
        if (!pool.isFree(index) || c.created > signedAt - 3 * DAY || !problems.get(c.id)?.some((p) => p.at >= startAt)) continue
        d.customer = pool.use(index)
        break
      }
      if (d.customer) continue
    }
    d.customer = pool.take(rng, signedAt - 3 * DAY)
  }
}

async function nextIds(db: Database): Promise<{ project: number; deposit: number; callback: number; inspection: number; rectification: number; trip: number }> {
  const [r] = await all<Record<string, number | null>>(
    db,
    `SELECT (SELECT MAX(id) FROM project) AS project, (SELECT MAX(id) FROM deposit) AS deposit, (SELECT MAX(id) FROM callback) AS callback,
      (SELECT MAX(id) FROM inspection) AS inspection, (SELECT MAX(id) FROM rectification) AS rectification, (SELECT MAX(id) FROM viewing_trip) AS trip`,
  )
  const next = (k: string) => (r[k] ?? 0) + 1
  return { project: next('project'), deposit: next('deposit'), callback: next('callback'), inspection: next('inspection'), rectification: next('rectification'), trip: next('trip') }
}

/** The last contract number used per signing date (an appended seed goes on from there). */
async function contractSequences(db: Database): Promise<Map<string, number>> {
  const sequences = new Map<string, number>()
  for (const { no } of await all<{ no: string }>(db, "SELECT contract_no AS no FROM project WHERE contract_no LIKE 'HT%-%'")) {
    const m = /^HT(\d{4})(\d\d)(\d\d)-(\d+)$/.exec(no)
    if (m) sequences.set(`${m[1]}-${m[2]}-${m[3]}`, Math.max(sequences.get(`${m[1]}-${m[2]}-${m[3]}`) ?? 0, Number(m[4])))
  }
  return sequences
}

interface WriteInput {
  book: DayBook
  now: number
  org: Awaited<ReturnType<typeof loadProjectOrg>>
  sites: Site[]
  deposits: DepositDraft[]
  depositWorld: DepositWorld
  trips: ReturnType<typeof viewingTrips>
  extrasWorld: Parameters<typeof evaluations>[0]
  problems: Map<number, FoundProblem[]>
  ids: Awaited<ReturnType<typeof nextIds>>
  started: number
}

async function write(o: SeedProjectsOptions, w: WriteInput): Promise<Omit<SeedProjectsResult, 'ms'>> {
  const { db, settings, log } = o
  const { book, sites } = w
  const queue = new SerialQueue()
  const insert = (table: string, columns: readonly string[], rowsPerStatement = 500) => new BulkInsert(db, queue, table, columns, { rowsPerStatement })
  const inserts = {
    project: insert('project', PROJECT_COLUMNS),
    stop: insert('project_stop', STOP_COLUMNS),
    log: insert('project_log', PROJECT_LOG_COLUMNS, 1000),
    callback: insert('callback', PLAN_CALLBACK_COLUMNS, 1000),
    attempt: insert('callback_attempt', ATTEMPT_COLUMNS, 1000),
    deposit: insert('deposit', DEPOSIT_COLUMNS),
    followUp: insert('deposit_follow_up', DEPOSIT_FOLLOW_UP_COLUMNS, 1000),
    inspection: insert('inspection', INSPECTION_COLUMNS, 1000),
    rectification: insert('rectification', RECTIFICATION_COLUMNS),
    recheck: insert('rectification_check', RECHECK_COLUMNS),
    trip: insert('viewing_trip', TRIP_COLUMNS),
    tripClient: insert('viewing_trip_client', TRIP_CLIENT_COLUMNS),
    tripSite: insert('viewing_trip_site', TRIP_SITE_COLUMNS),
    evaluation: insert('evaluation', EVALUATION_COLUMNS),
    greeting: insert('greeting', GREETING_COLUMNS),
  }
  const add = async (target: BulkInsert, rows: string[]) => {
    for (const row of rows) await target.addLiteral(row)
  }
  let nextCallback = w.ids.callback
  let nextInspection = w.ids.inspection
  let nextRectification = w.ids.rectification
  const plan: PlanWorld = { rng: o.rng.fork('callbacks'), book, rules: settings, now: w.now, agentIds: w.org.agents, rota: o.rota, nextId: () => nextCallback++ }
  const inspectionWorld: InspectionWorld = {
    rng: o.rng.fork('inspections'),
    book,
    now: w.now,
    org: w.org,
    nextInspectionId: () => nextInspection++,
    nextRectificationId: () => nextRectification++,
    sequences: await rectificationSequences(db),
  }
  const checks: InspectionRows = { inspections: [], rectifications: [], rechecks: [], open: 0, overdue: 0 }
  const counts = { callbacks: 0, openCallbacks: 0, overdueCallbacks: 0, attempts: 0, problems: 0, inspections: 0, rectifications: 0 }
  const statuses = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatus, number>
  const today = book.text(0)
  let evaluationCount = 0
  let greetingCount = 0

  await o.store.queue.run(async () => {
    const empty = (await all<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM (SELECT 1 FROM project LIMIT 1)'))[0].n === 0
    // Into empty tables (and the callbacks, which gain several times what they hold) the
    // secondary indexes are cheaper built once at the end; the unique ones then check the rows.
    const deferred = empty
      ? await all<{ name: string; sql: string }>(db, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${PROJECT_TABLES.map((t) => `'${t}'`).join(',')}) AND sql IS NOT NULL ORDER BY name`)
      : []
    for (const index of deferred) await run(db, `DROP INDEX "${index.name}"`)
    // Every id written below was read from this file a moment ago (the seeder's test runs foreign_key_check).
    await run(db, 'PRAGMA foreign_keys = OFF')
    try {
      await queue.push(() => run(db, 'BEGIN'))
      for (const d of w.deposits) {
        const rows = depositRows(w.depositWorld, d)
        await add(inserts.deposit, rows.deposits)
        await add(inserts.followUp, rows.followUps)
      }
      for (const [i, site] of sites.entries()) {
        if (i % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
        const p = site.record
        await inserts.project.addLiteral(projectLiteral(p))
        await add(inserts.log, site.logs)
        await add(inserts.stop, site.stops)
        statuses[effectiveStatus(p.status, p.warrantyEndsOn, today)]++
        const found = site.timeline.cancelled === null && site.recorded.start !== undefined ? (w.problems.get(p.customerId) ?? []).filter((x) => x.at > (site.recorded.start as number) && x.at <= w.now) : []
        const rows = planCallbacks(plan, { contractNo: p.contractNo, agentId: p.agentId, timeline: site.timeline, recorded: site.recorded, problems: found })
        for (const r of rows) {
          await inserts.callback.addLiteral(planCallbackLiteral(p.customerId, p.id, r))
          for (const a of attemptLiterals(r)) await inserts.attempt.addLiteral(a)
          counts.attempts += r.attempts.length
          if (r.status === 'open') {
            counts.openCallbacks++
            if (r.dueOn < today) counts.overdueCallbacks++
          }
          if (r.problemTicketId !== null) counts.problems++
        }
        counts.callbacks += rows.length
        inspectSite(inspectionWorld, p, site.timeline, checks)
        counts.inspections += checks.inspections.length
        counts.rectifications += checks.rectifications.length
        await add(inserts.inspection, checks.inspections.splice(0))
        await add(inserts.rectification, checks.rectifications.splice(0))
        await add(inserts.recheck, checks.rechecks.splice(0))
      }
      await add(inserts.trip, w.trips.trips)
      await add(inserts.tripClient, w.trips.clients)
      await add(inserts.tripSite, w.trips.sites)
      const evaluationRows = evaluations(w.extrasWorld, sites)
      const greetingRows = greetings(w.extrasWorld, sites, settings)
      evaluationCount = evaluationRows.length
      greetingCount = greetingRows.length
      await add(inserts.evaluation, evaluationRows)
      await add(inserts.greeting, greetingRows)
      for (const target of Object.values(inserts)) await target.close()
      await queue.push(() => run(db, 'COMMIT'))
      await queue.drain()
      log(`projects: ${sites.length} sites with ${counts.callbacks} plan callbacks, ${counts.inspections} inspections; database busy ${Math.round(queue.busyMs)} ms (callbacks ${Math.round(inserts.callback.busyMs)}), generator waited ${Math.round(queue.waitMs)} ms (${Math.round(performance.now() - w.started)} ms)`)
    } catch (error) {
      await queue.drain().catch(() => undefined)
      await run(db, 'ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      await run(db, 'PRAGMA foreign_keys = ON')
      if (deferred.length) {
        await run(db, 'BEGIN')
        for (const index of deferred) await run(db, index.sql)
        await run(db, 'COMMIT')
        log(`projects: indexes rebuilt (${Math.round(performance.now() - w.started)} ms)`)
      }
    }
    await linkTickets(db, queue, sites)
    await run(db, 'PRAGMA wal_checkpoint(TRUNCATE)')
  })
  const deposits = { pending: 0, signed: 0, lost: 0 }
  for (const d of w.deposits) deposits[d.status]++
  return {
    projects: sites.length,
    statuses,
    deposits,
    ...counts,
    rectifications: { open: checks.open, overdue: checks.overdue, total: counts.rectifications },
    trips: w.trips.trips.length,
    evaluations: evaluationCount,
    greetings: greetingCount,
  }
}

async function rectificationSequences(db: Database): Promise<Map<string, number>> {
  const sequences = new Map<string, number>()
  for (const { no } of await all<{ no: string }>(db, 'SELECT no FROM rectification')) {
    const m = /^ZG(\d{4})(\d\d)(\d\d)(\d{3,})$/.exec(no)
    if (m) sequences.set(`${m[1]}-${m[2]}-${m[3]}`, Math.max(sequences.get(`${m[1]}-${m[2]}-${m[3]}`) ?? 0, Number(m[4])))
  }
  return sequences
}

/** Tickets of a site's customer opened after the signing are about that site; so are their satisfaction callbacks. */
async function linkTickets(db: Database, queue: SerialQueue, sites: Site[]): Promise<void> {
  await run(db, 'BEGIN')
  await run(db, 'CREATE TEMP TABLE seed_site (customer_id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL, signed_at TEXT NOT NULL)')
  const insert = new BulkInsert(db, queue, 'seed_site', ['customer_id', 'project_id', 'signed_at'], { rowsPerStatement: 5000 })
  for (const s of sites) await insert.add([s.record.customerId, s.record.id, sqliteTime(s.record.createdAt)])
  await insert.close()
  await queue.drain()
  await run(db, 'UPDATE ticket SET project_id = s.project_id FROM seed_site s WHERE ticket.customer_id = s.customer_id AND ticket.project_id IS NULL AND ticket.created_at >= s.signed_at')
  await run(db, 'UPDATE callback SET project_id = t.project_id FROM ticket t WHERE callback.ticket_id = t.id AND callback.project_id IS NULL AND t.project_id IS NOT NULL')
  await run(db, 'DROP TABLE seed_site')
  await run(db, 'COMMIT')
}
