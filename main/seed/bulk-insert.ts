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
  private sql = ''
  private rows = 0
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
    this.sql += this.rows === 0 ? values : `,${values}`
    this.rows++
    if (this.rows >= this.rowsPerStatement) await this.flush()
  }

  /** Queues what is pending as one statement. */
  async flush(): Promise<void> {
    if (this.rows === 0) return
    const sql = this.head + this.sql
    this.inserted += this.rows
    this.sql = ''
    this.rows = 0
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

const dayPrefixes = new Map<number, string>()
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** `2025-03-04 05:06:07.089`: how TypeORM stores a Date in a SQLite datetime column (UTC). */
export function sqliteTime(ms: number): string {
  const whole = Math.floor(ms)
  const day = Math.floor(whole / 86_400_000)
  let prefix = dayPrefixes.get(day)
  if (prefix === undefined) {
    prefix = `${new Date(day * 86_400_000).toISOString().slice(0, 10)} `
    dayPrefixes.set(day, prefix)
  }
  let rest = whole - day * 86_400_000
  const hours = Math.floor(rest / 3_600_000)
  rest -= hours * 3_600_000
  const minutes = Math.floor(rest / 60_000)
  rest -= minutes * 60_000
  const seconds = Math.floor(rest / 1000)
  const millis = rest - seconds * 1000
  return `${prefix}${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}`
}
