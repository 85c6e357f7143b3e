import { writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { readPragmas, openStore } from '../../database/store'
import { BUSY_TIMEOUT_MS } from '../../database/data-source'
import { MIGRATIONS } from '../../database/migrations'
import { readSqliteFile } from '../support/sqlite-file'
import { useTempDir } from '../support/temp-dir'
import { createScratchStore, forEachDialect, pgColumns, PG_URL } from '../support/dialects'
import { tableNames } from '../support/db-snapshot'

describe('SQLite store at open', () => {
  const tmp = useTempDir()

  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout on the writer and on the reader', async () => {
    const store = await openStore({ kind: 'sqlite', file: tmp.file('a.sqlite') })
    try {
      for (const ds of [store.writer, store.reader]) {
        const pragmas = await readPragmas(ds)
        expect(pragmas.journalMode).toBe('wal')
        expect(pragmas.synchronous).toBe(2)
        expect(pragmas.foreignKeys).toBe(1)
        expect(pragmas.busyTimeout).toBeGreaterThanOrEqual(5000)
      }
      expect(BUSY_TIMEOUT_MS).toBeGreaterThanOrEqual(5000)
    } finally {
      await store.close()
    }
  })

  it('passes quick_check and keeps the reader a separate, read-only connection', async () => {
    const store = await openStore({ kind: 'sqlite', file: tmp.file('a.sqlite') })
    try {
      expect(await store.writer.query('PRAGMA quick_check')).toEqual([{ quick_check: 'ok' }])
      expect(store.reader).not.toBe(store.writer)
      await expect(store.reader.query("INSERT INTO community (name) VALUES ('写不进去')")).rejects.toThrow(/SQLITE_READONLY/)
      await store.write((em) => em.query("INSERT INTO community (name) VALUES ('阳光花园')"))
      // WAL: the reader sees the writer's commit at once.
      expect(await store.read.query('SELECT name FROM community')).toEqual([{ name: '阳光花园' }])
    } finally {
      await store.close()
    }
  })

  it('refuses a file that is not a SQLite database', async () => {
    const file = tmp.file('notes.sqlite')
    await writeFile(file, '这不是数据库 — just some text that happens to sit where the database should be\n'.repeat(100))
    await expect(openStore({ kind: 'sqlite', file })).rejects.toThrow(/not a database|SQLITE_NOTADB/)
  })

  it('enforces foreign keys on the writer', async () => {
    const store = await openStore({ kind: 'sqlite', file: tmp.file('a.sqlite') })
    try {
      const insert = store.write((em) =>
        em.query("INSERT INTO customer_phone (customer_id, normalized, reversed, raw, kind, is_primary) VALUES (424242, '13800138000', '00083100831', 'x', 'mobile', 1)"),
      )
      await expect(insert).rejects.toThrow(/FOREIGN KEY/)
    } finally {
      await store.close()
    }
  })

  it('runs the migrations at the first open, records them, and runs none at the second', async () => {
    const file = tmp.file('a.sqlite')
    const first = await openStore({ kind: 'sqlite', file })
    const recorded: { id: number; name: string; timestamp: number }[] = await first.writer.query('SELECT id, name, timestamp FROM migrations ORDER BY id')
    expect(recorded.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name))
    expect(await first.writer.showMigrations()).toBe(false)
    await first.close()

    const second = await openStore({ kind: 'sqlite', file })
    try {
      expect(await second.writer.query('SELECT id, name, timestamp FROM migrations ORDER BY id')).toEqual(recorded)
      expect(await second.writer.showMigrations()).toBe(false)
    } finally {
      await second.close()
    }
    const onDisk = await readSqliteFile<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    expect(onDisk.map((t) => t.name)).toEqual(['assessment', 'audit_log', 'call_edit', 'call_event', 'call_log', 'call_stat', 'callback', 'callback_attempt', 'callback_stat', 'community', 'customer', 'customer_phone', 'department', 'deposit', 'deposit_follow_up', 'evaluation', 'follow_up', 'greeting', 'inspection', 'inspection_photo', 'measure_appointment', 'migrations', 'notification', 'person', 'project', 'project_log', 'project_stop', 'rectification', 'rectification_check', 'reply_template', 'setting', 'staff_account', 'staff_presence', 'summary_build', 'ticket', 'ticket_attachment', 'ticket_log', 'ticket_stat', 'viewing_trip', 'viewing_trip_client', 'viewing_trip_site', 'visit'])
  })

  it('lets a second store on the same file see the first one\'s commits (another seat, or the CLI)', async () => {
    const file = tmp.file('a.sqlite')
    const a = await openStore({ kind: 'sqlite', file })
    const b = await openStore({ kind: 'sqlite', file })
    try {
      await a.write((em) => em.query("INSERT INTO community (name) VALUES ('甲')"))
      expect(await b.read.query('SELECT name FROM community')).toEqual([{ name: '甲' }])
    } finally {
      await b.close()
      await a.close()
    }
  })
})

