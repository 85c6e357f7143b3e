import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'

const SENTINEL = '\u0000param:'

interface SqliteStatement {
  all(params: unknown[], callback: (err: Error | null, rows: unknown[]) => void): void
  finalize(callback?: (err: Error | null) => void): void
}

interface SqliteDatabase {
  prepare(sql: string, callback: (err: Error | null) => void): SqliteStatement
}

/** Statements prepared on each SQLite connection, finalized by the store before it closes. */
const statements = new WeakMap<DataSource, Map<string, Promise<SqliteStatement>>>()

export async function finalizePrepared(dataSource: DataSource): Promise<void> {
  const prepared = statements.get(dataSource)
  if (!prepared) return
  statements.delete(dataSource)
  await Promise.all(
    [...prepared.values()].map(async (pending) => {
      const statement = await pending.catch(() => null)
      if (statement) await new Promise<void>((resolve) => statement.finalize(() => resolve()))
    }),
  )
}

function sqliteStatement(dataSource: DataSource, sql: string): Promise<SqliteStatement> {
  let prepared = statements.get(dataSource)
  if (!prepared) statements.set(dataSource, (prepared = new Map()))
  let statement = prepared.get(sql)
  if (!statement) {
    const db = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection
    statement = new Promise((resolve, reject) => {
      const created = db.prepare(sql, (err) => (err ? reject(err) : resolve(created)))
    })
    prepared.set(sql, statement)
  }
  return statement
}

/**
 * A QueryBuilder query turned into SQL once and then run with new values — on SQLite as a
 * prepared statement. Building and preparing cost more than SQLite takes to answer an indexed
 * lookup, and the screen pop runs on every typed number.
 */
export class PreparedQuery<P extends Record<string, unknown>> {
  private built: { sql: string; params: unknown[] } | null = null

  constructor(private readonly build: (em: EntityManager, params: Record<keyof P, string>) => SelectQueryBuilder<ObjectLiteral>) {}

  async run<R>(em: EntityManager, values: P): Promise<R[]> {
    if (!this.built) {
      const placeholders = Object.fromEntries(Object.keys(values).map((key) => [key, `${SENTINEL}${key}`])) as Record<keyof P, string>
      const [sql, params] = this.build(em, placeholders).getQueryAndParameters()
      this.built = { sql, params }
    }
    const { sql } = this.built
    const params = this.built.params.map((p) => {
      const value = typeof p === 'string' && p.startsWith(SENTINEL) ? values[p.slice(SENTINEL.length)] : p
      if (typeof value === 'boolean') return Number(value)
      // SQLite keeps times as UTC text; TypeORM converts Date parameters the same way, but these bypass it
      if (value instanceof Date && em.connection.options.type === 'sqlite') return value.toISOString().replace('T', ' ').replace('Z', '')
      return value
    })
    // Inside a transaction the query must go through that transaction's runner, not a statement of its own.
    if (em.connection.options.type !== 'sqlite' || em.queryRunner) return em.query(sql, params)
    const statement = await sqliteStatement(em.connection, sql)
    return new Promise<R[]>((resolve, reject) => statement.all(params, (err, rows) => (err ? reject(err) : resolve(rows as R[]))))
  }
}
