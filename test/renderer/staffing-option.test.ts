import { describe, expect, it } from 'vitest'
import { STAFFING_COLORS, staffingOption, type StaffingChartLabels, type StaffingHour } from '@renderer/charts/staffing.option'
import { busiestWeekday, formatAverage, staffingGrid } from '@renderer/views/staffing/staffing-grid'
import { staffingCell } from './support/report-fixtures'

const labels: StaffingChartLabels = {
  series: { needed: '需要坐席', loggedIn: '实际在线', calls: '来电（通/小时）' },
  empty: '这一天没有来电',
  agents: (n) => `${n} 人`,
  calls: (n) => `${n} 通`,
}

const hour = (h: number, overrides: Partial<StaffingHour> = {}): StaffingHour => ({ hour: h, calls: 0, needed: 0, loggedIn: 0, short: false, ...overrides })

type Bar = { id: string; name: string; type: string; yAxisIndex?: number; data: (number | { value: number; itemStyle: { color: string } })[] }
const seriesOf = (option: ReturnType<typeof staffingOption>) => option.series as Bar[]
const emptyText = (option: ReturnType<typeof staffingOption>) => (option.graphic as { invisible: boolean }[])[0]

describe('staffing chart (pure option builder)', () => {
  it('draws needed and logged-in agents as bars, the logged-in bar red where short, and calls as a line on its own axis', () => {
    const option = staffingOption({
      hours: [hour(9, { calls: 12.25, needed: 3, loggedIn: 3 }), hour(10, { calls: 20, needed: 4, loggedIn: 2.6667, short: true }), hour(11)],
      labels,
    })
    const series = seriesOf(option)
    expect(series.map((s) => [s.id, s.name, s.type, s.yAxisIndex ?? 0])).toEqual([
      ['needed', '需要坐席', 'bar', 0],
      ['loggedIn', '实际在线', 'bar', 0],
      ['calls', '来电（通/小时）', 'line', 1],
    ])
    expect((option.xAxis as { data: string[] }).data).toEqual(['09:00', '10:00', '11:00'])
    expect(series[0].data).toEqual([3, 4, 0])
    // averages keep one decimal
    expect(series[1].data).toEqual([
      { value: 3, itemStyle: { color: STAFFING_COLORS.loggedIn } },
      { value: 2.7, itemStyle: { color: STAFFING_COLORS.short } },
      { value: 0, itemStyle: { color: STAFFING_COLORS.loggedIn } },
    ])
    expect(series[2].data).toEqual([12.3, 20, 0])
    expect((option.legend as { data: string[] }).data).toEqual(['需要坐席', '实际在线', '来电（通/小时）'])
    expect(option.yAxis).toHaveLength(2)
    expect(emptyText(option).invisible).toBe(true)
  })

  it('says so on a day without calls, keeping the same shape so a merge hides the text again', () => {
    const option = staffingOption({ hours: [hour(9), hour(10)], labels })
    expect(emptyText(option).invisible).toBe(false)
    expect(seriesOf(option).map((s) => s.id)).toEqual(['needed', 'loggedIn', 'calls'])
  })

  it('describes an hour in its tooltip', () => {
    const option = staffingOption({ hours: [hour(10, { calls: 20, needed: 4, loggedIn: 2.5, short: true })], labels })
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter
    const text = formatter([{ dataIndex: 0 }]).replace(/<[^>]+>/g, '')
    expect(text).toBe('10:00–11:00需要坐席 4 人实际在线 2.5 人来电（通/小时） 20 通')
  })
})

describe('staffing grid', () => {
  it('covers the working hours of the whole week and marks the hours with fewer agents logged in than needed', () => {
    const grid = staffingGrid([
      staffingCell(1, 9, { callsPerHour: 10, agentsNeeded: 2, loggedIn: 2, serviceLevel: 0.85 }),
      staffingCell(1, 10, { callsPerHour: 18, agentsNeeded: 3, loggedIn: 2.4, serviceLevel: 0.81 }),
      staffingCell(3, 17, { callsPerHour: 0, agentsNeeded: 0, loggedIn: 1 }),
      staffingCell(5, 3, { callsPerHour: 0, agentsNeeded: 0, loggedIn: 0 }),
    ])
    // the quiet night hour stays out; an hour someone was logged in counts as working
    expect(grid.hours).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17])
    expect(grid.rows.map((row) => row.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(grid.rows.every((row) => row.slots.length === 9)).toBe(true)
    expect(grid.rows[0].slots[1]).toEqual({ weekday: 1, hour: 10, calls: 18, needed: 3, loggedIn: 2.4, serviceLevel: 0.81, short: true })
    expect(grid.rows[0].slots[0].short).toBe(false)
    expect(grid.shortCount).toBe(1)
    expect(grid.empty).toBe(false)
  })

  it('shows the usual day when nothing happened, and opens the chart on the busiest weekday', () => {
    const empty = staffingGrid([])
    expect(empty.hours).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20])
    expect(empty.empty).toBe(true)
    expect(busiestWeekday([])).toBe(1)
    expect(busiestWeekday([staffingCell(2, 9, { callsPerHour: 3 }), staffingCell(6, 9, { callsPerHour: 2 }), staffingCell(6, 10, { callsPerHour: 2 })])).toBe(6)
    expect([formatAverage(2), formatAverage(2.36), formatAverage(1.96)]).toEqual(['2', '2.4', '2'])
  })
})
