import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { ctiEventSchema, type CtiEvent, type CtiResult } from '../../main/contract/cti.contract'
import { createCtiServer } from '../../main/http/cti-server'
import { ctiEvent, expectedStatus, planDay, type DayPlan, type PlanOptions } from '../../main/sim/cti-plan'
import { play, PlayAborted } from '../../main/sim/cti-player'
import { ctiClient, CtiHttpError, CtiNetworkError, type CtiClient } from '../../main/sim/cti-sender'
import { openTestCore, type TestCore } from '../support/test-core'

const OPTIONS: PlanOptions = { calls: 2000, extensions: ['8001', '8002', '8003'], seed: 's1', speed: 60, callIdPrefix: 'sim1' }
const HOUR = 3_600_000

describe('cti-sim: the planned day (pure, seeded)', () => {
  const plan = planDay(OPTIONS)

  it('is the same plan for the same options and another one for another seed', () => {
    expect(planDay(OPTIONS)).toEqual(plan)
    expect(planDay({ ...OPTIONS, seed: 's2' }).calls.map((c) => c.number)).not.toEqual(plan.calls.map((c) => c.number))
  })

  it('gives every call ringing, then answered if it was, then hangup, each sent once plus flagged replays', () => {
    expect(plan.calls).toHaveLength(2000)
    for (const call of plan.calls) {
      const own = plan.deliveries.filter((d) => d.call === call.index)
      const originals = own.filter((d) => !d.replay)
      expect(originals.map((d) => d.kind).sort()).toEqual((call.answered ? ['answered', 'hangup', 'ringing'] : ['hangup', 'ringing']).sort())
      const at = Object.fromEntries(originals.map((d) => [d.kind, d.happenMs]))
      expect(at.ringing).toBe(call.startMs)
      expect(at.hangup).toBe(call.endMs)
      if (call.answered) expect(at.answered).toBe(call.startMs + call.ringSec * 1000)
      expect(at.ringing).toBeLessThanOrEqual(at.answered ?? at.hangup)
      expect(at.answered ?? at.hangup).toBeLessThanOrEqual(at.hangup)
      // a replay is a copy of an event already sent: same kind and time, sent later
      for (const replay of own.filter((d) => d.replay)) {
        const original = originals.find((d) => d.kind === replay.kind)
        expect(original).toBeDefined()
        expect(replay.happenMs).toBe(original?.happenMs)
        expect(replay.sendMs).toBeGreaterThan(original?.sendMs ?? Infinity)
      }
    }
  })

  it('never sends an event before it happened, so no `at` is in the future', () => {
    for (const d of plan.deliveries) expect(d.sendMs).toBeGreaterThanOrEqual(d.happenMs)
    const sends = plan.deliveries.map((d) => d.sendMs)
    expect(sends).toEqual([...sends].sort((a, b) => a - b))
  })

  it('replays some events and delivers a few calls out of order', () => {
    const replays = plan.deliveries.filter((d) => d.replay).length
    expect(replays).toBeGreaterThan(plan.deliveries.length * 0.02)
    expect(replays).toBeLessThan(plan.deliveries.length * 0.08)
    const late = plan.deliveries.filter((d) => d.late)
    expect(late.length).toBeGreaterThan(5)
    for (const d of late) {
      const hangup = plan.deliveries.find((x) => x.call === d.call && x.kind === 'hangup' && !x.replay)
      expect(d.kind).not.toBe('hangup')
      expect(d.sendMs).toBeGreaterThan(hangup?.sendMs ?? Infinity)
    }
  })

  it('follows the daily curve, with withheld callers, outbound calls and missed callers ringing again', () => {
    const byHour = new Map<number, number>()
    for (const c of plan.calls) {
      const hour = 8 + Math.floor((c.startMs * OPTIONS.speed) / HOUR)
      byHour.set(hour, (byHour.get(hour) ?? 0) + 1)
    }
    const n = (h: number) => byHour.get(h) ?? 0
    for (const peak of [10, 14, 15]) {
      expect(n(peak)).toBeGreaterThan(n(8) * 2)
      expect(n(peak)).toBeGreaterThan(n(20) * 2)
      expect(n(peak)).toBeGreaterThan(n(12))
    }
    expect(plan.calls.filter((c) => c.number === '').length).toBeGreaterThan(20)
    expect(plan.calls.filter((c) => c.direction === 'out').length).toBeGreaterThan(150)
    const repeats = plan.calls.filter((c) => c.repeat)
    expect(repeats.length).toBeGreaterThan(10)
    for (const r of repeats) expect(plan.calls.some((c) => c.index < r.index && c.number === r.number && !c.answered)).toBe(true)
  })

  it('keeps rings real and divides talk by the speed', () => {
    const fast = planDay({ ...OPTIONS, calls: 200, speed: 600 })
    for (const c of fast.calls) {
      expect(c.endMs - c.startMs).toBe(c.ringSec * 1000 + Math.round((c.talkSec * 1000) / 600))
      if (c.answered) expect(c.talkSec).toBeGreaterThanOrEqual(60)
    }
    const unanswered = plan.calls.filter((c) => !c.answered && c.direction === 'in')
    expect(unanswered.some((c) => c.ringSec >= 10) && unanswered.some((c) => c.ringSec < 10)).toBe(true)
  })

  it('makes wire events the listener accepts, a withheld caller as an empty number', () => {
    const withheld = plan.calls.find((c) => c.number === '')
    const outbound = plan.calls.find((c) => c.direction === 'out')
    if (!withheld || !outbound) throw new Error('plan without a withheld or outbound call')
    const event = ctiEvent(withheld, 'answered', new Date('2025-06-02T02:00:00.000Z'))
    expect(ctiEventSchema.parse(event)).toEqual({ ...event, at: '2025-06-02T02:00:00.000Z' })
    expect(event.caller).toBe('')
    expect(ctiEvent(outbound, 'ringing', new Date())).toMatchObject({ direction: 'out', caller: outbound.extension, callee: outbound.number })
    expect(expectedStatus({ ...withheld, answered: false, ringSec: 10 }, 10)).toBe('missed')
    expect(expectedStatus({ ...withheld, answered: false, ringSec: 9 }, 10)).toBe('abandoned')
    expect(expectedStatus({ ...outbound, answered: false, ringSec: 3 }, 10)).toBe('missed')
  })
})

