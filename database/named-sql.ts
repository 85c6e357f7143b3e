import type { EntityManager } from 'typeorm'

/**
 * Hand-written SQL with `:name` parameters, run on any dialect (the driver turns the names into
 * `?` or `$n` and dates into its own form). For hot paths where building a QueryBuilder and
 * hydrating entities costs more than the statement itself; column names are snake_case as stored.
 */
export function namedSql<R = unknown>(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<R[]> {
  const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, params, {})
  return em.query(query, values)
}

/** The same for an UPDATE or DELETE inside a transaction: resolves with the number of rows it changed. */
export async function namedUpdate(em: EntityManager, sql: string, params: Record<string, unknown>): Promise<number> {
  if (!em.queryRunner) throw new Error('namedUpdate runs inside a write transaction')
  const [query, values] = em.connection.driver.escapeQueryWithParameters(sql, params, {})
  const result = await em.queryRunner.query(query, values, true)
  return result.affected ?? 0
}
