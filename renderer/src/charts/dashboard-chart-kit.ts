import type { ComposeOption } from 'echarts/core'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import { formatRate } from '../format'
import { CHART_MUTED } from './hour-chart-kit'
import type { ChartClick } from './use-echarts'

type GridOption = ComposeOption<GridComponentOption>
type XAXisComponentOption = Exclude<GridOption['xAxis'], unknown[] | undefined>
type YAXisComponentOption = Exclude<GridOption['yAxis'], unknown[] | undefined>

/**
 * The pieces the dashboard's charts share. A builder returns its option with an `empty` flag:
 * the dashboard shows an el-empty with a sentence instead of an axis with nothing on it.
 */
export interface ChartBuild<O> {
  option: O
  empty: boolean
}

export { CHART_MUTED, formatRate }

const AXIS_LINE = { lineStyle: { color: '#dcdfe6' } }
const SPLIT_LINE = { lineStyle: { color: '#f0f2f5', type: 'dashed' as const } }

/** Dates, names or hours along the bottom; many long labels are tilted rather than dropped. */
export function categoryAxis(labels: readonly string[], options: { rotateAbove?: number; boundaryGap?: boolean } = {}): XAXisComponentOption {
  const tilt = options.rotateAbove !== undefined && labels.length > options.rotateAbove
  return {
    type: 'category',
    data: [...labels],
    boundaryGap: options.boundaryGap ?? true,
    axisTick: { show: false },
    axisLine: AXIS_LINE,
    axisLabel: { color: CHART_MUTED, fontSize: 11, rotate: tilt ? 30 : 0, hideOverlap: true },
  }
}

/** Whole counts up the side. */
export function countValueAxis(name?: string): YAXisComponentOption {
  return { type: 'value', name, minInterval: 1, nameTextStyle: { color: CHART_MUTED, fontSize: 11 }, axisLabel: { color: CHART_MUTED, fontSize: 11 }, splitLine: SPLIT_LINE }
}

/** A 0–1 rate drawn as 0 %–100 %; the data stay fractions, as the contract sends them. */
export function rateValueAxis(options: { name?: string; max?: number; grid?: boolean } = {}): YAXisComponentOption {
  return {
    type: 'value',
    name: options.name,
    min: 0,
    max: options.max,
    nameTextStyle: { color: CHART_MUTED, fontSize: 11 },
    axisLabel: { color: CHART_MUTED, fontSize: 11, formatter: (value: number) => `${Math.round(value * 100)}%` },
    splitLine: options.grid === false ? { show: false } : SPLIT_LINE,
  }
}

export function topLegend(): LegendComponentOption {
  return { top: 0, right: 0, itemWidth: 10, itemHeight: 10, textStyle: { color: '#5b6573', fontSize: 12 } }
}

export function axisTooltip(formatter?: (dataIndex: number) => string): TooltipComponentOption {
  return {
    trigger: 'axis',
    confine: true,
    axisPointer: { type: 'shadow' },
    ...(formatter
      ? {
          formatter: (params: unknown) => {
            const first = (Array.isArray(params) ? params[0] : params) as { dataIndex?: number } | undefined
            return first?.dataIndex === undefined ? '' : formatter(first.dataIndex)
          },
        }
      : {}),
  }
}

/** The index of the clicked item, or null for a click on anything else (an axis, the legend). */
export function clickedIndex(params: ChartClick): number | null {
  if (params.componentType !== undefined && params.componentType !== 'series') return null
  const index = params.dataIndex
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : null
}

/** One line of a tooltip with the series' colour swatch. */
export function tooltipLine(name: string, value: string, color?: string): string {
  const swatch = color ? `<span style="display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${color}"></span>` : ''
  return `${swatch}${name} <b>${value}</b>`
}
