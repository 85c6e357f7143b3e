import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { API_METHODS, createApiClient } from '../../main/contract/app-api'
import { createHttpTransport } from '../../main/contract/http-transport'
import type { AppEvent } from '../../main/contract/events'
import { createHttpServer, MAX_BODY_BYTES } from '../../main/http/http-server'
import { rawRequest } from '../support/http-client'
import { makeTempDir, removeTempDir } from '../support/temp-dir'
import { CJK, failure, openTestCore, TEST_PASSWORD, type TestCore } from '../support/test-core'

const TOKEN = 'bridge-token-for-tests-0123456789'

describe('browser-mode HTTP bridge', () => {
  let t: TestCore
  let server: Server
  let port: number
  let dir: string
  let baseUrl: string

  beforeEach(async () => {
    t = await openTestCore()
    dir = await makeTempDir()
    await mkdir(join(dir, 'static/assets'), { recursive: true })
    await writeFile(join(dir, 'static/index.html'), '<!doctype html><title>RenoDesk</title>')
    await writeFile(join(dir, 'static/assets/app.js'), 'console.log("app")')
    await writeFile(join(dir, 'secret.txt'), 'TOP-SECRET-OUTSIDE-STATIC')
    await mkdir(join(dir, 'static-evil'))
    await writeFile(join(dir, 'static-evil/x.txt'), 'TOP-SECRET-SIBLING')
    server = createHttpServer({ dispatch: t.core.dispatch, events: t.core.events, bridgeToken: TOKEN, staticDir: join(dir, 'static') })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
    baseUrl = `http://127.0.0.1:${port}`
  })
  afterEach(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await t.close()
    await removeTempDir(dir)
  })

  const post = (method: string, body: string | Buffer, headers: Record<string, string> = {}, chunked = false) =>
    rawRequest({ port, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', 'X-Bridge-Token': TOKEN, ...headers }, body, chunked })

  it('round-trips typed calls through createHttpTransport, errors included', async () => {
    const client = createApiClient(createHttpTransport({ baseUrl, bridgeToken: TOKEN }))
    expect(await client.api.auth.status()).toEqual({ needsSetup: true, companyName: '某某装饰工程有限公司' })
    const { token, user } = await client.api.auth.setupAdmin({ username: 'admin', displayName: '管理员', password: TEST_PASSWORD })
    client.setSession(token)
    expect(await client.api.auth.me()).toEqual(user)
    const agent = await client.api.staff.create({ username: 'kefu', displayName: '客服小李', role: 'agent', password: TEST_PASSWORD })
    expect(agent).toMatchObject({ username: 'kefu', role: 'agent', active: true })
    const invalid = await failure(client.api.staff.create({ username: 'kefu2', displayName: '', role: 'agent', password: TEST_PASSWORD }))
    expect(invalid).toMatchObject({ code: 'VALIDATION', fields: { displayName: '请填写姓名' } })
    const forbidden = await failure(client.api.customers.search({}))
    expect(forbidden.code).toBe('FORBIDDEN')
    client.setSession('forged')
    expect((await failure(client.api.auth.me())).code).toBe('UNAUTHENTICATED')
  })

  it('answers with the status that fits the error code', async () => {
    const admin = await t.admin()
    const bearer = { Authorization: `Bearer ${admin.token}` }
    expect((await post('auth.me', '[]', bearer)).status).toBe(200)
    expect((await post('auth.me', '[]')).status).toBe(401)
    expect((await post('customers.search', '[{}]', bearer)).status).toBe(403)
    expect((await post('staff.unlock', '[{"id":9999}]', bearer)).status).toBe(404)
    const validation = await post('staff.unlock', '[{"id":"x"}]', bearer)
    expect(validation.status).toBe(400)
    expect(validation.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: '账号无效', fields: { id: '账号无效' } } })
    await t.createStaff('agent', { username: 'locked' })
    for (let i = 0; i < 5; i++) await post('auth.login', JSON.stringify([{ username: 'locked', password: 'wrong-password' }]))
    const locked = await post('auth.login', JSON.stringify([{ username: 'locked', password: TEST_PASSWORD }]))
    expect(locked.status).toBe(423)
    expect(locked.json()).toMatchObject({ ok: false, error: { code: 'LOCKED' } })
  })

  it('refuses a missing or wrong bridge token with 401', async () => {
    for (const headers of [{} as Record<string, string>, { 'X-Bridge-Token': 'wrong' }, { 'X-Bridge-Token': `${TOKEN}x` }, { 'X-Bridge-Token': '' }]) {
      const res = await rawRequest({ port, method: 'POST', path: '/api/auth.status', headers, body: '[]' })
      expect(res.status).toBe(401)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    }
    expect((await rawRequest({ port, path: '/api/methods' })).status).toBe(401)
    expect((await rawRequest({ port, path: `/api/methods?token=${TOKEN}` })).status).toBe(200)
    expect((await rawRequest({ port, path: '/api/events?token=nope' })).status).toBe(401)
  })

  it('refuses a Host other than 127.0.0.1 or localhost with 403 (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, '127.0.0.1.evil.example', '192.168.1.5']) {
      const res = await rawRequest({ port, method: 'POST', path: '/api/auth.status', headers: { Host: host, 'X-Bridge-Token': TOKEN }, body: '[]' })
      expect(res.status, host).toBe(403)
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const local = await rawRequest({ port, method: 'POST', path: '/api/auth.status', headers: { Host: `localhost:${port}`, 'X-Bridge-Token': TOKEN }, body: '[]' })
    expect(local.status).toBe(200)
  })

  it('answers an unknown method with 404 UNKNOWN_METHOD and a non-POST call with 400', async () => {
    const res = await post('customers.dropAll', '[]')
    expect(res.status).toBe(404)
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } })
    const get = await rawRequest({ port, path: '/api/auth.status', headers: { 'X-Bridge-Token': TOKEN } })
    expect(get.status).toBe(400)
    expect(get.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } })
  })

  it('refuses invalid JSON and arguments that are not an array with 400', async () => {
    const broken = await post('auth.status', '[{"unclosed": ')
    expect(broken.status).toBe(400)
    expect(broken.json()).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(broken.json<{ error: { message: string } }>().error.message).toMatch(CJK)
    const notArray = await post('auth.status', '{"a":1}')
    expect(notArray.status).toBe(400)
    expect(notArray.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } })
    // an empty body is no arguments at all
    expect((await post('auth.status', '')).json()).toMatchObject({ ok: true, value: { needsSetup: true } })
  })

  it('refuses bodies over 1 MiB with 413, with or without a Content-Length, and writes nothing', async () => {
    const big = JSON.stringify([{ username: 'admin', displayName: '管理员', password: 'x'.repeat(MAX_BODY_BYTES) }])
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BODY_BYTES)
    const declared = await post('auth.setupAdmin', big)
    expect(declared.status).toBe(413)
    expect(declared.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    const streamed = await post('auth.setupAdmin', big, {}, true)
    expect(streamed.status).toBe(413)
    expect(streamed.json()).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } })
    expect(await t.anon.auth.status()).toMatchObject({ needsSetup: true })
    // just under the limit is fine
    const fits = JSON.stringify([{ username: 'x', password: 'y'.repeat(MAX_BODY_BYTES - 100) }])
    expect((await post('auth.login', fits)).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('describes every method at GET /api/methods: permission, public flag and a JSON Schema input', async () => {
    const res = await rawRequest({ port, path: '/api/methods', headers: { 'X-Bridge-Token': TOKEN } })
    expect(res.status).toBe(200)
    const methods = res.json<{ name: string; permission: string; public: boolean; input: { type: string; properties: Record<string, unknown>; $schema: string } }[]>()
    expect(methods.map((m) => m.name)).toEqual(API_METHODS.map((m) => m.name))
    for (const m of methods) {
      const entry = API_METHODS.find((e) => e.name === m.name)
      expect(m.permission).toBe(entry?.def.permission)
      expect(m.public).toBe(entry?.def.permission === 'public')
      expect(m.input.type).toBe('object')
      expect(m.input.$schema).toContain('json-schema.org')
    }
    const register = methods.find((m) => m.name === 'visits.register')
    expect(register).toMatchObject({ permission: 'visits.write', public: false, input: { required: ['name', 'phone'] } })
    expect(methods.find((m) => m.name === 'auth.login')).toMatchObject({ public: true })
  })

  it('pushes dataChanged over server-sent events after a write', async () => {
    const agent = await t.as('agent')
    const events: AppEvent[] = []
    const connected = new Promise<() => void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/events', headers: { 'X-Bridge-Token': TOKEN } }, (res) => {
        expect(res.statusCode).toBe(200)
        expect(res.headers['content-type']).toContain('text/event-stream')
        let buffer = ''
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString('utf8')
          if (buffer.startsWith(': connected')) resolve(() => req.destroy())
          for (const line of buffer.split('\n').filter((l) => l.startsWith('data: '))) events.push(JSON.parse(line.slice(6)) as AppEvent)
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1)
        })
      })
      req.on('error', reject)
      req.end()
    })
    const close = await connected
    const created = await agent.api.customers.create({ name: '张三', phone: '13800138000' })
    for (let i = 0; i < 50 && events.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    close()
    expect(events).toContainEqual({ type: 'dataChanged', area: 'customers', id: created.id })
  })

  it('serves the built renderer and nothing outside its folder', async () => {
    const index = await rawRequest({ port, path: '/' })
    expect(index.status).toBe(200)
    expect(index.text).toContain('<title>RenoDesk</title>')
    const script = await rawRequest({ port, path: '/assets/app.js' })
    expect(script.headers['content-type']).toContain('text/javascript')
    expect(script.text).toBe('console.log("app")')
    // a client-side route falls back to index.html
    expect((await rawRequest({ port, path: '/customers/12?q=zs' })).text).toContain('RenoDesk')
    for (const path of ['/../secret.txt', '/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..%2f..%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/../static-evil/x.txt', '/..%2fstatic-evil%2fx.txt', '/../package.json']) {
      const res = await rawRequest({ port, path })
      expect(res.text, path).not.toContain('TOP-SECRET')
      expect(res.text, path).not.toContain('"name"')
      expect([200, 400, 403, 404], path).toContain(res.status)
    }
    expect((await rawRequest({ port, method: 'POST', path: '/index.html', body: 'x' })).status).toBe(404)
  })

  it('answers a malformed percent-encoding with a 4xx, not a server fault', async () => {
    const page = await rawRequest({ port, path: '/%E0%A4%A' })
    expect(page.status).toBeGreaterThanOrEqual(400)
    expect(page.status).toBeLessThan(500)
    const api = await rawRequest({ port, method: 'POST', path: '/api/%E0%A4%A', headers: { 'X-Bridge-Token': TOKEN }, body: '[]' })
    expect(api.status).toBeGreaterThanOrEqual(400)
    expect(api.status).toBeLessThan(500)
  })
})
