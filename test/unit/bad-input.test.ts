import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Person } from '../../main/contract/org.contract'
import { snapshotDb } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { failure, openTestCore, type Session, type TestCore } from '../support/test-core'

forEachDialect('bad input gets a clear Chinese error naming the field, and nothing is written', (h) => {
  let t: TestCore
  let reception: Session
  let admin: Session
  let designer: Person
  let supervisor: Person
  let retired: Person

  beforeEach(async () => {
    t = await openTestCore({ store: h.config })
    admin = await t.admin()
    reception = await t.as('receptionist')
    designer = await t.designer('王设计')
    supervisor = await t.person('赵监理', 'supervisor')
    retired = await t.designer('退休设计师')
    await admin.api.org.savePerson({ id: retired.id, name: retired.name, kind: 'designer', departmentId: null, phone: null, active: false })
    await t.core.audit.flush()
  })
  afterEach(() => t.close())

  /** Runs the call, expects VALIDATION naming `field` with exactly `message`, and no change in any table. */
  async function expectRefused(call: () => Promise<unknown>, field: string, message: string | RegExp, code = 'VALIDATION'): Promise<void> {
    const before = await snapshotDb(t.core.store)
    const error = await failure(call())
    expect(error.code, field).toBe(code)
    expect(Object.keys(error.fields ?? {}), field).toContain(field)
    if (typeof message === 'string') expect(error.fields?.[field]).toBe(message)
    else expect(error.fields?.[field]).toMatch(message)
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store), `${field}: nothing written`).toEqual(before)
  }

  const walkIn = { name: '张三', phone: '13800138000' }

  it('walk-in registration: empty, oversized, impossible phones, negative area, unknown designers', async () => {
    const register = (changes: Record<string, unknown>) => () => reception.api.visits.register({ ...walkIn, ...changes } as never)
    await expectRefused(register({ name: '' }), 'name', '请填写姓名')
    await expectRefused(register({ name: '   ' }), 'name', '请填写姓名')
    await expectRefused(register({ name: '张'.repeat(33) }), 'name', '姓名不能超过32个字')
    await expectRefused(register({ phone: '' }), 'phone', '请填写电话')
    await expectRefused(register({ phone: '123' }), 'phone', '电话「123」不是有效的号码')
    await expectRefused(register({ phone: 'abc' }), 'phone', '电话只能包含数字、空格和 + - ( )')
    await expectRefused(register({ phone: '12345678901234567890' }), 'phone', '电话「12345678901234567890」不是有效的号码')
    await expectRefused(register({ phone: '1'.repeat(31) }), 'phone', '电话不能超过30个字符')
    await expectRefused(register({ areaSqm: -5 }), 'areaSqm', '面积（㎡）不能小于1')
    await expectRefused(register({ areaSqm: 0 }), 'areaSqm', '面积（㎡）不能小于1')
    await expectRefused(register({ budgetMinFen: -1 }), 'budgetMinFen', '预算下限不能为负数')
    await expectRefused(register({ budgetMinFen: 20_0000_00, budgetMaxFen: 10_0000_00 }), 'budgetMaxFen', '预算上限不能小于预算下限')
    await expectRefused(register({ partySize: 0 }), 'partySize', '来访人数不能小于1')
    await expectRefused(register({ notes: '字'.repeat(1001) }), 'notes', '备注不能超过1000个字')
    await expectRefused(register({ community: '区'.repeat(61) }), 'community', '小区不能超过60个字')
    await expectRefused(register({ intentLevel: 'urgent' }), 'intentLevel', '意向等级无效')
    await expectRefused(register({ sourceChannel: '路边捡的' }), 'sourceChannel', '来源渠道「路边捡的」不在设置的选项中')
    await expectRefused(register({ designerId: 9999 }), 'designerId', '接待设计师不存在或已停用')
    await expectRefused(register({ designerId: supervisor.id }), 'designerId', '接待设计师不存在或已停用')
    await expectRefused(register({ designerId: retired.id }), 'designerId', '接待设计师不存在或已停用')
    await expectRefused(register({ designerId: -1 }), 'designerId', '接待设计师无效')
    await expectRefused(register({ designerId: '1' }), 'designerId', '接待设计师无效')
    await expectRefused(register({ customerId: 9999 }), 'customerId', '客户不存在')
    await expectRefused(register({ name: '张\u0000三' }), 'name', '姓名不能包含控制字符')
    await expectRefused(register({ notes: '第一行\u0007' }), 'notes', '备注不能包含控制字符')
    // and the valid form goes through, line breaks in the notes included
    const ok = await reception.api.visits.register({ ...walkIn, designerId: designer.id, notes: '第一行\n第二行\t完' })
    expect(ok.customerCreated).toBe(true)
    expect(ok.visit.notes).toBe('第一行\n第二行\t完')
  })

  it('visit status: unknown designer, missing designer, bad status', async () => {
    const { visit } = await reception.api.visits.register(walkIn)
    await t.core.audit.flush()
    await expectRefused(() => reception.api.visits.setStatus({ id: visit.id, status: 'withDesigner', designerId: 9999 }), 'designerId', '接待设计师不存在或已停用')
    await expectRefused(() => reception.api.visits.setStatus({ id: visit.id, status: 'withDesigner', designerId: supervisor.id }), 'designerId', '接待设计师不存在或已停用')
    await expectRefused(() => reception.api.visits.setStatus({ id: visit.id, status: 'withDesigner' }), 'designerId', '请选择接待设计师')
    await expectRefused(() => reception.api.visits.setStatus({ id: visit.id, status: 'gone' as never }), 'status', '状态无效')
    await expectRefused(() => reception.api.visits.setStatus({ id: visit.id, status: 'left', outcome: '果'.repeat(201) }), 'outcome', '接待结果不能超过200个字')
  })

  it('customers: empty name, impossible phone, unknown grade, oversized tags', async () => {
    const agent = await t.as('agent')
    await t.core.audit.flush()
    await expectRefused(() => agent.api.customers.create({ name: '', phone: '13800138000' }), 'name', '请填写姓名')
    await expectRefused(() => agent.api.customers.create({ name: '张三', phone: '12345' }), 'phone', '电话「12345」不是有效的号码')
    await expectRefused(() => agent.api.customers.create({ name: '张三', phone: '13800138000', grade: 'Z 不存在' }), 'grade', '客户分类「Z 不存在」不在设置的选项中')
    await expectRefused(() => agent.api.customers.create({ name: '张三', phone: '13800138000', areaSqm: -80 }), 'areaSqm', '面积（㎡）不能小于1')
    const created = await agent.api.customers.create(walkIn)
    await t.core.audit.flush()
    await expectRefused(() => agent.api.customers.update({ id: created.id, version: created.version, tags: Array.from({ length: 21 }, (_, i) => `标签${i}`) }), 'tags', '标签最多20个')
    await expectRefused(() => agent.api.customers.update({ id: created.id, version: created.version, tags: ['签'.repeat(21)] }), 'tags.0', '标签不能超过20个字')
    await expectRefused(() => agent.api.customers.addPhone({ customerId: 9999, phone: '13900139000' }), 'customerId', '客户不存在', 'NOT_FOUND')
    // ids are 32-bit columns: a bigger one is a field error, not a fault inside PostgreSQL
    await expectRefused(() => agent.api.customers.get({ id: 2147483648 }), 'id', '客户无效')
    await expectRefused(() => agent.api.customers.update({ id: created.id, version: 2147483648, notes: 'x' }), 'version', '版本号无效')
    await expectRefused(() => reception.api.visits.register({ ...walkIn, designerId: 2 ** 40 }), 'designerId', '接待设计师无效')
  })

  it('organisation and staff: unknown departments and persons', async () => {
    await expectRefused(() => admin.api.org.savePerson({ name: '新人', kind: 'designer', departmentId: 9999, phone: null }), 'departmentId', '部门不存在')
    await expectRefused(() => admin.api.org.savePerson({ name: '新人', kind: 'astronaut' as never, departmentId: null, phone: null }), 'kind', '人员类型无效')
    await expectRefused(() => admin.api.org.savePerson({ id: 9999, name: '无此人', kind: 'designer', departmentId: null, phone: null }), 'id', '人员不存在', 'NOT_FOUND')
    await expectRefused(() => admin.api.org.saveDepartment({ name: '售后部', headPersonId: 9999 }), 'headPersonId', '部门负责人不存在')
    await expectRefused(() => admin.api.org.saveDepartment({ name: '' }), 'name', '请填写部门名称')
    await expectRefused(() => admin.api.org.saveDepartment({ name: '工程部' }), 'name', '部门「工程部」已存在')
    await expectRefused(() => admin.api.org.saveDepartment({ id: 9999, name: '幽灵部' }), 'id', '部门不存在', 'NOT_FOUND')
    await expectRefused(() => admin.api.org.setGeneralManager({ personId: 9999 }), 'personId', '人员不存在或已停用')
    await expectRefused(() => admin.api.org.setGeneralManager({ personId: retired.id }), 'personId', '人员不存在或已停用')
    await expectRefused(() => admin.api.staff.create({ username: 'newbie', displayName: '新人', role: 'agent', password: 'long-enough-1', personId: 9999 }), 'personId', '关联人员不存在')
    await expectRefused(() => admin.api.staff.create({ username: '张三', displayName: '新人', role: 'agent', password: 'long-enough-1' }), 'username', '用户名只能包含字母、数字和 _ . -')
    await expectRefused(() => admin.api.staff.create({ username: 'newbie', displayName: '新人', role: 'agent', password: 'short' }), 'password', '初始密码至少8位')
    await expectRefused(() => admin.api.staff.create({ username: 'newbie', displayName: '新人', role: 'boss' as never, password: 'long-enough-1' }), 'role', '角色无效')
    await expectRefused(() => admin.api.staff.update({ id: 9999, displayName: '无此人' }), 'id', '账号不存在', 'NOT_FOUND')
    const designer = await admin.api.org.savePerson({ name: '林设计', kind: 'designer', departmentId: null, phone: null })
    await admin.api.staff.create({ username: 'lin', displayName: '林设计', role: 'agent', password: 'long-enough-1', personId: designer.id })
    await t.core.audit.flush()
    await expectRefused(
      () => admin.api.staff.create({ username: 'lin2', displayName: '林设计', role: 'agent', password: 'long-enough-1', personId: designer.id }),
      'personId',
      '该人员已关联账号「lin」',
    )
  })

  it('settings: out of range, malformed, inconsistent', async () => {
    await expectRefused(() => admin.api.settings.update({ changes: { localAreaCode: '21' } }), 'changes.localAreaCode', '本地区号应为 0 开头的 3–4 位数字')
    await expectRefused(() => admin.api.settings.update({ changes: { timeZone: 'Mars/Olympus' } }), 'changes.timeZone', '时区无效')
    await expectRefused(() => admin.api.settings.update({ changes: { designerProtectionDays: 0 } }), 'changes.designerProtectionDays', '设计师保护期（天）不能小于1')
    await expectRefused(() => admin.api.settings.update({ changes: { loginMaxFailures: 100 } }), 'changes.loginMaxFailures', '登录失败锁定次数不能大于20')
    await expectRefused(() => admin.api.settings.update({ changes: { sourceChannels: [] } }), 'changes.sourceChannels', '来源渠道至少保留一项')
    await expectRefused(
      () => admin.api.settings.update({ changes: { budgetRanges: [{ label: '倒挂', minFen: 200, maxFen: 100 }] } }),
      'budgetRanges',
      '预算档「倒挂」的上限必须大于下限',
    )
    expect((await admin.api.settings.get()).localAreaCode).toBe('021')
  })
})
