import { afterEach, beforeEach, expect, it } from 'vitest'
import { forEachDialect } from '../support/dialects'
import { failure, openTestCore, type Session, type TestCore } from '../support/test-core'

forEachDialect('departments and assignable people', (h) => {
  let t: TestCore
  let admin: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config })
    admin = await t.admin()
  })
  afterEach(() => t.close())

  it('names department heads and the general manager', async () => {
    const chart = await admin.api.org.chart()
    const design = chart.departments.find((d) => d.name === '设计部')
    expect(design).toMatchObject({ headPersonId: null, headName: null, active: true, sortOrder: 3 })
    const head = await t.person('陈总监', 'designer', design?.id ?? null)
    const saved = await admin.api.org.saveDepartment({ id: design?.id, name: '设计部', headPersonId: head.id, sortOrder: 3 })
    expect(saved).toMatchObject({ id: design?.id, name: '设计部', headPersonId: head.id, headName: '陈总监' })
    const boss = await t.person('刘总', 'executive')
    const withGm = await admin.api.org.setGeneralManager({ personId: boss.id })
    expect(withGm.generalManager).toMatchObject({ id: boss.id, name: '刘总', kind: 'executive', isGeneralManager: true })
    const other = await t.person('孙总', 'executive')
    expect((await admin.api.org.setGeneralManager({ personId: other.id })).generalManager?.name).toBe('孙总')
    const people = await admin.api.org.listPeople({ kind: 'executive' })
    expect(people.map((p) => [p.name, p.isGeneralManager])).toEqual([
      ['刘总', false],
      ['孙总', true],
    ])
    expect((await admin.api.org.setGeneralManager({ personId: null })).generalManager).toBeNull()
  })

  it('lists people by kind and department, hides the inactive unless asked, shows linked accounts', async () => {
    const chart = await admin.api.org.chart()
    const design = chart.departments.find((d) => d.name === '设计部')?.id ?? null
    const works = chart.departments.find((d) => d.name === '工程部')?.id ?? null
    const wang = await t.person('王设计', 'designer', design)
    await t.person('李设计', 'designer', design)
    await t.person('赵监理', 'supervisor', works)
    const retired = await t.person('钱设计', 'designer', design)
    await admin.api.org.savePerson({ id: retired.id, name: '钱设计', kind: 'designer', departmentId: design, phone: null, active: false })
    const account = await admin.api.staff.create({ username: 'wangsj', displayName: '王设计', role: 'agent', password: 'long-enough-1', personId: wang.id })
    expect(account.personId).toBe(wang.id)

    const designers = await admin.api.org.listPeople({ kind: 'designer' })
    expect(designers.map((p) => p.name).sort()).toEqual(['李设计', '王设计'])
    expect(designers.find((p) => p.name === '王设计')).toMatchObject({ accountId: account.id, departmentName: '设计部', active: true })
    expect(designers.find((p) => p.name === '李设计')).toMatchObject({ accountId: null, isGeneralManager: false })
    expect((await admin.api.org.listPeople({ kind: 'designer', includeInactive: true })).map((p) => p.name).sort()).toEqual(['李设计', '王设计', '钱设计'])
    expect((await admin.api.org.listPeople({ departmentId: works })).map((p) => p.name)).toEqual(['赵监理'])
    const reception = await t.as('receptionist')
    expect((await reception.api.org.listPeople({ kind: 'designer' })).length).toBe(2)
    expect((await failure(reception.api.org.savePerson({ name: 'x', kind: 'crew', departmentId: null, phone: null }))).code).toBe('FORBIDDEN')
  })

  it('adds, renames and deactivates departments', async () => {
    const added = await admin.api.org.saveDepartment({ name: '售后部', sortOrder: 9 })
    expect(added).toMatchObject({ name: '售后部', active: true, sortOrder: 9 })
    const renamed = await admin.api.org.saveDepartment({ id: added.id, name: '客户服务中心', active: false, sortOrder: 9 })
    expect(renamed).toMatchObject({ id: added.id, name: '客户服务中心', active: false })
    const chart = await admin.api.org.chart()
    expect(chart.departments.map((d) => d.name)).toEqual(['客服部', '工程部', '设计部', '材料部', '财务部', '客户服务中心'])
  })
})

forEachDialect('settings', (h) => {
  it('persist across a restart, while sessions do not', async () => {
    const first = await openTestCore({ store: h.config })
    const admin = await first.admin()
    const before = await admin.api.settings.get()
    expect(before).toMatchObject({ timeZone: 'Asia/Shanghai', localAreaCode: '021', designerProtectionDays: 30, loginMaxFailures: 5 })
    const updated = await admin.api.settings.update({ changes: { companyName: '美家装饰', designerProtectionDays: 45, styles: ['现代简约', '新中式'] } })
    expect(updated).toMatchObject({ companyName: '美家装饰', designerProtectionDays: 45, styles: ['现代简约', '新中式'], localAreaCode: '021' })
    await first.close()

    const second = await openTestCore({ store: h.config })
    try {
      expect((await failure(second.clientFor(admin.token).api.auth.me())).code).toBe('UNAUTHENTICATED')
      expect(await second.anon.auth.status()).toEqual({ needsSetup: false, companyName: '美家装饰' })
      const session = await second.login('admin')
      expect(await session.api.settings.get()).toEqual(updated)
      // a style no longer in the list is refused
      const agent = await second.as('agent')
      expect((await failure(agent.api.customers.create({ name: '张三', phone: '13800138000', style: '北欧' }))).fields?.style).toBe('装修风格「北欧」不在设置的选项中')
    } finally {
      await second.close()
    }
  })
})

forEachDialect('a login linked to a person', (h) => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore({ store: h.config })
  })
  afterEach(() => t.close())

  it('shows on the org screen of every desk: linking or unlinking pushes an org change', async () => {
    const admin = await t.admin()
    const designer = await t.person('周设计', 'designer')
    const events: string[] = []
    const unsubscribe = t.core.events.subscribe((event) => events.push(event.type === 'dataChanged' ? event.area : event.type))
    const account = await admin.api.staff.create({ username: 'zhou', displayName: '周设计', role: 'agent', password: 'long-enough-1', personId: designer.id })
    expect(events).toEqual(['org'])
    await admin.api.staff.update({ id: account.id, displayName: '周设计师' })
    expect(events).toEqual(['org'])
    await admin.api.staff.update({ id: account.id, personId: null })
    expect(events).toEqual(['org', 'org'])
    expect((await admin.api.org.listPeople({ kind: 'designer' })).find((p) => p.id === designer.id)?.accountId).toBeNull()
    unsubscribe()
  })
})
