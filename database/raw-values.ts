/**
 * Raw query results differ by driver: sqlite3 returns BIGINT and aggregates as numbers and
 * timestamps as `YYYY-MM-DD HH:MM:SS.SSS` text (UTC); pg returns strings and Dates. These two
 * functions are the one place that turns them back into numbers and ISO strings.
 */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0
  return typeof value === 'number' ? value : Number(value)
}

/** sqlite3's own timestamp text, which is UTC already: `2026-11-27 02:00:00.000` */
const SQLITE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/

export function toIso(value: string | Date | null | undefined): string {
  if (!value) return ''
  if (value instanceof Date) return value.toISOString()
  // lists map thousands of these: rewriting the text costs a fraction of parsing it into a Date
  if (SQLITE_TIME.test(value)) return `${value.slice(0, 10)}T${value.slice(11)}Z`
  return new Date(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`).toISOString()
}

export function toIsoOrNull(value: string | Date | null | undefined): string | null {
  return value ? toIso(value) : null
}
