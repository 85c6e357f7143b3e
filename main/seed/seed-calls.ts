import type { Database } from 'sqlite3'
import type { AppSettings } from '../contract/settings.contract'
import type { Store } from '../../database/store'
import { all, BulkInsert, run, SerialQueue, sqliteTime } from './bulk-insert'
import type { CustomerPool } from './call-callers'
import { allocate, companyDays, hourSlots, instantsIn, type HourSlot } from './call-curve'
import { APPOINTMENT_COLUMNS, CALL_COLUMNS, CallFactory, EDIT_COLUMNS, EVENT_COLUMNS } from './call-factory'
import { FOLLOW_UP_COLUMNS } from './call-follow-ups'
import type { DemoRota } from './agent-rota'
import type { DemoOrg } from './demo-org'
import type { PhoneFactory } from './phones'
import { Rng, Weighted } from './random'

export interface SeedCallsOptions {
  store: Store
  db: Database
  calls: number
  rng: Rng
  now: Date
  settings: AppSettings
  org: DemoOrg
  phones: PhoneFactory
  /** who is on shift when: the calls go to them */
  rota?: DemoRota
  /** how far back the call log goes */
  days?: number
  log: (message: string) => void
}

export interface SeedCallsResult {
  calls: number
  inbound: number
  answered: number
  missed: number
  abandoned: number
  withheld: number
  unknownNumbers: number
  unhandledMissed: number
  followUps: number
  openFollowUps: number
  appointments: number
  edits: number
  callEvents: number
  ms: number
}

const HOUR = 3_600_000
/** How far back the call log goes unless told. */
export const CALL_DAYS = 90
const CALLS_PER_TRANSACTION = 250_000
/** Days after today that follow-up dates may fall on. */
const DAYS_AHEAD = 15
/** Days of telephony calls whose raw events are written too. */
const EVENT_DAYS = 7

/**
 * The call log of the last `days` days (default 90): calls in multi-row INSERTs in large
 * transactions on the store's writer connection, in order of time (ids follow time, as in real
 * use), with the follow-ups, measuring appointments and corrections they made. Into an empty
 * call log the secondary indexes are dropped and built once at the end.
 */
