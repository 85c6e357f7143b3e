import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { DesignerStat } from '@contract/deposits.contract'
import { axisTooltip, categoryAxis, clickedIndex, countValueAxis, formatRate, rateValueAxis, topLegend, tooltipLine, type ChartBuild } from './dashboard-chart-kit'
import type { ChartClick } from './use-echarts'

export type DesignerRankingOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

/** More designers than this make bars too thin to click; the rest are in 定金待签's statistics. */
export const DESIGNER_RANKING_LIMIT = 12

export interface DesignerRankingInput {
  /** most consultations first, as the core sends them */
  designers: readonly DesignerStat[]
  limit?: number
  labels: {
    /** 谈单量, 定金数, 签约数, 达成率 */
    consultations: string
    deposits: string
    signed: string
    conversion: string
    count: (n: number) => string
  }
}

const COLORS = { consultations: '#2b6cd9', deposits: '#e6a23c', conversion: '#2f8a3b' }

export function designerRankingOption({ designers, limit = DESIGNER_RANKING_LIMIT, labels }: DesignerRankingInput): ChartBuild<DesignerRankingOption> & { shown: DesignerStat[] } {
  const shown = designers.slice(0, limit)
  return {
    empty: shown.length === 0,
    shown,
    option: {
      animationDuration: 300,
      legend: topLegend(),
      grid: { left: 4, right: 4, top: 30, bottom: 2, containLabel: true },
      tooltip: axisTooltip((index) => {
        const d = shown[index]
        if (!d) return ''
        return [
          d.designer.name,
          tooltipLine(labels.consultations, labels.count(d.consultations), COLORS.consultations),
          tooltipLine(labels.deposits, labels.count(d.deposits), COLORS.deposits),
          tooltipLine(labels.signed, labels.count(d.signed)),
          tooltipLine(labels.conversion, formatRate(d.conversion), COLORS.conversion),
        ].join('<br/>')
      }),
      xAxis: categoryAxis(
        shown.map((d) => d.designer.name),
        { rotateAbove: 8 },
      ),
      yAxis: [countValueAxis(), rateValueAxis({ grid: false })],
      series: [
        { id: 'consultations', name: labels.consultations, type: 'bar', barMaxWidth: 18, cursor: 'pointer', itemStyle: { color: COLORS.consultations }, data: shown.map((d) => d.consultations) },
        { id: 'deposits', name: labels.deposits, type: 'bar', barMaxWidth: 18, cursor: 'pointer', itemStyle: { color: COLORS.deposits }, data: shown.map((d) => d.deposits) },
        {
          // labelled where something was signed: a row of "0.0%" along the floor says nothing the line does not
          id: 'conversion',
          name: labels.conversion,
          type: 'line',
          yAxisIndex: 1,
          cursor: 'pointer',
          symbolSize: 7,
          itemStyle: { color: COLORS.conversion },
          label: { show: true, position: 'top', fontSize: 11, color: COLORS.conversion, formatter: (p: { value?: unknown }) => (typeof p.value === 'number' && p.value > 0 ? formatRate(p.value) : '') },
          data: shown.map((d) => d.conversion),
        },
      ],
    },
  }
}

/** The designer of a clicked bar or point. */
export function designerRankingHit(shown: readonly DesignerStat[], params: ChartClick): { designerId: number } | null {
  const index = clickedIndex(params)
  const d = index === null ? undefined : shown[index]
  return d ? { designerId: d.designer.id } : null
}
