import type { Database } from 'sqlite3'
import type { Store } from '../../database/store'
import type { DemoRota } from './agent-rota'
import { all, BulkInsert, run, SerialQueue, sqliteTime } from './bulk-insert'

const HOUR = 3_600_000

export interface SeedPresenceResult {
  /** presence rows written (staff × UTC hour) */
  rows: number
  /** of them, hours outside the rota in which someone took a call or did a callback */
  beyondRota: number
  ms: number
}

/**
 * The UTC hours in which the call desk was logged in, as the app records them (`StaffPresence`):
 * the rota's shifts from `from` up to now, plus every hour in which an agent or shift lead took
 * or rang a call, saved an intake, called a missed call back, or tried or did a callback — nobody
 * works the phone logged out. Hours already there (an appended seed) stay as they are.
 */
export async function seedPresence(o: { store: Store; db: Database; rota: DemoRota; from: Date; now: Date }): Promise<SeedPresenceResult> {
  const started = performance.now()
  const { db, rota } = o
  const staff = new Set(rota.staff)
  const firstHour = Math.floor(o.from.getTime() / HOUR) * HOUR
  const nowMs = o.now.getTime()
  /** staff id × 2^22 + hours since 1970: one number a row */
  const hours = new Set<number>()
  const key = (staffId: number, hourMs: number) => staffId * 4_194_304 + hourMs / HOUR

  for (let h = firstHour; h <= nowMs; h += HOUR) for (const id of rota.workingAt(h)) hours.add(key(id, h))
  const shifts = hours.size

  const since = sqliteTime(firstHour)
  const until = sqliteTime(nowMs)
  // `YYYY-MM-DD HH` of the stored UTC text is the hour; each through an index led by the time or the person
  const active = await all<{ s: number; h: string }>(
    db,
    `SELECT agent_id AS s, substr(started_at, 1, 13) AS h FROM call_log WHERE agent_id IN (SELECT value FROM json_each(?1)) AND started_at >= ?2 AND started_at <= ?3
     UNION SELECT intake_saved_by, substr(intake_saved_at, 1, 13) FROM call_log WHERE intake_saved_at >= ?2 AND intake_saved_at <= ?3 AND intake_saved_by IS NOT NULL
     UNION SELECT handled_by, substr(handled_at, 1, 13) FROM call_log WHERE status = 'missed' AND handled_at >= ?2 AND handled_at <= ?3 AND handled_by IS NOT NULL
     UNION SELECT done_by, substr(done_at, 1, 13) FROM callback WHERE done_at >= ?2 AND done_at <= ?3 AND done_by IS NOT NULL
     UNION SELECT by_id, substr(at, 1, 13) FROM callback_attempt WHERE at >= ?2 AND at <= ?3`,
    [JSON.stringify([...staff]), since, until],
  )
  for (const a of active) if (staff.has(a.s)) hours.add(key(a.s, Date.parse(`${a.h.replace(' ', 'T')}:00:00Z`)))

  const rows = [...hours].sort((a, b) => (a % 4_194_304) - (b % 4_194_304) || a - b)
  const queue = new SerialQueue()
  const insert = new BulkInsert(db, queue, 'staff_presence', ['staff_id', 'hour_start'], { verb: 'INSERT OR IGNORE', rowsPerStatement: 2000 })
  await o.store.queue.run(async () => {
    await run(db, 'BEGIN')
    try {
      for (const k of rows) await insert.add([Math.floor(k / 4_194_304), sqliteTime((k % 4_194_304) * HOUR)])
      await insert.close()
      await queue.drain()
      await run(db, 'COMMIT')
    } catch (error) {
      await queue.drain().catch(() => undefined)
      await run(db, 'ROLLBACK').catch(() => undefined)
      throw error
    }
  })
  return { rows: rows.length, beyondRota: rows.length - shifts, ms: Math.round(performance.now() - started) }
}
