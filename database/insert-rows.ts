import type { EntityManager } from 'typeorm'
import type { Rows, TableName } from './entities'
import { toNumber } from './raw-values'

/**
 * Inserts rows without TypeORM re-reading them afterwards (`save` and `Repository.insert` select
 * generated columns back, a query per row on a hot path). Returns the new id of the first row.
 */
export async function insertRows<K extends TableName>(em: EntityManager, table: K, values: Partial<Rows[K]> | Partial<Rows[K]>[]): Promise<number> {
  const qb = em.createQueryBuilder().insert().into(table).values(values).updateEntity(false)
  if (em.connection.options.type === 'postgres') qb.returning('id')
  const { raw } = await qb.execute()
  return toNumber(Array.isArray(raw) ? (raw[0] as { id?: unknown } | undefined)?.id : raw)
}