export async function seedCalls(o: SeedCallsOptions): Promise<SeedCallsResult> {
  const started = performance.now()
  const days = o.days ?? CALL_DAYS
  const { db, log } = o
  const agents = o.org.agents.length ? o.org.agents.map((a) => ({ id: a.id, extension: a.extension })) : o.org.agentIds.map((id) => ({ id, extension: null }))
  if (agents.length === 0) throw new Error('no agent accounts to take the calls')
  const customers = await loadCustomers(db)
  const slots = hourSlots({ now: o.now, days, timeZone: o.settings.timeZone, rng: o.rng.fork('curve') })
  const counts = allocate(slots, o.calls, o.rng.fork('allocate'))
  const today = days - 1
  ensureToday(slots, counts, today, agents.length * 4, o.rng.fork('today'))
  log(`calls: ${customers.ids.length} callers on file, ${slots.length} hours (${Math.round(performance.now() - started)} ms)`)

  const nowMs = o.now.getTime()
  // Expected sizes of the desk's lists at the calls' shares, to keep them a day's work at any scale:
  // missed calls from the last 36 hours (longer for a small call log) wait to be called back.
  const missedShare = 0.8 * 0.96 * 0.14 * 0.62
  const unhandledTarget = agents.length * 6
  let unhandledFrom = nowMs
  let recentMissed = 0
  for (let i = slots.length - 1; i >= 0 && (slots[i].from > nowMs - 36 * HOUR || (recentMissed < unhandledTarget * 2 && slots[i].from > nowMs - 7 * 24 * HOUR)); i--) {
    recentMissed += counts[i] * missedShare
    unhandledFrom = slots[i].from
  }
  const windowFollowUps = slots.reduce((s, slot, i) => s + counts[i] * Math.min(1, Math.max(0, (slot.day + 14 - (today - 7) + 1) / 14)), 0)
  const [{ callId, followUpId }] = await all<{ callId: number | null; followUpId: number | null }>(db, 'SELECT (SELECT MAX(id) FROM call_log) AS callId, (SELECT MAX(id) FROM follow_up) AS followUpId')
  const designers = o.org.designers.length ? new Weighted(o.org.designers.map((d, i) => [d.id, 1 / Math.pow(i + 2, 0.4)] as const)) : null
  const factory = new CallFactory({
    rng: o.rng.fork('calls'),
    now: nowMs,
    days: companyDays(o.now, days - 1, DAYS_AHEAD, o.settings.timeZone),
    today,
    customers,
    freshNumber: () => (o.rng.chance(0.08) ? (o.phones.landline() ?? o.phones.mobile(true)) : o.phones.mobile(o.rng.chance(0.6))).normalized,
    agents,
    rota: o.rota,
    designers,
    missedRingSeconds: o.settings.missedRingSeconds,
    lists: o.settings,
    recentFollowUpChance: Math.min(0.06, (agents.length * 12) / Math.max(1, windowFollowUps * 0.74 * 0.75)),
    unhandledFrom,
    unhandledChance: Math.min(1, unhandledTarget / Math.max(1, recentMissed)),
    firstCallId: (callId ?? 0) + 1,
    firstFollowUpId: (followUpId ?? 0) + 1,
    // the PBX's raw events of the last week (kept for every call, but older ones are never read again)
    eventsFrom: nowMs - EVENT_DAYS * 24 * HOUR,
  })

  const queue = new SerialQueue()
  const callInsert = new BulkInsert(db, queue, 'call_log', CALL_COLUMNS, { rowsPerStatement: 1000 })
  // Rows the calls make on the side go in as they come (foreign keys are off), alongside the calls.
  const sides = [
    [factory.callEvents, new BulkInsert(db, queue, 'call_event', EVENT_COLUMNS, { rowsPerStatement: 1000 })],
    [factory.appointments, new BulkInsert(db, queue, 'measure_appointment', APPOINTMENT_COLUMNS, { rowsPerStatement: 1000 })],
    [factory.edits, new BulkInsert(db, queue, 'call_edit', EDIT_COLUMNS, { rowsPerStatement: 1000 })],
  ] as const
  const takeSides = async (minimum: number): Promise<void> => {
    for (const [rows, insert] of sides) {
      if (rows.length < minimum) continue
      for (const row of rows) await insert.addLiteral(row)
      rows.length = 0
    }
  }
  let followUps = 0
  let openFollowUps = 0
  await o.store.queue.run(async () => {
    await run(db, 'PRAGMA cache_size = -262144')
    const [{ n: existing }] = await all<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM (SELECT 1 FROM call_log LIMIT 1)')
    // Into an empty call log, an index led by the time or the agent takes each row at its end and
    // is cheap to keep up; the others take rows anywhere and are cheaper built once at the end.
    // The tables around the call log are empty with it, and their indexes are cheaper built once too.
    const deferred = existing
      ? []
      : (
          await all<{ name: string; table: string; sql: string }>(
            db,
            "SELECT name, tbl_name AS \"table\", sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('call_log', 'call_event', 'follow_up', 'measure_appointment', 'call_edit') AND sql IS NOT NULL ORDER BY name",
          )
        ).filter((index) => index.table !== 'call_log' || !/\(\s*"?(started_at|agent_id)"?\s*[,)]/.test(index.sql))
    for (const index of deferred) await run(db, `DROP INDEX "${index.name}"`)
    // Every customer, agent and designer id written below was read from this file a moment ago; the
    // checks would cost a fifth of the insert. (The seeder's test runs foreign_key_check.)
    await run(db, 'PRAGMA foreign_keys = OFF')
    try {
      await queue.push(() => run(db, 'BEGIN'))
      let made = 0
      for (const [i, slot] of slots.entries()) {
        for (const t of instantsIn(slot.from, slot.to, counts[i], o.rng)) {
          // Let the driver's completions in now and then (see seedDemo).
          if (made % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
          await callInsert.addLiteral(factory.make(t, slot.day))
          if (made % 256 === 0) await takeSides(1000)
          if (++made % CALLS_PER_TRANSACTION === 0) {
            await callInsert.flush()
            await takeSides(0)
            for (const [, insert] of sides) await insert.flush()
            await queue.push(() => run(db, 'COMMIT'))
            await queue.push(() => run(db, 'BEGIN'))
            log(`calls ${made}/${o.calls} (${Math.round(performance.now() - started)} ms)`)
          }
        }
      }
      await callInsert.close()
      await takeSides(0)
      for (const [, insert] of sides) await insert.close()
      factory.followUps.finish()
      const followUpInsert = new BulkInsert(db, queue, 'follow_up', FOLLOW_UP_COLUMNS, { rowsPerStatement: 1000 })
      for (const f of factory.followUps.records) {
        await followUpInsert.addLiteral(factory.followUps.row(f))
        if (f.status === 'open') openFollowUps++
      }
      followUps = factory.followUps.records.length
      await followUpInsert.close()
      await queue.push(() => run(db, 'COMMIT'))
      await queue.drain()
      log(`calls ${made} with ${followUps} follow-ups, ${sides[1][1].inserted} appointments, ${sides[2][1].inserted} corrections, ${sides[0][1].inserted} PBX events; database busy ${Math.round(queue.busyMs)} ms, generator waited ${Math.round(queue.waitMs)} ms (${Math.round(performance.now() - started)} ms)`)
    } catch (error) {
      await queue.drain().catch(() => undefined)
      await run(db, 'ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      await run(db, 'PRAGMA foreign_keys = ON')
      if (deferred.length) {
        // The sorter may use a second thread while the generator has nothing left to do.
        await run(db, 'PRAGMA threads = 2')
        await run(db, 'PRAGMA temp_store = MEMORY')
        await run(db, 'BEGIN')
        for (const index of deferred) await run(db, index.sql)
        await run(db, 'COMMIT')
        await run(db, 'PRAGMA threads = 0')
        await run(db, 'PRAGMA temp_store = DEFAULT')
        log(`call indexes rebuilt (${Math.round(performance.now() - started)} ms)`)
      }
    }
    await run(db, 'BEGIN')
    await settleLaterAnswered(db)
    await touchCustomers(db, queue, customers, factory.lastContact)
    await run(db, 'COMMIT')
    log(`missed calls settled, customers' last contact (${Math.round(performance.now() - started)} ms)`)
    await run(db, 'PRAGMA wal_checkpoint(TRUNCATE)')
    await run(db, 'PRAGMA cache_size = -2000')
  })
  const [{ n: unhandled }] = await all<{ n: number }>(db, "SELECT COUNT(*) AS n FROM call_log WHERE status = 'missed' AND direction = 'in' AND handled_at IS NULL")
  const c = factory.counts
  return {
    calls: o.calls,
    inbound: c.in,
    answered: c.answered,
    missed: c.missed,
    abandoned: c.abandoned,
    withheld: c.withheld,
    unknownNumbers: c.unknown,
    unhandledMissed: unhandled,
    followUps,
    openFollowUps,
    appointments: sides[1][1].inserted,
    edits: sides[2][1].inserted,
    callEvents: sides[0][1].inserted,
    ms: Math.round(performance.now() - started),
  }
}

/** Customers with their primary number, in order of creation (a call comes from someone already on file). */
async function loadCustomers(db: Database): Promise<CustomerPool> {
  type Row = { id: number; createdAt: string; designer: number | null; community: string | null; houseType: string | null; areaSqm: number | null; style: string | null; address: string | null }
  const rows = await all<Row>(db, 'SELECT id, created_at AS createdAt, following_designer_id AS designer, community, house_type AS houseType, area_sqm AS areaSqm, style, address FROM customer')
  const phones = new Map(
    (await all<{ customerId: number; normalized: string; raw: string }>(db, 'SELECT customer_id AS customerId, normalized, raw FROM customer_phone WHERE is_primary = 1')).map((p) => [p.customerId, p]),
  )
  const withPhone = rows
    .filter((r) => phones.has(r.id))
    .map((r) => ({ r, created: Date.parse(`${r.createdAt.replace(' ', 'T')}Z`) }))
    .sort((a, b) => a.created - b.created || a.r.id - b.r.id)
  const pool: CustomerPool = {
    ids: new Int32Array(withPhone.length),
    created: new Float64Array(withPhone.length),
    normalized: [],
    raw: [],
    designer: new Int32Array(withPhone.length),
    profile: [],
    address: [],
  }
  for (const [i, { r, created }] of withPhone.entries()) {
    const phone = phones.get(r.id) as { normalized: string; raw: string }
    pool.ids[i] = r.id
    pool.created[i] = created
    pool.normalized.push(phone.normalized)
    pool.raw.push(phone.raw)
    pool.designer[i] = r.designer ?? 0
    pool.profile.push({ community: r.community, houseType: r.houseType, areaSqm: r.areaSqm, style: r.style })
    pool.address.push(r.address)
  }
  return pool
}

/** Every agent gets calls today, however early it is: moves a few calls from other days onto today's hours. */
function ensureToday(slots: HourSlot[], counts: number[], today: number, minimum: number, rng: Rng): void {
  const todays = slots.map((_, i) => i).filter((i) => slots[i].day === today)
  const total = counts.reduce((s, c) => s + c, 0)
  let deficit = Math.min(minimum, total) - todays.reduce((s, i) => s + counts[i], 0)
  if (deficit <= 0 || todays.length === 0) return
  const pick = new Weighted(todays.map((i) => [i, slots[i].weight + 1e-6] as const))
  while (deficit > 0) {
    const from = rng.int(0, slots.length - 1)
    if (counts[from] === 0 || slots[from].day === today) continue
    counts[from]--
    counts[pick.draw(rng)]++
    deficit--
  }
}

/** Saving a call's intake touches the customer's last contact, as the service does. */
async function touchCustomers(db: Database, queue: SerialQueue, customers: CustomerPool, lastContact: Float64Array): Promise<void> {
  await run(db, 'CREATE TEMP TABLE seed_last_contact (id INTEGER PRIMARY KEY, at TEXT NOT NULL)')
  const insert = new BulkInsert(db, queue, 'seed_last_contact', ['id', 'at'], { rowsPerStatement: 5000 })
  for (let i = 0; i < lastContact.length; i++) if (lastContact[i]) await insert.add([customers.ids[i], sqliteTime(lastContact[i])])
  await insert.close()
  await queue.drain()
  await run(
    db,
    `UPDATE customer SET last_contact_at = t.at FROM seed_last_contact t
      WHERE customer.id = t.id AND (customer.last_contact_at IS NULL OR customer.last_contact_at < t.at)`,
  )
  await run(db, 'DROP TABLE seed_last_contact')
}

/** An answered call from a number settles its earlier missed calls (the service does so on the intake's save). */
async function settleLaterAnswered(db: Database): Promise<void> {
  const open = await all<{ id: number; numberKey: string; startedAt: string }>(
    db,
    "SELECT id, number_key AS numberKey, started_at AS startedAt FROM call_log WHERE status = 'missed' AND direction = 'in' AND handled_at IS NULL AND number_key <> ''",
  )
  for (const call of open) {
    const [later] = await all<{ at: string; by: number; direction: string }>(
      db,
      `SELECT intake_saved_at AS at, intake_saved_by AS by, direction FROM call_log
        WHERE number_key = ? AND started_at > ? AND status = 'answered' AND intake_saved_at IS NOT NULL ORDER BY started_at LIMIT 1`,
      [call.numberKey, call.startedAt],
    )
    if (later) await run(db, 'UPDATE call_log SET handled_at = ?, handled_by = ?, handled_note = ? WHERE id = ?', [later.at, later.by, later.direction === 'out' ? '已回电' : '客户再次来电已接通', call.id])
  }
}
