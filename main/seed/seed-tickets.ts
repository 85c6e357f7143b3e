import type { Database } from 'sqlite3'
import type { AppSettings } from '../contract/settings.contract'
import { TICKET_STATES, type TicketKind, type TicketState } from '../contract/tickets.contract'
import type { Store } from '../../database/store'
import type { DemoRota } from './agent-rota'
import { ticketNo, ticketNoPrefix } from '../services/ticket-rules'
import { all, BulkInsert, run, SerialQueue, sqliteTime } from './bulk-insert'
import type { Rng } from './random'
import { drawFate, showcase, WorkClock } from './ticket-fates'
import { TicketLife } from './ticket-life'
import { openTicket } from './ticket-open'
import { TicketOrg } from './ticket-org'
import { loadCustomerFile, planTickets, type CustomerFile, type TicketSeed } from './ticket-plan'
import type { LifeWorld, Notice } from './ticket-record'
import { ticketStory } from './ticket-texts'
import { ASSESSMENT_COLUMNS, assessmentLiteral, CALLBACK_COLUMNS, callbackLiteral, LOG_COLUMNS, logLiteral, NOTIFICATION_COLUMNS, noticeLiteral, TICKET_COLUMNS, ticketLiteral } from './ticket-rows'

export interface SeedTicketsOptions {
  store: Store
  db: Database
  tickets: number
  rng: Rng
  now: Date
  settings: AppSettings
  /** how far back tickets go (the call log's window) */
  days?: number
  /** who is at work when (satisfaction callbacks are made on shift) */
  rota?: DemoRota
  log: (message: string) => void
}

export interface SeedTicketsResult {
  tickets: number
  complaints: number
  repairs: number
  fromCalls: number
  states: Record<TicketState, number>
  repeats: number
  escalated: number
  assessments: number
  callbacks: number
  openCallbacks: number
  logEntries: number
  notifications: number
  /** customers whose completion date was recorded */
  completedOn: number
  ms: number
}

const DAY = 86_400_000
/** Notifications are kept for the last days only, at most this many per account (the newest). */
const NOTIFY_DAYS = 2
const NOTICES_PER_ACCOUNT = 40
const TICKET_TABLES = ['ticket', 'ticket_log', 'callback', 'assessment', 'notification']

interface Earlier {
  id: number
  no: string
  at: number
  cancelledAt: number | null
}

/**
 * Complaints and repairs over the last `days` days: planned from the complaint and repair calls
 * and walk-ins, each played out against the clock through the services' own pure rules, then
 * written in multi-row INSERTs on the store's writer connection with their handling logs,
 * satisfaction callbacks, assessments and the recent notifications.
 */
