/** The two stores RenoDesk runs on: one PC's SQLite file, or a company's shared PostgreSQL. */
export type Dialect = 'sqlite' | 'postgres'

/** Column types that differ between the dialects; everything else is spelled the same on both. */
export function timestampType(dialect: Dialect): 'datetime' | 'timestamptz' {
  return dialect === 'sqlite' ? 'datetime' : 'timestamptz'
}
