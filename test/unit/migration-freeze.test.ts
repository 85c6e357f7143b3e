import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../database/migrations'

const DIR = resolve(__dirname, '../../database/migrations')
const MANIFEST = join(DIR, 'checksums.json')
const HOW = 'Add new migrations to database/migrations/checksums.json (file → sha256); never edit a landed migration — fix forward with a new one.'

/** Line endings normalised, so a Windows checkout hashes the same. */
function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(join(DIR, file), 'utf8').replace(/\r\n/g, '\n')).digest('hex')
}

const files = readdirSync(DIR)
  .filter((f) => /^\d{4}-.+\.ts$/.test(f))
  .sort()
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, string>

describe('landed migrations are frozen', () => {
  it('finds the migration files', () => {
    expect(files.length).toBeGreaterThanOrEqual(1)
    expect(files[0]).toBe('0001-initial-schema.ts')
  })

  it.each(files)('%s is in the checksum manifest', (file) => {
    expect(manifest[file], `${file} is missing from the manifest. ${HOW}`).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each(Object.keys(manifest))('%s still has the content it landed with', (file) => {
    expect(files, `${file} is in the manifest but the file is gone. ${HOW}`).toContain(file)
    expect(sha256Of(file), `${file} changed after it landed. ${HOW}`).toBe(manifest[file])
  })

  it('registers every migration file, in file order, in MIGRATIONS', () => {
    expect(MIGRATIONS).toHaveLength(files.length)
    const timestamps = MIGRATIONS.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1]))
    expect(timestamps.every((t) => Number.isFinite(t))).toBe(true)
    expect([...timestamps].sort((a, b) => a - b)).toEqual(timestamps)
  })
})
