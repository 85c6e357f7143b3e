import { describe, expect, it, vi } from 'vitest'
import type { ApiClient } from '@contract/app-api'
import { createApiClient } from '@contract/app-api'
import { AppError } from '@contract/errors'
import { createRendererApi } from '@renderer/api-context'
import { toAppError } from '@renderer/errors'
import { createFakeTransport } from './support/fake-transport'

describe('createRendererApi', () => {
  it('passes calls and the session through to the core', async () => {
    const fake = createFakeTransport({ 'auth.me': () => ({ id: 1 }) })
    const api = createRendererApi(createApiClient(fake.transport))
    api.setSession('s-1')
    await api.api.auth.me({})
    expect(fake.calls).toEqual([{ method: 'auth.me', input: {}, session: 's-1' }])
  })

  it('tells the app once the server no longer knows the session', async () => {
    const fake = createFakeTransport({
      'customers.search': () => {
        throw new AppError('UNAUTHENTICATED', '登录已过期，请重新登录')
      },
    })
    const onUnauthenticated = vi.fn()
    const api = createRendererApi(createApiClient(fake.transport), { onUnauthenticated })
    await expect(api.api.customers.search({})).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('turns whatever crossed the context bridge into an AppError, never a stack', async () => {
    // Electron's context bridge drops an Error's own properties; a plain shape survives
    const bridged = {
      api: { auth: { me: () => Promise.reject({ code: 'FORBIDDEN', message: '没有权限', fields: { x: 'y' } }), logout: () => Promise.reject(new Error('at foo (file.js:1)')) } },
      setSession: () => undefined,
      onEvent: () => () => undefined,
    } as unknown as ApiClient
    const api = createRendererApi(bridged)
    const forbidden = await api.api.auth.me({}).catch((e: unknown) => e)
    expect(forbidden).toBeInstanceOf(AppError)
    expect(forbidden).toMatchObject({ code: 'FORBIDDEN', message: '没有权限', fields: { x: 'y' } })
    await expect(api.api.auth.logout({})).rejects.toMatchObject({ code: 'INTERNAL', message: '系统错误，请稍后重试' })
  })

  it('shares one event subscription among all screens and drops it when the last leaves', () => {
    const fake = createFakeTransport()
    const api = createRendererApi(createApiClient(fake.transport))
    const a = vi.fn()
    const b = vi.fn()
    const stopA = api.onEvent(a)
    const stopB = api.onEvent(b)
    fake.emit({ type: 'dataChanged', area: 'visits' })
    expect(fake.subscriptions).toBe(1)
    expect(a).toHaveBeenCalledWith({ type: 'dataChanged', area: 'visits' })
    expect(b).toHaveBeenCalledTimes(1)
    stopA()
    fake.emit({ type: 'dataChanged', area: 'customers' })
    expect(a).toHaveBeenCalledTimes(1)
    expect(b).toHaveBeenCalledTimes(2)
    stopB()
    expect(fake.listenerCount).toBe(0)
  })
})

describe('toAppError', () => {
  it('keeps an AppError as it is', () => {
    const error = new AppError('CONFLICT', '已被他人修改')
    expect(toAppError(error)).toBe(error)
  })
})
