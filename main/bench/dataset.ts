import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { MIGRATIONS } from '../../database/migrations'
import { SEEDER_VERSION, seedDemo } from '../seed/seed-demo'

export type Scale = 'small' | 'large'

export const SCALES: Record<Scale, { customers: number; calls: number; tickets: number; projects: number }> = {
  small: { customers: 20_000, calls: 100_000, tickets: 5_000, projects: 2_000 },
  large: { customers: 200_000, calls: 2_000_000, tickets: 100_000, projects: 20_000 },
}

export const CACHE_DIR = resolve(__dirname, '../../.bench-cache')

/** The schema's latest migration: a new one makes every cached dataset stale. */
export function latestMigration(): string {
  const Latest = MIGRATIONS[MIGRATIONS.length - 1]
  return new Latest().name
}

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true })
}

/**
 * The seeded file for a scale, generated once and reused: its name carries the latest migration
 * and the seeder's version, so neither a new table nor a changed generator is measured stale.
 */
export async function ensureDataset(scale: Scale, log: (message: string) => void): Promise<string> {
  mkdirSync(CACHE_DIR, { recursive: true })
  const { customers, calls, tickets, projects } = SCALES[scale]
  const file = resolve(CACHE_DIR, `${scale}-${customers}-${calls}calls-${tickets}tickets-${projects}projects-${latestMigration()}-seeder${SEEDER_VERSION}.sqlite`)
  if (existsSync(file)) {
    log(`dataset: reusing ${file}`)
    return file
  }
  const building = `${file}.building-${process.pid}`
  removeDb(building)
  log(`dataset: seeding ${customers} customers, ${calls} calls, ${tickets} tickets and ${projects} projects into ${file} (once)`)
  try {
    const result = await seedDemo({ file: building, customers, calls, tickets, projects, seed: `bench-${scale}`, log })
    const s = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(1)
    log(`dataset: seeded in ${s(result.ms)} s (calls ${s(result.calls?.ms)} s, tickets ${s(result.tickets?.ms)} s, projects ${s(result.projects?.ms)} s)`)
    // The store closed cleanly: everything is in the main file, no -wal to carry along.
    if (existsSync(`${building}-wal`)) throw new Error(`${building}-wal is still there after closing`)
    renameSync(building, file)
  } finally {
    removeDb(building)
  }
  // Caches of this scale for an older schema or seeder are never read again.
  for (const old of readdirSync(CACHE_DIR)) {
    const path = resolve(CACHE_DIR, old)
    if (old.startsWith(`${scale}-`) && old.endsWith('.sqlite') && path !== file) {
      log(`dataset: removing stale ${old}`)
      removeDb(path)
    }
  }
  return file
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A private copy for one run, so that writes never reach the cache; remove it with `dropCopy`. */
export function copyForRun(cache: string): string {
  // copies left by runs that were killed (a copy of the large set is over a gigabyte)
  for (const name of readdirSync(CACHE_DIR)) {
    const pid = /^run-(\d+)\.sqlite$/.exec(name)?.[1]
    if (pid && Number(pid) !== process.pid && !alive(Number(pid))) removeDb(resolve(CACHE_DIR, name))
  }
  const copy = resolve(CACHE_DIR, `run-${process.pid}.sqlite`)
  removeDb(copy)
  copyFileSync(cache, copy)
  return copy
}

export function dropCopy(copy: string): void {
  removeDb(copy)
}
