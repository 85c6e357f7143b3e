import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo } from '../../database/entities'
import { snapshotDb } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'

forEachDialect('customer archive', (h) => {
  let t: TestCore
  let agent: Session
  let receptionist: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: '2025-06-02T02:00:00.000Z' })
    agent = await t.as('agent')
    receptionist = await t.as('receptionist')
  })
  afterEach(() => t.close())

  it('stores the number normalized beside what was typed, with region and carrier', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '+86-138-0013-8000', community: '阳光花园' })
    expect(created.phones).toEqual([
      { id: expect.any(Number), display: '138 0013 8000', masked: false, kind: 'mobile', region: '北京市', carrier: '中国移动', isPrimary: true },
    ])
    const row = await repo(t.core.store.read, 'customer_phone').findOneByOrFail({ customerId: created.id })
    expect(row).toMatchObject({ normalized: '13800138000', reversed: '00083100831', raw: '+86-138-0013-8000', kind: 'mobile' })
    expect(created).toMatchObject({ name: '张三', community: '阳光花园', version: 1, tags: [], ownerAgent: { id: agent.user.id } })
  })

  it('finds a customer by any typed format of their number, and says when it is no number', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    for (const typed of ['138 0013 8000', '+86-138-0013-8000', '0086 138 0013 8000', '138-0013-8000']) {
      const found = await agent.api.customers.lookupByPhone({ phone: typed })
      expect(found.normalized, typed).toBe('13800138000')
      expect(found.customer, typed).toMatchObject({ id: created.id, name: '张三', phone: '138 0013 8000', visitCount: 0 })
      expect(found).toMatchObject({ region: '北京市', carrier: '中国移动', kind: 'mobile' })
    }
    const landline = await agent.api.customers.lookupByPhone({ phone: '021-6234 5678' })
    expect(landline).toMatchObject({ normalized: '02162345678', display: '021 6234 5678', kind: 'landline', region: '上海市', customer: null })
    expect(await agent.api.customers.lookupByPhone({ phone: '123' })).toMatchObject({ normalized: null, customer: null })
    expect((await failure(agent.api.customers.lookupByPhone({ phone: 'abc' }))).fields?.phone).toBe('电话只能包含数字、空格和 + - ( )')
  })

  it('reads an 8-digit local landline with the local area code setting', async () => {
    expect((await agent.api.customers.lookupByPhone({ phone: '62345678' })).normalized).toBe('02162345678')
    const manager = await t.as('manager')
    await manager.api.settings.update({ changes: { localAreaCode: '010' } })
    const beijing = await agent.api.customers.lookupByPhone({ phone: '6234 5678' })
    expect(beijing).toMatchObject({ normalized: '01062345678', region: '北京市', kind: 'landline' })
    const created = await agent.api.customers.create({ name: '李四', phone: '62345678' })
    expect(created.phones[0]).toMatchObject({ display: '010 6234 5678', region: '北京市' })
  })

  it('stores foreign numbers whose region or carrier name is longer than its column', async () => {
    // libphonenumber names these in English: 'Sunbeach Communications', 'Joint Base Andrews Naval Air Facility, MD'
    const barbados = await agent.api.customers.create({ name: 'Tom', phone: '+1 246 450 1234' })
    expect(barbados.phones[0]).toMatchObject({ kind: 'mobile', region: null })
    expect(barbados.phones[0].carrier?.startsWith('Sunbeach')).toBe(true)
    const maryland = await agent.api.customers.create({ name: 'Ann', phone: '+1 240 857 1234' })
    expect(maryland.phones[0].region?.startsWith('Joint Base Andrews')).toBe(true)
    const tunisia = await agent.api.customers.create({ name: 'Ali', phone: '+216 73 123 456' })
    expect(tunisia.phones[0].region?.startsWith('Chebba/')).toBe(true)
    expect((await agent.api.customers.lookupByPhone({ phone: '+12464501234' })).customer?.id).toBe(barbados.id)
  })

  it('refuses a second customer with the same number typed differently, naming the first', async () => {
    await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    const clash = await failure(agent.api.customers.create({ name: '张三三', phone: '+86 138-0013-8000' }))
    expect(clash).toMatchObject({ code: 'CONFLICT', fields: { phone: '该号码已登记在客户「张三」名下' } })
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store)).toEqual(before)
  })

  it('masks numbers for the receptionist and shows them to the agent', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    await agent.api.customers.addPhone({ customerId: created.id, phone: '021-6234 5678' })
    const seenByReception = await receptionist.api.customers.get({ id: created.id })
    expect(seenByReception.phones.map((p) => [p.display, p.masked])).toEqual([
      ['138****8000', true],
      ['021****5678', true],
    ])
    expect((await agent.api.customers.get({ id: created.id })).phones.map((p) => p.display)).toEqual(['138 0013 8000', '021 6234 5678'])
    expect((await receptionist.api.customers.search({ q: '8000' })).items[0].phone).toBe('138****8000')
    expect((await agent.api.customers.search({ q: '8000' })).items[0].phone).toBe('138 0013 8000')
    expect((await receptionist.api.customers.lookupByPhone({ phone: '13800138000' })).display).toBe('138****8000')
  })

  it('keeps the admin away from customer data', async () => {
    const admin = await t.admin()
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    for (const call of [admin.api.customers.get({ id: created.id }), admin.api.customers.search({}), admin.api.customers.lookupByPhone({ phone: '13800138000' })]) {
      const error = await failure(call)
      expect(error.code).toBe('FORBIDDEN')
      expect(error.message).toContain('管理员')
    }
  })

  it('updates with the current version, refuses a stale one with CONFLICT and writes nothing then', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const updated = await agent.api.customers.update({
      id: created.id,
      version: created.version,
      name: '章三',
      grade: 'A 重点',
      tags: ['新房', '新房', '急'],
      areaSqm: 98.5,
      budgetMinFen: 20_0000_00,
      budgetMaxFen: 1_000_000_000_00,
    })
    // money comes back as numbers on both dialects (bigint is a string in pg)
    expect([updated.budgetMinFen, updated.budgetMaxFen]).toStrictEqual([20_0000_00, 1_000_000_000_00])
    expect(updated).toMatchObject({ name: '章三', grade: 'A 重点', tags: ['新房', '急'], areaSqm: 98.5, version: created.version + 1 })
    expect((await agent.api.customers.search({ q: 'zhangsan' })).items.map((c) => c.name)).toEqual(['章三'])

    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    const stale = await failure(receptionist.api.customers.update({ id: created.id, version: created.version, name: '别人改的' }))
    expect(stale.code).toBe('CONFLICT')
    expect(stale.message).toMatch(CJK)
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store)).toEqual(before)
    expect((await failure(agent.api.customers.update({ id: 9999, version: 1, name: '无此人' }))).code).toBe('NOT_FOUND')
  })

  it('checks select values against the settings, budgets in order, and referrers', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const v = created.version
    const cases: [Record<string, unknown>, string][] = [
      [{ grade: 'S 超级' }, 'grade'],
      [{ sourceChannel: '天上掉下来' }, 'sourceChannel'],
      [{ style: '赛博朋克' }, 'style'],
      [{ houseType: '城堡' }, 'houseType'],
      [{ budgetMinFen: 300000_00, budgetMaxFen: 100000_00 }, 'budgetMaxFen'],
      [{ referrerId: created.id }, 'referrerId'],
      [{ referrerId: 9999 }, 'referrerId'],
    ]
    for (const [changes, field] of cases) {
      const error = await failure(agent.api.customers.update({ id: created.id, version: v, ...changes }))
      expect(error.code, field).toBe('VALIDATION')
      expect(error.fields?.[field], field).toMatch(CJK)
    }
    expect((await agent.api.customers.get({ id: created.id })).version).toBe(v)
    const referrer = await agent.api.customers.create({ name: '老客户', phone: '13900139000', sourceChannel: '老客户介绍' })
    const referred = await agent.api.customers.update({ id: created.id, version: v, referrerId: referrer.id })
    expect(referred.referrer).toEqual({ id: referrer.id, name: '老客户' })
  })

  it('adds phones, sets the primary one, removes them but never the last', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    await agent.api.customers.create({ name: '李四', phone: '13700137000' })
    const two = await agent.api.customers.addPhone({ customerId: created.id, phone: '021-6234 5678' })
    expect(two.phones.map((p) => [p.display, p.isPrimary])).toEqual([
      ['138 0013 8000', true],
      ['021 6234 5678', false],
    ])
    const landlineId = two.phones[1].id
    expect((await failure(agent.api.customers.addPhone({ customerId: created.id, phone: '137 0013 7000' }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.customers.addPhone({ customerId: created.id, phone: '123' }))).fields?.phone).toContain('不是有效的号码')

    const switched = await agent.api.customers.setPrimaryPhone({ customerId: created.id, phoneId: landlineId })
    expect(switched.phones.map((p) => [p.display, p.isPrimary])).toEqual([
      ['021 6234 5678', true],
      ['138 0013 8000', false],
    ])
    expect((await agent.api.customers.search({ q: '5678' })).items[0].phone).toBe('021 6234 5678')

    const removed = await agent.api.customers.removePhone({ customerId: created.id, phoneId: landlineId })
    expect(removed.phones.map((p) => [p.display, p.isPrimary])).toEqual([['138 0013 8000', true]])
    const last = await failure(agent.api.customers.removePhone({ customerId: created.id, phoneId: removed.phones[0].id }))
    expect(last).toMatchObject({ code: 'VALIDATION', fields: { phoneId: '客户至少要保留一个电话' } })
    const lisi = (await agent.api.customers.search({ q: '李四' })).items[0]
    const other = (await agent.api.customers.get({ id: lisi.id })).phones[0].id
    expect((await failure(agent.api.customers.removePhone({ customerId: created.id, phoneId: other }))).code).toBe('NOT_FOUND')
    expect((await failure(agent.api.customers.setPrimaryPhone({ customerId: created.id, phoneId: other }))).code).toBe('NOT_FOUND')
    expect((await agent.api.customers.get({ id: lisi.id })).phones).toHaveLength(1)
  })
})
