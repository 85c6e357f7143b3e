import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GraphicComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import { CHART_MUTED, countAxis, emptyDayText, hourAxis, hourSpan, hourTooltip } from './hour-chart-kit'

export type StaffingOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | GraphicComponentOption>

/** One hour of the chosen weekday (the staffing grid's slot). */
export interface StaffingHour {
  hour: number
  calls: number
  needed: number
  loggedIn: number
  short: boolean
}

export const STAFFING_SERIES = ['needed', 'loggedIn', 'calls'] as const
export type StaffingSeries = (typeof STAFFING_SERIES)[number]

/** The grid on the screen marks a short hour in the same red as its bar here. */
export const STAFFING_COLORS: Record<StaffingSeries | 'short', string> = {
  needed: '#2b6cd9',
  loggedIn: '#67c23a',
  short: '#f56c6c',
  calls: '#e6a23c',
}

export interface StaffingChartLabels {
  /** 需要坐席, 实际在线, 来电（通/小时） */
  series: Record<StaffingSeries, string>
  empty: string
  agents: (n: string) => string
  calls: (n: string) => string
}

export interface StaffingChartInput {
  hours: readonly StaffingHour[]
  labels: StaffingChartLabels
}

/** Averages keep one decimal; the chart never shows 2.3333333. */
const oneDecimal = (n: number): number => Math.round(n * 10) / 10

/**
 * One weekday by hour: agents needed and logged in as bars side by side (the logged-in bar red
 * where it falls short), calls per hour as a line on its own axis. Data in, option out.
 */
export function staffingOption(input: StaffingChartInput): StaffingOption {
  const { hours, labels } = input
  const empty = hours.every((h) => h.calls === 0 && h.loggedIn === 0 && h.needed === 0)
  const dot = (color: string): string => `<span style="display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${color}"></span>`

  return {
    animationDuration: 300,
    legend: { data: STAFFING_SERIES.map((s) => labels.series[s]), top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: CHART_MUTED, fontSize: 12 } },
    grid: { left: 4, right: 4, top: 32, bottom: 2, containLabel: true },
    tooltip: hourTooltip((index) => {
      const h = hours[index]
      if (!h) return ''
      return [
        hourSpan(h.hour),
        `${dot(STAFFING_COLORS.needed)}${labels.series.needed} <b>${labels.agents(String(h.needed))}</b>`,
        `${dot(h.short ? STAFFING_COLORS.short : STAFFING_COLORS.loggedIn)}${labels.series.loggedIn} <b>${labels.agents(String(oneDecimal(h.loggedIn)))}</b>`,
        `${dot(STAFFING_COLORS.calls)}${labels.series.calls} <b>${labels.calls(String(oneDecimal(h.calls)))}</b>`,
      ].join('<br/>')
    }),
    xAxis: hourAxis(hours.map((h) => h.hour)),
    yAxis: [
      countAxis({ empty, splitNumber: 4, showLabels: true }),
      { type: 'value', position: 'right', min: 0, max: empty ? 1 : undefined, splitNumber: 4, axisLabel: { color: CHART_MUTED, fontSize: 11 }, splitLine: { show: false } },
    ],
    series: [
      {
        id: 'needed',
        name: labels.series.needed,
        type: 'bar',
        barMaxWidth: 14,
        itemStyle: { color: STAFFING_COLORS.needed },
        data: hours.map((h) => h.needed),
      },
      {
        id: 'loggedIn',
        name: labels.series.loggedIn,
        type: 'bar',
        barMaxWidth: 14,
        itemStyle: { color: STAFFING_COLORS.loggedIn },
        data: hours.map((h) => ({ value: oneDecimal(h.loggedIn), itemStyle: { color: h.short ? STAFFING_COLORS.short : STAFFING_COLORS.loggedIn } })),
      },
      {
        id: 'calls',
        name: labels.series.calls,
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        symbolSize: 5,
        itemStyle: { color: STAFFING_COLORS.calls },
        lineStyle: { width: 2 },
        data: hours.map((h) => oneDecimal(h.calls)),
      },
    ],
    graphic: emptyDayText(labels.empty, empty),
  }
}
