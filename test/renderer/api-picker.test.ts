import { describe, expect, it, vi } from 'vitest'
import { createApiClient } from '@contract/app-api'
import { BRIDGE_TOKEN_STORAGE_KEY, CONNECTION_MISSING_MESSAGE, ConnectionMissingError, pickApiClient } from '@renderer/api'
import { renderFatalError } from '@renderer/boot/connection-error'
import { createFakeTransport } from './support/fake-transport'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value), data }
}

function okFetch() {
  return vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { needsSetup: false, companyName: '测试装饰' } }), { status: 200 }))
}

describe('pickApiClient', () => {
  it('uses the client the Electron preload exposed', () => {
    const preload = createApiClient(createFakeTransport().transport)
    expect(pickApiClient({ windowApi: preload, search: '?token=ignored', storage: memoryStorage() })).toBe(preload)
  })

  it('fails loudly when there is neither a preload client nor a bridge token', () => {
    expect(() => pickApiClient({ windowApi: undefined, search: '', storage: memoryStorage() })).toThrow(ConnectionMissingError)
    expect(() => pickApiClient({ windowApi: { api: {} }, search: '?other=1', storage: memoryStorage() })).toThrow(CONNECTION_MISSING_MESSAGE)
  })

  it('builds the HTTP client from ?token= and sends it as X-Bridge-Token', async () => {
    const fetch = okFetch()
    const storage = memoryStorage()
    const client = pickApiClient({ windowApi: undefined, search: '?token=abc123', storage, fetch })
    await expect(client.api.auth.status({})).resolves.toEqual({ needsSetup: false, companyName: '测试装饰' })
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/auth.status')
    expect((init.headers as Record<string, string>)['X-Bridge-Token']).toBe('abc123')
    expect(JSON.parse(String(init.body))).toEqual([{}])
    expect(storage.data.get(BRIDGE_TOKEN_STORAGE_KEY)).toBe('abc123')
  })

  it('keeps working after a reload that lost the query, from the remembered token', async () => {
    const fetch = okFetch()
    const client = pickApiClient({ windowApi: undefined, search: '', storage: memoryStorage({ [BRIDGE_TOKEN_STORAGE_KEY]: 'kept' }), fetch })
    await client.api.auth.status({})
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect((init.headers as Record<string, string>)['X-Bridge-Token']).toBe('kept')
  })
})

describe('renderFatalError', () => {
  it('replaces the page with a readable Chinese error', () => {
    const root = document.createElement('div')
    root.innerHTML = '<p>loading</p>'
    renderFatalError(root, CONNECTION_MISSING_MESSAGE)
    const box = root.querySelector('[data-test="fatal-error"]')
    expect(box?.getAttribute('role')).toBe('alert')
    expect(box?.textContent).toContain('未找到与核心服务的连接')
    expect(root.textContent).not.toContain('loading')
  })
})
