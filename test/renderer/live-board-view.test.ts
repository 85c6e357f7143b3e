import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { RouteRecordRaw } from 'vue-router'
import type { LiveBoard } from '@contract/calls.contract'
import LiveBoardView from '@renderer/views/board/live-board-view.vue'
import { createThrottledRefresh } from '@renderer/views/board/throttled-refresh'
import { mountScreen, sleep } from './support/mount-helpers'
import { settings } from './support/fixtures'

function board(overrides: Partial<LiveBoard> = {}): LiveBoard {
  return {
    date: '2025-03-01',
    inProgress: [
      { id: 31, direction: 'in', status: 'talking', display: '138 0013 8000', customer: { id: 40, name: '张三' }, agent: { id: 5, name: '王客服' }, extension: '8001', since: new Date(Date.now() - 65_000).toISOString() },
      { id: 32, direction: 'in', status: 'ringing', display: '021 6234 5678', customer: null, agent: null, extension: null, since: new Date(Date.now() - 3_000).toISOString() },
    ],
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, inbound: hour === 9 ? 12 : 0, outbound: hour === 9 ? 3 : 0, missed: hour === 9 ? 2 : 0, abandoned: hour === 9 ? 1 : 0 })),
    totals: { inbound: 12, outbound: 3, answered: 11, missed: 2, abandoned: 1, answerRate: 0.8181, avgHandleSec: 154 },
    agents: [
      { agent: { id: 5, name: '王客服' }, extension: '8001', calls: 9, answered: 8, avgHandleSec: 170, onCall: true },
      { agent: { id: 6, name: '赵客服' }, extension: '8002', calls: 6, answered: 5, avgHandleSec: null, onCall: false },
    ],
    ...overrides,
  }
}

const handlers = { 'settings.get': () => settings, 'calls.liveBoard': () => board() }
const Stub = { render: () => h('div') }
/** customers are linked from the board by route name */
const routes: RouteRecordRaw[] = [
  { path: '/board', component: Stub },
  { path: '/customers/:id', name: 'customer-detail', component: Stub },
]

afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('实时看板', () => {
  it('shows today in cards, the calls on the line and the agents', async () => {
    const { wrapper } = await mountScreen(LiveBoardView, { handlers, routes, initialPath: '/board' })
    const card = (name: string) => wrapper.get(`[data-test="board-card-${name}"]`).text()
    expect(card('inbound')).toContain('12')
    expect(card('missed')).toContain('2')
    expect(card('answer-rate')).toContain('81.8%')
    expect(card('avg-handle')).toContain('02:34')
    expect(wrapper.findAll('[data-test="board-live-row"]').map((r) => r.text())).toEqual(['通话中', '振铃中'])
    expect(wrapper.text()).toContain('未分配')
    expect(wrapper.findAll('[data-test="board-agent-row"]').map((r) => r.text())).toEqual(['王客服', '赵客服'])
    // the chart comes in its own chunk, after the numbers
    await vi.waitFor(() => expect(wrapper.find('[data-test="board-hour-chart"]').exists()).toBe(true), { timeout: 10_000 })
  })

  it('ticks the elapsed time every second without asking the core', async () => {
    const { wrapper, fake } = await mountScreen(LiveBoardView, { handlers, routes, initialPath: '/board' })
    const elapsed = () => wrapper.findAll('[data-test="board-live-elapsed"]')[0].text()
    const before = elapsed()
    // the view's clock was read a moment before the core answered
    expect(before).toMatch(/^01:0[4-6]$/)
    await sleep(1100)
    expect(elapsed()).not.toBe(before)
    expect(fake.callsOf('calls.liveBoard')).toHaveLength(1)
  })

  it('fetches again on pushed call events, at most once a second, and ignores other areas', async () => {
    const { fake } = await mountScreen(LiveBoardView, { handlers, routes, initialPath: '/board' })
    expect(fake.callsOf('calls.liveBoard')).toHaveLength(1)
    for (const phase of ['ringing', 'answered', 'ended'] as const) fake.emit({ type: 'call', phase, callId: 31, staffId: 5, direction: 'in' })
    fake.emit({ type: 'dataChanged', area: 'calls', id: 31 })
    await flushPromises()
    // the burst came within a second of the first fetch: one more fetch, after the second is up
    expect(fake.callsOf('calls.liveBoard')).toHaveLength(1)
    await sleep(1100)
    await flushPromises()
    expect(fake.callsOf('calls.liveBoard')).toHaveLength(2)

    fake.emit({ type: 'dataChanged', area: 'customers', id: 1 })
    await sleep(1100)
    expect(fake.callsOf('calls.liveBoard')).toHaveLength(2)
  })

  it('says so when nothing is happening', async () => {
    const quiet = board({ inProgress: [], agents: [], totals: { inbound: 0, outbound: 0, answered: 0, missed: 0, abandoned: 0, answerRate: null, avgHandleSec: null } })
    const { wrapper } = await mountScreen(LiveBoardView, { handlers: { ...handlers, 'calls.liveBoard': () => quiet }, routes, initialPath: '/board' })
    expect(wrapper.text()).toContain('当前没有进行中的通话')
    expect(wrapper.text()).toContain('今天还没有客服接打电话')
    expect(wrapper.get('[data-test="board-card-answer-rate"]').text()).toContain('—')
  })

  it('stops listening when the board is left', async () => {
    const { wrapper, fake } = await mountScreen(LiveBoardView, { handlers, routes, initialPath: '/board' })
    expect(fake.listenerCount).toBe(1)
    wrapper.unmount()
    expect(fake.listenerCount).toBe(0)
  })
})

describe('createThrottledRefresh', () => {
  it('runs at once, then once more after the interval however many asked in between', async () => {
    vi.useFakeTimers()
    let runs = 0
    const refresh = createThrottledRefresh(async () => void runs++, 1000)
    refresh.request()
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(10)
    for (let i = 0; i < 5; i++) refresh.request()
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(995)
    expect(runs).toBe(2)
    await vi.advanceTimersByTimeAsync(5000)
    expect(runs).toBe(2)
    refresh.request()
    expect(runs).toBe(3)
  })

  it('asks again after a slow fetch that an event overtook, and never after stop', async () => {
    vi.useFakeTimers()
    let runs = 0
    let finish: () => void = () => undefined
    const refresh = createThrottledRefresh(() => new Promise<void>((resolve) => ((runs++), (finish = resolve))), 1000)
    refresh.request()
    await vi.advanceTimersByTimeAsync(1500)
    refresh.request() // while the first is still on its way
    expect(runs).toBe(1)
    finish()
    await vi.advanceTimersByTimeAsync(0)
    expect(runs).toBe(2)
    refresh.request()
    refresh.stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(runs).toBe(2)
  })
})
