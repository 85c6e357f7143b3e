import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ListSearchBox from '@renderer/components/list-search-box.vue'

/** A filter bar with only the search box, recording what the box told it. */
function mountBox() {
  const q = ref('')
  const told: string[] = []
  const box = ref<InstanceType<typeof ListSearchBox> | null>(null)
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h(ListSearchBox, {
          ref: box,
          modelValue: q.value,
          'onUpdate:modelValue': (value: string) => (q.value = value),
          placeholder: '客户姓名或电话',
          class: 'search',
          'data-test': 'x-filter-q',
          onType: () => told.push('type'),
          onApply: () => told.push('apply'),
          onKeydown: (event: KeyboardEvent) => told.push(`key:${event.key}`),
        }),
    }),
    { attachTo: document.body, global: { plugins: [ElementPlus] } },
  )
  return { wrapper, q, told, box }
}

describe('list-search-box', () => {
  it('types into the model and says so, passes its keys on, and lands data-test on the input', async () => {
    const { wrapper, q, told } = mountBox()
    const input = wrapper.get('input[data-test="x-filter-q"]')
    expect(input.attributes('placeholder')).toBe('客户姓名或电话')
    expect(input.attributes('maxlength')).toBe('40')
    expect(wrapper.find('.search').exists()).toBe(true)
    await input.setValue('王芳')
    expect(q.value).toBe('王芳')
    await input.trigger('keydown', { key: 'ArrowDown' })
    expect(told).toEqual(['type', 'key:ArrowDown'])
    wrapper.unmount()
  })

  it('applies at once when cleared, and takes the focus when asked', async () => {
    const { wrapper, q, told, box } = mountBox()
    await wrapper.get('input').setValue('翠湖')
    told.length = 0
    box.value?.focus()
    expect(document.activeElement).toBe(wrapper.get('input').element)
    await wrapper.get('input').trigger('mouseenter')
    await wrapper.get('.el-input__clear').trigger('click')
    expect(q.value).toBe('')
    expect(told).toContain('apply')
    wrapper.unmount()
  })
})
