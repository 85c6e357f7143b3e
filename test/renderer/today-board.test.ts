import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import TodayBoard from '@renderer/views/visits/today-board.vue'
import { useOrgStore } from '@renderer/stores/org.store'
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

/** A small stateful core for the board: setStatus changes what today returns, as the real one does. */
function boardCore(initial: Visit[]) {
  const rows = new Map(initial.map((v) => [v.id, v]))
  return {
    rows,
    handlers: {
      'settings.get': () => settings,
      'org.listPeople': () => [designer(11, '张设计'), designer(12, '刘设计')],
      'visits.today': () => [...rows.values()],
      'visits.setStatus': (input: Record<string, unknown>) => {
        const before = rows.get(Number(input.id))!
        const status = input.status as Visit['status']
        const next: Visit = {
          ...before,
          status,
          leftAt: status === 'left' ? (before.leftAt ?? '2025-03-01T03:00:00.000Z') : null,
          withDesignerAt: status === 'waiting' ? null : before.withDesignerAt,
          ...(input.outcome !== undefined ? { outcome: input.outcome as string | null } : {}),
        }
        rows.set(next.id, next)
        return next
      },
    },
  }
}

const editor = () => document.body.querySelector<HTMLElement>('[data-test="outcome-editor"]')
const editorInput = () => document.body.querySelector<HTMLInputElement>('input[data-test="outcome-input"]')!
async function key(el: Element, name: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }))
  await flushPromises()
}

describe('arrivals by hour on the board', () => {
  it('sits under the board header, says in words what it draws, and folds away for good', async () => {
    localStorage.clear()
    const core = boardCore([
      visit({ id: 1, arrivedAt: '2025-03-01T02:00:00.000Z' }),
      visit({ id: 2, arrivedAt: '2025-03-01T02:30:00.000Z' }),
      visit({ id: 3, arrivedAt: '2025-02-28T23:30:00.000Z' }),
    ])
    const { wrapper } = await mountScreen(TodayBoard, { handlers: core.handlers })
    await vi.waitFor(() => expect(wrapper.find('[data-test="arrivals-chart"]').exists()).toBe(true))
    const chart = wrapper.get('[data-test="arrivals-chart"]')
    expect(chart.attributes('aria-label')).toBe('今日到店时段：07:00 1 组，10:00 2 组')
    expect(chart.get('[data-test="arrivals-peak"]').text()).toBe('高峰 10:00 · 2 组')

    await wrapper.get('[data-test="arrivals-chart-toggle"]').trigger('click')
    expect(wrapper.find('[data-test="arrivals-chart"]').exists()).toBe(false)
    expect(localStorage.getItem('renodesk.reception.arrivalsChart')).toBe('hidden')
  })
})

describe('接待结果 when a client leaves', () => {
  it('asks for the outcome on the 已离开 row right after 离开, and a chip plus Enter saves it', async () => {
    const core = boardCore([visit({ id: 5, customerName: '赵六' })])
    const { wrapper, fake } = await mountScreen(TodayBoard, { handlers: core.handlers })
    await wrapper.get('[data-test="board-row"][data-visit-id="5"] [data-test="board-leave"]').trigger('click')
    await flushPromises()
    // one click still moves the client (the outcome is optional)
    expect(fake.callsOf('visits.setStatus').map((c) => c.input)).toEqual([{ id: 5, status: 'left' }])
    expect(wrapper.get('[data-test="board-row"][data-visit-id="5"]').attributes('data-status')).toBe('left')
    await vi.waitFor(() => expect(editor()).not.toBeNull())
    expect(editor()!.textContent).toContain('接待结果 · 赵六')

    const chip = [...document.body.querySelectorAll<HTMLButtonElement>('[data-test="outcome-chip"]')].find((b) => b.textContent?.trim() === '已约量房')!
    chip.click()
    await flushPromises()
    const input = editorInput()
    expect(input.value).toBe('已约量房')
    input.value = '已约量房，周六上午'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await flushPromises()
    await key(input, 'Enter')

    expect(fake.callsOf('visits.setStatus').map((c) => c.input).at(-1)).toEqual({ id: 5, status: 'left', outcome: '已约量房，周六上午' })
    expect(wrapper.get('[data-test="board-row"][data-visit-id="5"] [data-test="board-outcome"]').text()).toBe('已约量房，周六上午')
  })

  it('Esc puts the editor away and sends nothing more', async () => {
    const core = boardCore([visit({ id: 5 })])
    const { wrapper, fake } = await mountScreen(TodayBoard, { handlers: core.handlers })
    await wrapper.get('[data-test="board-leave"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(editor()).not.toBeNull())
    editorInput().value = '考虑中'
    editorInput().dispatchEvent(new Event('input', { bubbles: true }))
    await key(editorInput(), 'Escape')
    expect(fake.callsOf('visits.setStatus')).toHaveLength(1)
    expect(wrapper.get('[data-test="board-outcome"]').text()).toBe('记录结果')
  })

  it('edits the outcome of a client who left earlier, and clearing it sends null', async () => {
    const core = boardCore([visit({ id: 8, status: 'left', leftAt: '2025-03-01T03:00:00.000Z', outcome: '考虑中' })])
    const { wrapper, fake } = await mountScreen(TodayBoard, { handlers: core.handlers })
    const cell = wrapper.get('[data-test="board-outcome"]')
    expect(cell.text()).toBe('考虑中')
    await cell.trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(editorInput().value).toBe('考虑中'))
    editorInput().value = '  '
    editorInput().dispatchEvent(new Event('input', { bubbles: true }))
    await key(editorInput(), 'Enter')
    expect(fake.callsOf('visits.setStatus').map((c) => c.input)).toEqual([{ id: 8, status: 'left', outcome: null }])
  })

  it('undoes a 离开 clicked by mistake: back to 洽谈中 with the same designer', async () => {
    const core = boardCore([visit({ id: 9, status: 'withDesigner', designer: { id: 11, name: '张设计' }, withDesignerAt: '2025-03-01T02:10:00.000Z' })])
    const { wrapper, fake } = await mountScreen(TodayBoard, { handlers: core.handlers })
    await wrapper.get('[data-test="board-leave"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(editor()).not.toBeNull())
    document.body.querySelector<HTMLButtonElement>('[data-test="outcome-undo-leave"]')!.click()
    await flushPromises()
    expect(fake.callsOf('visits.setStatus').map((c) => c.input)).toEqual([
      { id: 9, status: 'left' },
      { id: 9, status: 'withDesigner' },
    ])
    expect(wrapper.get('[data-test="board-row"][data-visit-id="9"]').attributes('data-status')).toBe('withDesigner')
  })

  it('marks a designer who is with a client in the hand-to menu', async () => {
    const core = boardCore([visit({ id: 1 }), visit({ id: 2, status: 'withDesigner', designer: { id: 12, name: '刘设计' } })])
    const { wrapper, pinia } = await mountScreen(TodayBoard, { handlers: core.handlers })
    // on the desk the walk-in form beside the board loads them
    await useOrgStore(pinia).loadDesigners()
    await wrapper.get('[data-test="board-row"][data-visit-id="1"] .el-dropdown__caret-button').trigger('click')
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="board-designer-12"]')).not.toBeNull())
    const busy = document.body.querySelector('[data-test="board-designer-12"]')
    const free = document.body.querySelector('[data-test="board-designer-11"]')
    expect(busy?.textContent).toContain('洽谈中')
    expect(free?.textContent).not.toContain('洽谈中')
  })
})
