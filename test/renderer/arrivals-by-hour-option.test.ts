import { describe, expect, it } from 'vitest'
import { arrivalsByHour, arrivalsByHourOption, describeBuckets, type ArrivalsByHourInput } from '@renderer/charts/arrivals-by-hour.option'

const labels: ArrivalsByHourInput['labels'] = { series: '到店', empty: '今天还没有客户到店', count: (n) => `${n} 组` }
const SHANGHAI = 'Asia/Shanghai'

/** The series of the option, typed loosely enough to read back what the builder put in. */
interface BarPoint {
  value: number
  itemStyle: { color: string }
}
function seriesOf(option: ReturnType<typeof arrivalsByHourOption>) {
  const series = (option.series as { name: string; data: BarPoint[]; label: { formatter: (p: { value: number }) => string } }[])[0]
  return series
}
const xLabels = (option: ReturnType<typeof arrivalsByHourOption>) => (option.xAxis as { data: string[] }).data
const emptyText = (option: ReturnType<typeof arrivalsByHourOption>) => (option.graphic as { invisible: boolean; style: { text: string } }[])[0]

describe('arrivals by hour (pure option builder)', () => {
  it('counts arrivals in the company time zone, not the machine one (tests run with TZ=UTC)', () => {
    expect(new Date('2025-03-01T00:00:00Z').getTimezoneOffset()).toBe(0)
    const arrivals = [
      '2025-03-01T01:10:00.000Z', // 09:10 in Shanghai
      '2025-03-01T01:50:00.000Z', // 09:50
      '2025-03-01T02:05:00.000Z', // 10:05
      '2025-02-28T23:30:00.000Z', // 07:30 on the *next* Shanghai day: the 07:00 bucket
    ]
    const buckets = arrivalsByHour(arrivals, SHANGHAI)
    expect(buckets[0]).toEqual({ hour: 7, count: 1 })
    expect(buckets.find((b) => b.hour === 9)).toEqual({ hour: 9, count: 2 })
    expect(buckets.find((b) => b.hour === 10)).toEqual({ hour: 10, count: 1 })
    expect(buckets.find((b) => b.hour === 23)).toBeUndefined()
    expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(4)

    // the same instants in UTC would be 01:00, 02:00 and 23:00: a different chart entirely
    expect(arrivalsByHour(arrivals, 'UTC').filter((b) => b.count > 0).map((b) => b.hour)).toEqual([1, 2, 23])
  })

  it('draws every opening hour, widened to an arrival outside them, as HH:00 labels', () => {
    const option = arrivalsByHourOption({ arrivals: ['2025-02-28T23:30:00.000Z', '2025-03-01T02:05:00.000Z'], timeZone: SHANGHAI, labels })
    expect(xLabels(option)).toEqual(['07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00'])
    const series = seriesOf(option)
    expect(series.name).toBe('到店')
    expect(series.data.map((d) => d.value)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    // counts on the bars, nothing written over an empty hour
    expect(series.label.formatter({ value: 3 })).toBe('3')
    expect(series.label.formatter({ value: 0 })).toBe('')
    expect(emptyText(option).invisible).toBe(true)
  })

  it('says the day is still empty instead of drawing a blank grid', () => {
    const option = arrivalsByHourOption({ arrivals: [], timeZone: SHANGHAI, labels })
    expect(xLabels(option)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00'])
    expect(seriesOf(option).data.every((d) => d.value === 0)).toBe(true)
    expect(emptyText(option)).toMatchObject({ invisible: false, style: { text: '今天还没有客户到店' } })
    expect((option.yAxis as { max?: number }).max).toBe(1)
  })

  it('marks the current hour and explains a bar in its tooltip', () => {
    const option = arrivalsByHourOption({
      arrivals: ['2025-03-01T02:05:00.000Z', '2025-03-01T02:40:00.000Z', '2025-03-01T03:00:00.000Z'],
      timeZone: SHANGHAI,
      currentHour: 10,
      labels,
    })
    const colors = seriesOf(option).data.map((d) => d.itemStyle.color)
    const tenOClock = xLabels(option).indexOf('10:00')
    expect(new Set(colors.filter((_, i) => i !== tenOClock)).size).toBe(1)
    expect(colors[tenOClock]).not.toBe(colors[0])

    const formatter = (option.tooltip as { formatter: (params: unknown) => string }).formatter
    expect(formatter([{ dataIndex: tenOClock }])).toBe('10:00–11:00<br/>到店 <b>2 组</b>')
    expect(formatter([])).toBe('')
  })

  it('describes the bars in words for a screen reader', () => {
    const buckets = arrivalsByHour(['2025-03-01T01:10:00.000Z', '2025-03-01T01:20:00.000Z', '2025-03-01T05:00:00.000Z'], SHANGHAI)
    expect(describeBuckets(buckets, labels.count)).toBe('09:00 2 组，13:00 1 组')
    expect(describeBuckets(arrivalsByHour([], SHANGHAI), labels.count)).toBe('')
  })
})
