import type { EntityManager } from 'typeorm'
import { namedSql } from '../../database/named-sql'

type Slot = Record<string, string | number>

/** What one summary table counts: its key columns, its measures, and each source row's share. */
export interface SummaryDef<R> {
  table: string
  /** snake_case key columns, in the order of the table's unique index */
  keys: readonly string[]
  measures: readonly string[]
  /** the row's key and measures, or null when the row counts nowhere (an open callback, an unresolved ticket) */
  share(row: R, timeZone: string): { key: Slot; values: Record<string, number> } | null
  /** a rebuild's source: rows with `id > :afterId` in id order, at most `:limit` */
  sourceSql: string
  fromRaw(raw: Record<string, unknown>): R
}

const REBUILD_CHUNK = 50_000
const INSERT_CHUNK = 400

/**
 * A summary kept exact by the writes themselves: each write that changes a source row moves the
 * row's share from the slot it was in to the slot it is in, in the same transaction (a rollback
 * takes both back). Emptied slots are deleted, so the table always equals a fresh rebuild.
 */
export class SummaryTable<R> {
  constructor(
    readonly def: SummaryDef<R>,
    private readonly timeZone: () => string,
  ) {}

  /** Call inside the write that changes the row: `before` null for a new row, `after` null for a deleted one. */
  async change(em: EntityManager, before: R | null, after: R | null): Promise<void> {
    const tz = this.timeZone()
    const from = before ? this.def.share(before, tz) : null
    const to = after ? this.def.share(after, tz) : null
    if (from && to && this.keyOf(from.key) === this.keyOf(to.key) && this.def.measures.every((m) => from.values[m] === to.values[m])) return
    if (from) await this.add(em, from.key, this.def.measures.map((m) => -from.values[m]))
    if (to) await this.add(em, to.key, this.def.measures.map((m) => to.values[m]))
  }

  private async add(em: EntityManager, key: Slot, values: number[]): Promise<void> {
    const { table, keys, measures } = this.def
    const params: Record<string, string | number> = {}
    keys.forEach((k) => (params[`k_${k}`] = key[k]))
    measures.forEach((m, i) => (params[`m_${m}`] = values[i]))
    await namedSql(
      em,
      `INSERT INTO ${table} (${[...keys, ...measures].join(', ')}) VALUES (${[...keys.map((k) => `:k_${k}`), ...measures.map((m) => `:m_${m}`)].join(', ')})
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${measures.map((m) => `${m} = ${table}.${m} + excluded.${m}`).join(', ')}`,
      params,
    )
    // the first measure counts the rows: a slot left with none goes
    if (values[0] < 0) {
      await namedSql(em, `DELETE FROM ${table} WHERE ${keys.map((k) => `${k} = :k_${k}`).join(' AND ')} AND ${measures[0]} = 0`, params)
    }
  }

  /** Recomputes the whole table from its source inside the caller's write; answers the rows read and the slots written. */
  async rebuildIn(em: EntityManager, timeZone = this.timeZone()): Promise<{ rows: number; slots: number }> {
    const { table, keys, measures } = this.def
    await namedSql(em, `DELETE FROM ${table}`, {})
    const totals = new Map<string, Slot>()
    let rows = 0
    for (let afterId = 0; ; ) {
      const raws = await namedSql<Record<string, unknown>>(em, this.def.sourceSql, { afterId, limit: REBUILD_CHUNK })
      if (raws.length === 0) break
      for (const raw of raws) {
        const share = this.def.share(this.def.fromRaw(raw), timeZone)
        if (!share) continue
        const k = this.keyOf(share.key)
        let total = totals.get(k)
        if (!total) totals.set(k, (total = { ...share.key, ...Object.fromEntries(measures.map((m) => [m, 0])) }))
        for (const m of measures) (total[m] as number) += share.values[m]
      }
      rows += raws.length
      afterId = Number(raws[raws.length - 1].id)
    }
    const all = [...totals.values()]
    const columns = [...keys, ...measures]
    for (let i = 0; i < all.length; i += INSERT_CHUNK) {
      const chunk = all.slice(i, i + INSERT_CHUNK)
      const params: Record<string, string | number> = {}
      const tuples = chunk.map((slot, r) => `(${columns.map((c) => ((params[`${c}_${r}`] = slot[c]), `:${c}_${r}`)).join(', ')})`)
      await namedSql(em, `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params)
    }
    return { rows, slots: all.length }
  }

  private keyOf(key: Slot): string {
    return this.def.keys.map((k) => key[k]).join('|')
  }
}
