import { afterEach, beforeEach, expect, it } from 'vitest'
import type { AppEvent } from '../../main/contract/events'
import { countRows } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { openTestCore, type Session, type TestCore } from '../support/test-core'

forEachDialect('calls arriving at the same moment', (h) => {
  let t: TestCore
  let reception: Session
  let agent: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config })
    reception = await t.as('receptionist')
    agent = await t.as('agent')
  })
  afterEach(() => t.close())

  it('one new client registered from five screens at once is one customer with five visits', async () => {
    const typed = ['13800138000', '138 0013 8000', '+86-138-0013-8000', '0086 138 0013 8000', '138-0013-8000']
    const results = await Promise.all(typed.map((phone) => reception.api.visits.register({ name: '张三', phone })))
    expect(results.filter((r) => r.customerCreated)).toHaveLength(1)
    expect(new Set(results.map((r) => r.visit.customerId)).size).toBe(1)
    expect(await countRows(t.core.store, 'customer')).toBe(1)
    expect(await countRows(t.core.store, 'customer_phone')).toBe(1)
    expect(await countRows(t.core.store, 'visit')).toBe(5)
  })

  it('the same number created twice at once: one customer, the other gets CONFLICT', async () => {
    const results = await Promise.allSettled([
      agent.api.customers.create({ name: '张三', phone: '13800138000' }),
      agent.api.customers.create({ name: '张叁', phone: '+86 138 0013 8000' }),
      reception.api.customers.create({ name: '张仨', phone: '0086-13800138000' }),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []))
    expect(refused).toEqual(['CONFLICT', 'CONFLICT'])
    expect(await countRows(t.core.store, 'customer')).toBe(1)
  })

  it('two edits of the same version: the first wins, the second gets CONFLICT', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const results = await Promise.allSettled([
      agent.api.customers.update({ id: created.id, version: created.version, notes: '第一位' }),
      reception.api.customers.update({ id: created.id, version: created.version, notes: '第二位' }),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected'])
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' })
    const now = await agent.api.customers.get({ id: created.id })
    expect(now).toMatchObject({ notes: '第一位', version: created.version + 1 })
  })

  it('pushes dataChanged to subscribers after each write, and nothing after a refused one', async () => {
    const events: AppEvent[] = []
    const stop = agent.client.onEvent((event) => events.push(event))
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const { visit } = await reception.api.visits.register({ name: '张三', phone: '13800138000' })
    await agent.api.customers.update({ id: created.id, version: (await agent.api.customers.get({ id: created.id })).version, notes: '改' })
    await agent.api.customers.create({ name: '李四', phone: '123' }).catch(() => undefined)
    stop()
    await agent.api.customers.create({ name: '王五', phone: '13700137000' })
    expect(events).toEqual([
      { type: 'dataChanged', area: 'customers', id: created.id },
      { type: 'dataChanged', area: 'visits', id: visit.id },
      { type: 'dataChanged', area: 'customers' },
      { type: 'dataChanged', area: 'customers', id: created.id },
    ])
  })
})
