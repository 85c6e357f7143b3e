import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo } from '../../database/entities'
import { API_METHODS } from '../../main/contract/app-api'
import type { CallDetail } from '../../main/contract/calls.contract'
import type { Person } from '../../main/contract/org.contract'
import { countRows, snapshotDb, type DbSnapshot } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T02:00:00.000Z' // Monday 10:00 in Shanghai
const WAN = 10000 * 100 // 1万 in fen

forEachDialect('calls: intake, corrections, the customer', (h) => {
  let t: TestCore
  let agent: Session
  let designer: Person
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    agent = await t.as('agent')
    designer = await t.designer('王设计')
  })
  afterEach(() => t.close())

  const snapshot = async (): Promise<DbSnapshot> => {
    await t.core.audit.flush()
    return snapshotDb(t.core.store)
  }

  /** An inbound call started by hand now, from `phone`. */
  const inbound = (phone: string): Promise<CallDetail> => agent.api.calls.start({ direction: 'in', phone })

  it('a consult intake ends the call, and its needs update the customer’s profile and last contact', async () => {
    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000', community: '阳光花园', houseType: '两室' })
    t.clock.advance({ days: 1 })
    agent = await t.as('agent') // the session idled out overnight
    const call = await inbound('138 0013 8000')
    expect(call).toMatchObject({ direction: 'in', status: 'talking', source: 'manual', customer: { id: customer.id, name: '张三' }, agent: { id: agent.user.id }, startedAt: '2025-06-03T02:00:00.000Z', version: 1, intakeSavedAt: null })
    t.clock.advance({ minutes: 4, seconds: 30 })
    const saved = await agent.api.calls.saveIntake({
      id: call.id,
      version: call.version,
      type: 'consult',
      summary: '问三室的报价',
      details: { type: 'consult', community: '翠湖天地', houseType: '三室', areaSqm: 120.5, budgetMinFen: 20 * WAN, budgetMaxFen: 30 * WAN, style: '新中式' },
    })
    expect(saved).toMatchObject({ status: 'answered', talkSec: 270, endedAt: '2025-06-03T02:04:30.000Z', type: 'consult', summary: '问三室的报价', version: 2, intakeSavedAt: '2025-06-03T02:04:30.000Z', edits: [] })
    expect(saved.details).toEqual({ type: 'consult', community: '翠湖天地', houseType: '三室', areaSqm: 120.5, budgetMinFen: 20 * WAN, budgetMaxFen: 30 * WAN, style: '新中式' })
    const profile = await agent.api.customers.get({ id: customer.id })
    expect(profile).toMatchObject({ community: '翠湖天地', houseType: '三室', areaSqm: 120.5, budgetMinFen: 20 * WAN, budgetMaxFen: 30 * WAN, style: '新中式', lastContactAt: '2025-06-03T02:04:30.000Z', version: customer.version + 1 })

    // a later call that mentions only the style keeps the rest of the profile
    t.clock.advance({ hours: 2 })
    const next = await inbound('13800138000')
    await agent.api.calls.saveIntake({ id: next.id, version: next.version, type: 'consult', details: { type: 'consult', style: '北欧' } })
    expect(await agent.api.customers.get({ id: customer.id })).toMatchObject({ community: '翠湖天地', houseType: '三室', budgetMaxFen: 30 * WAN, style: '北欧', lastContactAt: '2025-06-03T04:04:30.000Z' })
  })

  it('consult needs are checked against the settings’ lists, under details.*; nothing changes', async () => {
    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const call = await inbound('13800138000')
    const before = await snapshot()
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'consult', style: '赛博朋克' }, 'details.style'],
      [{ type: 'consult', houseType: '城堡' }, 'details.houseType'],
      [{ type: 'consult', budgetMinFen: 30 * WAN, budgetMaxFen: 20 * WAN }, 'details.budgetMaxFen'],
      [{ type: 'consult', areaSqm: 0 }, 'details.areaSqm'],
      [{ type: 'consult', budgetMinFen: 1.5 }, 'details.budgetMinFen'],
      [{ type: 'consult', bogus: 1 }, 'details.bogus'],
    ]
    for (const [details, field] of cases) {
      const refused = await failure(agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', details: details as never }))
      expect(refused.code, field).toBe('VALIDATION')
      expect(refused.fields, field).toHaveProperty([field])
      expect(refused.fields?.[field]).toMatch(CJK)
    }
    expect(await snapshot()).toEqual(before)
    // a style added to the settings is accepted from then on
    await (await t.as('manager')).api.settings.update({ changes: { styles: [...t.core.settings.get().styles, '赛博朋克'] } })
    await agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', details: { type: 'consult', style: '赛博朋克' } })
    expect((await agent.api.customers.get({ id: customer.id })).style).toBe('赛博朋克')
  })

  it('a new caller named on the form becomes a customer with the call’s number and needs, source 电话咨询', async () => {
    const call = await inbound('+86 139-0013-9000')
    expect(call.customer).toBeNull()
    t.clock.advance({ minutes: 2 })
    const saved = await agent.api.calls.saveIntake({
      id: call.id,
      version: call.version,
      type: 'consult',
      newCustomerName: '李四',
      details: { type: 'consult', community: '翠湖天地', areaSqm: 89, budgetMinFen: 10 * WAN, budgetMaxFen: 20 * WAN, style: '北欧', houseType: '两室' },
    })
    expect(saved.customer).toMatchObject({ name: '李四' })
    const customer = await agent.api.customers.get({ id: saved.customer?.id as number })
    expect(customer).toMatchObject({
      name: '李四',
      community: '翠湖天地',
      areaSqm: 89,
      budgetMinFen: 10 * WAN,
      budgetMaxFen: 20 * WAN,
      style: '北欧',
      houseType: '两室',
      sourceChannel: '电话咨询',
      ownerAgent: { id: agent.user.id },
      lastContactAt: '2025-06-02T02:02:00.000Z',
    })
    expect(customer.phones).toEqual([expect.objectContaining({ display: '139 0013 9000', isPrimary: true, region: '上海市' })])
    expect(await countRows(t.core.store, 'customer')).toBe(1)
    // the next call from that number finds them
    expect((await agent.api.calls.screenPop({ phone: '13900139000' })).customer?.id).toBe(customer.id)
    // naming a caller who already is a customer creates nobody
    const again = await inbound('13900139000')
    const resaved = await agent.api.calls.saveIntake({ id: again.id, version: again.version, type: 'other', newCustomerName: '李四二号' })
    expect(resaved.customer?.id).toBe(customer.id)
    expect(await countRows(t.core.store, 'customer')).toBe(1)
  })

  it('an agent may link the call to a customer calling from another number; an unknown customer is a field error', async () => {
    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const call = await inbound('13900139000') // from a colleague's phone
    expect(call.customer).toBeNull()
    const before = await snapshot()
    expect(await failure(agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', customerId: 99999 }))).toMatchObject({ code: 'VALIDATION', fields: { customerId: expect.stringMatching(CJK) } })
    expect(await snapshot()).toEqual(before)
    t.clock.advance({ minutes: 1 })
    const linked = await agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', customerId: customer.id, details: { type: 'consult', style: '北欧' } })
    expect(linked.customer).toEqual({ id: customer.id, name: '张三' })
    expect(await agent.api.customers.get({ id: customer.id })).toMatchObject({ style: '北欧', lastContactAt: '2025-06-02T02:01:00.000Z' })
    expect((await agent.api.customers.timeline({ id: customer.id })).map((e) => [e.kind, e.refId])).toEqual([['call', call.id]])
    // the other number does not become theirs
    expect((await agent.api.calls.screenPop({ phone: '13900139000' })).customer).toBeNull()
  })

  it('a caller without a real number cannot be made a customer from the call; nothing changes', async () => {
    for (const phone of ['', '10086']) {
      const call = await inbound(phone)
      const before = await snapshot()
      const refused = await failure(agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', newCustomerName: '王五' }))
      expect(refused, phone).toMatchObject({ code: 'VALIDATION', fields: { newCustomerName: expect.stringMatching(CJK) } })
      expect(await snapshot()).toEqual(before)
    }
  })

  it('a measuring appointment needs a customer and an active designer; it goes on the timeline and the screen pop', async () => {
    const unknown = await inbound('13900139000')
    const details = { type: 'measure' as const, community: '翠湖天地', address: '翠湖天地 3-1201', scheduledAt: '2025-06-05T01:00:00.000Z', designerId: designer.id }
    const notDesigner = await t.person('赵经理', 'projectManager')
    const before = await snapshot()
    expect(await failure(agent.api.calls.saveIntake({ id: unknown.id, version: unknown.version, type: 'measure', details }))).toMatchObject({ code: 'VALIDATION', fields: { newCustomerName: expect.any(String) } })
    expect(await failure(agent.api.calls.saveIntake({ id: unknown.id, version: unknown.version, type: 'measure' }))).toMatchObject({ code: 'VALIDATION', fields: { details: expect.any(String) } })
    for (const designerId of [notDesigner.id, 99999]) {
      const refused = await failure(agent.api.calls.saveIntake({ id: unknown.id, version: unknown.version, type: 'measure', newCustomerName: '李四', details: { ...details, designerId } }))
      expect(refused).toMatchObject({ code: 'VALIDATION', fields: { 'details.designerId': expect.stringMatching(CJK) } })
    }
    expect(await failure(agent.api.calls.saveIntake({ id: unknown.id, version: unknown.version, type: 'measure', newCustomerName: '李四', details: { ...details, scheduledAt: 'tomorrow' } }))).toMatchObject({
      code: 'VALIDATION',
      fields: { 'details.scheduledAt': expect.any(String) },
    })
    expect(await snapshot()).toEqual(before)

    const saved = await agent.api.calls.saveIntake({ id: unknown.id, version: unknown.version, type: 'measure', newCustomerName: '李四', details })
    const customerId = saved.customer?.id as number
    expect(await countRows(t.core.store, 'measure_appointment')).toBe(1)
    expect(await repo(t.core.store.writer.manager, 'measure_appointment').findOneByOrFail({ callId: unknown.id })).toMatchObject({
      customerId,
      designerId: designer.id,
      scheduledAt: new Date('2025-06-05T01:00:00.000Z'),
      address: '翠湖天地 3-1201',
      status: 'scheduled',
      createdBy: agent.user.id,
    })
    const timeline = await agent.api.customers.timeline({ id: customerId })
    expect(timeline.map((e) => [e.kind, e.at])).toEqual([
      ['appointment', '2025-06-05T01:00:00.000Z'],
      ['call', NOW],
    ])
    expect(timeline[0].detail).toContain('王设计')
    const pop = await agent.api.calls.screenPop({ phone: '13900139000' })
    expect(pop.openItems).toEqual([expect.objectContaining({ kind: 'appointment', at: '2025-06-05T01:00:00.000Z', overdue: false, detail: expect.stringContaining('王设计') })])
    expect(pop.openItems[0].title).toContain('2025-06-05 09:00')

    // moved by a correction: the same appointment, not a second one
    const moved = await agent.api.calls.saveIntake({ id: saved.id, version: saved.version, type: 'measure', details: { ...details, scheduledAt: '2025-06-06T06:30:00.000Z' } })
    expect(moved.version).toBe(saved.version + 1)
    expect(await countRows(t.core.store, 'measure_appointment')).toBe(1)
    expect((await repo(t.core.store.writer.manager, 'measure_appointment').findOneByOrFail({ callId: unknown.id })).scheduledAt).toEqual(new Date('2025-06-06T06:30:00.000Z'))
  })

  it('complaint and repair details are checked against the settings’ lists, with their field names', async () => {
    await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const call = await inbound('13800138000')
    const before = await snapshot()
    const complaint = { type: 'complaint' as const, category: '工程质量', severity: '严重', description: '卫生间墙面开裂', expectation: '尽快上门' }
    const repair = { type: 'repair' as const, category: '防水', description: '楼下渗水', address: '阳光花园 1-101', preferredTime: '周六上午' }
    const cases: [string, unknown, string][] = [
      ['complaint', { ...complaint, category: '不存在的类别' }, 'details.category'],
      ['complaint', { ...complaint, severity: '天塌了' }, 'details.severity'],
      ['complaint', { ...complaint, description: '' }, 'details.description'],
      ['complaint', { ...complaint, description: 'x'.repeat(2001) }, 'details.description'],
      ['repair', { ...repair, category: '太空舱' }, 'details.category'],
      ['repair', { type: 'repair', category: '防水' }, 'details.description'],
      // details of the wrong type
      ['complaint', repair, 'details.type'],
      ['other', { type: 'consult', style: '北欧' }, 'details.type'],
      ['consult', { type: 'teleport' }, 'details.type'],
      // complaint and repair need their details
      ['complaint', null, 'details'],
      ['repair', null, 'details'],
    ]
    for (const [type, details, field] of cases) {
      const refused = await failure(agent.api.calls.saveIntake({ id: call.id, version: call.version, type: type as never, details: details as never }))
      expect(refused.code, `${type} ${field}`).toBe('VALIDATION')
      expect(refused.fields, `${type} ${JSON.stringify(details)}`).toHaveProperty([field])
    }
    expect(await snapshot()).toEqual(before)

    const saved = await agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'complaint', details: complaint })
    expect(saved).toMatchObject({ type: 'complaint', details: complaint })
    const other = await inbound('13800138000')
    expect(await agent.api.calls.saveIntake({ id: other.id, version: other.version, type: 'repair', details: repair })).toMatchObject({ type: 'repair', details: repair })
    // a category added to the settings is accepted
    await (await t.as('manager')).api.settings.update({ changes: { repairCategories: ['防水', '智能家居'] } })
    const third = await inbound('13800138000')
    expect((await agent.api.calls.saveIntake({ id: third.id, version: third.version, type: 'repair', details: { ...repair, category: '智能家居' } })).details).toMatchObject({ category: '智能家居' })
  })

  it('a second save is an edit kept with who, when, before and after; a stale version is a CONFLICT and changes nothing', async () => {
    await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const call = await inbound('13800138000')
    t.clock.advance({ minutes: 3 })
    const first = await agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', summary: '问报价', outcome: '已报价' })
    expect(first).toMatchObject({ talkSec: 180, edits: [] })

    t.clock.advance({ hours: 1 })
    const lead = await t.as('shiftLead')
    const corrected = await lead.api.calls.saveIntake({ id: call.id, version: first.version, type: 'measure', summary: '问报价，约了量房', outcome: '已报价', details: { type: 'measure', scheduledAt: '2025-06-04T02:00:00.000Z', designerId: designer.id } })
    expect(corrected.version).toBe(first.version + 1)
    // a correction does not end the call again: its times stay
    expect(corrected).toMatchObject({ status: 'answered', talkSec: 180, endedAt: '2025-06-02T02:03:00.000Z', intakeSavedAt: '2025-06-02T02:03:00.000Z', agent: { id: agent.user.id } })
    expect(corrected.edits).toHaveLength(1)
    const [edit] = corrected.edits
    expect(edit).toMatchObject({ at: '2025-06-02T03:03:00.000Z', by: { id: lead.user.id, name: lead.user.displayName } })
    expect(edit.changes['来电类型']).toEqual(['consult', 'measure'])
    expect(edit.changes['通话摘要']).toEqual(['问报价', '问报价，约了量房'])
    expect(edit.changes).not.toHaveProperty('处理结果')
    expect(edit.changes).toHaveProperty('来电详情')
    expect((await agent.api.calls.get({ id: call.id })).edits).toEqual(corrected.edits)

    const before = await snapshot()
    const stale = await failure(agent.api.calls.saveIntake({ id: call.id, version: first.version, type: 'other', summary: '覆盖' }))
    expect(stale.code).toBe('CONFLICT')
    expect(stale.message).toMatch(CJK)
    expect(await snapshot()).toEqual(before)
    expect(await failure(agent.api.calls.saveIntake({ id: 99999, version: 1, type: 'other' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await failure(agent.api.calls.get({ id: 99999 }))).toMatchObject({ code: 'NOT_FOUND' })

    // the same version saved from two screens at once: one wins, the other is told
    const current = await agent.api.calls.get({ id: call.id })
    const results = await Promise.allSettled([
      agent.api.calls.saveIntake({ id: call.id, version: current.version, type: 'measure', summary: '甲', details: corrected.details }),
      lead.api.calls.saveIntake({ id: call.id, version: current.version, type: 'measure', summary: '乙', details: corrected.details }),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : []))).toEqual(['CONFLICT'])
    expect((await agent.api.calls.get({ id: call.id })).edits).toHaveLength(2)
  })

  it('a correction of the number is an edit too', async () => {
    const call = await inbound('13800138001')
    const saved = await agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'other' })
    const fixed = await agent.api.calls.saveIntake({ id: call.id, version: saved.version, type: 'other', phone: '138 0013 8000' })
    expect(fixed).toMatchObject({ rawNumber: '138 0013 8000', normalized: '13800138000' })
    expect(fixed.edits[0].changes['电话']).toEqual(['13800138001', '138 0013 8000'])
    expect(await repo(t.core.store.writer.manager, 'call_log').findOneByOrFail({ id: call.id })).toMatchObject({ numberKey: '13800138000' })
  })

  it('calls are never deleted: the calls area has no delete method, and each call is on the customer’s timeline', async () => {
    const names = API_METHODS.filter((m) => m.area === 'calls').map((m) => m.method)
    expect(names.length).toBeGreaterThan(5)
    expect(names.filter((m) => /delete|remove|destroy|purge|drop|clear/i.test(m))).toEqual([])
    expect(Object.keys(agent.api.calls).filter((m) => /delete|remove/i.test(m))).toEqual([])
    expect((await t.dispatch('calls.delete', [{ id: 1 }], agent.token)) as unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })

    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const first = await inbound('13800138000')
    t.clock.advance({ minutes: 2, seconds: 5 })
    await agent.api.calls.saveIntake({ id: first.id, version: first.version, type: 'consult', summary: '问工期', outcome: '已解答' })
    t.clock.advance({ hours: 1 })
    const out = await agent.api.calls.start({ direction: 'out', phone: '13800138000' })
    await agent.api.calls.saveIntake({ id: out.id, version: out.version, type: 'callback', connected: false })
    const timeline = await agent.api.customers.timeline({ id: customer.id })
    expect(timeline.map((e) => [e.kind, e.refId])).toEqual([
      ['call', out.id],
      ['call', first.id],
    ])
    expect(timeline[1]).toMatchObject({ at: NOW, actor: agent.user.displayName, detail: expect.stringContaining('问工期') })
    expect(timeline[1].title).toContain('咨询')
    expect(timeline[1].title).toContain('2分05秒')
    expect(timeline[0].title).toContain('呼出')
    expect(timeline[0].title).toContain('未接')
    expect(await agent.api.calls.get({ id: out.id })).toMatchObject({ status: 'missed', talkSec: 0, ringSec: 0, answeredAt: null })
  })

  it('a second manual start by the same agent ends their earlier open call; other agents’ calls stay open', async () => {
    const admin = await t.admin()
    await admin.api.staff.create({ username: 'agent2', displayName: '客服小王', role: 'agent', password: 'correct-horse-8' })
    const other = await t.login('agent2')
    const theirs = await other.api.calls.start({ direction: 'in', phone: '13700137000' })
    const first = await inbound('13800138000')
    t.clock.advance({ minutes: 1, seconds: 40 })
    const second = await inbound('13900139000')
    expect(await agent.api.calls.get({ id: first.id })).toMatchObject({ status: 'answered', endedAt: '2025-06-02T02:01:40.000Z', talkSec: 100, intakeSavedAt: null, version: 2 })
    expect(await agent.api.calls.get({ id: second.id })).toMatchObject({ status: 'talking' })
    expect(await agent.api.calls.get({ id: theirs.id })).toMatchObject({ status: 'talking', endedAt: null })
    // the intake of the ended call can still be saved afterwards; its times stay
    const late = await agent.api.calls.saveIntake({ id: first.id, version: 2, type: 'consult', summary: '补录' })
    expect(late).toMatchObject({ status: 'answered', talkSec: 100, summary: '补录' })
  })

  it('an outbound call needs a real number; an unconnected one is missed with no talk time', async () => {
    for (const phone of ['', '10086', '123']) {
      expect(await failure(agent.api.calls.start({ direction: 'out', phone })), phone).toMatchObject({ code: 'VALIDATION', fields: { phone: expect.stringMatching(CJK) } })
    }
    expect(await countRows(t.core.store, 'call_log')).toBe(0)
    const out = await agent.api.calls.start({ direction: 'out', phone: '021-6234 5678' })
    t.clock.advance({ seconds: 25 })
    const saved = await agent.api.calls.saveIntake({ id: out.id, version: out.version, type: 'callback', connected: false, summary: '无人接听' })
    expect(saved).toMatchObject({ direction: 'out', status: 'missed', talkSec: 0, ringSec: 25, normalized: '02162345678' })
  })

  it('lists calls by company day, direction, status and number', async () => {
    // 2025-06-01 23:30 UTC is 2025-06-02 07:30 in Shanghai
    t.clock.set('2025-06-01T23:30:00.000Z')
    const early = await inbound('13800138000')
    await agent.api.calls.saveIntake({ id: early.id, version: early.version, type: 'consult' })
    t.clock.set('2025-06-01T15:59:00.000Z') // 2025-06-01 23:59 in Shanghai
    const before = await (await t.as('agent')).api.calls.start({ direction: 'out', phone: '13900139000' })
    const a = await t.as('agent')
    await a.api.calls.saveIntake({ id: before.id, version: before.version, type: 'callback' })
    expect((await a.api.calls.list({ from: '2025-06-02', to: '2025-06-02' })).items.map((c) => c.id)).toEqual([early.id])
    expect((await a.api.calls.list({ from: '2025-06-01', to: '2025-06-01' })).items.map((c) => c.id)).toEqual([before.id])
    expect((await a.api.calls.list({ direction: 'out' })).items.map((c) => c.id)).toEqual([before.id])
    expect((await a.api.calls.list({ phone: '+86 139 0013 9000' })).items.map((c) => c.id)).toEqual([before.id])
    expect((await a.api.calls.list({ status: 'answered', pageSize: 1 })).total).toBe(2)
    const page = await a.api.calls.list({ pageSize: 1, page: 2 })
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 })
    expect(page.items.map((c) => c.id)).toEqual([before.id])
  })
})

