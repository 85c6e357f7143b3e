import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { useEcharts, type ChartClick, type ChartHandle, type ChartInit } from '@renderer/charts/use-echarts'

describe('useEcharts click (the dashboard drill-down)', () => {
  it('passes a click on a data item to onClick, again after the chart is re-made', async () => {
    const handlers: ((params: unknown) => void)[] = []
    const init: ChartInit = () => {
      const chart: ChartHandle = { setOption: () => undefined, resize: () => undefined, dispose: () => undefined, on: (_event, handler) => void handlers.push(handler) }
      return chart
    }
    const clicks: ChartClick[] = []
    const theme = ref('renodesk')
    const Host = defineComponent({
      setup() {
        const el = ref<HTMLElement | null>(null)
        useEcharts(el, { series: [] }, { init, theme, onClick: (p) => clicks.push(p) })
        return () => h('div', { ref: el })
      },
    })
    const wrapper = mount(Host)
    await wrapper.vm.$nextTick()
    expect(handlers).toHaveLength(1)
    handlers[0]({ componentType: 'series', seriesIndex: 1, dataIndex: 3 })
    expect(clicks).toEqual([{ componentType: 'series', seriesIndex: 1, dataIndex: 3 }])

    // a chart without setTheme is re-made for a new theme; its clicks still arrive
    theme.value = 'dark'
    await wrapper.vm.$nextTick()
    expect(handlers).toHaveLength(2)
    handlers[1]({ componentType: 'series', seriesIndex: 0, dataIndex: 0 })
    expect(clicks).toHaveLength(2)
    wrapper.unmount()
  })
})
