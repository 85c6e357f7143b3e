import type { DataSource, EntityManager } from 'typeorm'
import { BUSY_TIMEOUT_MS, createDataSource, type StoreConfig } from './data-source'
import { finalizePrepared } from './prepared-query'
import type { Dialect } from './dialect'
import { WriteQueue } from './write-queue'

export interface Store {
  dialect: Dialect
  /** Reads: on SQLite a second, read-only connection that sees each committed write (WAL). */
  read: EntityManager
  /**
   * Another read connection, for the half of a heavy read that can run beside the other half
   * (the dashboard's comparison period): one SQLite connection runs one statement at a time. On
   * PostgreSQL the pool gives each query its own connection, so this is the pool again.
   */
  readAlongside: EntityManager
  /** Every write, one transaction at a time. */
  write<T>(work: (em: EntityManager) => Promise<T>): Promise<T>
  writer: DataSource
  reader: DataSource
  queue: WriteQueue
  close(): Promise<void>
}

export interface SqlitePragmas {
  journalMode: string
  synchronous: number
  foreignKeys: number
  busyTimeout: number
}

export async function readPragmas(ds: DataSource): Promise<SqlitePragmas> {
  const one = async (pragma: string): Promise<unknown> => {
    const rows: Record<string, unknown>[] = await ds.query(`PRAGMA ${pragma}`)
    return Object.values(rows[0] ?? {})[0]
  }
  return {
    journalMode: String(await one('journal_mode')),
    synchronous: Number(await one('synchronous')),
    foreignKeys: Number(await one('foreign_keys')),
    busyTimeout: Number(await one('busy_timeout')),
  }
}

/** Refuses to run on a SQLite file that would not survive a power cut or would ignore foreign keys. */
async function prepareSqlite(writer: DataSource): Promise<void> {
  // TypeORM has no option for it; without FULL a power cut can lose the last commits in WAL mode.
  await writer.query('PRAGMA synchronous = FULL')
  const pragmas = await readPragmas(writer)
  const problems: string[] = []
  if (pragmas.journalMode !== 'wal') problems.push(`journal_mode=${pragmas.journalMode}`)
  if (pragmas.synchronous !== 2) problems.push(`synchronous=${pragmas.synchronous}`)
  if (pragmas.foreignKeys !== 1) problems.push(`foreign_keys=${pragmas.foreignKeys}`)
  if (pragmas.busyTimeout < BUSY_TIMEOUT_MS) problems.push(`busy_timeout=${pragmas.busyTimeout}`)
  if (problems.length) throw new Error(`SQLite store is not safe to use: ${problems.join(', ')}`)
  const check: { quick_check: string }[] = await writer.query('PRAGMA quick_check')
  if (check[0]?.quick_check !== 'ok') throw new Error(`SQLite quick_check failed: ${JSON.stringify(check)}`)
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const writer = createDataSource(config, 'writer')
  await writer.initialize()
  let reader = writer
  let alongside = writer
  try {
    if (config.kind === 'sqlite') {
      await prepareSqlite(writer)
      reader = createDataSource(config, 'reader')
      await reader.initialize()
      alongside = createDataSource(config, 'reader')
      await alongside.initialize()
    }
  } catch (error) {
    if (reader !== writer && reader.isInitialized) await reader.destroy()
    await writer.destroy()
    throw error
  }
  const queue = new WriteQueue()
  return {
    dialect: config.kind,
    read: reader.manager,
    readAlongside: alongside.manager,
    write: (work) => queue.run(() => writer.transaction(work)),
    writer,
    reader,
    queue,
    async close() {
      await queue.drain()
      await Promise.all([finalizePrepared(reader), finalizePrepared(alongside), finalizePrepared(writer)])
      if (reader !== writer) await reader.destroy()
      if (alongside !== writer) await alongside.destroy()
      await writer.destroy()
    },
  }
}
