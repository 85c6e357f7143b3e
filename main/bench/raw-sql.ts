import sqlite3, { type Database, type Statement } from 'sqlite3'

/** The baseline's own sqlite3 connection on the same file: hand-written SQL, no ORM in between. */
export class RawDb {
  private constructor(readonly db: Database) {}

  static async open(file: string): Promise<RawDb> {
    const db = await new Promise<Database>((resolve, reject) => {
      const opened = new sqlite3.Database(file, (error: Error | null) => (error ? reject(error) : resolve(opened)))
    })
    const raw = new RawDb(db)
    // As durable as the store: the write baseline pays the same fsync.
    await raw.run('PRAGMA synchronous = FULL')
    await raw.run('PRAGMA foreign_keys = ON')
    await raw.run('PRAGMA busy_timeout = 5000')
    return raw
  }

  run(sql: string, params: unknown[] = []): Promise<{ lastID: number; changes: number }> {
    return new Promise((resolve, reject) =>
      this.db.run(sql, params, function (this: { lastID: number; changes: number }, error: Error | null) {
        if (error) reject(error)
        else resolve({ lastID: this.lastID, changes: this.changes })
      }),
    )
  }

  all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return new Promise((resolve, reject) => this.db.all(sql, params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows))))
  }

  async get<T>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0]
  }

  /** A statement parsed once and run many times, as a hand-tuned caller would. */
  async prepare(sql: string): Promise<Prepared> {
    const statement = await new Promise<Statement>((resolve, reject) => {
      const s = this.db.prepare(sql, (error: Error | null) => (error ? reject(error) : resolve(s)))
    })
    return new Prepared(statement)
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => this.db.close((error: Error | null) => (error ? reject(error) : resolve())))
  }
}

export class Prepared {
  constructor(private readonly statement: Statement) {}

  all<T>(params: unknown[]): Promise<T[]> {
    return new Promise((resolve, reject) => this.statement.all(params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows))))
  }

  get<T>(params: unknown[]): Promise<T | undefined> {
    return new Promise((resolve, reject) => this.statement.get(params, (error: Error | null, row: T) => (error ? reject(error) : resolve(row))))
  }

  run(params: unknown[]): Promise<{ lastID: number; changes: number }> {
    return new Promise((resolve, reject) =>
      this.statement.run(params, function (this: { lastID: number; changes: number }, error: Error | null) {
        if (error) reject(error)
        else resolve({ lastID: this.lastID, changes: this.changes })
      }),
    )
  }

  finalize(): Promise<void> {
    return new Promise((resolve) => this.statement.finalize(() => resolve()))
  }
}
