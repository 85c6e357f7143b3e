import { describe, expect, it } from 'vitest'
import { FUNNEL_STAGE_LABELS } from '@contract/dashboard.contract'
import { callHeatmapHit, callHeatmapOption, heatmapHours, type CallHeatmapLabels } from '@renderer/charts/call-heatmap.option'
import { callsPerDayHit, callsPerDayOption, type CallsPerDayLabels } from '@renderer/charts/calls-per-day.option'
import { complaintsMatrix, complaintsMatrixHit, complaintsMatrixOption } from '@renderer/charts/complaints-matrix.option'
import { designerRankingHit, designerRankingOption, DESIGNER_RANKING_LIMIT, type DesignerRankingInput } from '@renderer/charts/designer-ranking.option'
import { funnelHit, funnelOption, funnelSteps, type FunnelInput } from '@renderer/charts/funnel.option'
import { onTimeTrendHit, onTimeTrendOption, type OnTimeTrendInput } from '@renderer/charts/on-time-trend.option'
import { satisfactionTrendHit, satisfactionTrendOption, type SatisfactionTrendInput } from '@renderer/charts/satisfaction-trend.option'
import { walkInsBySourceHit, walkInsBySourceOption, type WalkInsBySourceInput } from '@renderer/charts/walk-ins-by-source.option'
import { busyOverview, designerStat, emptyOverview } from './support/dashboard-fixtures'

/** Reading an option back: ECharts' option types are unions too wide to index in a test. */
type Loose = Record<string, unknown>
const seriesOf = (option: object) => (option as { series: Loose[] }).series
const xLabels = (option: object) => ((option as { xAxis: { data: string[] } }).xAxis.data)
const yLabels = (option: object) => ((option as { yAxis: { data: string[] } }).yAxis.data)
const tooltipOf = (option: object) => (option as { tooltip: { formatter: (p: unknown) => string } }).tooltip.formatter
const day = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
const count = (n: number) => `${n}`
const click = (seriesIndex: number, dataIndex: number, seriesId?: string) => ({ componentType: 'series', seriesIndex, dataIndex, seriesId })

const overview = busyOverview()
const empty = emptyOverview()

describe('calls per day', () => {
  const labels: CallsPerDayLabels = { segments: { in: '呼入', out: '呼出', missed: '未接' }, day, count: (n) => `${n} 通` }

  it('draws in, out and missed side by side from the daily rows, dates in Chinese', () => {
    const { option, empty: isEmpty } = callsPerDayOption({ days: overview.callsByDay, labels })
    expect(isEmpty).toBe(false)
    const series = seriesOf(option)
    expect(series.map((s) => [s.id, s.name, s.stack])).toEqual([
      ['in', '呼入', undefined],
      ['out', '呼出', undefined],
      ['missed', '未接', undefined],
    ])
    expect(series[0].data).toEqual(overview.callsByDay.map((d) => d.in))
    expect(series[1].data).toEqual(overview.callsByDay.map((d) => d.out))
    expect(series[2].data).toEqual(overview.callsByDay.map((d) => d.missed))
    expect(xLabels(option)).toHaveLength(31)
    expect(xLabels(option)[0]).toBe('3月1日')
    expect(tooltipOf(option)([{ dataIndex: 2 }])).toContain('呼入 <b>12 通</b>')
  })

  it('flags a period without calls as empty', () => {
    expect(callsPerDayOption({ days: empty.callsByDay, labels }).empty).toBe(true)
    expect(callsPerDayOption({ days: [], labels }).empty).toBe(true)
  })

  it('names the day and kind of a clicked bar, and nothing for a click elsewhere', () => {
    expect(callsPerDayHit(overview.callsByDay, click(2, 2, 'missed'))).toEqual({ date: '2025-03-03', segment: 'missed' })
    expect(callsPerDayHit(overview.callsByDay, click(1, 0))).toEqual({ date: '2025-03-01', segment: 'out' })
    expect(callsPerDayHit(overview.callsByDay, { componentType: 'xAxis', dataIndex: 2 })).toBeNull()
    expect(callsPerDayHit(overview.callsByDay, click(0, 99))).toBeNull()
  })
})

