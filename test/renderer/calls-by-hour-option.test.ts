import { describe, expect, it } from 'vitest'
import { callsByHour, callsByHourOption, describeCallsByHour, type CallsByHourLabels, type HourRow } from '@renderer/charts/calls-by-hour.option'

const labels: CallsByHourLabels = {
  segments: { answeredIn: '呼入接通', missed: '未接', abandoned: '放弃', outbound: '呼出' },
  inbound: '呼入',
  empty: '今天还没有通话',
  count: (n) => `${n} 通`,
}

/** 24 company-local hours as `calls.liveBoard` sends them, with a few busy ones. */
function day(busy: Partial<Record<number, Partial<HourRow>>>): HourRow[] {
  return Array.from({ length: 24 }, (_, hour) => ({ hour, inbound: 0, outbound: 0, missed: 0, abandoned: 0, ...busy[hour] }))
}

type Series = { id: string; name: string; stack: string; data: number[]; itemStyle: { color: string } }
const seriesOf = (option: ReturnType<typeof callsByHourOption>) => option.series as Series[]
const xLabels = (option: ReturnType<typeof callsByHourOption>) => (option.xAxis as { data: string[] }).data
const emptyText = (option: ReturnType<typeof callsByHourOption>) => (option.graphic as { invisible: boolean; style: { text: string } }[])[0]

describe('calls by hour (pure option builder)', () => {
  it('stacks answered inbound, missed, abandoned and outbound without counting a missed call twice', () => {
    const option = callsByHourOption({ byHour: day({ 9: { inbound: 10, missed: 2, abandoned: 1, outbound: 4 }, 14: { outbound: 3 } }), labels })
    const series = seriesOf(option)
    expect(series.map((s) => [s.id, s.name, s.stack])).toEqual([
      ['answeredIn', '呼入接通', 'calls'],
      ['missed', '未接', 'calls'],
      ['abandoned', '放弃', 'calls'],
      ['outbound', '呼出', 'calls'],
    ])
    const nine = xLabels(option).indexOf('09:00')
    expect(series.map((s) => s.data[nine])).toEqual([7, 2, 1, 4])
    // the bar is as tall as the hour's calls: 10 inbound + 4 outbound
    expect(series.reduce((sum, s) => sum + s.data[nine], 0)).toBe(14)
    expect(series.map((s) => s.data[xLabels(option).indexOf('14:00')])).toEqual([0, 0, 0, 3])
    // red is for the calls owed a callback, and each segment has its own colour
    expect(new Set(series.map((s) => s.itemStyle.color)).size).toBe(4)
    expect(emptyText(option).invisible).toBe(true)
  })

  it('draws the service hours, widened to a call outside them', () => {
    expect(xLabels(callsByHourOption({ byHour: day({}), labels }))).toEqual(
      ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00'],
    )
    const late = callsByHour(day({ 6: { inbound: 1, abandoned: 1 }, 22: { outbound: 1 } }))
    expect(late[0].hour).toBe(6)
    expect(late.at(-1)?.hour).toBe(22)
    expect(late[0].segments).toEqual({ answeredIn: 0, missed: 0, abandoned: 1, outbound: 0 })
  })

  it('says the day is still empty instead of drawing a blank grid', () => {
    const option = callsByHourOption({ byHour: day({}), labels })
    expect(emptyText(option)).toMatchObject({ invisible: false, style: { text: '今天还没有通话' } })
    expect((option.yAxis as { max?: number }).max).toBe(1)
    expect(seriesOf(option).every((s) => s.data.every((n) => n === 0))).toBe(true)
  })

  it('explains an hour in its tooltip and marks the current hour on the axis', () => {
    const option = callsByHourOption({ byHour: day({ 10: { inbound: 5, missed: 1, outbound: 2 } }), currentHour: 10, labels })
    const ten = xLabels(option).indexOf('10:00')
    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter
    const text = formatter([{ dataIndex: ten }]).replace(/<span[^>]*><\/span>/g, '')
    expect(text).toBe('10:00–11:00<br/>呼入 <b>5 通</b><br/>呼入接通 <b>4 通</b><br/>未接 <b>1 通</b><br/>放弃 <b>0 通</b><br/>呼出 <b>2 通</b>')
    expect(formatter([])).toBe('')
    const color = (option.xAxis as { axisLabel: { color: (value: string, index: number) => string } }).axisLabel.color
    expect(color('10:00', ten)).not.toBe(color('09:00', ten - 1))
  })

  it('describes the hours in words for a screen reader', () => {
    const stacks = callsByHour(day({ 9: { inbound: 3, missed: 1 }, 13: { outbound: 2 } }))
    expect(describeCallsByHour(stacks, labels)).toBe('09:00 呼入 3 通 / 呼出 0 通，13:00 呼入 0 通 / 呼出 2 通')
    expect(describeCallsByHour(callsByHour(day({})), labels)).toBe('')
  })
})