/** A listener double: remembers what it got and acknowledges each (callId, event) once. */
function fakeClient(): CtiClient & { posted: { event: CtiEvent; sentAt: number }[] } {
  const seen = new Set<string>()
  const posted: { event: CtiEvent; sentAt: number }[] = []
  return {
    endpoint: 'fake',
    posted,
    post: async (events) => {
      const list = Array.isArray(events) ? events : [events]
      return list.map((event): CtiResult => {
        posted.push({ event, sentAt: Date.now() })
        const key = `${event.callId}/${event.event}`
        const applied = !seen.has(key)
        seen.add(key)
        return { callId: event.callId, applied, id: 1 }
      })
    },
    close: () => undefined,
  }
}

describe('cti-sim: playing a plan', () => {
  it('stamps each event with when it happened, never later than it is sent; a replay carries the first copy’s time', async () => {
    const plan = planDay({ ...OPTIONS, calls: 300 })
    const client = fakeClient()
    const lines: string[] = []
    // the whole day already behind us: everything is due at once
    const totals = await play({ plan, client, startWall: Date.now() - plan.spanMs - 1000, log: (line) => lines.push(line) })
    expect(totals).toMatchObject({ calls: 300, sent: plan.deliveries.length, errors: 0 })
    expect(totals.duplicates).toBe(plan.deliveries.filter((d) => d.replay).length)
    expect(totals.applied + totals.duplicates).toBe(totals.sent)
    expect(lines).toHaveLength(300)
    const firstAt = new Map<string, string>()
    for (const { event, sentAt } of client.posted) {
      expect(new Date(event.at as string).getTime()).toBeLessThanOrEqual(sentAt)
      const key = `${event.callId}/${event.event}`
      if (firstAt.has(key)) expect(event.at).toBe(firstAt.get(key))
      else firstAt.set(key, event.at as string)
    }
  })

  it('stops at the first error and says what it was', async () => {
    const plan = planDay({ ...OPTIONS, calls: 20 })
    const refusing: CtiClient = { endpoint: 'x', post: () => Promise.reject(new CtiHttpError(401, 'UNAUTHENTICATED', '电话事件令牌无效')), close: () => undefined }
    const error = await play({ plan, client: refusing, startWall: Date.now() - plan.spanMs, log: () => undefined }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PlayAborted)
    expect((error as PlayAborted).message).toMatch(/^401 UNAUTHENTICATED: the listener refused the token/)
    expect((error as PlayAborted).totals.errors).toBeGreaterThan(0)
    expect((error as PlayAborted).totals.sent).toBeLessThan(plan.deliveries.length)
  })
})

