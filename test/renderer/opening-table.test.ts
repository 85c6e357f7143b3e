import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElTableColumn } from 'element-plus'
import OpeningTable from '@renderer/components/opening-table.vue'

interface Row {
  id: number
  name: string
}

/** A list page's table with one column, recording the rows it was asked to open. */
async function mountTable(rows: Row[], emptyText = '暂无记录', emptySlot?: () => string) {
  const openId = ref<number | null>(null)
  const opened: number[] = []
  const table = ref<{ setCurrentRow: (row?: Row) => void } | null>(null)
  const wrapper = mount(
    defineComponent({
      setup: () => () =>
        h(
          OpeningTable,
          { ref: table, rows, loading: false, openId: openId.value, emptyText, 'data-test': 'x-table', onOpen: (row: { id: number }) => opened.push(row.id) },
          { default: () => h(ElTableColumn, { label: '姓名', prop: 'name' }), ...(emptySlot ? { empty: emptySlot } : {}) },
        ),
    }),
    { attachTo: document.body, global: { plugins: [ElementPlus] } },
  )
  await flushPromises()
  return { wrapper, openId, opened, table }
}

describe('opening-table', () => {
  it('opens a clicked row, marks the open one and lets the walk mark the current one', async () => {
    const page = [
      { id: 1, name: '王芳' },
      { id: 2, name: '李强' },
    ]
    const { wrapper, openId, opened, table } = await mountTable(page)
    expect(wrapper.find('[data-test="x-table"]').exists()).toBe(true)
    const rows = () => wrapper.findAll('.el-table__body tr')
    expect(rows().map((row) => row.text())).toEqual(['王芳', '李强'])
    await rows()[1].trigger('click')
    expect(opened).toEqual([2])
    openId.value = 2
    await flushPromises()
    expect(rows()[1].classes()).toContain('is-open')
    expect(rows()[0].classes()).not.toContain('is-open')
    table.value?.setCurrentRow(page[0])
    await flushPromises()
    expect(rows()[0].classes()).toContain('current-row')
    wrapper.unmount()
  })

  it('says why there is nothing to show', async () => {
    const { wrapper } = await mountTable([], '没有符合条件的定金')
    expect(wrapper.find('.el-empty').text()).toContain('没有符合条件的定金')
    wrapper.unmount()
  })

  it('puts the empty slot, when given, in the table’s own empty line instead of the picture', async () => {
    const { wrapper } = await mountTable([], '没有工单', () => '没有工单')
    expect(wrapper.find('.el-empty').exists()).toBe(false)
    expect(wrapper.get('.el-table__empty-text').text()).toBe('没有工单')
    wrapper.unmount()
  })
})
