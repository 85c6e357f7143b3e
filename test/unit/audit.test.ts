import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo, type AuditLogRow } from '../../database/entities'
import { forEachDialect } from '../support/dialects'
import { failure, openTestCore, TEST_PASSWORD, type Session, type TestCore } from '../support/test-core'

forEachDialect('audit log', (h) => {
  let t: TestCore
  let agent: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: '2025-06-02T02:00:00.000Z' })
    agent = await t.as('agent')
    await t.as('receptionist')
    await t.as('manager')
    await t.core.audit.flush()
  })
  afterEach(() => t.close())

  const rows = async (): Promise<AuditLogRow[]> => {
    await t.core.audit.flush()
    return repo(t.core.store.read, 'audit_log').find({ order: { id: 'ASC' } })
  }
  const newRows = async (after: number): Promise<AuditLogRow[]> => (await rows()).filter((r) => r.id > after)
  const lastId = async (): Promise<number> => (await rows()).at(-1)?.id ?? 0

  it('records who viewed a customer, buffered until flushed', async () => {
    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const mark = await lastId()
    t.clock.advance({ minutes: 3 })
    await agent.api.customers.get({ id: customer.id })
    expect(await repo(t.core.store.read, 'audit_log').countBy({ method: 'customers.get' })).toBe(0)
    const added = await newRows(mark)
    expect(added).toEqual([
      { id: expect.any(Number), at: new Date('2025-06-02T02:03:00.000Z'), actorId: agent.user.id, action: 'view', method: 'customers.get', entityId: customer.id, detail: `{"id":${customer.id}}` },
    ])
  })

  it('records lookups and searches as views with what was asked, and writes as changes by their actor', async () => {
    const mark = await lastId()
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    await agent.api.customers.lookupByPhone({ phone: '138 0013 8000' })
    await agent.api.customers.search({ q: '8000' })
    const reception = await t.as('receptionist')
    const { visit } = await reception.api.visits.register({ name: '张三', phone: '13800138000' })
    const added = (await newRows(mark)).filter((r) => r.action !== 'login')
    expect(added.map((r) => [r.action, r.method, r.actorId, r.entityId])).toEqual([
      ['change', 'customers.create', agent.user.id, created.id],
      ['view', 'customers.lookupByPhone', agent.user.id, null],
      ['view', 'customers.search', agent.user.id, null],
      ['change', 'visits.register', reception.user.id, visit.id],
    ])
    expect(JSON.parse(added[1].detail ?? '{}')).toEqual({ phone: '138 0013 8000' })
    expect(JSON.parse(added[2].detail ?? '{}')).toMatchObject({ q: '8000', page: 1, pageSize: 20 })
  })

  it('writes nothing for refused or failed calls', async () => {
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const mark = await lastId()
    await failure(agent.api.customers.get({ id: 9999 }))
    await failure(agent.api.customers.create({ name: '', phone: '13800138000' }))
    await failure(agent.api.customers.create({ name: '李四', phone: '13800138000' }))
    await failure(agent.api.customers.update({ id: created.id, version: 99, name: '过期' }))
    await failure(agent.api.staff.list())
    await failure(t.clientFor('forged').api.customers.get({ id: created.id }))
    expect(await newRows(mark)).toEqual([])
  })

  it('records logins, failed logins and logouts, and never a password', async () => {
    const mark = await lastId()
    await failure(t.login(agent.user.username, 'wrong-password'))
    const session = await t.login(agent.user.username)
    await session.api.auth.changePassword({ oldPassword: TEST_PASSWORD, newPassword: 'a-new-password' })
    await session.api.auth.logout()
    const added = await newRows(mark)
    expect(added.map((r) => [r.action, r.method, r.actorId])).toEqual([
      ['loginFailed', 'auth.login', agent.user.id],
      ['login', 'auth.login', agent.user.id],
      ['change', 'auth.changePassword', agent.user.id],
      ['logout', 'auth.logout', agent.user.id],
    ])
    const everything = JSON.stringify(await rows())
    for (const secret of [TEST_PASSWORD, 'a-new-password', 'wrong-password']) expect(everything).not.toContain(secret)
  })

  it('lists entries newest first with the actor name, filtered, for the manager only', async () => {
    await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    await t.core.audit.flush()
    const manager = await t.as('manager')
    const changes = await manager.api.audit.list({ action: 'change', method: 'customers.create' })
    expect(changes.total).toBe(1)
    expect(changes.items[0]).toMatchObject({ action: 'change', method: 'customers.create', actorId: agent.user.id, actorName: agent.user.displayName, at: '2025-06-02T02:00:00.000Z' })
    const all = await manager.api.audit.list({ pageSize: 2 })
    expect(all.items).toHaveLength(2)
    expect(all.items[0].id).toBeGreaterThan(all.items[1].id)
    expect((await manager.api.audit.list({ actorId: agent.user.id, method: 'auth.login' })).items.map((e) => e.action)).toEqual(['login'])
    expect((await failure(agent.api.audit.list({}))).code).toBe('FORBIDDEN')
  })
})