forEachDialect('calls: who may do what', (h) => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
  })
  afterEach(() => t.close())

  it('receptionists and admins cannot use any calls method (FORBIDDEN, nothing written); agents cannot see the live board, shift leads can', async () => {
    const sessions = await t.everyRole()
    const call = await sessions.agent.api.calls.start({ direction: 'in', phone: '13800138000' })
    const inputs: Record<string, unknown> = {
      screenPop: { phone: '13800138000' },
      start: { direction: 'in', phone: '13800138000' },
      saveIntake: { id: call.id, version: call.version, type: 'other' },
      get: { id: call.id },
      list: {},
      followUps: {},
      startFollowUp: { id: 1 },
      rescheduleFollowUp: { id: 1, dueOn: '2025-06-10' },
      missed: {},
      handleMissed: { numberKey: '13800138000', note: null },
      liveBoard: {},
      agents: {},
    }
    const methods = API_METHODS.filter((m) => m.area === 'calls')
    expect(methods.map((m) => m.method).sort()).toEqual(Object.keys(inputs).sort())
    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    for (const role of ['receptionist', 'admin'] as const) {
      for (const m of methods) {
        const result = await t.dispatch(m.name, [inputs[m.method]], sessions[role].token)
        expect(result, `${role} ${m.name}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    expect((await t.dispatch('calls.liveBoard', [{}], sessions.agent.token)) as unknown).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store)).toEqual(before)

    expect((await sessions.shiftLead.api.calls.liveBoard()).inProgress.map((c) => c.id)).toEqual([call.id])
    expect((await sessions.manager.api.calls.liveBoard()).inProgress.map((c) => c.id)).toEqual([call.id])
    // who takes calls, for the call log's filter: every calls role, not reception or admin
    const agents = await sessions.agent.api.calls.agents()
    expect(agents.map((a) => a.id).sort()).toEqual([sessions.agent.user.id, sessions.shiftLead.user.id, sessions.manager.user.id].sort())
    // a shift lead and a manager work calls too
    expect(await sessions.shiftLead.api.calls.get({ id: call.id })).toMatchObject({ id: call.id })
  })
  it('a customer’s timeline shows calls only to roles that read calls: reception sees the visits, not the call summaries', async () => {
    const sessions = await t.everyRole()
    const customer = await sessions.agent.api.customers.create({ name: '钱先生', phone: '13900139000' })
    const call = await sessions.agent.api.calls.start({ direction: 'in', phone: '13900139000' })
    await sessions.agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'complaint', summary: '对工长态度不满', details: { type: 'complaint', category: '服务态度', severity: '一般', description: '工长说话难听' } })
    await sessions.receptionist.api.visits.register({ name: '钱先生', phone: '13900139000' })
    const kinds = async (role: 'agent' | 'receptionist') => (await sessions[role].api.customers.timeline({ id: customer.id })).map((e) => e.kind).sort()
    expect(await kinds('agent')).toEqual(['call', 'visit'])
    expect(await kinds('receptionist')).toEqual(['visit'])
  })
})
