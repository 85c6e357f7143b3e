import { getCurrentInstance, onBeforeUnmount, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref, type ShallowRef } from 'vue'
import { init, registerTheme, use, type EChartsCoreOption } from 'echarts/core'
import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts'
import { GraphicComponent, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

// Only what the app's charts draw: the bundle never carries the rest of ECharts.
// A new chart type or component is added here, next to the chart that needs it.
use([BarChart, LineChart, PieChart, FunnelChart, HeatmapChart, GridComponent, TooltipComponent, GraphicComponent, LegendComponent, VisualMapComponent, CanvasRenderer])

export const RENODESK_THEME = 'renodesk'

registerTheme(RENODESK_THEME, {
  color: ['#2b6cd9', '#e6a23c', '#67c23a', '#909399', '#f56c6c', '#6b98e4'],
  backgroundColor: 'transparent',
  textStyle: { fontFamily: "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', system-ui, sans-serif" },
  tooltip: { borderColor: '#e4e7ed', textStyle: { color: '#1f2933', fontSize: 12 } },
})

/** What ECharts tells a click handler about the bar, slice, cell or point clicked. */
export interface ChartClick {
  componentType?: string
  seriesId?: string
  seriesIndex?: number
  dataIndex?: number
  name?: string
  value?: unknown
  data?: unknown
}

/** The part of an ECharts instance the composable uses; a test passes a double of it. */
export interface ChartHandle {
  setOption(option: EChartsCoreOption, opts?: { notMerge?: boolean; lazyUpdate?: boolean }): void
  resize(): void
  dispose(): void
  setTheme?(theme: string): void
  on?(event: 'click', handler: (params: unknown) => void): void
}

/** Makes a chart on an element, or null where nothing can be drawn. */
export type ChartInit = (el: HTMLElement, theme: string) => ChartHandle | null

let canvasWorks: boolean | null = null

/** Whether this page can draw on a 2D canvas (a headless DOM such as happy-dom cannot). */
export function canDrawCanvas(): boolean {
  if (canvasWorks === null) {
    try {
      canvasWorks = typeof document !== 'undefined' && document.createElement('canvas').getContext('2d') !== null
    } catch {
      canvasWorks = false
    }
  }
  return canvasWorks
}

export const canvasChartInit: ChartInit = (el, theme) => (canDrawCanvas() ? init(el, theme, { renderer: 'canvas' }) : null)

export interface UseEchartsOptions {
  theme?: MaybeRefOrGetter<string>
  init?: ChartInit
  /** a click on a data item (bar, slice, cell, point): the dashboard's drill-down */
  onClick?: (params: ChartClick) => void
}

/**
 * One chart on a ref'd element: made when the element appears, fed `option` whenever it changes
 * (merged, so bars move rather than redraw: a builder returns the same shape every time), resized
 * with the element, re-themed in place, disposed with the element or the component.
 */
export function useEcharts(
  el: Ref<HTMLElement | null | undefined>,
  option: MaybeRefOrGetter<EChartsCoreOption | null>,
  options: UseEchartsOptions = {},
): { chart: ShallowRef<ChartHandle | null> } {
  const makeChart = options.init ?? canvasChartInit
  const chart = shallowRef<ChartHandle | null>(null)
  let observer: ResizeObserver | null = null
  let frame: number | null = null

  function dispose(): void {
    observer?.disconnect()
    observer = null
    if (frame !== null) cancelAnimationFrame(frame)
    frame = null
    chart.value?.dispose()
    chart.value = null
  }

  function scheduleResize(): void {
    if (frame !== null) return
    // One resize per frame however many observer callbacks a drag of the window produces.
    frame = requestAnimationFrame(() => {
      frame = null
      chart.value?.resize()
    })
  }

  function create(element: HTMLElement): void {
    const instance = makeChart(element, toValue(options.theme) ?? RENODESK_THEME)
    if (!instance) return
    chart.value = instance
    const onClick = options.onClick
    if (onClick) instance.on?.('click', (params) => onClick(params as ChartClick))
    const value = toValue(option)
    if (value) instance.setOption(value, { notMerge: true })
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(scheduleResize)
      observer.observe(element)
    }
  }

  watch(
    el,
    (element) => {
      dispose()
      if (element) create(element)
    },
    { immediate: true, flush: 'post' },
  )

  watch(
    () => toValue(option),
    (value) => {
      if (value) chart.value?.setOption(value, { lazyUpdate: true })
    },
  )

  watch(
    () => toValue(options.theme),
    (theme) => {
      const current = chart.value
      if (!current || !theme) return
      if (current.setTheme) current.setTheme(theme)
      else if (el.value) {
        dispose()
        create(el.value)
      }
    },
  )

  if (getCurrentInstance()) onBeforeUnmount(dispose)
  return { chart }
}
