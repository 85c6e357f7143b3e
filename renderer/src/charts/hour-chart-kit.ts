import type { ComposeOption } from 'echarts/core'
import type { GraphicComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components'

type GridOption = ComposeOption<GridComponentOption>
type XAXisComponentOption = Exclude<GridOption['xAxis'], unknown[] | undefined>
type YAXisComponentOption = Exclude<GridOption['yAxis'], unknown[] | undefined>

/**
 * The pieces every "today by hour" bar chart shares, so the desks' charts look alike: hours
 * along the bottom, counts up the side, a tooltip per hour and a line of text on an empty day.
 */

export const CHART_MUTED = '#8a94a3'

export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`

/** `10:00–11:00`, the head of an hour's tooltip. */
export const hourSpan = (hour: number): string => `${hourLabel(hour)}–${hourLabel(hour + 1)}`

/** A tooltip for the hovered hour; `describe` gets the index of the hour's bar. */
export function hourTooltip(describe: (dataIndex: number) => string): TooltipComponentOption {
  return {
    trigger: 'axis',
    axisPointer: { type: 'shadow' },
    confine: true,
    formatter: (params: unknown) => {
      const first = (Array.isArray(params) ? params[0] : params) as { dataIndex: number } | undefined
      return first ? describe(first.dataIndex) : ''
    },
  }
}

export function hourAxis(hours: readonly number[], labelColor: string | ((value?: string | number, index?: number) => string) = CHART_MUTED): XAXisComponentOption {
  return {
    type: 'category',
    data: hours.map(hourLabel),
    axisTick: { show: false },
    axisLine: { lineStyle: { color: '#dcdfe6' } },
    axisLabel: { color: labelColor as string, fontSize: 11 },
  }
}

/** Whole counts; an empty day keeps a one-unit scale so the grid does not collapse. */
export function countAxis(options: { empty: boolean; splitNumber: number; showLabels: boolean }): YAXisComponentOption {
  return {
    type: 'value',
    minInterval: 1,
    splitNumber: options.splitNumber,
    max: options.empty ? 1 : undefined,
    axisLabel: options.showLabels ? { color: CHART_MUTED, fontSize: 11 } : { show: false },
    splitLine: { lineStyle: { color: '#f0f2f5', type: 'dashed' } },
  }
}

/** Always present (hidden when there is data), so merging a new option can hide it again. */
export function emptyDayText(text: string, empty: boolean): GraphicComponentOption[] {
  return [{ id: 'empty', type: 'text', left: 'center', top: 'middle', invisible: !empty, silent: true, style: { text, fill: CHART_MUTED, fontSize: 12 } }]
}