describe('call heat map', () => {
  const labels: CallHeatmapLabels = { weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'], series: '呼入来电', count: (n) => `${n} 通` }

  it('puts each cell at its hour and weekday, Monday on top, hours and weekdays labelled in Chinese', () => {
    const { option, empty: isEmpty, cells } = callHeatmapOption({ cells: overview.heatmap, labels })
    expect(isEmpty).toBe(false)
    expect(cells).toEqual(overview.heatmap)
    expect(yLabels(option)).toEqual(labels.weekdays)
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true)
    const hours = xLabels(option)
    expect(hours[0]).toBe('08:00')
    const data = seriesOf(option)[0].data as number[][]
    expect(data.map(([x, y, v]) => [hours[x], labels.weekdays[y], v])).toEqual([
      ['09:00', '周一', 7],
      ['14:00', '周三', 3],
    ])
    expect(option.visualMap).toMatchObject({ min: 0, max: 7, text: ['7', '0'] })
    expect(tooltipOf(option)({ dataIndex: 0 })).toBe('周一 09:00–10:00<br/>呼入来电 <b>7 通</b>')
  })

  it('widens the hours to a night call and flags an empty period', () => {
    expect(heatmapHours([{ weekday: 6, hour: 23, calls: 1 }]).at(-1)).toBe(23)
    const none = callHeatmapOption({ cells: [], labels })
    expect(none.empty).toBe(true)
    expect(seriesOf(none.option)[0].data).toEqual([])
  })

  it('names the weekday and hour of a clicked cell', () => {
    const { cells } = callHeatmapOption({ cells: overview.heatmap, labels })
    expect(callHeatmapHit(cells, click(0, 1))).toEqual({ weekday: 3, hour: 14 })
    expect(callHeatmapHit(cells, click(0, 5))).toBeNull()
  })
})

describe('walk-ins by source', () => {
  const labels: WalkInsBySourceInput['labels'] = { series: '到店', noSource: '未填写来源', count: (n) => `${n} 组` }

  it('is a pie of the sources, largest first, the unnamed source labelled and grey', () => {
    const { option, empty: isEmpty, slices } = walkInsBySourceOption({ sources: overview.walkInsBySource, labels })
    expect(isEmpty).toBe(false)
    const data = seriesOf(option)[0].data as { name: string; value: number; itemStyle?: { color: string } }[]
    expect(data.map((d) => [d.name, d.value])).toEqual([
      ['网络推广', 20],
      ['老客户介绍', 18],
      ['未填写来源', 4],
    ])
    expect(data.reduce((n, d) => n + d.value, 0)).toBe(overview.walkInsBySource.reduce((n, s) => n + s.count, 0))
    expect(data[2].itemStyle?.color).toBeDefined()
    expect(slices.map((s) => s.source)).toEqual(['网络推广', '老客户介绍', null])
    expect(walkInsBySourceHit(slices, click(0, 2))).toEqual({ source: null })
    expect(walkInsBySourceHit(slices, click(0, 0))).toEqual({ source: '网络推广' })
  })

  it('flags no walk-ins (or only zero counts) as empty', () => {
    expect(walkInsBySourceOption({ sources: [], labels }).empty).toBe(true)
    expect(walkInsBySourceOption({ sources: [{ source: '网络推广', count: 0 }], labels }).empty).toBe(true)
  })
})

describe('funnel', () => {
  const labels: FunnelInput['labels'] = { stages: FUNNEL_STAGE_LABELS, series: '转化', count, ofPrevious: (rate) => `为上一步的 ${rate}` }

  it('keeps the stages in the funnel order with the counts given, even when a later stage is larger', () => {
    const { option, empty: isEmpty } = funnelOption({ steps: [...overview.funnel].reverse(), labels })
    expect(isEmpty).toBe(false)
    const series = seriesOf(option)[0]
    expect(series.sort).toBe('none')
    const data = series.data as { name: string; value: number }[]
    expect(data.map((d) => [d.name, d.value])).toEqual([
      ['咨询来电', 80],
      ['到店', 42],
      ['量房', 8],
      ['定金', 10],
      ['签约', 5],
    ])
    expect(tooltipOf(option)({ dataIndex: 1 })).toBe('到店 <b>42</b><br/>为上一步的 52.5%')
  })

  it('counts a stage the core left out as 0 and flags an all-zero funnel as empty', () => {
    expect(funnelSteps([{ stage: 'deposit', count: 3 }]).map((s) => s.count)).toEqual([0, 0, 0, 3, 0])
    expect(funnelOption({ steps: [], labels }).empty).toBe(true)
  })

  it('names the stage of a clicked band', () => {
    expect(funnelHit(click(0, 3))).toEqual({ stage: 'deposit' })
    expect(funnelHit(click(0, 9))).toBeNull()
  })
})

describe('complaints by category × severity', () => {
  const order = { categories: ['工程质量', '设计', '材料', '工期'], severities: ['一般', '较重', '严重', '紧急'] }

  it('stacks a segment per severity on a bar per category, in the settings order', () => {
    const { option, empty: isEmpty, matrix } = complaintsMatrixOption({ cells: overview.complaints, ...order, labels: { count, total: '合计' } })
    expect(isEmpty).toBe(false)
    expect(xLabels(option)).toEqual(['工程质量', '工期'])
    const series = seriesOf(option)
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['一般', 'complaints', [2, 0]],
      ['严重', 'complaints', [1, 1]],
    ])
    // every complaint counted once
    expect(series.flatMap((s) => s.data as number[]).reduce((a, b) => a + b, 0)).toBe(4)
    expect(complaintsMatrixHit(matrix, click(1, 1))).toEqual({ category: '工期', severity: '严重' })
    expect(tooltipOf(option)([{ dataIndex: 0 }])).toContain('工程质量 · 合计 <b>3</b>')
  })

  it('puts names the settings do not list after the listed ones, largest first', () => {
    const matrix = complaintsMatrix(
      [
        { category: '噪音', severity: '特急', count: 1 },
        { category: '服务', severity: '一般', count: 3 },
        { category: '工期', severity: '一般', count: 1 },
      ],
      order,
    )
    expect(matrix.categories).toEqual(['工期', '服务', '噪音'])
    expect(matrix.severities).toEqual(['一般', '特急'])
  })

  it('flags no complaints as empty', () => {
    expect(complaintsMatrixOption({ cells: [], labels: { count, total: '合计' } }).empty).toBe(true)
  })
})

