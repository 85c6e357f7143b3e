import sqlite3 from 'sqlite3'
import { DataSource, type DataSourceOptions } from 'typeorm'
import { buildEntities } from './entities'
import { MIGRATIONS } from './migrations'
import { SnakeNamingStrategy } from './naming-strategy'

export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string }

export const BUSY_TIMEOUT_MS = 5000
const SQLITE_OPEN_READONLY = 0x00000001

/**
 * TypeORM always calls `sqlite3.verbose()`, which wraps every call to keep a stack trace and
 * inspect its SQL (≈0.17 ms a query, most of a phone lookup). Errors still carry SQLite's message.
 */
const quietSqlite3 = { ...sqlite3, verbose: () => sqlite3 }

/**
 * The writer runs the migrations at start (never `synchronize`); the reader is a second,
 * read-only connection on SQLite so dashboards and lookups never queue behind writes.
 */
export function createDataSource(config: StoreConfig, role: 'writer' | 'reader'): DataSource {
  const common = {
    entities: buildEntities(config.kind),
    migrations: role === 'writer' ? MIGRATIONS : [],
    migrationsRun: role === 'writer',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
  }
  const options: DataSourceOptions =
    config.kind === 'sqlite'
      ? {
          type: 'sqlite',
          driver: quietSqlite3,
          database: config.file,
          enableWAL: role === 'writer',
          busyTimeout: BUSY_TIMEOUT_MS,
          ...(role === 'reader' ? { flags: SQLITE_OPEN_READONLY } : {}),
          ...common,
        }
      : {
          type: 'postgres',
          url: config.url,
          schema: config.schema,
          // Hand-written SQL (subqueries, reports) names tables unqualified: without the search
          // path it would read and write the same names in `public`, not in the configured schema.
          ...(config.schema ? { extra: { options: `-c search_path=${quoteIdent(config.schema)}` } } : {}),
          ...common,
        }
  return new DataSource(options)
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}
