import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components'
import type { OnTimeOnDay } from '@contract/dashboard.contract'
import { axisTooltip, categoryAxis, clickedIndex, formatRate, rateValueAxis, tooltipLine, type ChartBuild } from './dashboard-chart-kit'
import type { ChartClick } from './use-echarts'

export type OnTimeTrendOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>

export interface OnTimeTrendInput {
  days: readonly OnTimeOnDay[]
  labels: {
    /** 按时解决率 */
    series: string
    day: (date: string) => string
    /** 已解决, 按时 */
    resolved: string
    onTime: string
    count: (n: number) => string
  }
}

const LINE = '#2f8a3b'

/**
 * The share of complaints and repairs resolved on time, day by day. A day nothing was resolved has
 * no rate (not 0 %): the line bridges it rather than diving to the floor.
 */
export function onTimeTrendOption({ days, labels }: OnTimeTrendInput): ChartBuild<OnTimeTrendOption> {
  return {
    empty: days.every((d) => d.rate === null),
    option: {
      animationDuration: 300,
      grid: { left: 4, right: 12, top: 14, bottom: 2, containLabel: true },
      tooltip: axisTooltip((index) => {
        const day = days[index]
        if (!day) return ''
        return [
          labels.day(day.date),
          tooltipLine(labels.series, formatRate(day.rate), LINE),
          tooltipLine(labels.resolved, labels.count(day.resolved)),
          tooltipLine(labels.onTime, labels.count(day.onTime)),
        ].join('<br/>')
      }),
      xAxis: categoryAxis(
        days.map((d) => labels.day(d.date)),
        { boundaryGap: false },
      ),
      yAxis: rateValueAxis({ max: 1 }),
      series: [
        {
          id: 'onTime',
          name: labels.series,
          type: 'line',
          connectNulls: true,
          showSymbol: true,
          symbolSize: 7,
          cursor: 'pointer',
          itemStyle: { color: LINE },
          lineStyle: { width: 2 },
          data: days.map((d) => d.rate),
        },
      ],
    },
  }
}

/** The day of a clicked point; a day without a rate has no point to click. */
export function onTimeTrendHit(days: readonly OnTimeOnDay[], params: ChartClick): { date: string } | null {
  const index = clickedIndex(params)
  const day = index === null ? undefined : days[index]
  return day ? { date: day.date } : null
}
