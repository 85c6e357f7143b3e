import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { GraphicComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components'
import { formatInZone } from '@contract/time'
import { countAxis, emptyDayText, hourAxis, hourLabel, hourSpan, hourTooltip } from './hour-chart-kit'

export type ArrivalsByHourOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | GraphicComponentOption>

export interface HourBucket {
  /** hour of the day in the company's time zone, 0–23 */
  hour: number
  count: number
}

/** Hours a showroom is normally open: always drawn, so a quiet morning still reads as a day. */
export const DEFAULT_OPEN_HOURS = { from: 9, to: 20 } as const

export interface ArrivalsByHourInput {
  /** arrival instants (ISO), e.g. `visits.today` mapped to `arrivedAt` */
  arrivals: readonly string[]
  /** the company's time zone: the buckets are its hours, never the machine's */
  timeZone: string
  /** the company-local hour it is now (0–23): its bar is drawn darker */
  currentHour?: number | null
  /** first and last hour drawn even when empty; an arrival outside widens the range */
  openHours?: { from: number; to: number }
  labels: {
    /** series name, `到店` */
    series: string
    /** shown across an empty chart */
    empty: string
    /** a count as people say it: `3 组` */
    count: (n: number) => string
  }
}

/** Arrivals counted per company-local hour, one bucket for every hour from opening to closing. */
export function arrivalsByHour(arrivals: readonly string[], timeZone: string, openHours: { from: number; to: number } = DEFAULT_OPEN_HOURS): HourBucket[] {
  const counts = new Map<number, number>()
  for (const instant of arrivals) {
    const hour = Number(formatInZone(instant, timeZone, 'H'))
    if (Number.isInteger(hour)) counts.set(hour, (counts.get(hour) ?? 0) + 1)
  }
  const hours = [...counts.keys()]
  const from = Math.min(openHours.from, ...hours)
  const to = Math.max(openHours.to, ...hours)
  const buckets: HourBucket[] = []
  for (let hour = from; hour <= to; hour++) buckets.push({ hour, count: counts.get(hour) ?? 0 })
  return buckets
}

export { hourLabel }

/** `10:00 2 组，11:00 1 组`: the chart's content as text, for screen readers and tooltips. */
export function describeBuckets(buckets: readonly HourBucket[], count: (n: number) => string): string {
  return buckets
    .filter((b) => b.count > 0)
    .map((b) => `${hourLabel(b.hour)} ${count(b.count)}`)
    .join('，')
}

const BAR = '#95b6ec'
const BAR_NOW = '#2b6cd9'

/** Today's arrivals by hour as a compact bar chart (data in, option out; no canvas needed). */
export function arrivalsByHourOption(input: ArrivalsByHourInput): ArrivalsByHourOption {
  const buckets = arrivalsByHour(input.arrivals, input.timeZone, input.openHours)
  const empty = buckets.every((b) => b.count === 0)
  const { labels } = input

  return {
    animationDuration: 300,
    grid: { left: 4, right: 4, top: 18, bottom: 2, containLabel: true },
    tooltip: hourTooltip((index) => {
      const bucket = buckets[index]
      return bucket ? `${hourSpan(bucket.hour)}<br/>${labels.series} <b>${labels.count(bucket.count)}</b>` : ''
    }),
    xAxis: hourAxis(buckets.map((b) => b.hour)),
    yAxis: countAxis({ empty, splitNumber: 2, showLabels: false }),
    series: [
      {
        id: 'arrivals',
        name: labels.series,
        type: 'bar',
        barMaxWidth: 22,
        data: buckets.map((b) => ({ value: b.count, itemStyle: { color: b.hour === input.currentHour ? BAR_NOW : BAR, borderRadius: [3, 3, 0, 0] } })),
        label: {
          show: true,
          position: 'top',
          color: '#5b6573',
          fontSize: 11,
          formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
        },
      },
    ],
    graphic: emptyDayText(labels.empty, empty),
  }
}
