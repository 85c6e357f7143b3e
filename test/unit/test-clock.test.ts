import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { createHttpServer, type HttpServerOptions } from '../../main/http/http-server'
import { TEST_CLOCK_PATH } from '../../main/http/test-clock'
import { MovableClock } from '../../main/services/movable-clock'
import { EventBus } from '../../main/services/event-bus'
import { rawRequest } from '../support/http-client'
import { CJK } from '../support/test-core'

const TOKEN = 'bridge-token-for-tests-0123456789'
const START = Date.parse('2025-06-02T02:00:00.000Z')
const MINUTE = 60_000

describe('MovableClock', () => {
  it('runs with real time, plus what it was moved forward by', () => {
    let real = START
    const clock = new MovableClock(() => real)
    expect(clock.now().getTime()).toBe(START)
    real += 5 * MINUTE
    expect(clock.now().getTime()).toBe(START + 5 * MINUTE)
    expect(clock.advance(90 * MINUTE).getTime()).toBe(START + 95 * MINUTE)
    real += MINUTE
    expect(clock.now().getTime()).toBe(START + 96 * MINUTE)
  })

  it('never goes back: not by a negative or broken step, not when the machine clock is set back', () => {
    let real = START
    const clock = new MovableClock(() => real)
    clock.advance(60 * MINUTE)
    for (const step of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => clock.advance(step), String(step)).toThrow(RangeError)
    expect(clock.now().getTime()).toBe(START + 60 * MINUTE)
    real -= 30 * MINUTE
    expect(clock.now().getTime()).toBe(START + 60 * MINUTE)
    real += 40 * MINUTE
    expect(clock.now().getTime()).toBe(START + 70 * MINUTE)
  })

  it('starts at the real time by default', () => {
    const before = Date.now()
    const now = new MovableClock().now().getTime()
    expect(now).toBeGreaterThanOrEqual(before)
    expect(now).toBeLessThanOrEqual(Date.now())
  })
})

describe(`${TEST_CLOCK_PATH} in browser mode`, () => {
  let server: Server | null = null
  afterEach(async () => {
    if (!server) return
    server.closeAllConnections()
    await new Promise((resolve) => server!.close(resolve))
    server = null
  })

  async function start(extra: Partial<HttpServerOptions>): Promise<number> {
    const dispatch: HttpServerOptions['dispatch'] = async () => ({ ok: true, value: null })
    server = createHttpServer({ dispatch, events: new EventBus(), bridgeToken: TOKEN, ...extra })
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
    return (server.address() as AddressInfo).port
  }

  function withClock() {
    const clock = new MovableClock(() => START)
    const sweeps: number[] = []
    return { clock, sweeps, control: { clock, sweep: async () => sweeps.push(clock.now().getTime()) } }
  }

  const move = (port: number, body: string, token = TOKEN) =>
    rawRequest({ port, method: 'POST', path: TEST_CLOCK_PATH, headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': token }, body })

  it('moves the clock forward by minutes or hours, runs the watcher once the clock has moved, and answers the new time', async () => {
    const { clock, sweeps, control } = withClock()
    const port = await start({ testClock: control })
    const minutes = await move(port, JSON.stringify({ advanceMinutes: 30 }))
    expect(minutes.status).toBe(200)
    expect(minutes.json()).toEqual({ ok: true, value: { now: '2025-06-02T02:30:00.000Z' } })
    const hours = await move(port, JSON.stringify({ advanceHours: 1.5 }))
    expect(hours.json()).toEqual({ ok: true, value: { now: '2025-06-02T04:00:00.000Z' } })
    expect(sweeps).toEqual([START + 30 * MINUTE, START + 120 * MINUTE])
    expect(clock.now().toISOString()).toBe('2025-06-02T04:00:00.000Z')
    const read = await rawRequest({ port, path: TEST_CLOCK_PATH, headers: { 'X-Bridge-Token': TOKEN } })
    expect(read.json()).toEqual({ ok: true, value: { now: '2025-06-02T04:00:00.000Z' } })
  })

  it('refuses bad moves with a clear message, leaving the clock where it was', async () => {
    const { clock, sweeps, control } = withClock()
    const port = await start({ testClock: control })
    for (const body of ['{}', '{"advanceMinutes": -5}', '{"advanceMinutes": 0}', '{"advanceHours": "2"}', '{"advanceMinutes": 1, "advanceHours": 1}', '{"advanceDays": 1}', '{"advanceHours": 1e9}', '[]', 'null', 'not json']) {
      const res = await move(port, body)
      expect(res.status, body).toBe(400)
      expect(res.json<{ error: { message: string } }>().error.message, body).toMatch(CJK)
    }
    expect(clock.now().getTime()).toBe(START)
    expect(sweeps).toEqual([])
  })

  it('needs the bridge token', async () => {
    const { clock, control } = withClock()
    const port = await start({ testClock: control })
    for (const token of ['', 'wrong']) expect((await move(port, '{"advanceMinutes": 5}', token)).status).toBe(401)
    expect(clock.now().getTime()).toBe(START)
  })

  it('does not exist without the flag', async () => {
    const port = await start({})
    const res = await move(port, '{"advanceMinutes": 5}')
    expect(res.status).toBe(404)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
