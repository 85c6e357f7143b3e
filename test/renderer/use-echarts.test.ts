import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import type { EChartsCoreOption } from 'echarts/core'
import { canDrawCanvas, canvasChartInit, RENODESK_THEME, useEcharts, type ChartHandle, type ChartInit } from '@renderer/charts/use-echarts'

/** A chart double: records what the composable asked of it. */
function fakeCharts() {
  const made: { el: HTMLElement; theme: string; calls: string[]; options: { option: EChartsCoreOption; notMerge?: boolean }[] }[] = []
  const init: ChartInit = (el, theme) => {
    const record = { el, theme, calls: [] as string[], options: [] as { option: EChartsCoreOption; notMerge?: boolean }[] }
    made.push(record)
    const chart: ChartHandle = {
      setOption: (option, opts) => record.options.push({ option, notMerge: opts?.notMerge }),
      resize: () => record.calls.push('resize'),
      dispose: () => record.calls.push('dispose'),
      setTheme: (next) => record.calls.push(`theme:${next}`),
    }
    return chart
  }
  return { init, made }
}

/** ResizeObserver as the browser has it, with a way to say the element changed size. */
function fakeResizeObserver() {
  const observers: { callback: ResizeObserverCallback; targets: Element[]; disconnected: boolean }[] = []
  class FakeObserver {
    private readonly entry: (typeof observers)[number]
    constructor(callback: ResizeObserverCallback) {
      this.entry = { callback, targets: [], disconnected: false }
      observers.push(this.entry)
    }
    observe(target: Element) {
      this.entry.targets.push(target)
    }
    unobserve() {}
    disconnect() {
      this.entry.disconnected = true
    }
  }
  vi.stubGlobal('ResizeObserver', FakeObserver)
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(0), 0) as unknown as number)
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id))
  return observers
}

function host(init: ChartInit) {
  const shown = ref(true)
  const option = ref<EChartsCoreOption>({ series: [{ type: 'bar', data: [1] }] })
  const theme = ref(RENODESK_THEME)
  const Host = defineComponent({
    setup() {
      const el = ref<HTMLElement | null>(null)
      useEcharts(el, option, { init, theme })
      return () => h('div', [shown.value ? h('div', { ref: el, class: 'chart' }) : null])
    },
  })
  return { Host, shown, option, theme }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('useEcharts', () => {
  it('makes the chart on the element with the app theme and gives it the whole option first', async () => {
    fakeResizeObserver()
    const { init, made } = fakeCharts()
    const { Host } = host(init)
    const wrapper = mount(Host)
    await nextTick()
    expect(made).toHaveLength(1)
    expect(made[0].el).toBe(wrapper.get('.chart').element)
    expect(made[0].theme).toBe('renodesk')
    expect(made[0].options).toEqual([{ option: { series: [{ type: 'bar', data: [1] }] }, notMerge: true }])
    wrapper.unmount()
  })

  it('feeds a changed option in as a merge, so the bars move instead of redrawing', async () => {
    fakeResizeObserver()
    const { init, made } = fakeCharts()
    const { Host, option } = host(init)
    const wrapper = mount(Host)
    await nextTick()
    option.value = { series: [{ type: 'bar', data: [2] }] }
    await nextTick()
    expect(made[0].options.at(-1)).toEqual({ option: { series: [{ type: 'bar', data: [2] }] }, notMerge: undefined })
    wrapper.unmount()
  })

  it('resizes with its element, once per frame however many times the observer fires', async () => {
    const observers = fakeResizeObserver()
    const { init, made } = fakeCharts()
    const { Host } = host(init)
    const wrapper = mount(Host)
    await nextTick()
    expect(observers).toHaveLength(1)
    expect(observers[0].targets).toEqual([wrapper.get('.chart').element])
    observers[0].callback([], {} as ResizeObserver)
    observers[0].callback([], {} as ResizeObserver)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(made[0].calls.filter((c) => c === 'resize')).toHaveLength(1)
    wrapper.unmount()
  })

  it('re-themes in place and disposes with the element and with the component', async () => {
    const observers = fakeResizeObserver()
    const { init, made } = fakeCharts()
    const { Host, shown, theme } = host(init)
    const wrapper = mount(Host)
    await nextTick()
    theme.value = 'dark'
    await nextTick()
    expect(made[0].calls).toContain('theme:dark')

    shown.value = false
    await nextTick()
    expect(made[0].calls.at(-1)).toBe('dispose')
    expect(observers[0].disconnected).toBe(true)

    shown.value = true
    await nextTick()
    expect(made).toHaveLength(2)
    wrapper.unmount()
    expect(made[1].calls.at(-1)).toBe('dispose')
  })

  it('draws nothing, and breaks nothing, where there is no 2D canvas (happy-dom)', () => {
    expect(canDrawCanvas()).toBe(false)
    expect(canvasChartInit(document.createElement('div'), RENODESK_THEME)).toBeNull()
  })
})

describe('the ECharts bundle', () => {
  const sources = import.meta.glob<string>('../../renderer/src/**/*.{ts,vue}', { query: '?raw', import: 'default', eager: true })

  it('is built from echarts/core and the parts in use, never the whole library', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20)
    const whole = /from\s+['"]echarts['"]|import\(\s*['"]echarts['"]\s*\)/
    expect(Object.entries(sources).filter(([, text]) => whole.test(text)).map(([file]) => file)).toEqual([])
    const registration = sources['../../renderer/src/charts/use-echarts.ts']
    expect(registration).toContain("from 'echarts/core'")
    expect(registration).toContain("from 'echarts/renderers'")
  })
})
