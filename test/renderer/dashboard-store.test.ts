import { describe, expect, it } from 'vitest'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import { createApiClient } from '@contract/app-api'
import { AppError } from '@contract/errors'
import { API_KEY, createRendererApi } from '@renderer/api-context'
import { customRangeProblem, periodRange, useDashboardStore } from '@renderer/stores/dashboard.store'
import { clearSessionData } from '@renderer/stores/session-reset'
import { createFakeTransport, type FakeHandler } from './support/fake-transport'
import { settings } from './support/fixtures'
import { busyOverview } from './support/dashboard-fixtures'

function storeWith(handlers: Record<string, FakeHandler>) {
  const fake = createFakeTransport(handlers)
  const pinia = createPinia()
  // the store finds the API the way screens do: provided on the app
  const app = createApp({ render: () => null })
  app.provide(API_KEY, createRendererApi(createApiClient(fake.transport)))
  app.use(pinia)
  const store = app.runWithContext(() => useDashboardStore(pinia))
  return { store, fake, pinia }
}

describe('the period picker (pure)', () => {
  it('covers today, the Monday-to-Sunday week and the calendar month of a company date', () => {
    // 2025-03-05 is a Wednesday
    expect(periodRange('today', '2025-03-05', null)).toEqual({ from: '2025-03-05', to: '2025-03-05' })
    expect(periodRange('week', '2025-03-05', null)).toEqual({ from: '2025-03-03', to: '2025-03-09' })
    expect(periodRange('week', '2025-03-09', null)).toEqual({ from: '2025-03-03', to: '2025-03-09' })
    expect(periodRange('month', '2024-02-10', null)).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(periodRange('custom', '2025-03-05', { from: '2025-01-01', to: '2025-01-15' })).toEqual({ from: '2025-01-01', to: '2025-01-15' })
    expect(periodRange('custom', '2025-03-05', null)).toEqual({ from: '2025-03-05', to: '2025-03-05' })
  })

  it('refuses a backwards range or one longer than the contract allows', () => {
    expect(customRangeProblem({ from: '2025-03-05', to: '2025-03-01' })).toBe('order')
    expect(customRangeProblem({ from: '2024-01-01', to: '2024-12-31' })).toBeNull() // 366 days
    expect(customRangeProblem({ from: '2024-01-01', to: '2025-01-01' })).toBe('tooLong')
  })
})

describe('the dashboard store', () => {
  it('keeps the last good overview when a reload fails, and says why', async () => {
    const { store, fake } = storeWith({
      'settings.get': () => settings,
      'dashboard.overview': (_input, index) => {
        if (index === 1) throw new AppError('INTERNAL', '数据库繁忙')
        return busyOverview()
      },
    })
    await store.load()
    expect(store.overview?.kpis.walkIns).toBe(42)
    expect(store.fetchedAt).not.toBeNull()
    await store.load()
    expect(store.error).toBe('数据库繁忙')
    expect(store.overview?.kpis.walkIns).toBe(42)
    await store.load()
    expect(store.error).toBeNull()
    expect(fake.callsOf('dashboard.overview')).toHaveLength(3)
  })

  it('asks for a picked range and does not ask for one the contract would refuse', async () => {
    const { store, fake } = storeWith({ 'dashboard.overview': () => busyOverview() })
    expect(store.chooseRange({ from: '2025-03-10', to: '2025-03-01' })).toBe('order')
    expect(fake.callsOf('dashboard.overview')).toHaveLength(0)
    await store.chooseRange({ from: '2025-02-01', to: '2025-02-14' })
    expect(store.kind).toBe('custom')
    expect(fake.callsOf('dashboard.overview')[0].input).toEqual({ from: '2025-02-01', to: '2025-02-14' })
  })

  it('is forgotten at logout', async () => {
    const { store, pinia } = storeWith({ 'dashboard.overview': () => busyOverview() })
    await store.chooseRange({ from: '2025-02-01', to: '2025-02-14' })
    expect(store.overview).not.toBeNull()
    clearSessionData(pinia)
    expect(store.overview).toBeNull()
    expect(store.kind).toBe('today')
    expect(store.custom).toBeNull()
  })
})
