import { afterEach, beforeEach, expect, it } from 'vitest'
import { CTI_MAX_BODY_BYTES } from '../../main/http/cti-server'
import { after, callCounts, callEvents, ingest, startCtiHttp, type CtiHttp, type CtiWireEvent } from '../support/cti'
import { countRows, snapshotDb, type DbSnapshot } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { rawRequest } from '../support/http-client'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T02:00:00.000Z'
const T = (seconds: number): string => after('2025-06-02T01:30:00.000Z', seconds)
const GOOD: CtiWireEvent = { event: 'ringing', callId: 'good-1', caller: '13800138000', extension: '8001', at: T(0) }

interface ErrorBody {
  ok: false
  error: { code: string; message: string; fields?: Record<string, string> }
}

forEachDialect('CTI listener over real HTTP', (h) => {
  let t: TestCore
  let http: CtiHttp
  let before: DbSnapshot
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    http = await startCtiHttp(t)
    await t.core.audit.flush()
    before = await snapshotDb(t.core.store)
  })
  afterEach(async () => {
    await http.close()
    await t.close()
  })

  const unchanged = async (): Promise<void> => {
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store)).toEqual(before)
  }

  it('serves one good event', async () => {
    const res = await http.post(GOOD)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(res.json()).toMatchObject({ ok: true, results: [{ callId: 'good-1', applied: true }] })
    expect(await callCounts(t)).toEqual({ calls: 1, events: 1 })
  })

  it('a missing or wrong token: 401 and nothing written', async () => {
    const token = t.core.cti.currentToken()
    expect(token.length).toBeGreaterThanOrEqual(24)
    for (const bad of [null, '', 'wrong', `${token}x`, token.slice(0, -1), token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()]) {
      const res = await http.post(GOOD, { token: bad })
      expect(res.status, `token ${String(bad)}`).toBe(401)
      expect(res.json<ErrorBody>().error.code).toBe('UNAUTHENTICATED')
    }
    // the token in the wrong scheme
    const basic = await http.post(GOOD, { token: null, headers: { Authorization: `Basic ${token}` } })
    expect(basic.status).toBe(401)
    await unchanged()
  })

  it('a body over 64 KiB: 413, whether announced by Content-Length or sent chunked; exactly 64 KiB is read', async () => {
    const oversized = JSON.stringify(GOOD).padEnd(CTI_MAX_BODY_BYTES + 1, ' ')
    expect(CTI_MAX_BODY_BYTES).toBe(64 * 1024)
    const announced = await http.post(oversized)
    expect(announced.status).toBe(413)
    expect(announced.json<ErrorBody>().error.code).toBe('PAYLOAD_TOO_LARGE')
    const chunked = await http.post(JSON.stringify([GOOD]).padEnd(4 * CTI_MAX_BODY_BYTES, ' '), { chunked: true })
    expect(chunked.status).toBe(413)
    await unchanged()
    const exact = await http.post(JSON.stringify(GOOD).padEnd(CTI_MAX_BODY_BYTES, ' '))
    expect(exact.status).toBe(200)
    expect(await callCounts(t)).toEqual({ calls: 1, events: 1 })
  })

  it('not JSON, or not sent as application/json: 400', async () => {
    for (const body of ['{"event": "ringing", ', 'event=ringing&callId=a', '']) {
      const res = await http.post(body)
      expect(res.status, body).toBe(400)
      expect(res.json<ErrorBody>().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(CJK) })
    }
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const res = await http.post(GOOD, { headers: { 'Content-Type': type } })
      expect(res.status, type).toBe(400)
      expect(res.json<ErrorBody>().error.code).toBe('BAD_REQUEST')
    }
    const none = await rawRequest({ port: http.port, method: 'POST', path: '/cti/events', headers: { Authorization: `Bearer ${t.core.cti.currentToken()}` }, body: JSON.stringify(GOOD) })
    expect(none.status).toBe(400)
    await unchanged()
    // with a charset it is still JSON
    expect((await http.post(GOOD, { headers: { 'Content-Type': 'application/json; charset=utf-8' } })).status).toBe(200)
  })

  it('unknown fields and a bad callId: 400 naming the field, also inside a batch', async () => {
    const cases: [unknown, string][] = [
      [{ ...GOOD, bogus: 1 }, 'bogus'],
      [{ ...GOOD, callId: 'has space' }, 'callId'],
      [{ ...GOOD, callId: 'x'.repeat(65) }, 'callId'],
      [{ ...GOOD, callId: '' }, 'callId'],
      [{ ...GOOD, extension: '1' }, 'extension'],
      [{ ...GOOD, caller: '138<script>' }, 'caller'],
      [{ ...GOOD, at: 'yesterday' }, 'at'],
      [[GOOD, { ...GOOD, callId: 'good-2', bogus: true }], '1.bogus'],
      [[GOOD, { ...GOOD, callId: 'bad id!' }], '1.callId'],
    ]
    for (const [body, field] of cases) {
      const res = await http.post(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      const { error } = res.json<ErrorBody>()
      expect(error.code).toBe('VALIDATION')
      expect(error.fields, JSON.stringify(body)).toHaveProperty([field])
      expect(error.fields?.[field]).toMatch(CJK)
    }
    for (const body of [[], Array.from({ length: 101 }, (_, i) => ({ ...GOOD, callId: `c-${i}` })), 'just a string', 42, null]) {
      const res = await http.post(JSON.stringify(body))
      expect(res.status).toBe(400)
      expect(res.json<ErrorBody>().error.code).toBe('VALIDATION')
    }
    await unchanged()
    // a hundred events is allowed
    const hundred = await http.post(Array.from({ length: 100 }, (_, i) => ({ ...GOOD, callId: `c-${i}` })))
    expect(hundred.status).toBe(200)
    expect(await callCounts(t)).toEqual({ calls: 100, events: 100 })
  })

  // Regression: with one z.union([event, array]) for the body, an event whose `event` or
  // `direction` was not one of the choices (or was missing) failed both branches and was reported
  // only under "_" ("请求内容应为一个事件对象或事件数组"), without naming the field.
  for (const [why, body, field] of [
    ['a bad event name', { ...GOOD, event: 'ring' }, 'event'],
    ['a missing event name', { callId: 'a-1' }, 'event'],
    ['a bad direction', { ...GOOD, direction: 'sideways' }, 'direction'],
    ['a bad event name inside a batch', [GOOD, { ...GOOD, event: 'pickup' }], '1.event'],
  ] as [string, unknown, string][]) {
    it(`${why}: 400 naming the field ${field}`, async () => {
      const res = await http.post(body)
      expect(res.status).toBe(400)
      expect(res.json<ErrorBody>().error.fields).toHaveProperty([field])
    })
  }

  it('GET and other paths: 400 / 404 / 401, nothing written', async () => {
    const auth = { Authorization: `Bearer ${t.core.cti.currentToken()}` }
    expect((await rawRequest({ port: http.port, path: '/cti/events', headers: auth })).status).toBe(400)
    expect((await rawRequest({ port: http.port, method: 'PUT', path: '/cti/events', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(GOOD) })).status).toBe(400)
    expect((await rawRequest({ port: http.port, path: '/' })).status).toBe(404)
    expect((await rawRequest({ port: http.port, path: '/api/methods', headers: auth })).status).toBe(404)
    expect((await rawRequest({ port: http.port, method: 'POST', path: '/cti/events/../events2', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(GOOD) })).status).toBe(404)
    expect((await rawRequest({ port: http.port, path: '/cti/events' })).status).toBe(401)
    await unchanged()
  })

  it('a request with one bad event (an unknown call) changes nothing while concurrent good requests commit', async () => {
    const bad = [
      { event: 'ringing', callId: 'bad-batch-1', caller: '13900139000', at: T(0) },
      { event: 'hangup', callId: 'never-rang', at: T(5) },
    ]
    const goods = Array.from({ length: 10 }, (_, i) => callEvents({ callId: `ok-${i}`, at: T(i), ring: 3, talk: 30 + i, caller: '13800138000' }))
    const responses = await Promise.all([...goods.slice(0, 5).map((g) => http.post(g)), http.post(bad), ...goods.slice(5).map((g) => http.post(g))])
    const badResponse = responses[5]
    expect(badResponse.status).toBe(404)
    expect(badResponse.json<ErrorBody>().error).toMatchObject({ code: 'NOT_FOUND', fields: { callId: expect.stringMatching(CJK) } })
    for (const res of [...responses.slice(0, 5), ...responses.slice(6)]) expect(res.status).toBe(200)
    expect(await countRows(t.core.store, 'call_log', "external_id = 'bad-batch-1'")).toBe(0)
    expect(await countRows(t.core.store, 'call_event', "external_id IN ('bad-batch-1', 'never-rang')")).toBe(0)
    expect(await callCounts(t)).toEqual({ calls: 10, events: 30 })
    expect(await countRows(t.core.store, 'call_log', "status = 'answered'")).toBe(10)
  })

  it('a bad request committed in the same group as good ones undoes only itself (savepoint per request)', async () => {
    // The first request flushes alone; the ones queued behind it are committed together.
    const write = t.core.store.write
    let transactions = 0
    t.core.store.write = (work) => {
      transactions++
      return write(work)
    }
    try {
      const settled = await Promise.allSettled([
        ingest(t, { event: 'ringing', callId: 'first', caller: '13800138000', at: T(0) }),
        ingest(t, [{ event: 'ringing', callId: 'g-1', caller: '13800138000', at: T(1) }]),
        ingest(t, [
          { event: 'ringing', callId: 'b-1', caller: '13900139000', at: T(2) },
          { event: 'answered', callId: 'b-unknown', at: T(3) },
        ]),
        ingest(t, [{ event: 'ringing', callId: 'g-2', caller: '13800138000', at: T(4) }]),
        ingest(t, [{ event: 'ringing', callId: 'b-2', caller: '13900139000', at: after(NOW, 3600) }]),
        ingest(t, [{ event: 'ringing', callId: 'g-3', caller: '13800138000', at: T(5) }]),
      ])
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled'])
      expect(transactions).toBe(2)
    } finally {
      t.core.store.write = write
    }
    const ids = await t.core.store.writer.query('SELECT external_id AS "externalId" FROM call_log ORDER BY id')
    expect(ids.map((r: { externalId: string }) => r.externalId)).toEqual(['first', 'g-1', 'g-2', 'g-3'])
    expect(await callCounts(t)).toEqual({ calls: 4, events: 4 })
  })

  it('fifty requests posted at once all commit exactly once', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => http.post(callEvents({ callId: `burst-${i}`, at: T(i), ring: 2, talk: 10, caller: '13800138000' }))))
    for (const res of responses) {
      expect(res.status).toBe(200)
      expect(res.json<{ results: { applied: boolean }[] }>().results.map((r) => r.applied)).toEqual([true, true, true])
    }
    const ids = responses.map((res) => res.json<{ results: { id: number }[] }>().results[0].id)
    expect(new Set(ids).size).toBe(50)
    expect(await callCounts(t)).toEqual({ calls: 50, events: 150 })
    expect(await countRows(t.core.store, 'call_log', "status = 'answered' AND talk_sec = 10 AND ring_sec = 2")).toBe(50)
    // the same burst again: every event a replay, nothing new
    const replays = await Promise.all(Array.from({ length: 50 }, (_, i) => http.post(callEvents({ callId: `burst-${i}`, at: T(i), ring: 2, talk: 10, caller: '13800138000' }))))
    for (const res of replays) expect(res.json<{ results: { applied: boolean }[] }>().results.map((r) => r.applied)).toEqual([false, false, false])
    expect(await callCounts(t)).toEqual({ calls: 50, events: 150 })
  })

  it('fifty requests handed to the service at once take two transactions, not fifty', async () => {
    const write = t.core.store.write
    let transactions = 0
    t.core.store.write = (work) => {
      transactions++
      return write(work)
    }
    try {
      await Promise.all(Array.from({ length: 50 }, (_, i) => ingest(t, callEvents({ callId: `q-${i}`, at: T(i), ring: 2, talk: 10, caller: '13800138000' }))))
    } finally {
      t.core.store.write = write
    }
    expect(transactions).toBe(2)
    expect(await callCounts(t)).toEqual({ calls: 50, events: 150 })
  })

  it('still serves a good event after every kind of bad request', async () => {
    const answers = [
      await http.post('{"broken": '),
      await http.post(JSON.stringify(GOOD).padEnd(CTI_MAX_BODY_BYTES + 10, ' ')),
      await http.post(JSON.stringify(GOOD).padEnd(3 * CTI_MAX_BODY_BYTES, ' '), { chunked: true }),
      await http.post(GOOD, { token: 'nope' }),
      await http.post({ event: 'hangup', callId: 'ghost' }),
      await http.post(GOOD, { headers: { 'Content-Type': 'text/plain' } }),
      await rawRequest({ port: http.port, path: '/cti/events' }),
      await http.post('\u0000\u0001\u0002'),
      await http.post('{"event":"ringing","callId":"a","caller":"1\u0000"}'),
      await http.post('{"event":"ringing","callId":"a","caller":"1\\u0000"}'),
      await http.post('{"event":"ringing","callId":"a\\u0000b"}'),
      await http.post('[' + '['.repeat(5000) + ']'.repeat(5000) + ']'),
      await http.post('{"__proto__": {"polluted": true}, "event": "ringing", "callId": "p"}'),
      await http.post({ event: 'ringing', callId: 'p', at: '2025-13-45T99:99:99Z' }),
    ]
    for (const [index, res] of answers.entries()) {
      expect(res.status, `request ${index}`).toBeGreaterThanOrEqual(400)
      expect(res.status, `request ${index}`).toBeLessThan(500)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(t.internalErrors).toEqual([])
    await unchanged()
    const res = await http.post(GOOD)
    expect(res.status).toBe(200)
    expect(await callCounts(t)).toEqual({ calls: 1, events: 1 })
  })

  it('rotating the token: the old one gets 401, the new one works; settings.telephony shows it to settings managers only', async () => {
    const manager = await t.as('manager')
    const config = await manager.api.settings.telephony()
    expect(config).toMatchObject({ enabled: true, bindAddress: '127.0.0.1', port: 8631, url: `http://127.0.0.1:${http.port}/cti/events`, listening: true })
    expect(config.token).toBe(t.core.cti.currentToken())
    expect((await (await t.admin()).api.settings.telephony()).token).toBe(config.token)
    for (const role of ['agent', 'shiftLead', 'receptionist'] as const) {
      const session = await t.as(role)
      expect((await failure(session.api.settings.telephony())).code, role).toBe('FORBIDDEN')
      expect((await failure(session.api.settings.rotateCtiToken())).code, role).toBe('FORBIDDEN')
    }
    expect(t.core.cti.currentToken()).toBe(config.token)

    const rotated = await manager.api.settings.rotateCtiToken()
    expect(rotated.token).not.toBe(config.token)
    const old = await http.post(GOOD, { token: config.token })
    expect(old.status).toBe(401)
    expect(await callCounts(t)).toEqual({ calls: 0, events: 0 })
    expect((await http.post(GOOD, { token: rotated.token })).status).toBe(200)
    expect((await manager.api.settings.telephony()).token).toBe(rotated.token)
  })

  it('the rotated token survives a restart of the core; each database has its own', async () => {
    const manager = await t.as('manager')
    const rotated = await manager.api.settings.rotateCtiToken()
    await http.close()
    await t.close()
    t = await openTestCore({ store: h.config, now: NOW })
    http = await startCtiHttp(t)
    expect(t.core.cti.currentToken()).toBe(rotated.token)
    expect((await http.post(GOOD, { token: rotated.token })).status).toBe(200)

    const other = await openTestCore({ now: NOW })
    try {
      expect(other.core.cti.currentToken()).not.toBe(rotated.token)
      expect(other.core.cti.currentToken().length).toBeGreaterThanOrEqual(24)
    } finally {
      await other.close()
    }
  })

  it('turned off in settings it stops listening, turned on it listens again', async () => {
    const manager = await t.as('manager')
    await manager.api.settings.update({ changes: { ctiEnabled: false } })
    await http.listener.ready()
    expect(http.listener.port()).toBeNull()
    expect((await manager.api.settings.telephony()).listening).toBe(false)
    await expect(rawRequest({ port: http.port, path: '/cti/events' })).rejects.toThrow()
    await manager.api.settings.update({ changes: { ctiEnabled: true } })
    await http.listener.ready()
    const port = http.listener.port()
    expect(port).not.toBeNull()
    expect((await manager.api.settings.telephony()).listening).toBe(true)
    const res = await rawRequest({
      port: port as number,
      method: 'POST',
      path: '/cti/events',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${t.core.cti.currentToken()}` },
      body: JSON.stringify(GOOD),
    })
    expect(res.status).toBe(200)
  })
})
