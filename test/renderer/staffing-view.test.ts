import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { useBrowserElementToString } from './support/project-fixtures'
import { mountReportsAs, staffingCell, staffingPlan } from './support/report-fixtures'

beforeAll(useBrowserElementToString)

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

const plan = (weeks = 8) =>
  staffingPlan(
    [
      staffingCell(1, 9, { callsPerHour: 10, handleSec: 180, agentsNeeded: 2, serviceLevel: 0.85, loggedIn: 2 }),
      staffingCell(1, 10, { callsPerHour: 18, handleSec: 200, agentsNeeded: 3, serviceLevel: 0.81, loggedIn: 2.4 }),
      staffingCell(1, 11, { callsPerHour: 12, handleSec: 190, agentsNeeded: 3, serviceLevel: 0.9, loggedIn: 4 }),
      staffingCell(6, 10, { callsPerHour: 30, handleSec: 200, agentsNeeded: 5, serviceLevel: 0.82, loggedIn: 1 }),
    ],
    { weeks, from: weeks === 8 ? '2026-10-05' : '2026-11-02' },
  )

describe('排班测算', () => {
  it('states the target, and marks the hours with fewer agents logged in than needed', async () => {
    const { wrapper, fake } = await mountReportsAs('shiftLead', '/staffing', { 'dashboard.staffing': () => plan() })
    // the settings' number of weeks: the core decides
    expect(fake.callsOf('dashboard.staffing').map((c) => c.input)).toEqual([{}])
    expect(wrapper.get('[data-test="staffing-target"]').text()).toBe('服务水平目标：80% 的来电在 20 秒内接通')
    expect(wrapper.get('[data-test="staffing-span"]').text()).toBe('参考 2026-10-05 至 2026-11-29，共 8 周')
    expect((wrapper.get('[data-test="staffing-weeks"] input').element as HTMLInputElement).value).toBe('8')

    const grid = wrapper.get('[data-test="staffing-grid"]')
    expect(grid.findAll('thead th.hour').map((th) => th.text())).toEqual(['09', '10', '11'])
    expect(grid.findAll('tbody tr')).toHaveLength(7)
    const cell = (weekday: number, hour: number) => wrapper.get(`[data-test="staffing-cell-${weekday}-${hour}"]`)
    expect(cell(1, 9).text()).toBe('2/2')
    expect(cell(1, 9).classes()).not.toContain('short')
    expect(cell(1, 10).text()).toBe('3/2.4')
    expect(cell(1, 10).classes()).toContain('short')
    expect(cell(1, 10).attributes('title')).toBe('周一 10:00：来电 18 通/小时，需要 3 人，在线 2.4 人')
    expect(cell(1, 11).classes()).not.toContain('short')
    expect(cell(6, 10).text()).toBe('5/1')
    expect(cell(6, 10).classes()).toContain('short')
    expect(cell(3, 10).text()).toBe('0/0')
    expect(wrapper.findAll('td.short')).toHaveLength(2)
    expect(wrapper.get('[data-test="staffing-short-count"]').text()).toBe('2 个时段在线坐席不足')
  })

  it('opens the chart on the busiest weekday and switches day from the grid', async () => {
    const { wrapper } = await mountReportsAs('shiftLead', '/staffing', { 'dashboard.staffing': () => plan() })
    const chartTitle = () => wrapper.findAll('.rd-panel-title').at(-1)!.text()
    expect(chartTitle()).toBe('周一各时段')
    expect(wrapper.get('[data-test="staffing-chart"]').attributes('aria-label')).toBe('周一：09:00 需要坐席 2 / 实际在线 2，10:00 需要坐席 3 / 实际在线 2.4，11:00 需要坐席 3 / 实际在线 4')
    await wrapper.get('[data-test="staffing-day-6"]').trigger('click')
    expect(chartTitle()).toBe('周六各时段')
    expect(wrapper.get('[data-test="staffing-chart"]').attributes('aria-label')).toBe('周六：10:00 需要坐席 5 / 实际在线 1')
  })

  it('looks at another number of weeks when asked', async () => {
    const { wrapper, fake } = await mountReportsAs('manager', '/staffing', { 'dashboard.staffing': (input) => plan((input.weeks as number | undefined) ?? 8) })
    const input = wrapper.get('[data-test="staffing-weeks"] input')
    ;(input.element as HTMLInputElement).value = '4'
    await input.trigger('input')
    await input.trigger('change')
    await flushPromises()
    expect(fake.callsOf('dashboard.staffing').map((c) => c.input)).toEqual([{}, { weeks: 4 }])
    expect(wrapper.get('[data-test="staffing-span"]').text()).toBe('参考 2026-11-02 至 2026-11-29，共 4 周')
  })

  it('says when there were no calls, and shows a refusal', async () => {
    const quiet = await mountReportsAs('shiftLead', '/staffing', { 'dashboard.staffing': () => staffingPlan([]) })
    expect(quiet.wrapper.get('[data-test="staffing-empty"]').text()).toBe('参考周内没有来电')
    expect(quiet.wrapper.findAll('td.short')).toHaveLength(0)
    quiet.wrapper.unmount()
    document.body.innerHTML = ''

    await mountReportsAs('shiftLead', '/staffing', {
      'dashboard.staffing': () => {
        throw new AppError('FORBIDDEN', '没有权限查看排班测算')
      },
    })
    expect(document.body.textContent).toContain('没有权限查看排班测算')
  })
})
