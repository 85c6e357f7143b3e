/**
 * Raw query results differ by driver: sqlite3 returns BIGINT and aggregates as numbers and
 * timestamps as `YYYY-MM-DD HH:MM:SS.SSS` text (UTC); pg returns strings and Dates. These two
 * functions are the one place that turns them back into numbers and ISO strings.
 */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0
  return typeof value === 'number' ? value : Number(value)
}

export function toIso(value: string | Date | null | undefined): string {
  if (!value) return ''
  if (value instanceof Date) return value.toISOString()
  return new Date(value.includes('T') ? value : `${value.replace(' ', 'T')}Z`).toISOString()
}

export function toIsoOrNull(value: string | Date | null | undefined): string | null {
  return value ? toIso(value) : null
}
