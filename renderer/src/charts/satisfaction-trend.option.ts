import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { SatisfactionOnDay } from '@contract/dashboard.contract'
import { axisTooltip, categoryAxis, clickedIndex, CHART_MUTED, formatRate, rateValueAxis, topLegend, tooltipLine, type ChartBuild } from './dashboard-chart-kit'
import type { ChartClick } from './use-echarts'

export type SatisfactionTrendOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

export interface SatisfactionTrendInput {
  days: readonly SatisfactionOnDay[]
  labels: {
    /** 满意率 */
    rate: string
    /** 平均分 */
    score: string
    /** 回访结果 */
    results: string
    day: (date: string) => string
    count: (n: number) => string
  }
}

const RATE = '#2b6cd9'
const SCORE = '#e6a23c'

/** 满意率 on the left axis (0–100 %), the mean 1–5 score on the right; days without verdicts are bridged. */
export function satisfactionTrendOption({ days, labels }: SatisfactionTrendInput): ChartBuild<SatisfactionTrendOption> {
  return {
    empty: days.every((d) => d.results === 0),
    option: {
      animationDuration: 300,
      legend: topLegend(),
      grid: { left: 4, right: 4, top: 30, bottom: 2, containLabel: true },
      tooltip: axisTooltip((index) => {
        const day = days[index]
        if (!day) return ''
        return [
          labels.day(day.date),
          tooltipLine(labels.rate, formatRate(day.rate), RATE),
          tooltipLine(labels.score, day.avgScore === null ? '—' : day.avgScore.toFixed(2), SCORE),
          tooltipLine(labels.results, labels.count(day.results)),
        ].join('<br/>')
      }),
      xAxis: categoryAxis(
        days.map((d) => labels.day(d.date)),
        { boundaryGap: false },
      ),
      yAxis: [
        rateValueAxis({ max: 1 }),
        { type: 'value', min: 1, max: 5, interval: 1, axisLabel: { color: CHART_MUTED, fontSize: 11 }, splitLine: { show: false } },
      ],
      series: [
        { id: 'rate', name: labels.rate, type: 'line', yAxisIndex: 0, connectNulls: true, symbolSize: 7, cursor: 'pointer', itemStyle: { color: RATE }, data: days.map((d) => d.rate) },
        { id: 'score', name: labels.score, type: 'line', yAxisIndex: 1, connectNulls: true, symbolSize: 7, cursor: 'pointer', itemStyle: { color: SCORE }, lineStyle: { type: 'dashed' }, data: days.map((d) => d.avgScore) },
      ],
    },
  }
}

/** The day of a clicked point (either line). */
export function satisfactionTrendHit(days: readonly SatisfactionOnDay[], params: ChartClick): { date: string } | null {
  const index = clickedIndex(params)
  const day = index === null ? undefined : days[index]
  return day ? { date: day.date } : null
}
