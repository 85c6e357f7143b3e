import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe } from 'vitest'
import type { StoreConfig } from '../../database/data-source'
import type { Dialect } from '../../database/dialect'
import { makeTempDir, removeTempDir } from './temp-dir'

/** e.g. postgres://renodesk:renodesk@127.0.0.1:5432/renodesk_test (`bash .ci/postgres.sh` prints it) */
export const PG_URL = process.env.RENODESK_TEST_PG_URL || null

export const DIALECTS: readonly Dialect[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite']

/**
 * A PostgreSQL database whose default collation is a language's, as one created with the
 * company's locale (zh_CN.UTF-8) would be: text compares in dictionary order there, not by code
 * point, which hand-written range queries must survive.
 */
export const PG_LOCALE_DATABASES = { 'zh-Hans': 'renodesk_test_zh' } as const
export type PgLocale = keyof typeof PG_LOCALE_DATABASES

/** A store of its own: a SQLite file in a temp folder, or a fresh PostgreSQL schema; `drop` removes it. */
export interface ScratchStore {
  config: StoreConfig
  drop(): Promise<void>
}

async function withPg<T>(work: (client: pg.Client) => Promise<T>, url = PG_URL): Promise<T> {
  if (!url) throw new Error('RENODESK_TEST_PG_URL is not set')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** The URL of the locale's test database, created (with an ICU default collation) on first use. */
async function localeDatabaseUrl(locale: PgLocale): Promise<string> {
  const name = PG_LOCALE_DATABASES[locale]
  await withPg(async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rowCount) return
    try {
      await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE '${locale}' LOCALE 'C.UTF-8'`)
    } catch (error) {
      // another test file created it at the same moment
      if (!/already exists|duplicate key/.test(String(error))) throw error
    }
  })
  const url = new URL(PG_URL as string)
  url.pathname = `/${name}`
  return url.toString()
}

export async function createScratchStore(dialect: Dialect, options: { locale?: PgLocale } = {}): Promise<ScratchStore> {
  if (dialect === 'sqlite') {
    const dir = await makeTempDir()
    return { config: { kind: 'sqlite', file: join(dir, 'renodesk.sqlite') }, drop: () => removeTempDir(dir) }
  }
  const url = options.locale ? await localeDatabaseUrl(options.locale) : (PG_URL as string)
  const schema = `test_${randomBytes(6).toString('hex')}`
  await withPg((client) => client.query(`CREATE SCHEMA "${schema}"`), url)
  return {
    config: { kind: 'postgres', url, schema },
    drop: () => withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`), url).then(() => undefined),
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

export interface ForEachDialectOptions {
  /** 'test' (default): a fresh store per test; 'suite': the tests of one dialect share one */
  scope?: 'test' | 'suite'
  /** also run on PostgreSQL databases with these default collations */
  pgLocales?: PgLocale[]
}

/**
 * Runs `suite` on SQLite always, and on PostgreSQL as well when RENODESK_TEST_PG_URL is set.
 * Every test gets its own store (a temp file, or a schema `test_<random>` dropped afterwards);
 * with `scope: 'suite'` the tests of one dialect share one, for suites that must leave the
 * store unchanged anyway.
 */
export function forEachDialect(name: string, suite: (harness: DialectHarness) => void, options: ForEachDialectOptions = {}): void {
  const variants: { dialect: Dialect; locale?: PgLocale }[] = DIALECTS.map((dialect) => ({ dialect }))
  if (PG_URL) for (const locale of options.pgLocales ?? []) variants.push({ dialect: 'postgres', locale })
  for (const { dialect, locale } of variants) {
    let scratch: ScratchStore | null = null
    const harness: DialectHarness = {
      dialect,
      get config() {
        if (!scratch) throw new Error('forEachDialect: config is only available inside a test or hook')
        return scratch.config
      },
    }
    const drop = async (): Promise<void> => {
      const done = scratch
      scratch = null
      await done?.drop()
    }
    describe(`${name} [${dialect}${locale ? ` ${locale} collation` : ''}]`, () => {
      // The store is dropped even when the suite's own after-hooks fail (a failing hook skips
      // the hooks registered before it): per test by onTestFinished, per suite from outside.
      if (options.scope === 'suite') {
        beforeAll(async () => {
          scratch = await createScratchStore(dialect, { locale })
        })
        afterAll(drop)
        describe('one store for the suite', () => suite(harness))
      } else {
        beforeEach(async (context) => {
          scratch = await createScratchStore(dialect, { locale })
          context.onTestFinished(drop)
        })
        suite(harness)
      }
    })
  }
}
