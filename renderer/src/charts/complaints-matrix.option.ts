import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComplaintCell } from '@contract/dashboard.contract'
import { axisTooltip, categoryAxis, clickedIndex, countValueAxis, topLegend, tooltipLine, type ChartBuild } from './dashboard-chart-kit'
import type { ChartClick } from './use-echarts'

export type ComplaintsMatrixOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

export interface ComplaintsMatrix {
  categories: string[]
  /** mildest first, so the stack grows towards the severe end */
  severities: string[]
  /** counts[severity index][category index] */
  counts: number[][]
}

/** Names in the settings' order first (the order people chose), then any others by size. */
function ordered(names: Map<string, number>, preferred: readonly string[]): string[] {
  const listed = preferred.filter((name) => names.has(name))
  const others = [...names.entries()].filter(([name]) => !preferred.includes(name)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'))
  return [...listed, ...others.map(([name]) => name)]
}

/** The cells laid out as one stacked bar per category with a segment per severity. */
export function complaintsMatrix(cells: readonly ComplaintCell[], order: { categories?: readonly string[]; severities?: readonly string[] } = {}): ComplaintsMatrix {
  const byCategory = new Map<string, number>()
  const bySeverity = new Map<string, number>()
  for (const cell of cells) {
    if (cell.count <= 0) continue
    byCategory.set(cell.category, (byCategory.get(cell.category) ?? 0) + cell.count)
    bySeverity.set(cell.severity, (bySeverity.get(cell.severity) ?? 0) + cell.count)
  }
  const categories = ordered(byCategory, order.categories ?? [])
  const severities = ordered(bySeverity, order.severities ?? [])
  const counts = severities.map(() => categories.map(() => 0))
  for (const cell of cells) {
    const s = severities.indexOf(cell.severity)
    const c = categories.indexOf(cell.category)
    if (s >= 0 && c >= 0) counts[s][c] += cell.count
  }
  return { categories, severities, counts }
}

/** Warm for the listed severities, mild to severe; anything beyond the list in grey. */
const SEVERITY_COLORS = ['#f3d19e', '#e6a23c', '#e07b39', '#d14343', '#a8071a']
const OTHER_COLOR = '#b1b7c1'

export interface ComplaintsMatrixInput {
  cells: readonly ComplaintCell[]
  /** the settings' lists (complaintCategories, ticketSeverities), for the order and the colours */
  categories?: readonly string[]
  severities?: readonly string[]
  labels: { count: (n: number) => string; total: string }
}

export function complaintsMatrixOption(input: ComplaintsMatrixInput): ChartBuild<ComplaintsMatrixOption> & { matrix: ComplaintsMatrix } {
  const matrix = complaintsMatrix(input.cells, input)
  const { labels } = input
  const listed = input.severities ?? []
  const colorOf = (severity: string): string => {
    const at = listed.indexOf(severity)
    return at >= 0 ? SEVERITY_COLORS[Math.min(at, SEVERITY_COLORS.length - 1)] : OTHER_COLOR
  }
  return {
    empty: matrix.categories.length === 0,
    matrix,
    option: {
      animationDuration: 300,
      legend: topLegend(),
      grid: { left: 4, right: 8, top: 30, bottom: 2, containLabel: true },
      tooltip: axisTooltip((c) => {
        const total = matrix.counts.reduce((n, row) => n + row[c], 0)
        const lines = matrix.severities.map((s, i) => (matrix.counts[i][c] > 0 ? tooltipLine(s, labels.count(matrix.counts[i][c]), colorOf(s)) : '')).filter(Boolean)
        return [`${matrix.categories[c]} · ${labels.total} <b>${labels.count(total)}</b>`, ...lines].join('<br/>')
      }),
      xAxis: categoryAxis(matrix.categories, { rotateAbove: 6 }),
      yAxis: countValueAxis(),
      series: matrix.severities.map((severity, i) => ({
        id: `severity:${severity}`,
        name: severity,
        type: 'bar',
        stack: 'complaints',
        barMaxWidth: 36,
        cursor: 'pointer',
        itemStyle: { color: colorOf(severity) },
        emphasis: { focus: 'series' },
        data: matrix.counts[i],
      })),
    },
  }
}

/** The category and severity of a clicked segment. */
export function complaintsMatrixHit(matrix: ComplaintsMatrix, params: ChartClick): { category: string; severity: string } | null {
  const index = clickedIndex(params)
  const category = index === null ? undefined : matrix.categories[index]
  const severity = params.seriesIndex === undefined ? undefined : matrix.severities[params.seriesIndex]
  return category !== undefined && severity !== undefined ? { category, severity } : null
}
