import sqlite3, { type Database, type Statement } from 'sqlite3'
import type { Store } from '../../database/store'

/** The sqlite3 handle under the store's writer DataSource: the one connection every write goes through. */
export function writerConnection(store: Store): Database {
  if (store.dialect !== 'sqlite') throw new Error('the demo seeder writes SQLite files only')
  const connection = (store.writer.driver as unknown as { databaseConnection?: Database }).databaseConnection
  if (!connection) throw new Error('the store has no open SQLite connection')
  return connection
}

export function run(db: Database, sql: string, params: unknown[] = []): Promise<void> {
  return new Promise((resolve, reject) => db.run(sql, params, (error: Error | null) => (error ? reject(error) : resolve())))
}

export function all<T>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  return new Promise((resolve, reject) => db.all(sql, params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows))))
}

/**
 * Runs one statement. Built with the Statement constructor rather than `db.exec`: TypeORM switches
 * node-sqlite3 into verbose mode, whose wrappers `util.inspect` every argument of `exec`/`run` —
 * for a 100 kB INSERT that is most of the call.
 */
type StatementConstructor = new (db: Database, sql: string, callback: (error: Error | null) => void) => Statement
const NativeStatement = sqlite3.Statement as unknown as StatementConstructor

function exec(db: Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const statement = new NativeStatement(db, sql, (error: Error | null) => {
      if (error) reject(error)
    })
    statement.run((error: Error | null) => {
      statement.finalize(() => (error ? reject(error) : resolve()))
    })
  })
}

/** A value as an SQL literal. Strings are quoted with '' doubled; the seeder makes no NUL characters. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`)
    return String(value)
  }
  if (typeof value === 'boolean') return value ? '1' : '0'
  const text = String(value)
  return text.includes("'") ? `'${text.replace(/'/g, "''")}'` : `'${text}'`
}

/** `(1,'张伟',NULL,…)` */
export function rowLiteral(row: readonly unknown[]): string {
  let values = '('
  for (let i = 0; i < row.length; i++) values += (i ? ',' : '') + literal(row[i])
  return `${values})`
}

/**
 * Runs database jobs strictly one after another while the caller goes on generating rows: the
 * driver works on its own thread, so generation and insertion overlap. At most a few jobs wait.
 */
export class SerialQueue {
  private tail: Promise<void> = Promise.resolve()
  private readonly waiting: Promise<void>[] = []
  private failure: unknown = null
  /** time the database spent on jobs, and time the caller spent waiting for it */
  busyMs = 0
  waitMs = 0

  async push(job: () => Promise<void>): Promise<void> {
    if (this.failure) throw this.failure
    const result = this.tail.then(async () => {
      if (this.failure) return
      const started = performance.now()
      await job()
      this.busyMs += performance.now() - started
    })
    this.tail = result.catch((error: unknown) => {
      this.failure ??= error
    })
    this.waiting.push(this.tail)
    if (this.waiting.length > 3) {
      const started = performance.now()
      while (this.waiting.length > 3) await this.waiting.shift()
      this.waitMs += performance.now() - started
    }
    if (this.failure) throw this.failure
  }

  async drain(): Promise<void> {
    const started = performance.now()
    await this.tail
    this.waitMs += performance.now() - started
    this.waiting.length = 0
    if (this.failure) throw this.failure
  }
}

/**
 * Multi-row `INSERT … VALUES (…),(…),…` written as SQL text. node-sqlite3 binds parameters on
 * the main thread at ≈1.3 µs a value (7 s for 200k rows of 24 columns), while SQLite parses
 * literals on the driver's worker thread, in parallel with the generation of the next rows.
 */
export class BulkInsert {
  private readonly head: string
  private readonly rowsPerStatement: number
  /** joined once per statement: one flat string, rather than a rope the driver must flatten */
  private pending: string[] = []
  inserted = 0
  /** time the database spent on this table's statements */
  busyMs = 0

  constructor(
    private readonly db: Database,
    private readonly queue: SerialQueue,
    table: string,
    private readonly columns: readonly string[],
    options: { verb?: string; rowsPerStatement?: number } = {},
  ) {
    this.head = `${options.verb ?? 'INSERT'} INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES `
    this.rowsPerStatement = options.rowsPerStatement ?? 500
  }

  async add(row: readonly unknown[]): Promise<void> {
    if (row.length !== this.columns.length) throw new Error(`${this.head}: ${row.length} values for ${this.columns.length} columns`)
    await this.addLiteral(rowLiteral(row))
  }

  /** A row already written as `(…)` by `rowLiteral`. */
  async addLiteral(values: string): Promise<void> {
    this.pending.push(values)
    if (this.pending.length >= this.rowsPerStatement) await this.flush()
  }

  /** Queues what is pending as one statement. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return
    const sql = this.head + this.pending.join(',')
    this.inserted += this.pending.length
    this.pending = []
    await this.queue.push(async () => {
      const started = performance.now()
      await exec(this.db, sql)
      this.busyMs += performance.now() - started
    })
  }

  async close(): Promise<void> {
    await this.flush()
  }
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/**
 * Timestamps are most of a seeded row's text: a minute's `YYYY-MM-DD HH:MM:` is made once and
 * joined to one of 60,000 ready `SS.mmm` endings, so that each costs a lookup and one
 * concatenation (the generator makes tens of millions of them).
 */
class TimeTexts {
  private readonly endings: string[]
  private readonly minutes = new Map<number, string>()

  constructor(
    private readonly open: string,
    close: string,
  ) {
    this.endings = Array.from({ length: 60_000 }, (_, i) => {
      const millis = i % 1000
      return `${pad2(Math.floor(i / 1000))}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}${close}`
    })
  }

  text(ms: number): string {
    const whole = Math.floor(ms)
    const minute = Math.floor(whole / 60_000)
    let prefix = this.minutes.get(minute)
    if (prefix === undefined) {
      if (this.minutes.size >= 1_000_000) this.minutes.clear()
      const iso = new Date(minute * 60_000).toISOString()
      prefix = `${this.open}${iso.slice(0, 10)} ${iso.slice(11, 17)}`
      this.minutes.set(minute, prefix)
    }
    return prefix + this.endings[whole - minute * 60_000]
  }
}

let plainTimes: TimeTexts | null = null
let quotedTimes: TimeTexts | null = null

/** `2025-03-04 05:06:07.089`: how TypeORM stores a Date in a SQLite datetime column (UTC). */
export function sqliteTime(ms: number): string {
  plainTimes ??= new TimeTexts('', '')
  return plainTimes.text(ms)
}

/** `sqliteTime` as an SQL literal, quotes included. */
export function sqliteTimeLiteral(ms: number): string {
  quotedTimes ??= new TimeTexts("'", "'")
  return quotedTimes.text(ms)
}

/** Literals for rows written by hand, on the generator's hot path: text, number and time, or NULL. */
export const sqlText = (s: string | null): string => (s === null ? 'NULL' : s.includes("'") ? `'${s.replace(/'/g, "''")}'` : `'${s}'`)
export const sqlNumber = (v: number | null): string => (v === null ? 'NULL' : String(v))
export const sqlTime = (ms: number | null): string => (ms === null ? 'NULL' : sqliteTimeLiteral(ms))