forEachDialect('migrations', (h) => {
  it('create every entity table with the columns the entities expect', async () => {
    const store = await openStore(h.config)
    const runner = store.writer.createQueryRunner()
    try {
      expect(tableNames(store.writer)).toEqual(['assessment', 'audit_log', 'call_edit', 'call_event', 'call_log', 'call_stat', 'callback', 'callback_attempt', 'callback_stat', 'community', 'customer', 'customer_phone', 'department', 'deposit', 'deposit_follow_up', 'evaluation', 'follow_up', 'greeting', 'inspection', 'inspection_photo', 'measure_appointment', 'migrations', 'notification', 'person', 'project', 'project_log', 'project_stop', 'rectification', 'rectification_check', 'reply_template', 'setting', 'staff_account', 'staff_presence', 'summary_build', 'ticket', 'ticket_attachment', 'ticket_log', 'ticket_stat', 'viewing_trip', 'viewing_trip_client', 'viewing_trip_site', 'visit'])
      for (const meta of store.writer.entityMetadatas) {
        const table = await runner.getTable(meta.tablePath)
        expect(table, meta.tableName).toBeDefined()
        const actual = (table?.columns ?? []).map((c) => c.name).sort()
        expect(actual, meta.tableName).toEqual(meta.columns.map((c) => c.databaseName).sort())
      }
      expect(await store.writer.showMigrations()).toBe(false)
    } finally {
      await runner.release()
      await store.close()
    }
  })
})

describe.skipIf(!PG_URL)('the same migrations on PostgreSQL', () => {
  const tmp = useTempDir()

  it('create the same tables and columns as on SQLite', async () => {
    const sqliteFile = tmp.file('a.sqlite')
    const sqlite = await openStore({ kind: 'sqlite', file: sqliteFile })
    await sqlite.close()
    const sqliteTables = await readSqliteFile<{ name: string }>(sqliteFile, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    const sqliteColumns: Record<string, string[]> = {}
    for (const { name } of sqliteTables) {
      const columns = await readSqliteFile<{ name: string }>(sqliteFile, `PRAGMA table_info("${name}")`)
      sqliteColumns[name] = columns.map((c) => c.name).sort()
    }

    const scratch = await createScratchStore('postgres')
    try {
      const pgStore = await openStore(scratch.config)
      await pgStore.close()
      const pg = await pgColumns((scratch.config as { schema: string }).schema)
      const pgSorted = Object.fromEntries(Object.entries(pg).map(([table, cols]) => [table, [...cols].sort()]))
      expect(Object.keys(pgSorted).sort()).toEqual(Object.keys(sqliteColumns).sort())
      expect(pgSorted).toEqual(sqliteColumns)
      expect(Object.keys(pgSorted)).toContain('customer_phone')
    } finally {
      await scratch.drop()
    }
  })
})
