import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { API_METHODS, type CallResult } from '../../main/contract/app-api'
import type { DispatchRequest } from '../../main/dispatcher'
import { ipcChannelOf, registerIpc, type IpcMainLike } from '../../main/ipc/register-ipc'
import { isAppUrl } from '../../main/main-window'
import { openTestCore, type TestCore } from '../support/test-core'

type Listener = Parameters<IpcMainLike['handle']>[1]

/** Electron's ipcMain as far as registerIpc uses it. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>()
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  invoke(channel: string, senderUrl: string | null, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, payload)
  }
}

const APP_URL = 'file:///opt/RenoDesk/resources/app.asar/out/renderer/index.html'
const trusted = (url: string): boolean => isAppUrl(url, APP_URL)

describe('registerIpc', () => {
  it('registers exactly one handler per API method, and removes them all again', () => {
    const ipc = new FakeIpcMain()
    const unregister = registerIpc(ipc, async () => ({ ok: true, value: null }), trusted)
    expect([...ipc.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => ipcChannelOf(m.name)).sort())
    expect(ipc.handlers.size).toBe(API_METHODS.length)
    unregister()
    expect(ipc.handlers.size).toBe(0)
  })

  it('passes the method, the args and the session through, and refuses untrusted frames before dispatching', async () => {
    const ipc = new FakeIpcMain()
    const seen: DispatchRequest[] = []
    registerIpc(ipc, async (request) => {
      seen.push(request)
      return { ok: true, value: 'dispatched' }
    }, trusted)

    const answer = await ipc.invoke('api:customers.get', APP_URL, { args: [{ id: 7 }], session: 'tok-1' })
    expect(answer).toEqual({ ok: true, value: 'dispatched' })
    expect(seen).toEqual([{ method: 'customers.get', args: [{ id: 7 }], session: 'tok-1' }])

    // a non-string session is no session; a missing payload still reaches the dispatcher (which refuses it)
    await ipc.invoke('api:auth.me', APP_URL, { args: [], session: 42 })
    await ipc.invoke('api:auth.status', APP_URL, undefined)
    expect(seen.slice(1)).toEqual([
      { method: 'auth.me', args: [], session: null },
      { method: 'auth.status', args: undefined, session: null },
    ])

    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'devtools://devtools/bundled/inspector.html', 'not a url', null]) {
      const refused = (await ipc.invoke('api:customers.get', url, { args: [{ id: 7 }], session: 'tok-1' })) as CallResult
      expect(refused, String(url)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } })
    }
    expect(seen).toHaveLength(3)
  })

  it('trusts only the dev server origin when the app runs from it', () => {
    const dev = 'http://localhost:5173/'
    expect(isAppUrl('http://localhost:5173/#/customers', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false)
    expect(isAppUrl(`${APP_URL}#/reception`, APP_URL)).toBe(true)
    expect(isAppUrl('file:///opt/RenoDesk/other.html', APP_URL)).toBe(false)
  })
})

describe('IPC into a real core', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore()
  })
  afterEach(() => t.close())

  it('logs in and calls with the session, exactly as the preload does', async () => {
    const ipc = new FakeIpcMain()
    registerIpc(ipc, t.core.dispatch, trusted)
    const setup = (await ipc.invoke('api:auth.setupAdmin', APP_URL, { args: [{ username: 'admin', displayName: '管理员', password: 'a-long-password' }], session: null })) as CallResult
    expect(setup.ok).toBe(true)
    const token = (setup as { value: { token: string } }).value.token
    expect(await ipc.invoke('api:auth.me', APP_URL, { args: [], session: token })).toMatchObject({ ok: true, value: { username: 'admin', role: 'admin' } })
    expect(await ipc.invoke('api:auth.me', APP_URL, { args: [], session: 'forged' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await ipc.invoke('api:staff.list', APP_URL, { args: 'oops', session: token })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })
})
