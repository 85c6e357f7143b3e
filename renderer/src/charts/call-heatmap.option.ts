import type { ComposeOption } from 'echarts/core'
import type { HeatmapSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components'
import type { HeatCell } from '@contract/dashboard.contract'
import { DEFAULT_SERVICE_HOURS } from './calls-by-hour.option'
import { categoryAxis, clickedIndex } from './dashboard-chart-kit'
import { CHART_MUTED, hourLabel, hourSpan } from './hour-chart-kit'
import type { ChartClick } from './use-echarts'

export type CallHeatmapOption = ComposeOption<HeatmapSeriesOption | GridComponentOption | TooltipComponentOption | VisualMapComponentOption>

export interface CallHeatmapLabels {
  /** Monday first: 周一 … 周日 */
  weekdays: readonly string[]
  series: string
  count: (n: number) => string
}

export interface CallHeatmapInput {
  /** cells with at least one inbound call; weekday 1 = Monday … 7 = Sunday, company hours */
  cells: readonly HeatCell[]
  serviceHours?: { from: number; to: number }
  labels: CallHeatmapLabels
}

/** The hours drawn: the service hours, widened to any hour that had calls (a night call still shows). */
export function heatmapHours(cells: readonly HeatCell[], serviceHours: { from: number; to: number } = DEFAULT_SERVICE_HOURS): number[] {
  const busy = cells.filter((c) => c.calls > 0).map((c) => c.hour)
  const from = Math.min(serviceHours.from, ...busy)
  const to = Math.max(serviceHours.to, ...busy)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

const LOW = '#eef4fd'
const HIGH = '#1d4fa8'

/** Inbound calls by weekday (rows, Monday on top) and hour (columns), darker for busier. */
export function callHeatmapOption({ cells, serviceHours, labels }: CallHeatmapInput): { option: CallHeatmapOption; empty: boolean; cells: HeatCell[] } {
  const busy = cells.filter((c) => c.calls > 0)
  const hours = heatmapHours(busy, serviceHours)
  const first = hours[0]
  const max = Math.max(1, ...busy.map((c) => c.calls))
  return {
    empty: busy.length === 0,
    cells: busy,
    option: {
      animationDuration: 300,
      grid: { left: 4, right: 8, top: 6, bottom: 44, containLabel: true },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: unknown) => {
          const cell = busy[(params as { dataIndex: number }).dataIndex]
          return cell ? `${labels.weekdays[cell.weekday - 1]} ${hourSpan(cell.hour)}<br/>${labels.series} <b>${labels.count(cell.calls)}</b>` : ''
        },
      },
      xAxis: { ...categoryAxis(hours.map(hourLabel)), splitArea: { show: true } },
      yAxis: {
        type: 'category',
        data: [...labels.weekdays],
        inverse: true,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: CHART_MUTED, fontSize: 11 },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemWidth: 12,
        itemHeight: 120,
        // the busiest cell's count at the dark end, so the colours read as numbers
        text: [String(max), '0'],
        textStyle: { color: CHART_MUTED, fontSize: 11 },
        inRange: { color: [LOW, HIGH] },
      },
      series: [
        {
          id: 'heatmap',
          name: labels.series,
          type: 'heatmap',
          cursor: 'pointer',
          // [column, row, calls]: the hour's place among the hours drawn, the weekday's row
          data: busy.map((c) => [c.hour - first, c.weekday - 1, c.calls]),
          label: { show: true, fontSize: 10, color: '#1f2933' },
          emphasis: { itemStyle: { borderColor: '#1f2933', borderWidth: 1 } },
        },
      ],
    },
  }
}

/** The weekday and hour of a clicked cell. */
export function callHeatmapHit(cells: readonly HeatCell[], params: ChartClick): { weekday: number; hour: number } | null {
  const index = clickedIndex(params)
  const cell = index === null ? undefined : cells[index]
  return cell ? { weekday: cell.weekday, hour: cell.hour } : null
}
