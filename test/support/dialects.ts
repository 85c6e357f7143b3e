import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest'
import type { StoreConfig } from '../../database/data-source'
import type { Dialect } from '../../database/dialect'
import { makeTempDir, removeTempDir } from './temp-dir'

/** e.g. postgres://renodesk:renodesk@127.0.0.1:5432/renodesk_test (`bash .ci/postgres.sh` prints it) */
export const PG_URL = process.env.RENODESK_TEST_PG_URL || null

export const DIALECTS: readonly Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite']

/** A store of its own: a SQLite file in a temp folder, or a fresh PostgreSQL schema; `drop` removes it. */
export interface ScratchStore {
  config: StoreConfig
  drop(): Promise<void>
}

async function withPg<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!PG_URL) throw new Error('RENODESK_TEST_PG_URL is not set')
  const client = new pg.Client({ connectionString: PG_URL })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function createScratchStore(dialect: Dialect): Promise<ScratchStore> {
  if (dialect === 'sqlite') {
    const dir = await makeTempDir()
    return { config: { kind: 'sqlite', file: join(dir, 'renodesk.sqlite') }, drop: () => removeTempDir(dir) }
  }
  const schema = `test_${randomBytes(6).toString('hex')}`
  await withPg((client) => client.query(`CREATE SCHEMA "${schema}"`))
  return {
    config: { kind: 'postgres', url: PG_URL as string, schema },
    drop: () => withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
  }
}

/** Table → column names of a PostgreSQL schema, for comparing it with a SQLite file. */
export async function pgColumns(schema: string): Promise<Record<string, string[]>> {
  const { rows } = await withPg((client) =>
    client.query<{ table_name: string; column_name: string }>(
      'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position',
      [schema],
    ),
  )
  const out: Record<string, string[]> = {}
  for (const row of rows) (out[row.table_name] ??= []).push(row.column_name)
  return out
}

export interface DialectHarness {
  dialect: Dialect
  /** the store of this test (or of this suite, with `scope: 'suite'`) */
  readonly config: StoreConfig
}

/**
 * Runs `suite` on SQLite always, and on PostgreSQL as well when RENODESK_TEST_PG_URL is set.
 * Every test gets its own store (a temp file, or a schema `test_<random>` dropped afterwards);
 * with `scope: 'suite'` the tests of one dialect share one, for suites that only read or must
 * leave the store unchanged anyway.
 */
export function forEachDialect(name: string, suite: (harness: DialectHarness) => void, options: { scope?: 'test' | 'suite' } = {}): void {
  const [before, after] = options.scope === 'suite' ? [beforeAll, afterAll] : [beforeEach, afterEach]
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let scratch: ScratchStore | null = null
      before(async () => {
        scratch = await createScratchStore(dialect)
      })
      after(async () => {
        await scratch?.drop()
        scratch = null
      })
      suite({
        dialect,
        get config() {
          if (!scratch) throw new Error('forEachDialect: config is only available inside a test or hook')
          return scratch.config
        },
      })
    })
  }
}
