import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo, type CallLogRow } from '../../database/entities'
import { after, callEvents, ingest } from '../support/cti'
import { forEachDialect } from '../support/dialects'
import { openTestCore, type Session, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T02:00:00.000Z' // Monday 10:00 in Shanghai

forEachDialect('numbers as typed, and the screen pop', (h) => {
  let t: TestCore
  let agent: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    agent = await t.as('agent')
  })
  afterEach(() => t.close())

  const callRow = async (id: number): Promise<CallLogRow> => {
    const row = await repo(t.core.store.writer.manager, 'call_log').findOneBy({ id })
    if (!row) throw new Error(`no call ${id}`)
    return row
  }

  /** Starts an inbound call by hand with what was typed (each start ends the agent's previous one). */
  const started = async (phone: string): Promise<CallLogRow> => callRow((await agent.api.calls.start({ direction: 'in', phone })).id)

  it('one mobile typed four ways is one number_key and pops the same customer card', async () => {
    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000', community: '阳光花园' })
    const typed = ['138 0013 8000', '+86-138-0013-8000', '0086 13800138000', '(138)0013-8000']
    const rows: CallLogRow[] = []
    for (const phone of typed) {
      const pop = await agent.api.calls.screenPop({ phone })
      expect(pop, phone).toMatchObject({
        raw: phone,
        normalized: '13800138000',
        display: '138 0013 8000',
        kind: 'mobile',
        region: '北京市',
        carrier: '中国移动',
        customer: { id: customer.id, name: '张三', community: '阳光花园', ownerAgent: { id: agent.user.id } },
      })
      rows.push(await started(phone))
    }
    expect(rows.map((r) => r.rawNumber)).toEqual(typed)
    expect(new Set(rows.map((r) => r.numberKey))).toEqual(new Set(['13800138000']))
    expect(new Set(rows.map((r) => r.normalized))).toEqual(new Set(['13800138000']))
    expect(new Set(rows.map((r) => r.customerId))).toEqual(new Set([customer.id]))
    // the list finds all four by any of the ways it was typed
    expect((await agent.api.calls.list({ phone: '138-0013-8000' })).total).toBe(4)
    expect((await agent.api.calls.screenPop({ phone: '13800138000' })).customer?.callCount).toBe(4)
  })

  it('a landline with and without the local area code is one number; the area code is the setting', async () => {
    const a = await started('021-6234 5678')
    const b = await started('62345678')
    expect([a.normalized, b.normalized]).toEqual(['02162345678', '02162345678'])
    expect(a.numberKey).toBe(b.numberKey)
    for (const phone of ['021-6234 5678', '62345678', '(021) 62345678']) {
      expect(await agent.api.calls.screenPop({ phone }), phone).toMatchObject({ normalized: '02162345678', display: '021 6234 5678', kind: 'landline', region: '上海市', customer: null })
    }
    await (await t.as('manager')).api.settings.update({ changes: { localAreaCode: '010' } })
    expect(await agent.api.calls.screenPop({ phone: '62345678' })).toMatchObject({ normalized: '01062345678', kind: 'landline', region: '北京市' })
    expect((await started('62345678')).numberKey).toBe('01062345678')
  })

  it('short codes are kept as received: no normalized number, digits as the key, no region', async () => {
    for (const phone of ['10086', '95588']) {
      const row = await started(phone)
      expect(row, phone).toMatchObject({ rawNumber: phone, normalized: null, numberKey: phone, customerId: null })
      expect(await agent.api.calls.screenPop({ phone }), phone).toMatchObject({ raw: phone, normalized: null, display: phone, kind: null, region: null, carrier: null, customer: null })
    }
    const dashed = await started('955-88')
    expect(dashed).toMatchObject({ rawNumber: '955-88', normalized: null, numberKey: '95588' })
    expect((await agent.api.calls.list({ phone: '95588' })).total).toBe(2)
  })

  it('a withheld caller is still a call, with an empty number; its pop is empty', async () => {
    const row = await started('')
    expect(row).toMatchObject({ rawNumber: '', normalized: null, numberKey: '', customerId: null, direction: 'in', status: 'talking' })
    expect(await agent.api.calls.get({ id: row.id })).toMatchObject({ rawNumber: '', display: '', normalized: null })
    expect(await agent.api.calls.screenPop({ phone: '' })).toEqual({ raw: '', normalized: null, display: '', kind: null, region: null, carrier: null, customer: null, following: null, recent: [], openItems: [] })
    // a withheld number cannot be called back
    expect(await agent.api.calls.start({ direction: 'out', phone: '' }).catch((e: { code: string; fields?: object }) => e)).toMatchObject({ code: 'VALIDATION', fields: { phone: expect.any(String) } })
  })

  it('an unknown real number shows its region and carrier and its earlier calls', async () => {
    const pop = await agent.api.calls.screenPop({ phone: '139 0013 9000' })
    expect(pop).toMatchObject({ normalized: '13900139000', kind: 'mobile', region: '上海市', carrier: '中国移动', customer: null, following: null, recent: [], openItems: [] })
    const first = await agent.api.calls.start({ direction: 'in', phone: '13900139000' })
    await agent.api.calls.saveIntake({ id: first.id, version: first.version, type: 'consult', summary: '问报价' })
    const again = await agent.api.calls.screenPop({ phone: '+8613900139000' })
    expect(again.customer).toBeNull()
    expect(again.recent).toEqual([expect.objectContaining({ kind: 'call', refId: first.id, at: NOW, detail: '问报价' })])
  })

  it('a known customer pops with the card, the following designer, recent visits and calls, and what is still open', async () => {
    const designer = await t.designer('王设计')
    const reception = await t.as('receptionist')
    const { visit } = await reception.api.visits.register({ name: '张三', phone: '13800138000', designerId: designer.id, community: '阳光花园' })
    t.clock.advance({ hours: 1 })
    const call = await agent.api.calls.start({ direction: 'in', phone: '13800138000' })
    t.clock.advance({ minutes: 3 })
    await agent.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', summary: '想了解报价', followUpOn: '2025-06-04' })
    // two missed calls from the same number afterwards, through the telephony events
    t.clock.set(after(NOW, 3 * 3600))
    await ingest(t, callEvents({ callId: 'm-1', at: after(NOW, 2 * 3600), ring: 20, caller: '+86 138 0013 8000' }))
    await ingest(t, callEvents({ callId: 'm-2', at: after(NOW, 2 * 3600 + 600), ring: 25, caller: '13800138000' }))

    const pop = await agent.api.calls.screenPop({ phone: '138 0013 8000' })
    expect(pop.customer).toMatchObject({ id: visit.customerId, name: '张三', phone: '138 0013 8000', community: '阳光花园', visitCount: 1, callCount: 3, followingDesigner: { id: designer.id } })
    expect(pop.following).toMatchObject({ designer: { id: designer.id, name: '王设计' }, active: true })
    expect(pop.recent.map((e) => [e.kind, e.refId])).toEqual([
      ['call', (await repo(t.core.store.writer.manager, 'call_log').findOneByOrFail({ externalId: 'm-2' })).id],
      ['call', (await repo(t.core.store.writer.manager, 'call_log').findOneByOrFail({ externalId: 'm-1' })).id],
      ['call', call.id],
      ['visit', visit.id],
    ])
    const kinds = pop.openItems.map((i) => i.kind).sort()
    expect(kinds).toEqual(['followUp', 'missedCall'])
    expect(pop.openItems.find((i) => i.kind === 'followUp')).toMatchObject({ at: '2025-06-04', overdue: false, detail: '想了解报价' })
    expect(pop.openItems.find((i) => i.kind === 'missedCall')).toMatchObject({ title: expect.stringContaining('2'), overdue: true })

    // two days later the follow-up is overdue
    t.clock.advance({ days: 3 })
    const later = await (await t.as('agent')).api.calls.screenPop({ phone: '13800138000' })
    expect(later.openItems.find((i) => i.kind === 'followUp')).toMatchObject({ overdue: true })
  })
})
