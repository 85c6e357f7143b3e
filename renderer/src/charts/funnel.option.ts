import type { ComposeOption } from 'echarts/core'
import type { FunnelSeriesOption } from 'echarts/charts'
import type { TooltipComponentOption } from 'echarts/components'
import { FUNNEL_STAGES, type FunnelStage, type FunnelStep } from '@contract/dashboard.contract'
import { clickedIndex, formatRate, type ChartBuild } from './dashboard-chart-kit'
import type { ChartClick } from './use-echarts'

export type FunnelOption = ComposeOption<FunnelSeriesOption | TooltipComponentOption>

export interface FunnelInput {
  steps: readonly FunnelStep[]
  labels: {
    /** 咨询来电, 到店, 量房, 定金, 签约 */
    stages: Record<FunnelStage, string>
    series: string
    count: (n: number) => string
    /** `上一步的 35.2%` */
    ofPrevious: (rate: string) => string
  }
}

/** Every stage in the funnel's order, a stage the core left out counted as 0. */
export function funnelSteps(steps: readonly FunnelStep[]): FunnelStep[] {
  const counts = new Map(steps.map((s) => [s.stage, s.count]))
  return FUNNEL_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }))
}

const COLORS: Record<FunnelStage, string> = { inquiry: '#6b98e4', walkIn: '#2b6cd9', measure: '#1f9d8a', deposit: '#e6a23c', contract: '#2f8a3b' }

/**
 * Inquiry → walk-in → measuring → deposit → contract. Drawn in that order even when a later stage
 * outnumbers an earlier one (walk-ins who never phoned): the stages are counted in the same
 * period, not followed customer by customer.
 */
export function funnelOption({ steps, labels }: FunnelInput): ChartBuild<FunnelOption> {
  const ordered = funnelSteps(steps)
  const max = Math.max(1, ...ordered.map((s) => s.count))
  return {
    empty: ordered.every((s) => s.count === 0),
    option: {
      animationDuration: 300,
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params: unknown) => {
          const index = (params as { dataIndex: number }).dataIndex
          const step = ordered[index]
          if (!step) return ''
          const before = ordered[index - 1]
          const share = before && before.count > 0 ? `<br/>${labels.ofPrevious(formatRate(step.count / before.count))}` : ''
          return `${labels.stages[step.stage]} <b>${labels.count(step.count)}</b>${share}`
        },
      },
      series: [
        {
          id: 'funnel',
          name: labels.series,
          type: 'funnel',
          sort: 'none',
          min: 0,
          max,
          minSize: '12%',
          gap: 3,
          left: '8%',
          right: '8%',
          top: 6,
          bottom: 6,
          cursor: 'pointer',
          label: { show: true, position: 'inside', formatter: '{b}  {c}', color: '#fff', fontSize: 12 },
          data: ordered.map((s) => ({ name: labels.stages[s.stage], value: s.count, itemStyle: { color: COLORS[s.stage] } })),
        },
      ],
    },
  }
}

/** The stage of a clicked band. */
export function funnelHit(params: ChartClick): { stage: FunnelStage } | null {
  const index = clickedIndex(params)
  const stage = index === null ? undefined : FUNNEL_STAGES[index]
  return stage ? { stage } : null
}