describe('on-time trend', () => {
  const labels: OnTimeTrendInput['labels'] = { series: '按时解决率', resolved: '已解决', onTime: '按时解决', day, count }

  it('draws the daily rate as given (fractions on a percent axis), bridging days without a rate', () => {
    const { option, empty: isEmpty } = onTimeTrendOption({ days: overview.onTimeTrend, labels })
    expect(isEmpty).toBe(false)
    const series = seriesOf(option)[0]
    expect(series.data).toEqual(overview.onTimeTrend.map((d) => d.rate))
    expect(series.connectNulls).toBe(true)
    expect(xLabels(option)[4]).toBe('3月5日')
    const axis = option.yAxis as { max: number; axisLabel: { formatter: (v: number) => string } }
    expect(axis.max).toBe(1)
    expect(axis.axisLabel.formatter(0.75)).toBe('75%')
    expect(tooltipOf(option)([{ dataIndex: 4 }])).toContain('按时解决率 <b>75.0%</b>')
    expect(onTimeTrendHit(overview.onTimeTrend, click(0, 4))).toEqual({ date: '2025-03-05' })
  })

  it('flags a period without resolved tickets as empty', () => {
    expect(onTimeTrendOption({ days: empty.onTimeTrend, labels }).empty).toBe(true)
  })
})

describe('satisfaction trend', () => {
  const labels: SatisfactionTrendInput['labels'] = { rate: '满意率', score: '平均分', results: '评价数', day, count }

  it('draws the satisfied rate on the percent axis and the mean score on a 1–5 axis', () => {
    const { option, empty: isEmpty } = satisfactionTrendOption({ days: overview.satisfactionTrend, labels })
    expect(isEmpty).toBe(false)
    const [rate, score] = seriesOf(option)
    expect(rate.data).toEqual(overview.satisfactionTrend.map((d) => d.rate))
    expect(score.data).toEqual(overview.satisfactionTrend.map((d) => d.avgScore))
    expect([rate.name, score.name]).toEqual(['满意率', '平均分'])
    expect([rate.yAxisIndex, score.yAxisIndex]).toEqual([0, 1])
    expect((option.yAxis as { min: number; max: number }[])[1]).toMatchObject({ min: 1, max: 5 })
    expect(xLabels(option)[5]).toBe('3月6日')
    expect(satisfactionTrendHit(overview.satisfactionTrend, click(1, 5))).toEqual({ date: '2025-03-06' })
  })

  it('flags a period without verdicts as empty', () => {
    expect(satisfactionTrendOption({ days: empty.satisfactionTrend, labels }).empty).toBe(true)
  })
})

describe('designer ranking', () => {
  const labels: DesignerRankingInput['labels'] = { consultations: '谈单量', deposits: '定金数', signed: '签约数', conversion: '达成率', count }

  it('draws 谈单量 and 定金数 as bars and 达成率 as a labelled line on the rate axis, names along the bottom', () => {
    const { option, empty: isEmpty, shown } = designerRankingOption({ designers: overview.designers, labels })
    expect(isEmpty).toBe(false)
    expect(xLabels(option)).toEqual(['陈设计', '刘设计'])
    const [consultations, deposits, conversion] = seriesOf(option)
    expect([consultations.name, consultations.type, consultations.data]).toEqual(['谈单量', 'bar', [30, 20]])
    expect([deposits.name, deposits.type, deposits.data]).toEqual(['定金数', 'bar', [6, 4]])
    expect([conversion.name, conversion.type, conversion.yAxisIndex, conversion.data]).toEqual(['达成率', 'line', 1, [0.1, 0.1]])
    const label = conversion.label as { formatter: (p: { value: unknown }) => string }
    expect(label.formatter({ value: 0.1 })).toBe('10.0%')
    expect(label.formatter({ value: 0 })).toBe('')
    expect(label.formatter({ value: null })).toBe('')
    expect(designerRankingHit(shown, click(2, 1))).toEqual({ designerId: 12 })
  })

  it('shows the leading designers only and flags none as empty', () => {
    const many = Array.from({ length: 20 }, (_, i) => designerStat(i + 1, `设计师${i + 1}`, 20 - i, 1, 0))
    expect(designerRankingOption({ designers: many, labels }).shown).toHaveLength(DESIGNER_RANKING_LIMIT)
    expect(designerRankingOption({ designers: [], labels }).empty).toBe(true)
  })
})
