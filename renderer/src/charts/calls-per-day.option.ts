import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { CallsOnDay } from '@contract/dashboard.contract'
import { axisTooltip, categoryAxis, clickedIndex, countValueAxis, topLegend, tooltipLine, type ChartBuild } from './dashboard-chart-kit'
import type { ChartClick } from './use-echarts'

export type CallsPerDayOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

/** Side by side rather than stacked: a missed call is an inbound call too, and each bar opens its own list. */
export const DAY_SEGMENTS = ['in', 'out', 'missed'] as const
export type DaySegment = (typeof DAY_SEGMENTS)[number]

export const DAY_SEGMENT_COLORS: Record<DaySegment, string> = { in: '#2b6cd9', out: '#1f9d8a', missed: '#e05b5b' }

export interface CallsPerDayLabels {
  /** 呼入, 呼出, 未接 */
  segments: Record<DaySegment, string>
  /** a date as the axis shows it: `3月1日` */
  day: (date: string) => string
  count: (n: number) => string
}

export interface CallsPerDayInput {
  days: readonly CallsOnDay[]
  labels: CallsPerDayLabels
}

export function callsPerDayOption({ days, labels }: CallsPerDayInput): ChartBuild<CallsPerDayOption> {
  const empty = days.every((d) => d.in + d.out + d.missed === 0)
  return {
    empty,
    option: {
      animationDuration: 300,
      legend: topLegend(),
      grid: { left: 4, right: 8, top: 30, bottom: 2, containLabel: true },
      tooltip: axisTooltip((index) => {
        const day = days[index]
        if (!day) return ''
        return [labels.day(day.date), ...DAY_SEGMENTS.map((s) => tooltipLine(labels.segments[s], labels.count(day[s]), DAY_SEGMENT_COLORS[s]))].join('<br/>')
      }),
      xAxis: categoryAxis(days.map((d) => labels.day(d.date))),
      yAxis: countValueAxis(),
      series: DAY_SEGMENTS.map((segment) => ({
        id: segment,
        name: labels.segments[segment],
        type: 'bar',
        barMaxWidth: 14,
        barGap: '10%',
        itemStyle: { color: DAY_SEGMENT_COLORS[segment], borderRadius: [2, 2, 0, 0] },
        cursor: 'pointer',
        data: days.map((d) => d[segment]),
      })),
    },
  }
}

/** The day and segment of a clicked bar. */
export function callsPerDayHit(days: readonly CallsOnDay[], params: ChartClick): { date: string; segment: DaySegment } | null {
  const index = clickedIndex(params)
  const segment = DAY_SEGMENTS.find((s) => s === params.seriesId) ?? (params.seriesIndex !== undefined ? DAY_SEGMENTS[params.seriesIndex] : undefined)
  const day = index === null ? undefined : days[index]
  return day && segment ? { date: day.date, segment } : null
}
