import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { GraphicComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components'
import type { LiveBoard } from '@contract/calls.contract'
import { CHART_MUTED, countAxis, emptyDayText, hourAxis, hourLabel, hourSpan, hourTooltip } from './hour-chart-kit'

export type CallsByHourOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | GraphicComponentOption>

export type HourRow = LiveBoard['byHour'][number]

/** The parts one hour's bar is stacked from, bottom to top. */
export const CALL_SEGMENTS = ['answeredIn', 'missed', 'abandoned', 'outbound'] as const
export type CallSegment = (typeof CALL_SEGMENTS)[number]

/** Colours of the segments; the view draws its legend with the same ones. Red is what is owed a callback. */
export const SEGMENT_COLORS: Record<CallSegment, string> = {
  answeredIn: '#2b6cd9',
  missed: '#e05b5b',
  abandoned: '#c0c4cc',
  outbound: '#1f9d8a',
}

/** Hours the call centre normally works: always drawn, so a quiet morning still reads as a day. */
export const DEFAULT_SERVICE_HOURS = { from: 8, to: 20 } as const

export interface CallsByHourLabels {
  /** segment names: 呼入接通, 未接, 放弃, 呼出 */
  segments: Record<CallSegment, string>
  /** 呼入, for the tooltip's total of the inbound segments */
  inbound: string
  empty: string
  /** a count as people say it: `3 通` */
  count: (n: number) => string
}

export interface CallsByHourInput {
  /** `calls.liveBoard().byHour`: company-local hours, inbound counting its missed and abandoned calls too */
  byHour: readonly HourRow[]
  /** the company-local hour it is now: its label is drawn darker */
  currentHour?: number | null
  serviceHours?: { from: number; to: number }
  labels: CallsByHourLabels
}

export interface HourStack {
  hour: number
  inbound: number
  outbound: number
  segments: Record<CallSegment, number>
}

/**
 * One stack per hour from the start to the end of service, widened to any hour that had calls.
 * Missed and abandoned calls are inbound calls, so the inbound segment is what is left of them:
 * a bar is as tall as the hour's calls, never counted twice.
 */
export function callsByHour(byHour: readonly HourRow[], serviceHours: { from: number; to: number } = DEFAULT_SERVICE_HOURS): HourStack[] {
  const rows = new Map(byHour.map((r) => [r.hour, r]))
  const busy = byHour.filter((r) => r.inbound + r.outbound > 0).map((r) => r.hour)
  const from = Math.min(serviceHours.from, ...busy)
  const to = Math.max(serviceHours.to, ...busy)
  const stacks: HourStack[] = []
  for (let hour = from; hour <= to; hour++) {
    const r = rows.get(hour) ?? { hour, inbound: 0, outbound: 0, missed: 0, abandoned: 0 }
    stacks.push({
      hour,
      inbound: r.inbound,
      outbound: r.outbound,
      segments: { answeredIn: Math.max(0, r.inbound - r.missed - r.abandoned), missed: r.missed, abandoned: r.abandoned, outbound: r.outbound },
    })
  }
  return stacks
}

/** `10:00 呼入 5 通 / 呼出 2 通，…`: the chart in words, for a screen reader. */
export function describeCallsByHour(stacks: readonly HourStack[], labels: CallsByHourLabels): string {
  return stacks
    .filter((s) => s.inbound + s.outbound > 0)
    .map((s) => `${hourLabel(s.hour)} ${labels.inbound} ${labels.count(s.inbound)} / ${labels.segments.outbound} ${labels.count(s.outbound)}`)
    .join('，')
}

const NOW = '#1f2933'

/** Today's calls by hour as stacked bars (data in, option out; no canvas needed). */
export function callsByHourOption(input: CallsByHourInput): CallsByHourOption {
  const stacks = callsByHour(input.byHour, input.serviceHours)
  const empty = stacks.every((s) => s.inbound + s.outbound === 0)
  const { labels } = input
  const nowIndex = stacks.findIndex((s) => s.hour === input.currentHour)
  const line = (name: string, n: number, color?: string): string =>
    `${color ? `<span style="display:inline-block;width:8px;height:8px;border-radius:2px;margin-right:6px;background:${color}"></span>` : ''}${name} <b>${labels.count(n)}</b>`

  return {
    animationDuration: 300,
    grid: { left: 4, right: 4, top: 12, bottom: 2, containLabel: true },
    tooltip: hourTooltip((index) => {
      const stack = stacks[index]
      if (!stack) return ''
      return [
        hourSpan(stack.hour),
        line(labels.inbound, stack.inbound),
        ...CALL_SEGMENTS.map((segment) => line(labels.segments[segment], stack.segments[segment], SEGMENT_COLORS[segment])),
      ].join('<br/>')
    }),
    xAxis: hourAxis(
      stacks.map((s) => s.hour),
      (_value, index) => (index === nowIndex ? NOW : CHART_MUTED),
    ),
    yAxis: countAxis({ empty, splitNumber: 3, showLabels: true }),
    series: CALL_SEGMENTS.map((segment) => ({
      id: segment,
      name: labels.segments[segment],
      type: 'bar',
      stack: 'calls',
      barMaxWidth: 26,
      itemStyle: { color: SEGMENT_COLORS[segment] },
      emphasis: { focus: 'series' },
      data: stacks.map((s) => s.segments[segment]),
    })),
    graphic: emptyDayText(labels.empty, empty),
  }
}
