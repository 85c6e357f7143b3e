import { createHash } from 'node:crypto'
import type { DataSource } from 'typeorm'
import type { Store } from '../../database/store'

export interface TableSnapshot {
  rows: number
  maxId: number | null
  /** sha256 of every row, so that an UPDATE shows as well as an INSERT */
  digest: string
}

export type DbSnapshot = Record<string, TableSnapshot>

function qualified(ds: DataSource, table: string): string {
  const schema = ds.options.type === 'postgres' ? ds.options.schema : undefined
  return schema ? `"${schema}"."${table}"` : `"${table}"`
}

/** Every table's name as the store sees it: the entities' tables plus the migrations table. */
export function tableNames(ds: DataSource): string[] {
  return [...ds.entityMetadatas.map((m) => m.tableName), 'migrations'].sort()
}

/** Row count, max id and a content digest of every table: two equal snapshots mean nothing was written. */
export async function snapshotDb(store: Store): Promise<DbSnapshot> {
  const ds = store.writer
  const out: DbSnapshot = {}
  for (const table of tableNames(ds)) {
    const hasId = table === 'migrations' || ds.getMetadata(table).primaryColumns.some((c) => c.databaseName === 'id')
    const order = hasId ? 'id' : '1'
    const rows: Record<string, unknown>[] = await ds.query(`SELECT * FROM ${qualified(ds, table)} ORDER BY ${order}`)
    const ids = hasId ? rows.map((r) => Number(r.id)) : []
    out[table] = {
      rows: rows.length,
      maxId: ids.length ? Math.max(...ids) : null,
      digest: createHash('sha256').update(JSON.stringify(rows)).digest('hex'),
    }
  }
  return out
}

/** Rows of one table, through the writer (sees everything committed). */
export async function countRows(store: Store, table: string, where = '1 = 1'): Promise<number> {
  const rows: { n: number | string }[] = await store.writer.query(`SELECT COUNT(*) AS n FROM ${qualified(store.writer, table)} WHERE ${where}`)
  return Number(rows[0]?.n ?? 0)
}
