import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import type { RouteRecordRaw } from 'vue-router'
import { AppError } from '@contract/errors'
import type { DashboardOverview } from '@contract/dashboard.contract'
import DashboardView from '@renderer/views/dashboard/dashboard-view.vue'
import DashboardChart from '@renderer/views/dashboard/dashboard-chart.vue'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'
import { busyOverview, emptyOverview } from './support/dashboard-fixtures'
import type { FakeHandler } from './support/fake-transport'

const Stub = { render: () => h('div') }
const routes: RouteRecordRaw[] = [
  { path: '/dashboard', component: Stub },
  { path: '/:any(.*)*', component: Stub },
]

function mountDashboard(overview: FakeHandler = () => busyOverview()) {
  return mountScreen(DashboardView, { handlers: { 'settings.get': () => settings, 'dashboard.overview': overview }, routes, initialPath: '/dashboard' })
}

/** 2025-03-04 00:30 in Shanghai, still the 3rd in UTC (the tests' machine zone). */
const NIGHT = new Date('2025-03-03T16:30:00Z')

afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('仪表盘', () => {
  it('asks for today in the company time zone and shows every card with the previous period beside it', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NIGHT })
    const { wrapper, fake } = await mountDashboard()
    expect(fake.callsOf('dashboard.overview')[0].input).toEqual({ from: '2025-03-04', to: '2025-03-04' })

    const card = (key: string) => wrapper.get(`[data-test="kpi-${key}"]`)
    expect(wrapper.findAll('[data-test^="kpi-"][type="button"]')).toHaveLength(16)
    expect(card('walkIns').text()).toContain('到店接待')
    expect(card('walkIns').get('[data-test="kpi-value"]').text()).toBe('42')
    expect(card('walkIns').text()).toContain('上期 40')
    expect(card('walkIns').get('[data-test="kpi-change"]').text()).toContain('5.0%')
    expect(card('answerRate').get('[data-test="kpi-value"]').text()).toBe('95.0%')
    expect(card('answerRate').get('[data-test="kpi-change"]').text()).toContain('5.0 个百分点')
    expect(card('avgHandleSec').get('[data-test="kpi-value"]').text()).toBe('02:34')
    expect(card('conversion').text()).toContain('定金率 20.0%')
    expect(card('satisfaction').text()).toContain('平均分 4.52')
    // fewer missed calls is the good direction
    expect(card('callsMissed').get('[data-test="kpi-change"]').classes()).toContain('good')
    expect(card('newCustomers').find('[data-test="kpi-change"]').exists()).toBe(false)
    expect(card('contracts').get('[data-test="kpi-change"]').text()).toBe('持平')

    expect(wrapper.get('[data-test="dashboard-period"]').text()).toBe('2025-03-01 至 2025-03-31')
    expect(wrapper.get('[data-test="dashboard-previous"]').text()).toBe('对比 2025-02-01 至 2025-02-28')
    expect(wrapper.get('[data-test="dashboard-updated"]').text()).toMatch(/^更新于 \d{2}:\d{2}:\d{2}$/)
    expect(wrapper.findAll('[data-test="agent-row"]').map((r) => r.text())).toEqual(['王客服', '赵客服'])
    await vi.waitFor(() => expect(wrapper.find('[data-test="chart-heatmap"]').exists()).toBe(true), { timeout: 10_000 })
    expect(wrapper.find('[data-test="chart-heatmap-empty"]').exists()).toBe(false)
  })

  it('says so per chart when the period is empty, and shows rates without a base as "—"', async () => {
    const { wrapper } = await mountDashboard(() => emptyOverview())
    expect(wrapper.get('[data-test="kpi-answerRate"] [data-test="kpi-value"]').text()).toBe('—')
    expect(wrapper.get('[data-test="kpi-satisfaction"] [data-test="kpi-value"]').text()).toBe('—')
    await vi.waitFor(() => expect(wrapper.find('[data-test="chart-designers"]').exists()).toBe(true), { timeout: 10_000 })
    const empties = {
      'calls-per-day': '本期没有通话',
      heatmap: '本期没有呼入电话',
      funnel: '本期没有咨询、到店、量房、定金或签约',
      'walk-ins-by-source': '本期没有客户到店',
      complaints: '本期没有新的投诉',
      'on-time': '本期没有解决的投诉或维修',
      satisfaction: '本期没有回访评价',
      designers: '本期没有设计师谈单、交定或签约',
    }
    for (const [name, text] of Object.entries(empties)) {
      expect(wrapper.get(`[data-test="chart-${name}-empty"]`).text()).toContain(text)
      expect(wrapper.find(`[data-test="chart-${name}-canvas"]`).exists()).toBe(false)
    }
    expect(wrapper.get('[data-test="agent-table"]').text()).toContain('本期没有客服接打电话或完成回访')
  })

  it('opens the counted rows: a card, an agent row and a chart click each lead to the filtered list', async () => {
    const { wrapper, router } = await mountDashboard()
    await wrapper.get('[data-test="kpi-newCustomers"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/customers?createdFrom=2025-03-01&createdTo=2025-03-31')

    await router.push('/dashboard')
    await wrapper.get('[data-test="kpi-callsMissed"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/call-log?from=2025-03-01&to=2025-03-31&direction=in&missed=true')

    await router.push('/dashboard')
    await wrapper.findAll('[data-test="agent-row"]')[1].trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/call-log?agent=6&from=2025-03-01&to=2025-03-31')

    // the chart says which cell was clicked; the view turns it into the list's URL
    await router.push('/dashboard')
    await vi.waitFor(() => expect(wrapper.findAllComponents(DashboardChart)).toHaveLength(8), { timeout: 10_000 })
    const chart = (name: string) => wrapper.findAllComponents(DashboardChart).find((c) => c.props('name') === name)!
    chart('heatmap').vm.$emit('pick', { componentType: 'series', seriesIndex: 0, dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/call-log?from=2025-03-01&to=2025-03-31&direction=in&weekday=1&hour=9')

    await router.push('/dashboard')
    chart('complaints').vm.$emit('pick', { componentType: 'series', seriesIndex: 1, dataIndex: 0 })
    await flushPromises()
    expect(decodeURIComponent(router.currentRoute.value.fullPath)).toBe('/tickets?scope=all&kind=complaint&category=工程质量&severity=严重&from=2025-03-01&to=2025-03-31')

    await router.push('/dashboard')
    chart('designers').vm.$emit('pick', { componentType: 'series', seriesIndex: 0, dataIndex: 0 })
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/deposits?designer=11&status=all&paidFrom=2025-03-01&paidTo=2025-03-31')
  })

  it('asks for the week or the month picked, Monday to Sunday and the calendar month', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NIGHT })
    const { wrapper, fake } = await mountDashboard()
    await wrapper.get('[data-test="period-week"] input').setValue(true)
    await flushPromises()
    await wrapper.get('[data-test="period-month"] input').setValue(true)
    await flushPromises()
    expect(fake.callsOf('dashboard.overview').map((c) => c.input)).toEqual([
      { from: '2025-03-04', to: '2025-03-04' },
      { from: '2025-03-03', to: '2025-03-09' },
      { from: '2025-03-01', to: '2025-03-31' },
    ])
    // 自定义 asks for nothing until a range is picked
    await wrapper.get('[data-test="period-custom"] input').setValue(true)
    await flushPromises()
    expect(wrapper.find('[data-test="period-range"]').exists()).toBe(true)
    expect(fake.callsOf('dashboard.overview')).toHaveLength(3)
  })

  it('states the definitions in force, the comparison period and the time zone', async () => {
    const walkInsOnly: DashboardOverview = { ...busyOverview(), definitions: { consultationCountsMeasures: false, timeZone: 'Asia/Shanghai' } }
    const { wrapper } = await mountDashboard(() => walkInsOnly)
    await wrapper.get('[data-test="definitions-toggle"]').trigger('click')
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="definitions"]')).not.toBeNull())
    const text = document.body.querySelector('[data-test="definitions"]')!.textContent ?? ''
    expect(text).toContain('达成率 = 签约数 ÷ 谈单量；定金率 = 定金数 ÷ 谈单量')
    expect(text).toContain('谈单量 = 到店接待（系统设置为不计量房预约）')
    expect(text).toContain('Asia/Shanghai')
    expect(text).toContain('每周为周一至周日')
    expect(text).toContain('对比期：2025-02-01 至 2025-02-28')
  })

  it('keeps the last numbers when a reload fails and says so', async () => {
    const { wrapper } = await mountDashboard((_input, index) => {
      if (index === 1) throw new AppError('INTERNAL', '数据库繁忙')
      return busyOverview()
    })
    await wrapper.get('[data-test="dashboard-refresh"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-test="dashboard-error"]').text()).toContain('仪表盘加载失败：数据库繁忙')
    expect(wrapper.get('[data-test="kpi-walkIns"] [data-test="kpi-value"]').text()).toBe('42')
  })

  it('reloads on pushed changes at most once per 10 seconds, ignoring areas it does not show', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    const { wrapper, fake } = await mountDashboard()
    expect(fake.callsOf('dashboard.overview')).toHaveLength(1)
    for (const area of ['calls', 'visits', 'tickets']) fake.emit({ type: 'dataChanged', area, id: 1 })
    await flushPromises()
    expect(fake.callsOf('dashboard.overview')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(fake.callsOf('dashboard.overview')).toHaveLength(2)

    fake.emit({ type: 'dataChanged', area: 'templates', id: 1 })
    await vi.advanceTimersByTimeAsync(20_000)
    expect(fake.callsOf('dashboard.overview')).toHaveLength(2)

    wrapper.unmount()
    expect(fake.listenerCount).toBe(0)
  })
})
