import { afterEach, beforeEach, expect, it } from 'vitest'
import { repo, type CallLogRow } from '../../database/entities'
import { after, callCounts, callEvents, callPushes, ingest, pushedDuring, startCtiHttp, type CtiWireEvent } from '../support/cti'
import { snapshotDb } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { failure, openTestCore, type Session, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T02:00:00.000Z' // 10:00 in Shanghai
const T = (seconds: number): string => after('2025-06-02T01:30:00.000Z', seconds)

function permutations<X>(items: X[]): X[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

forEachDialect('CTI events become the call log', (h) => {
  let t: TestCore
  let agent: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    agent = await t.as('agent')
  })
  afterEach(() => t.close())

  const rowOf = async (callId: string): Promise<CallLogRow> => {
    const row = await repo(t.core.store.writer.manager, 'call_log').findOneBy({ externalId: callId })
    if (!row) throw new Error(`no call ${callId}`)
    return row
  }

  /** Everything but the row's own identity: what the events decided. */
  const decided = (row: CallLogRow) => {
    const { id: _id, externalId: _externalId, ...rest } = row
    return rest
  }

  it('ringing → answered → hangup: ring and talk seconds from the events’ own times, not from arrival', async () => {
    const events = callEvents({ callId: 'pbx-1', at: T(0), ring: 8, talk: 125, caller: '138 0013 8000', extension: '8001' })
    const results = [] as { applied: boolean; id: number }[]
    for (const event of events) {
      results.push(...(await ingest(t, event)))
      t.clock.advance({ minutes: 1 }) // arrival time must not matter
    }
    expect(results.map((r) => r.applied)).toEqual([true, true, true])
    expect(new Set(results.map((r) => r.id)).size).toBe(1)
    const call = await agent.api.calls.get({ id: results[0].id })
    expect(call).toMatchObject({
      direction: 'in',
      status: 'answered',
      source: 'cti',
      externalId: 'pbx-1',
      rawNumber: '138 0013 8000',
      normalized: '13800138000',
      display: '138 0013 8000',
      extension: '8001',
      startedAt: T(0),
      ringingAt: T(0),
      answeredAt: T(8),
      endedAt: T(133),
      ringSec: 8,
      talkSec: 125,
    })
    expect(await callCounts(t)).toEqual({ calls: 1, events: 3 })
  })

  it('every order of the three events gives the same final row', async () => {
    const events = callEvents({ callId: 'x', at: T(0), ring: 6, talk: 61, caller: '13800138000', extension: '8001' })
    const orders = permutations(events)
    const rows: ReturnType<typeof decided>[] = []
    for (const [index, order] of orders.entries()) {
      const callId = `perm-${index}`
      for (const event of order) await ingest(t, { ...event, callId })
      rows.push(decided(await rowOf(callId)))
    }
    expect(rows).toHaveLength(6)
    expect(rows[0]).toMatchObject({ status: 'answered', ringSec: 6, talkSec: 61, startedAt: new Date(T(0)), answeredAt: new Date(T(6)), endedAt: new Date(T(67)) })
    for (const row of rows.slice(1)) expect(row).toEqual(rows[0])
    expect(await callCounts(t)).toEqual({ calls: 6, events: 18 })
  })

  // Regression: when the number came with a later event than the one that created the call
  // (ringing without caller, answered with it), the number was filled in but the customer was never
  // looked up; created from the answered event instead, the same call was linked.
  it('a caller reported only on a later event still links the customer, in every order', async () => {
    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    const events: CtiWireEvent[] = [
      { event: 'ringing', callId: 'x', at: T(0) },
      { event: 'answered', callId: 'x', caller: '13800138000', at: T(4) },
      { event: 'hangup', callId: 'x', caller: '13800138000', at: T(64) },
    ]
    for (const [index, order] of permutations(events).entries()) {
      const callId = `late-caller-${index}`
      for (const event of order) await ingest(t, { ...event, callId })
      expect(await rowOf(callId), order.map((e) => e.event).join('→')).toMatchObject({ status: 'answered', normalized: '13800138000', numberKey: '13800138000', customerId: customer.id })
    }
  })

  it('replays never duplicate a call or an event: the same request twice, and one event twice in one batch, answer applied:false', async () => {
    const events = callEvents({ callId: 'dup-1', at: T(0), ring: 5, talk: 30, caller: '13800138000' })
    const first = await ingest(t, events)
    expect(first.map((r) => r.applied)).toEqual([true, true, true])
    const before = await rowOf('dup-1')
    const again = await ingest(t, events)
    expect(again).toEqual(first.map((r) => ({ ...r, applied: false })))
    expect(await callCounts(t)).toEqual({ calls: 1, events: 3 })
    // a replay with a different time changes nothing either: the first report of each event stands
    await ingest(t, { ...events[2], at: T(500) })
    expect(await rowOf('dup-1')).toEqual(before)

    const twice = callEvents({ callId: 'dup-2', at: T(100), ring: 12, caller: '13900139000' })
    const batch = await ingest(t, [twice[0], twice[0], twice[1], twice[1]])
    expect(batch.map((r) => r.applied)).toEqual([true, false, true, false])
    expect(new Set(batch.map((r) => r.id)).size).toBe(1)
    expect(await callCounts(t)).toEqual({ calls: 2, events: 5 })
    expect(await rowOf('dup-2')).toMatchObject({ status: 'missed', ringSec: 12 })
  })

  it('unanswered inbound: ring ≥ missedRingSeconds is missed, shorter is abandoned; changing the setting moves the threshold', async () => {
    expect(t.core.settings.get().missedRingSeconds).toBe(10)
    await ingest(t, callEvents({ callId: 'ring-10', at: T(0), ring: 10, caller: '13800138000' }))
    await ingest(t, callEvents({ callId: 'ring-9', at: T(20), ring: 9, caller: '13800138000' }))
    expect(await rowOf('ring-10')).toMatchObject({ status: 'missed', ringSec: 10, talkSec: 0, answeredAt: null })
    expect(await rowOf('ring-9')).toMatchObject({ status: 'abandoned', ringSec: 9, talkSec: 0 })

    const manager = await t.as('manager')
    await manager.api.settings.update({ changes: { missedRingSeconds: 5 } })
    await ingest(t, callEvents({ callId: 'ring-6', at: T(40), ring: 6, caller: '13800138000' }))
    await ingest(t, callEvents({ callId: 'ring-4', at: T(60), ring: 4, caller: '13800138000' }))
    expect(await rowOf('ring-6')).toMatchObject({ status: 'missed', ringSec: 6 })
    expect(await rowOf('ring-4')).toMatchObject({ status: 'abandoned', ringSec: 4 })

    await manager.api.settings.update({ changes: { missedRingSeconds: 30 } })
    await ingest(t, callEvents({ callId: 'ring-20', at: T(80), ring: 20, caller: '13800138000' }))
    expect(await rowOf('ring-20')).toMatchObject({ status: 'abandoned', ringSec: 20 })
  })

  it('outbound unanswered is missed however short; its number is the callee', async () => {
    await ingest(t, callEvents({ callId: 'out-1', direction: 'out', at: T(0), ring: 3, caller: '8001', callee: '+86 139 0013 9000', extension: '8001' }))
    expect(await rowOf('out-1')).toMatchObject({ direction: 'out', status: 'missed', ringSec: 3, normalized: '13900139000', rawNumber: '+86 139 0013 9000' })
  })

  it('answered or hangup for an unknown call without the caller: 404 NOT_FOUND and nothing written; with the caller it creates the call', async () => {
    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    for (const event of ['answered', 'hangup'] as const) {
      const refused = await failure(ingest(t, { event, callId: 'ghost-1', at: T(0) }))
      expect(refused).toMatchObject({ code: 'NOT_FOUND', fields: { callId: expect.any(String) } })
    }
    // one bad event makes the whole request change nothing, the good ringing before it included
    const mixed = await failure(ingest(t, [{ event: 'ringing', callId: 'good-1', caller: '13800138000', at: T(0) }, { event: 'hangup', callId: 'ghost-2', at: T(5) }]))
    expect(mixed.code).toBe('NOT_FOUND')
    expect(await snapshotDb(t.core.store)).toEqual(before)

    const [created] = await ingest(t, { event: 'hangup', callId: 'late-1', caller: '13800138000', at: T(30) })
    expect(created.applied).toBe(true)
    expect(await rowOf('late-1')).toMatchObject({ id: created.id, normalized: '13800138000', status: 'abandoned', startedAt: new Date(T(30)), endedAt: new Date(T(30)) })
    const [answered] = await ingest(t, { event: 'answered', callId: 'late-2', caller: '021-6234 5678', at: T(40) })
    expect(await rowOf('late-2')).toMatchObject({ id: answered.id, status: 'talking', normalized: '02162345678' })
  })

  it('refuses an event more than five minutes in the future (and nothing of its request is written), accepts a PBX clock a little ahead', async () => {
    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    const future = await failure(ingest(t, [{ event: 'ringing', callId: 'f-1', caller: '13800138000', at: T(0) }, { event: 'hangup', callId: 'f-1', at: after(NOW, 5 * 60 + 1) }]))
    expect(future).toMatchObject({ code: 'VALIDATION', fields: { at: expect.any(String) } })
    expect(await snapshotDb(t.core.store)).toEqual(before)
    const [ahead] = await ingest(t, { event: 'ringing', callId: 'f-2', caller: '13800138000', at: after(NOW, 4 * 60) })
    expect(ahead.applied).toBe(true)
    // no `at`: the time of arrival
    const [arrival] = await ingest(t, { event: 'ringing', callId: 'f-3', caller: '13800138000' })
    expect(await rowOf('f-3')).toMatchObject({ id: arrival.id, startedAt: new Date(NOW), ringingAt: new Date(NOW) })
  })

  it('event times with an offset are the same instants as in UTC', async () => {
    await ingest(t, [
      { event: 'ringing', callId: 'tz', caller: '13800138000', at: '2025-06-02T09:30:00+08:00' },
      { event: 'answered', callId: 'tz', at: '2025-06-02T01:30:07Z' },
      { event: 'hangup', callId: 'tz', at: '2025-06-01T21:31:07-04:00' },
    ])
    expect(await rowOf('tz')).toMatchObject({ startedAt: new Date(T(0)), answeredAt: new Date(T(7)), endedAt: new Date(T(67)), ringSec: 7, talkSec: 60 })
  })

  it('the extension maps to the staff account that has it; a ringing call pushes {call, ringing, staffId}, a late ringing after hang-up pushes nothing', async () => {
    const admin = await t.admin()
    await admin.api.staff.update({ id: agent.user.id, extension: '8001' })
    const other = await t.createStaff('agent', { username: 'agent2' })
    await admin.api.staff.update({ id: other.id, extension: '8002' })

    const ringing: CtiWireEvent = { event: 'ringing', callId: 'pop-1', caller: '13800138000', extension: '8001', at: T(0) }
    const rang = await pushedDuring(t, () => ingest(t, ringing))
    const [row] = [await rowOf('pop-1')]
    expect(row.agentId).toBe(agent.user.id)
    expect(callPushes(rang)).toEqual([{ type: 'call', phase: 'ringing', callId: row.id, staffId: agent.user.id, direction: 'in' }])
    expect(rang).toContainEqual({ type: 'dataChanged', area: 'calls' })

    // answered at the other extension: the call is theirs
    const answered = await pushedDuring(t, () => ingest(t, { event: 'answered', callId: 'pop-1', extension: '8002', at: T(6) }))
    expect(callPushes(answered)).toEqual([{ type: 'call', phase: 'answered', callId: row.id, staffId: other.id, direction: 'in' }])
    expect((await rowOf('pop-1')).agentId).toBe(other.id)
    const ended = await pushedDuring(t, () => ingest(t, { event: 'hangup', callId: 'pop-1', at: T(60) }))
    expect(callPushes(ended)).toEqual([{ type: 'call', phase: 'ended', callId: row.id, staffId: other.id, direction: 'in' }])
    // a replay pushes nothing at all
    expect(await pushedDuring(t, () => ingest(t, ringing))).toEqual([])

    // the PBX's ringing arrives after its hang-up: no screen pops
    const late = await pushedDuring(t, async () => {
      await ingest(t, { event: 'hangup', callId: 'pop-2', caller: '13900139000', extension: '8001', at: T(120) })
      await ingest(t, { event: 'ringing', callId: 'pop-2', caller: '13900139000', extension: '8001', at: T(100) })
    })
    expect(callPushes(late).map((p) => p.phase)).toEqual(['ended'])
    expect(await rowOf('pop-2')).toMatchObject({ status: 'missed', ringSec: 20, agentId: agent.user.id })

    // an extension nobody has: the call is nobody's, the push says so
    const nobody = await pushedDuring(t, () => ingest(t, { event: 'ringing', callId: 'pop-3', caller: '13900139000', extension: '8099', at: T(200) }))
    expect(callPushes(nobody)).toEqual([expect.objectContaining({ phase: 'ringing', staffId: null })])
  })

  it('a caller who is a customer is linked to the call; a withheld caller is still a call with an empty number', async () => {
    const customer = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    await ingest(t, callEvents({ callId: 'known', at: T(0), ring: 3, talk: 20, caller: '+86-138-0013-8000' }))
    expect(await rowOf('known')).toMatchObject({ customerId: customer.id, numberKey: '13800138000' })
    await ingest(t, callEvents({ callId: 'withheld', at: T(100), ring: 15 }))
    expect(await rowOf('withheld')).toMatchObject({ rawNumber: '', normalized: null, numberKey: '', customerId: null, status: 'missed' })
    await ingest(t, callEvents({ callId: 'short', at: T(200), ring: 15, caller: '10086' }))
    expect(await rowOf('short')).toMatchObject({ rawNumber: '10086', normalized: null, numberKey: '10086' })
  })

  it('over HTTP: the same sequence, replays answered applied:false', async () => {
    const http = await startCtiHttp(t)
    try {
      const events = callEvents({ callId: 'http-1', at: T(0), ring: 4, talk: 90, caller: '13800138000' })
      const first = await http.post(events[0])
      expect(first.status).toBe(200)
      const id = first.json<{ results: { id: number }[] }>().results[0].id
      expect(first.json()).toEqual({ ok: true, results: [{ callId: 'http-1', applied: true, id }] })
      const rest = await http.post(events.slice(1))
      expect(rest.json()).toEqual({ ok: true, results: [{ callId: 'http-1', applied: true, id }, { callId: 'http-1', applied: true, id }] })
      const replay = await http.post(events)
      expect(replay.status).toBe(200)
      expect(replay.json()).toEqual({ ok: true, results: events.map(() => ({ callId: 'http-1', applied: false, id })) })
      expect(await callCounts(t)).toEqual({ calls: 1, events: 3 })
      expect(await agent.api.calls.get({ id })).toMatchObject({ status: 'answered', ringSec: 4, talkSec: 90 })

      const unknown = await http.post({ event: 'hangup', callId: 'ghost' })
      expect(unknown.status).toBe(404)
      expect(unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const future = await http.post({ event: 'ringing', callId: 'future', caller: '13800138000', at: after(NOW, 3600) })
      expect(future.status).toBe(400)
      expect(future.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { at: expect.any(String) } } })
      expect(await callCounts(t)).toEqual({ calls: 1, events: 3 })
    } finally {
      await http.close()
    }
  })
  it('an agent filling in the form while the caller hangs up saves without a conflict: the PBX owns the timings, the version guards the intake', async () => {
    const [ringing, answered, hangup] = callEvents({ callId: 'pbx-v', at: T(0), ring: 4, talk: 90, caller: '138 0013 8000', extension: '8001' })
    await ingest(t, [ringing!, answered!])
    const open = await agent.api.calls.get({ id: (await rowOf('pbx-v')).id })
    await ingest(t, hangup!)
    const saved = await agent.api.calls.saveIntake({ id: open.id, version: open.version, type: 'consult', summary: '问报价' })
    expect(saved).toMatchObject({ status: 'answered', talkSec: 90, summary: '问报价', version: open.version + 1 })
  })

  it('an event from more than 30 days ago is refused and changes nothing', async () => {
    const before = await callCounts(t)
    const error = await failure(ingest(t, { event: 'ringing', callId: 'old-1', caller: '13800138000', at: '2025-04-01T00:00:00.000Z' }))
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { at: '事件时间过早' } })
    expect(await callCounts(t)).toEqual(before)
  })
})
