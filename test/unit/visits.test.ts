import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo } from '../../database/entities'
import type { Person } from '../../main/contract/org.contract'
import { countRows, snapshotDb } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { failure, openTestCore, type TestCore } from '../support/test-core'

forEachDialect('walk-in registration', (h) => {
  let t: TestCore
  let designerA: Person
  let designerB: Person
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: '2025-06-02T02:00:00.000Z' }) // 10:00 in Shanghai
    designerA = await t.designer('王设计')
    designerB = await t.designer('李设计')
  })
  afterEach(() => t.close())

  it('links the same person typed differently to one customer with two visits', async () => {
    const first = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '138 0013 8000', community: '阳光花园', areaSqm: 89, designerId: designerA.id })
    expect(first.customerCreated).toBe(true)
    expect(first.visit).toMatchObject({ customerName: '张三', phone: '138****8000', status: 'waiting', designer: { id: designerA.id, name: '王设计' }, collision: false, partySize: 1, intentLevel: 'medium' })
    t.clock.advance({ days: 3 })
    const second = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '+86-138-0013-8000', partySize: 2, style: '新中式', designerId: designerA.id })
    expect(second.customerCreated).toBe(false)
    expect(second.visit.customerId).toBe(first.visit.customerId)
    expect(await countRows(t.core.store, 'customer')).toBe(1)
    expect(await countRows(t.core.store, 'customer_phone')).toBe(1)
    expect(await countRows(t.core.store, 'visit')).toBe(2)

    const agent = await t.as('agent')
    const customer = await agent.api.customers.get({ id: first.visit.customerId })
    // the repeat visit brings new needs and keeps the old ones it did not mention
    expect(customer).toMatchObject({ community: '阳光花园', areaSqm: 89, style: '新中式', lastContactAt: '2025-06-05T02:00:00.000Z' })
    expect(customer.following).toMatchObject({ designer: { id: designerA.id }, since: '2025-06-05T02:00:00.000Z', protectedUntil: '2025-07-05T02:00:00.000Z', active: true })
    const lookup = await (await t.as('receptionist')).api.customers.lookupByPhone({ phone: '0086 13800138000' })
    expect(lookup.customer).toMatchObject({ id: customer.id, visitCount: 2 })
    expect(lookup.recentVisits.map((v) => v.id)).toEqual([second.visit.id, first.visit.id])
  })

  it('lists both visits in the timeline, newest first', async () => {
    const first = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerA.id })
    t.clock.advance({ hours: 26 })
    const second = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '138-0013-8000', intentLevel: 'high', notes: '想看样板间' })
    const timeline = await (await t.as('receptionist')).api.customers.timeline({ id: first.visit.customerId })
    expect(timeline.map((e) => [e.kind, e.refId, e.at])).toEqual([
      ['visit', second.visit.id, '2025-06-03T04:00:00.000Z'],
      ['visit', first.visit.id, '2025-06-02T02:00:00.000Z'],
    ])
    expect(timeline[0].detail).toContain('意向：高')
    expect(timeline[0].detail).toContain('想看样板间')
    expect(timeline[1].detail).toContain('接待设计师：王设计')
    expect(timeline[0].actor).toBe((await t.as('receptionist')).user.displayName)
    expect((await failure((await t.as('receptionist')).api.customers.timeline({ id: 9999 }))).code).toBe('NOT_FOUND')
  })

  it('warns of 撞单 while another designer protects the client, records an acknowledged one, keeps the follower', async () => {
    const first = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerA.id })
    t.clock.advance({ days: 10 })
    const reception = await t.as('receptionist')
    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    const warned = await failure(reception.api.visits.register({ name: '张三', phone: '138 0013 8000', designerId: designerB.id }))
    expect(warned.code).toBe('COLLISION')
    expect(warned.message).toContain('王设计')
    expect(warned.message).toContain('2025-07-02')
    expect(warned.fields?.designerId).toBe(warned.message)
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store)).toEqual(before)

    const acknowledged = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '138 0013 8000', designerId: designerB.id, acknowledgeCollision: true })
    expect(acknowledged.visit).toMatchObject({ collision: true, designer: { id: designerB.id } })
    const agent = await t.as('agent')
    const customer = await agent.api.customers.get({ id: first.visit.customerId })
    expect(customer.following).toMatchObject({ designer: { id: designerA.id, name: '王设计' }, since: '2025-06-02T02:00:00.000Z', active: true })
    expect((await agent.api.customers.timeline({ id: customer.id }))[0].detail).toContain('撞单')
    // the following designer themselves is no collision
    const same = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerA.id })
    expect(same.visit.collision).toBe(false)
  })

  it('lets another designer take over once the protection period has run out', async () => {
    const first = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerA.id })
    t.clock.advance({ days: 30, minutes: 1 })
    const lookup = await (await t.as('receptionist')).api.customers.lookupByPhone({ phone: '13800138000' })
    expect(lookup.following).toMatchObject({ designer: { id: designerA.id }, active: false })
    const taken = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerB.id })
    expect(taken.visit.collision).toBe(false)
    const agent = await t.as('agent')
    const customer = await agent.api.customers.get({ id: first.visit.customerId })
    expect(customer.following).toMatchObject({ designer: { id: designerB.id, name: '李设计' }, since: '2025-07-02T02:01:00.000Z', active: true })
  })

  it('follows the protection-days setting', async () => {
    const manager = await t.as('manager')
    await manager.api.settings.update({ changes: { designerProtectionDays: 7 } })
    await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerA.id })
    t.clock.advance({ days: 6 })
    expect((await failure((await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerB.id }))).code).toBe('COLLISION')
    t.clock.advance({ days: 1, minutes: 1 })
    expect((await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000', designerId: designerB.id })).visit.collision).toBe(false)
  })

  it('adds a new number to the chosen customer, and refuses a number that belongs to someone else', async () => {
    const first = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000' })
    await (await t.as('receptionist')).api.visits.register({ name: '李四', phone: '13700137000' })
    const withNew = await (await t.as('receptionist')).api.visits.register({ customerId: first.visit.customerId, name: '张三', phone: '021-6234 5678' })
    expect(withNew.customerCreated).toBe(false)
    const agent = await t.as('agent')
    const phones = (await agent.api.customers.get({ id: first.visit.customerId })).phones
    expect(phones.map((p) => [p.display, p.isPrimary])).toEqual([
      ['138 0013 8000', true],
      ['021 6234 5678', false],
    ])
    const clash = await failure((await t.as('receptionist')).api.visits.register({ customerId: first.visit.customerId, name: '张三', phone: '13700137000' }))
    expect(clash).toMatchObject({ code: 'VALIDATION', fields: { phone: '该号码已属于另一位客户，请核对后再登记' } })
    expect((await failure((await t.as('receptionist')).api.visits.register({ customerId: 9999, name: '无名', phone: '13900139000' }))).fields?.customerId).toBe('客户不存在')
    expect(await countRows(t.core.store, 'customer')).toBe(2)
  })

  it('shows today by the Shanghai day, oldest arrival first', async () => {
    const at = async (iso: string, name: string, phone: string) => {
      t.clock.set(iso)
      return (await t.as('receptionist')).api.visits.register({ name, phone })
    }
    await at('2025-06-01T15:59:00.000Z', '昨晚', '13800000001') // 2025-06-01 23:59 Shanghai
    await at('2025-06-01T16:00:00.000Z', '零点', '13800000002') // 2025-06-02 00:00
    await at('2025-06-02T15:30:00.000Z', '深夜', '13800000003') // 2025-06-02 23:30
    await at('2025-06-02T16:00:00.000Z', '明天', '13800000004') // 2025-06-03 00:00
    t.clock.set('2025-06-02T10:00:00.000Z')
    expect((await (await t.as('receptionist')).api.visits.today()).map((v) => v.customerName)).toEqual(['零点', '深夜'])
    expect((await (await t.as('receptionist')).api.visits.today({ date: '2025-06-01' })).map((v) => v.customerName)).toEqual(['昨晚'])
    expect((await (await t.as('receptionist')).api.visits.today({ date: '2025-06-03' })).map((v) => v.customerName)).toEqual(['明天'])
    t.clock.set('2025-06-01T23:30:00.000Z') // already the 2nd in Shanghai
    expect((await (await t.as('receptionist')).api.visits.today()).map((v) => v.customerName)).toEqual(['零点', '深夜'])
  })

  it('moves a visit through the board, setting and clearing the times', async () => {
    const { visit } = await (await t.as('receptionist')).api.visits.register({ name: '张三', phone: '13800138000' })
    expect(visit).toMatchObject({ status: 'waiting', withDesignerAt: null, leftAt: null })
    const noDesigner = await failure((await t.as('receptionist')).api.visits.setStatus({ id: visit.id, status: 'withDesigner' }))
    expect(noDesigner).toMatchObject({ code: 'VALIDATION', fields: { designerId: '请选择接待设计师' } })

    t.clock.advance({ minutes: 5 })
    const withDesigner = await (await t.as('receptionist')).api.visits.setStatus({ id: visit.id, status: 'withDesigner', designerId: designerA.id })
    expect(withDesigner).toMatchObject({ status: 'withDesigner', withDesignerAt: '2025-06-02T02:05:00.000Z', leftAt: null, designer: { id: designerA.id } })
    t.clock.advance({ minutes: 40 })
    const left = await (await t.as('receptionist')).api.visits.setStatus({ id: visit.id, status: 'left', outcome: '已约量房' })
    expect(left).toMatchObject({ status: 'left', withDesignerAt: '2025-06-02T02:05:00.000Z', leftAt: '2025-06-02T02:45:00.000Z', outcome: '已约量房' })
    const [entry] = await (await t.as('receptionist')).api.customers.timeline({ id: visit.customerId })
    expect(entry.detail).toContain('接待结果：已约量房')
    const back = await (await t.as('receptionist')).api.visits.setStatus({ id: visit.id, status: 'waiting' })
    expect(back).toMatchObject({ status: 'waiting', withDesignerAt: null, leftAt: null, outcome: '已约量房' })
    expect((await failure((await t.as('receptionist')).api.visits.setStatus({ id: 9999, status: 'left' }))).code).toBe('NOT_FOUND')
    const row = await repo(t.core.store.read, 'visit').findOneByOrFail({ id: visit.id })
    expect(row.status).toBe('waiting')
  })
})
