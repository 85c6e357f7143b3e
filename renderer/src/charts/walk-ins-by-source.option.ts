import type { ComposeOption } from 'echarts/core'
import type { PieSeriesOption } from 'echarts/charts'
import type { TooltipComponentOption } from 'echarts/components'
import { clickedIndex } from './dashboard-chart-kit'
import type { ChartClick } from './use-echarts'

export type WalkInsBySourceOption = ComposeOption<PieSeriesOption | TooltipComponentOption>

export interface SourceSlice {
  /** the customer's 信息来源; null when the walk-in did not say */
  source: string | null
  count: number
}

export interface WalkInsBySourceInput {
  sources: readonly SourceSlice[]
  labels: {
    series: string
    /** the slice of walk-ins without a source: 未填写 */
    noSource: string
    count: (n: number) => string
  }
}

/** Largest first, so the pie reads clockwise from the biggest channel; empty sources drop out. */
export function sourceSlices(sources: readonly SourceSlice[]): SourceSlice[] {
  return sources.filter((s) => s.count > 0).sort((a, b) => b.count - a.count)
}

const NO_SOURCE = '#c0c4cc'

export function walkInsBySourceOption({ sources, labels }: WalkInsBySourceInput): { option: WalkInsBySourceOption; empty: boolean; slices: SourceSlice[] } {
  const slices = sourceSlices(sources)
  return {
    empty: slices.length === 0,
    slices,
    option: {
      animationDuration: 300,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: unknown) => {
          const p = params as { name: string; value: number; percent: number }
          return `${p.name}<br/>${labels.series} <b>${labels.count(p.value)}</b>（${p.percent}%）`
        },
      },
      series: [
        {
          id: 'sources',
          name: labels.series,
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '52%'],
          cursor: 'pointer',
          avoidLabelOverlap: true,
          label: { formatter: '{b} {c}', color: '#5b6573', fontSize: 12 },
          itemStyle: { borderColor: '#fff', borderWidth: 2 },
          data: slices.map((s) => ({ name: s.source ?? labels.noSource, value: s.count, ...(s.source === null ? { itemStyle: { color: NO_SOURCE } } : {}) })),
        },
      ],
    },
  }
}

/** The source of a clicked slice (null: the walk-ins that named none). */
export function walkInsBySourceHit(slices: readonly SourceSlice[], params: ChartClick): { source: string | null } | null {
  const index = clickedIndex(params)
  const slice = index === null ? undefined : slices[index]
  return slice ? { source: slice.source } : null
}
