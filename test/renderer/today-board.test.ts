import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import TodayBoard from '@renderer/views/visits/today-board.vue'
import { mountScreen } from './support/mount-helpers'
import { designer, settings, visit } from './support/fixtures'
import type { Visit } from '@contract/visits.contract'

afterEach(() => {
  document.body.innerHTML = ''
})

describe("today's board", () => {
  it('groups visits by status and refreshes when the core says visits changed (no polling)', async () => {
    let today: Visit[] = [visit({ id: 1, customerName: '张三' }), visit({ id: 2, customerName: '李四', status: 'withDesigner', designer: { id: 11, name: '张设计' } })]
    const { wrapper, fake } = await mountScreen(TodayBoard, {
      handlers: { 'settings.get': () => settings, 'org.listPeople': () => [designer(11, '张设计')], 'visits.today': () => today },
    })
    expect(wrapper.get('[data-test="board-count-waiting"]').text()).toBe('1')
    expect(wrapper.get('[data-test="board-count-withDesigner"]').text()).toBe('1')
    expect(fake.callsOf('visits.today')).toHaveLength(1)

    today = [...today, visit({ id: 3, customerName: '王五' })]
    fake.emit({ type: 'dataChanged', area: 'customers' })
    await flushPromises()
    expect(fake.callsOf('visits.today')).toHaveLength(1)
    fake.emit({ type: 'dataChanged', area: 'visits', id: 3 })
    await flushPromises()
    expect(fake.callsOf('visits.today')).toHaveLength(2)
    expect(wrapper.findAll('[data-test="board-row"][data-status="waiting"]').map((r) => r.text())).toEqual([expect.stringContaining('张三'), expect.stringContaining('王五')])
  })

  it('moves a waiting client to 洽谈中 with one click, handing them to their designer', async () => {
    const waiting = visit({ id: 5, customerName: '赵六', designer: { id: 11, name: '张设计' } })
    const { wrapper, fake } = await mountScreen(TodayBoard, {
      handlers: {
        'settings.get': () => settings,
        'org.listPeople': () => [designer(11, '张设计')],
        'visits.today': () => [waiting],
        'visits.setStatus': (input) => ({ ...waiting, status: input.status, withDesignerAt: '2025-03-01T02:10:00Z' }),
      },
    })
    const row = wrapper.get('[data-test="board-row"][data-visit-id="5"]')
    await row.get('[data-test="board-start-talk"] button').trigger('click')
    await flushPromises()
    expect(fake.callsOf('visits.setStatus').map((c) => c.input)).toEqual([{ id: 5, status: 'withDesigner', designerId: 11 }])
    expect(wrapper.get('[data-test="board-row"][data-visit-id="5"]').attributes('data-status')).toBe('withDesigner')
  })
})
