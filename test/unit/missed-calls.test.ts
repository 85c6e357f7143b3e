import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo } from '../../database/entities'
import { after, callEvents, ingest, type CtiWireEvent } from '../support/cti'
import { countRows, snapshotDb, type DbSnapshot } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T06:00:00.000Z' // 14:00 in Shanghai
const T = (minutes: number): string => after('2025-06-02T01:00:00.000Z', minutes * 60)

forEachDialect('missed calls', (h) => {
  let t: TestCore
  let n = 0
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    n = 0
  })
  afterEach(() => t.close())

  const agent = (): Promise<Session> => t.as('agent')
  const snapshot = async (): Promise<DbSnapshot> => {
    await t.core.audit.flush()
    return snapshotDb(t.core.store)
  }

  /** An inbound call through the telephony events: rang `ring` seconds, answered for `talk` if given. */
  const cti = async (caller: string | undefined, minutes: number, ring: number, talk?: number, extra: Partial<CtiWireEvent> = {}): Promise<number> => {
    const [result] = await ingest(t, callEvents({ callId: `c-${++n}`, at: T(minutes), ring, talk, caller, ...extra }))
    return result.id
  }

  it('three missed calls from one number (typed three ways) are one item with count 3; abandoned and outbound ones do not appear', async () => {
    const customer = await (await agent()).api.customers.create({ name: '张三', phone: '13800138000' })
    const first = await cti('13800138000', 0, 10)
    await cti('+86 138 0013 8000', 30, 25)
    await cti('13800138000', 40, 4) // abandoned: rang 4 s
    const last = await cti('0086-138-0013-8000', 60, 12)
    await cti('13900139000', 70, 3) // abandoned only
    await ingest(t, callEvents({ callId: 'out-1', direction: 'out', at: T(80), ring: 30, callee: '13700137000' })) // outbound, not connected

    const missed = await (await agent()).api.calls.missed({})
    expect(missed).toEqual([
      {
        numberKey: '13800138000',
        display: '138 0013 8000',
        customer: { id: customer.id, name: '张三' },
        count: 3,
        firstAt: T(0),
        lastAt: T(60),
        lastCallId: last,
        handledAt: null,
        handledBy: null,
        handledNote: null,
      },
    ])
    expect(first).toBeLessThan(last)
    expect(await countRows(t.core.store, 'call_log', "status = 'abandoned'")).toBe(2)
    expect(await (await agent()).api.calls.missed({ handled: true })).toEqual([])
  })

  it('the missed/abandoned line follows missedRingSeconds', async () => {
    await cti('13800138000', 0, 8)
    expect(await (await agent()).api.calls.missed({})).toEqual([])
    await (await t.as('manager')).api.settings.update({ changes: { missedRingSeconds: 5 } })
    await cti('13800138000', 10, 8)
    expect((await (await agent()).api.calls.missed({})).map((m) => m.count)).toEqual([1])
  })

  it('handleMissed marks them handled with who, when and a note; they move to the handled list; a new miss opens a new item', async () => {
    await cti('13800138000', 0, 15)
    await cti('13800138000', 5, 15)
    await cti('021-6234 5678', 10, 20)
    t.clock.advance({ minutes: 30 })
    const me = await agent()
    const handled = await me.api.calls.handleMissed({ numberKey: '13800138000', note: '已微信联系' })
    expect(handled).toMatchObject({ numberKey: '13800138000', count: 2, handledAt: '2025-06-02T06:30:00.000Z', handledBy: { id: me.user.id, name: me.user.displayName }, handledNote: '已微信联系' })
    expect((await me.api.calls.missed({})).map((m) => [m.numberKey, m.display, m.count])).toEqual([['02162345678', '021 6234 5678', 1]])
    expect(await me.api.calls.missed({ handled: true })).toEqual([
      expect.objectContaining({ numberKey: '13800138000', count: 2, handledAt: '2025-06-02T06:30:00.000Z', handledBy: { id: me.user.id, name: me.user.displayName }, handledNote: '已微信联系' }),
    ])
    expect(await countRows(t.core.store, 'call_log', `handled_by = ${me.user.id} AND handled_note = '已微信联系'`)).toBe(2)

    // the same number misses again: a new open item with only the new call
    const again = await cti('13800138000', 300, 30)
    expect((await me.api.calls.missed({})).find((m) => m.numberKey === '13800138000')).toMatchObject({ count: 1, lastCallId: again, handledAt: null })
    // handled items leave the handled list after a week
    t.clock.advance({ days: 8 })
    expect(await (await agent()).api.calls.missed({ handled: true })).toEqual([])
  })

  it('an answered call from that number later marks its open misses handled; so does an answered call back to it', async () => {
    const admin = await t.admin()
    const me = await agent()
    await admin.api.staff.update({ id: me.user.id, extension: '8001' })
    await cti('13800138000', 0, 15)
    await cti('13800138000', 5, 15)
    await cti('13900139000', 6, 15)
    // the caller rings again and is answered at 8001; not yet handled while still talking
    const [ring] = await ingest(t, { event: 'ringing', callId: 'again', caller: '+8613800138000', extension: '8001', at: T(20) })
    await ingest(t, { event: 'answered', callId: 'again', extension: '8001', at: T(20.2) })
    expect((await me.api.calls.missed({})).map((m) => m.numberKey).sort()).toEqual(['13800138000', '13900139000'])
    await ingest(t, { event: 'hangup', callId: 'again', at: T(25) })
    expect((await me.api.calls.missed({})).map((m) => m.numberKey)).toEqual(['13900139000'])
    expect(await me.api.calls.missed({ handled: true })).toEqual([expect.objectContaining({ numberKey: '13800138000', count: 2, handledBy: { id: me.user.id, name: me.user.displayName }, handledNote: expect.stringMatching(CJK) })])
    expect(ring.applied).toBe(true)

    // an agent calls the other number back by hand and gets through
    t.clock.advance({ minutes: 10 })
    const back = await me.api.calls.start({ direction: 'out', phone: '139 0013 9000' })
    expect((await me.api.calls.missed({})).map((m) => m.numberKey)).toEqual(['13900139000'])
    await me.api.calls.saveIntake({ id: back.id, version: back.version, type: 'callback', summary: '已回电' })
    expect(await me.api.calls.missed({})).toEqual([])
    expect(await me.api.calls.missed({ handled: true })).toContainEqual(expect.objectContaining({ numberKey: '13900139000', handledAt: '2025-06-02T06:10:00.000Z', handledBy: { id: me.user.id, name: me.user.displayName } }))
  })

  // Regression: every save of an answered call used to mark the number's misses handled, so
  // correcting an earlier call settled misses that came after it ("客户再次来电已接通").
  it('correcting an earlier answered call does not handle misses that came after it', async () => {
    const me = await agent()
    t.clock.set('2025-06-02T01:00:00.000Z')
    const call = await me.api.calls.start({ direction: 'in', phone: '13800138000' })
    t.clock.advance({ minutes: 2 })
    const saved = await me.api.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', summary: '问报价' })
    // the caller rings again an hour later and nobody answers
    t.clock.set(NOW)
    await cti('13800138000', 60, 20)
    expect((await me.api.calls.missed({})).map((m) => m.count)).toEqual([1])
    await me.api.calls.saveIntake({ id: call.id, version: saved.version, type: 'consult', summary: '问报价，要三室的' })
    expect((await me.api.calls.missed({})).map((m) => m.count)).toEqual([1])
  })

  it('a call back that did not connect leaves the misses open', async () => {
    await cti('13800138000', 0, 15)
    const me = await agent()
    const back = await me.api.calls.start({ direction: 'out', phone: '13800138000' })
    await me.api.calls.saveIntake({ id: back.id, version: back.version, type: 'callback', connected: false })
    expect((await me.api.calls.missed({})).map((m) => m.count)).toEqual([1])
    // nor does an abandoned call from the number
    await cti('13800138000', 30, 2)
    expect((await me.api.calls.missed({})).map((m) => m.count)).toEqual([1])
  })

  it('withheld callers are one item, shown as 未显示号码, and can be handled', async () => {
    await cti(undefined, 0, 20)
    await cti('', 10, 20)
    const me = await agent()
    const [item] = await me.api.calls.missed({})
    expect(item).toMatchObject({ numberKey: '', display: '未显示号码', count: 2, customer: null })
    expect(await me.api.calls.handleMissed({ numberKey: '', note: null })).toMatchObject({ numberKey: '', count: 2, handledNote: null })
    expect(await me.api.calls.missed({})).toEqual([])
  })

  it('handleMissed of a number with nothing open: NOT_FOUND, nothing changed', async () => {
    await cti('13800138000', 0, 15)
    await cti('13900139000', 5, 3) // abandoned
    const me = await agent()
    await me.api.calls.handleMissed({ numberKey: '13800138000', note: '已回' })
    const before = await snapshot()
    for (const numberKey of ['13800138000', '13900139000', '13700137000', '']) {
      const refused = await failure(me.api.calls.handleMissed({ numberKey, note: '再处理' }))
      expect(refused, numberKey).toMatchObject({ code: 'NOT_FOUND', fields: { numberKey: expect.stringMatching(CJK) } })
    }
    expect(await failure(me.api.calls.handleMissed({ numberKey: '138 0013 8000', note: null }))).toMatchObject({ code: 'VALIDATION', fields: { numberKey: expect.any(String) } })
    expect(await snapshot()).toEqual(before)
    // the first handling stands
    expect((await repo(t.core.store.writer.manager, 'call_log').findOneByOrFail({ externalId: 'c-1' })).handledNote).toBe('已回')
  })

  // Regression: handle() looked the item up in list(), which stops at 200 numbers, and marked the
  // calls handled anyway: for a number beyond the first 200 it committed the update and still
  // answered NOT_FOUND.
  it('handleMissed of a number beyond the first 200 in the list handles it (and never changes data while answering NOT_FOUND)', async () => {
    const events = Array.from({ length: 201 }, (_, i) => callEvents({ callId: `many-${i}`, at: T(i), ring: 15, caller: `1390013${String(i).padStart(4, '0')}` })).flat()
    await ingest(t, events)
    const me = await agent()
    const oldest = '13900130000'
    const before = await snapshot()
    const outcome = await me.api.calls.handleMissed({ numberKey: oldest, note: '已回' }).catch((error: { code: string }) => error)
    if ('code' in outcome) expect(await snapshot(), 'refused, yet the calls were marked handled').toEqual(before)
    expect(outcome).toMatchObject({ numberKey: oldest, count: 1, handledNote: '已回' })
  })
})