describe('cti-sim: the HTTP sender', () => {
  let server: Server | null = null
  afterEach(async () => {
    if (server) await new Promise((resolve) => server?.close(resolve))
    server = null
  })
  const listen = async (status: number, body: unknown): Promise<string> => {
    server = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(status, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify(body))
      })
    })
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const event = ctiEvent(planDay({ ...OPTIONS, calls: 1 }).calls[0], 'ringing', new Date())

  it('reports 401 and 400 answers with their code, message and fields', async () => {
    const bad = ctiClient({ url: await listen(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '令牌无效' } }), token: 't' })
    await expect(bad.post(event)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: '令牌无效' })
    bad.close()
    await new Promise((resolve) => server?.close(resolve))
    const refused = ctiClient({ url: await listen(400, { ok: false, error: { code: 'VALIDATION', message: '事件无效', fields: { at: '事件时间不能在将来' } } }), token: 't' })
    const error = await refused.post(event).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CtiHttpError)
    expect(error).toMatchObject({ status: 400, fields: { at: '事件时间不能在将来' } })
    refused.close()
  })

  it('reports a listener that is not there as a network error', async () => {
    const url = await listen(200, {})
    await new Promise((resolve) => server?.close(resolve))
    server = null
    const client = ctiClient({ url, token: 't' })
    await expect(client.post(event)).rejects.toBeInstanceOf(CtiNetworkError)
    client.close()
  })
})

describe('cti-sim against the real listener', () => {
  let t: TestCore | null = null
  let server: Server | null = null
  afterEach(async () => {
    server?.closeAllConnections()
    if (server) await new Promise((resolve) => server?.close(resolve))
    await t?.close()
  })

  it('ends with one call log row per call in the state its events say, replays acknowledged, nothing lost', async () => {
    t = await openTestCore()
    const admin = await t.admin()
    for (const [i, extension] of ['8001', '8002'].entries()) {
      await admin.api.staff.create({ username: `agent${i + 1}`, displayName: `客服${i + 1}`, role: 'agent', password: 'correct-horse-8', extension })
    }
    server = createCtiServer(t.core.cti)
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    const plan: DayPlan = planDay({ calls: 60, extensions: ['8001', '8002'], seed: 'it', speed: 60, callIdPrefix: 'it', shares: { replay: 0.15, reorder: 0.3 } })
    const client = ctiClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token: t.core.cti.currentToken(), connections: 4 })
    const clock = t.clock
    try {
      const totals = await play({ plan, client, startWall: clock.now().getTime() - plan.spanMs - 60_000, now: () => clock.now().getTime(), log: () => undefined })
      expect(totals.errors).toBe(0)
      expect(totals.duplicates).toBe(plan.deliveries.filter((d) => d.replay).length)
    } finally {
      client.close()
    }
    const rows: { externalId: string; status: string; ringSec: number; talkSec: number }[] = await t.core.store.read.query(
      "SELECT external_id AS externalId, status, ring_sec AS ringSec, talk_sec AS talkSec FROM call_log WHERE external_id LIKE 'it-%'",
    )
    expect(rows).toHaveLength(60)
    const missedRingSeconds = t.core.settings.get().missedRingSeconds
    for (const call of plan.calls) {
      const row = rows.find((r) => r.externalId === call.callId)
      expect({ callId: call.callId, status: row?.status, talkSec: row?.talkSec }).toEqual({
        callId: call.callId,
        status: expectedStatus(call, missedRingSeconds),
        talkSec: call.answered ? Math.round((call.endMs - call.startMs - call.ringSec * 1000) / 1000) : 0,
      })
    }
  })
})
