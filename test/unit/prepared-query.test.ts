import { describe, expect, it } from 'vitest'
import { insertRows } from '../../database/insert-rows'
import { PreparedQuery } from '../../database/prepared-query'
import { openStore } from '../../database/store'
import { useTempDir } from '../support/temp-dir'

describe('PreparedQuery on SQLite', () => {
  const tmp = useTempDir()
  const byName = new PreparedQuery<{ name: string }>((em, p) =>
    em.createQueryBuilder().from('community', 'c').select('c.id AS id').addSelect('c.name AS name').where('c.name = :name', { name: p.name }),
  )

  it('answers each call with its own values and sees rows committed after it was prepared', async () => {
    const store = await openStore({ kind: 'sqlite', file: tmp.file('prepared.sqlite') })
    try {
      await store.write((em) => insertRows(em, 'community', [{ name: '万科城' }, { name: '绿地海珀' }]))
      expect(await byName.run(store.read, { name: '万科城' })).toEqual([{ id: 1, name: '万科城' }])
      expect(await byName.run(store.read, { name: '新小区' })).toEqual([])
      await store.write((em) => insertRows(em, 'community', { name: '新小区' }))
      const answers = await Promise.all(['绿地海珀', '新小区', '万科城', '无此小区'].map((name) => byName.run<{ name: string }>(store.read, { name })))
      expect(answers.map((rows) => rows.map((r) => r.name))).toEqual([['绿地海珀'], ['新小区'], ['万科城'], []])
      // inside a write transaction it reads through that transaction, uncommitted rows included
      await store.write(async (em) => {
        await insertRows(em, 'community', { name: '事务中' })
        expect(await byName.run(em, { name: '事务中' })).toHaveLength(1)
      })
    } finally {
      // the prepared statements are finalized first, or closing the connection would fail
      await store.close()
    }
  })
})
