import sqlite3 from 'sqlite3'

/** One row of the run's database, read on a connection of its own (the app keeps writing). */
export async function row<T>(db: string, sql: string, ...params: unknown[]): Promise<T | undefined> {
  const conn = new sqlite3.Database(db, sqlite3.OPEN_READONLY)
  try {
    return await new Promise<T | undefined>((resolve, reject) => conn.get(sql, params, (err: Error | null, r: T) => (err ? reject(err) : resolve(r))))
  } finally {
    conn.close()
  }
}

export async function rows<T>(db: string, sql: string, ...params: unknown[]): Promise<T[]> {
  const conn = new sqlite3.Database(db, sqlite3.OPEN_READONLY)
  try {
    return await new Promise<T[]>((resolve, reject) => conn.all(sql, params, (err: Error | null, r: T[]) => (err ? reject(err) : resolve(r))))
  } finally {
    conn.close()
  }
}

/** Polls until the condition holds: the UI saves asynchronously. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