export async function seedTickets(o: SeedTicketsOptions): Promise<SeedTicketsResult> {
  const started = performance.now()
  const { db, settings, rng, log } = o
  const days = o.days ?? 90
  const now = o.now.getTime()
  const org = await TicketOrg.load(db)
  if (org.agentIds.length === 0) throw new Error('no agent accounts to follow the tickets')
  const customers = await loadCustomerFile(db)
  const { seeds, fromCalls } = await planTickets({ rng: rng.fork('plan'), tickets: o.tickets, now: o.now, days, settings, customers, agentIds: org.agentIds, db })
  const [ids] = await all<{ ticket: number | null; callback: number | null; assessment: number | null }>(
    db,
    'SELECT (SELECT MAX(id) FROM ticket) AS ticket, (SELECT MAX(id) FROM callback) AS callback, (SELECT MAX(id) FROM assessment) AS assessment',
  )
  const world: LifeWorld = {
    rng: rng.fork('life'),
    now,
    settings,
    org,
    clock: new WorkClock(o.now, settings.timeZone),
    notifyFrom: now - NOTIFY_DAYS * DAY,
    rota: o.rota,
    nextId: { callback: (ids.callback ?? 0) + 1, assessment: (ids.assessment ?? 0) + 1 },
  }
  const fateRng = rng.fork('fates')
  const fates = seeds.map((s) => drawFate(fateRng, s.kind, (now - s.at) / DAY))
  showcase(fateRng, fates, seeds.map((s) => (now - s.at) / DAY), seeds.map((s) => s.kind), Math.max(2, Math.round(seeds.length * 0.002)))
  log(`tickets: ${seeds.length} planned (${fromCalls} from calls) (${Math.round(performance.now() - started)} ms)`)

  const numbers = await lastSequences(db)
  const earlier = await earlierTickets(db, now - (days + settings.repeatComplaintDays) * DAY)
  const completed = new Map<number, string>()
  const states = Object.fromEntries(TICKET_STATES.map((s) => [s, 0])) as Record<TicketState, number>
  const notices: [number, Notice][] = []
  const counts = { repeats: 0, escalated: 0, assessments: 0, callbacks: 0, openCallbacks: 0, logEntries: 0, notifications: 0 }
  const queue = new SerialQueue()
  const inserts = {
    ticket: new BulkInsert(db, queue, 'ticket', TICKET_COLUMNS, { rowsPerStatement: 500 }),
    log: new BulkInsert(db, queue, 'ticket_log', LOG_COLUMNS, { rowsPerStatement: 1000 }),
    callback: new BulkInsert(db, queue, 'callback', CALLBACK_COLUMNS, { rowsPerStatement: 1000 }),
    assessment: new BulkInsert(db, queue, 'assessment', ASSESSMENT_COLUMNS),
  }
  const repeatPick = rng.fork('repeats')

  await o.store.queue.run(async () => {
    const empty = (await all<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM (SELECT 1 FROM ticket LIMIT 1)'))[0].n === 0
    // Into empty tables the secondary indexes are cheaper built once at the end.
    const deferred = empty
      ? await all<{ name: string; sql: string }>(db, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${TICKET_TABLES.map((t) => `'${t}'`).join(',')}) AND sql IS NOT NULL ORDER BY name`)
      : []
    for (const index of deferred) await run(db, `DROP INDEX "${index.name}"`)
    // Every id written below was read from this file a moment ago (the seeder's test runs foreign_key_check).
    await run(db, 'PRAGMA foreign_keys = OFF')
    try {
      await queue.push(() => run(db, 'BEGIN'))
      const firstId = (ids.ticket ?? 0) + 1
      for (const [i, seed] of seeds.entries()) {
        if (i % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
        if (seed.callId === null && repeatPick.chance(0.06)) comeBack(repeatPick, seed, seeds, i, settings.repeatComplaintDays)
        const id = firstId + i
        const day = world.clock.date(seed.at)
        const prefix = ticketNoPrefix(seed.kind, day)
        const sequence = (numbers.get(prefix) ?? 0) + 1
        numbers.set(prefix, sequence)
        const key = `${customers.ids[seed.customer]}|${seed.kind}|${seed.category}`
        const repeatOf = repeatOfAt(earlier.get(key), seed.at, settings.repeatComplaintDays)
        const row = openTicket(world, seed, { id, no: ticketNo(seed.kind, day, sequence), repeatOfId: repeatOf?.id ?? null, customers, completed })
        const designer = customers.designer[seed.customer] || null
        const dispatchAtOnce = world.rng.chance(seed.callId ? 0.5 : 0.25)
        const life = new TicketLife(world, row, fates[i], designer).play(dispatchAtOnce, repeatOf)
        const mine = earlier.get(key)
        const entry = { id, no: row.no, at: seed.at, cancelledAt: row.cancelledAt?.getTime() ?? null }
        if (mine) mine.push(entry)
        else earlier.set(key, [entry])

        await inserts.ticket.addLiteral(ticketLiteral(row))
        for (const entry of life.logs) await inserts.log.addLiteral(logLiteral(id, entry))
        for (const cb of life.callbacks) await inserts.callback.addLiteral(callbackLiteral(row, cb))
        for (const a of life.assessments) await inserts.assessment.addLiteral(assessmentLiteral(id, a))
        for (const notice of life.notices) notices.push([id, notice])
        states[row.state]++
        if (repeatOf) counts.repeats++
        if (row.escalationLevel > 0 || life.logs.some((l) => l.action === 'escalate')) counts.escalated++
        counts.assessments += life.assessments.length
        counts.callbacks += life.callbacks.length
        counts.openCallbacks += life.callbacks.filter((c) => c.status === 'open').length
        counts.logEntries += life.logs.length
      }
      for (const insert of Object.values(inserts)) await insert.close()
      counts.notifications = await insertNotices(db, queue, notices, world)
      await queue.push(() => run(db, 'COMMIT'))
      await queue.drain()
      log(`tickets ${seeds.length} with ${counts.logEntries} log entries, ${counts.callbacks} callbacks, ${counts.notifications} notifications (${Math.round(performance.now() - started)} ms)`)
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
      }
    }
    await recordCompletions(db, queue, completed, customers, { rng: rng.fork('completions'), clock: world.clock, now })
    await run(db, 'PRAGMA wal_checkpoint(TRUNCATE)')
  })
  const complaints = seeds.filter((s) => s.kind === 'complaint').length
  return {
    tickets: seeds.length,
    complaints,
    repairs: seeds.length - complaints,
    fromCalls,
    states,
    ...counts,
    completedOn: completed.size,
    ms: Math.round(performance.now() - started),
  }
}

/** The same customer back about the same problem, within the repeat window: what the repeat flag is for. */
function comeBack(rng: Rng, seed: TicketSeed, seeds: TicketSeed[], i: number, windowDays: number): void {
  for (let tries = 0; tries < 4; tries++) {
    const j = i - rng.int(1, Math.min(i, 400))
    const first = seeds[j]
    if (!first || first.kind !== seed.kind || seed.at - first.at > windowDays * DAY) continue
    seed.customer = first.customer
    seed.category = first.category
    const again = ticketStory(rng, seed.kind, seed.category)
    again.description = `再次反映：${first.story.description.split('\n')[0]}\n${again.description.split('\n')[0]}`
    seed.story = again
    return
  }
}

/** The latest earlier ticket of the same customer, kind and category in the window, not cancelled by then. */
function repeatOfAt(list: Earlier[] | undefined, at: number, windowDays: number): Earlier | null {
  if (!list) return null
  for (let k = list.length - 1; k >= 0; k--) {
    const e = list[k]
    if (e.at < at - windowDays * DAY) break
    if (e.at <= at && (e.cancelledAt === null || e.cancelledAt > at)) return e
  }
  return null
}

/** The last daily sequence of every number prefix already used (an appended seed goes on from there). */
async function lastSequences(db: Database): Promise<Map<string, number>> {
  const numbers = new Map<string, number>()
  for (const { no } of await all<{ no: string }>(db, 'SELECT no FROM ticket')) {
    const cut = no.lastIndexOf('-') + 1
    const prefix = no.slice(0, cut)
    numbers.set(prefix, Math.max(numbers.get(prefix) ?? 0, Number(no.slice(cut))))
  }
  return numbers
}

async function earlierTickets(db: Database, since: number): Promise<Map<string, Earlier[]>> {
  const rows = await all<{ id: number; no: string; customerId: number; kind: TicketKind; category: string; createdAt: string; cancelledAt: string | null }>(
    db,
    'SELECT id, no, customer_id AS customerId, kind, category, created_at AS createdAt, cancelled_at AS cancelledAt FROM ticket WHERE created_at >= ? ORDER BY created_at, id',
    [sqliteTime(since)],
  )
  const parse = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`)
  const earlier = new Map<string, Earlier[]>()
  for (const r of rows) {
    const key = `${r.customerId}|${r.kind}|${r.category}`
    earlier.set(key, [...(earlier.get(key) ?? []), { id: r.id, no: r.no, at: parse(r.createdAt), cancelledAt: r.cancelledAt ? parse(r.cancelledAt) : null }])
  }
  return earlier
}

/** The newest notifications of each account, the older ones read. */
async function insertNotices(db: Database, queue: SerialQueue, notices: [number, Notice][], w: LifeWorld): Promise<number> {
  const byStaff = new Map<number, [number, Notice][]>()
  for (const entry of notices) {
    const list = byStaff.get(entry[1].staffId)
    if (list) list.push(entry)
    else byStaff.set(entry[1].staffId, [entry])
  }
  const kept = [...byStaff.values()].flatMap((list) => list.sort((a, b) => b[1].at - a[1].at).slice(0, NOTICES_PER_ACCOUNT))
  kept.sort((a, b) => a[1].at - b[1].at)
  const insert = new BulkInsert(db, queue, 'notification', NOTIFICATION_COLUMNS)
  for (const [ticketId, notice] of kept) {
    const read = notice.at < w.now - DAY / 2 && w.rng.chance(0.75) ? Math.min(w.now, notice.at + w.rng.int(5, 480) * 60_000) : null
    await insert.addLiteral(noticeLiteral(ticketId, notice, read))
  }
  await insert.close()
  return kept.length
}

/**
 * Completion dates onto the customers: the ones repairs gave, and some older customers whose
 * flat was finished (the projects issue later supplies them from the project).
 */
async function recordCompletions(
  db: Database,
  queue: SerialQueue,
  completed: Map<number, string>,
  customers: CustomerFile,
  { rng, clock, now }: { rng: Rng; clock: WorkClock; now: number },
): Promise<void> {
  for (let i = 0; i < customers.ids.length; i++) {
    const created = customers.created[i]
    if (customers.completedOn[i] || now - created < 180 * DAY || !rng.chance(0.1)) continue
    const done = created + rng.int(60, 200) * DAY
    if (done > now - 30 * DAY) continue
    const date = clock.date(done)
    customers.completedOn[i] = date
    completed.set(customers.ids[i], date)
  }
  await run(db, 'BEGIN')
  await run(db, 'CREATE TEMP TABLE seed_completed (id INTEGER PRIMARY KEY, on_date TEXT NOT NULL)')
  const insert = new BulkInsert(db, queue, 'seed_completed', ['id', 'on_date'], { rowsPerStatement: 5000 })
  for (const [id, date] of completed) await insert.add([id, date])
  await insert.close()
  await queue.drain()
  await run(db, 'UPDATE customer SET completed_on = s.on_date FROM seed_completed s WHERE customer.id = s.id')
  await run(db, 'DROP TABLE seed_completed')
  await run(db, 'COMMIT')
}
