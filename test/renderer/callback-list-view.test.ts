import { afterEach, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { companyDate } from '@contract/time'
import type { CallbackItem } from '@contract/callbacks.contract'
import CallbackListView from '@renderer/views/callbacks/callback-list-view.vue'
import { dueStateOf, isRepairCallback, reasonText } from '@renderer/views/callbacks/callback-rules'
import { callbackFiltersFromQuery } from '@renderer/views/callbacks/callback-query'
import { useAuthStore } from '@renderer/stores/auth.store'
import { mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'
import { callbackItem } from './support/ticket-admin-fixtures'

const stub = { render: () => h('div') }
const routes: RouteRecordRaw[] = [
  { path: '/callbacks', name: 'callbacks', component: CallbackListView },
  { path: '/tickets/:id', name: 'ticket-detail', component: stub },
  { path: '/customers/:id', name: 'customer-detail', component: stub },
]
const Root = { render: () => h(RouterView) }
const today = companyDate(new Date(), 'Asia/Shanghai')

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

describe('callback rules', () => {
  it('tells a repair’s callback (which asks for a rating) by its ticket number', () => {
    expect(isRepairCallback(callbackItem({ ticket: { id: 8, no: 'WX20261127-002' } }))).toBe(true)
    expect(isRepairCallback(callbackItem())).toBe(false)
    expect(isRepairCallback(callbackItem({ ticket: null }))).toBe(false)
  })

  it('drops the ticket number the reason starts with (the list shows it in its own column)', () => {
    expect(reasonText(callbackItem({ reason: 'TS20261127-001 卫生间墙面渗水' }))).toBe('卫生间墙面渗水')
    expect(reasonText(callbackItem({ reason: '卫生间墙面渗水' }))).toBe('卫生间墙面渗水')
    expect(reasonText(callbackItem({ reason: 'TS20261127-001', ticket: { id: 7, no: 'TS20261127-001' } }))).toBe('TS20261127-001')
  })

  it('counts overdue days from the company’s today', () => {
    expect(dueStateOf({ dueOn: '2026-11-25', overdue: true }, '2026-11-28')).toEqual({ kind: 'overdue', days: 3 })
    expect(dueStateOf({ dueOn: '2026-11-28', overdue: false }, '2026-11-28')).toEqual({ kind: 'today' })
    expect(dueStateOf({ dueOn: '2026-11-30', overdue: false }, '2026-11-28')).toEqual({ kind: 'later' })
  })

  it('reads 全部 from the URL only for those who may see everyone’s', () => {
    expect(callbackFiltersFromQuery({ scope: 'all', status: 'done' }, true)).toMatchObject({ scope: 'all', status: 'done' })
    expect(callbackFiltersFromQuery({ scope: 'all', status: 'cancelled' }, false)).toMatchObject({ scope: 'mine', status: 'open' })
  })
})

describe('回访任务', () => {
  async function mountList(handlers: Record<string, (input: Record<string, unknown>, index: number) => unknown>, role: 'agent' | 'shiftLead' = 'agent') {
    const mounted = await mountScreen(Root, {
      routes,
      initialPath: '/callbacks',
      handlers: { 'settings.get': () => settings, 'auth.login': () => ({ token: 't', user: userOf(role) }), ...handlers },
    })
    await useAuthStore(mounted.pinia).login({ username: role, password: 'x' })
    await flushPromises()
    return mounted
  }

  const page = (items: CallbackItem[]) => ({ items, total: items.length, page: 1, pageSize: 20 })

  it('lists my open callbacks with the overdue ones marked and the ticket linked', async () => {
    const { wrapper, fake } = await mountList({
      'callbacks.list': () => page([callbackItem({ dueOn: '2026-11-01', overdue: true }), callbackItem({ id: 62, dueOn: today, overdue: false, ticket: { id: 8, no: 'WX20261127-002' } })]),
    })
    expect(fake.callsOf('callbacks.list')[0].input).toEqual({ scope: 'mine', status: 'open', page: 1, pageSize: 20 })
    // an agent has no 全部
    expect(wrapper.find('[data-test="callbacks-scope"]').exists()).toBe(false)
    const rows = wrapper.findAll('.el-table__body-wrapper .el-table__row')
    expect(rows[0].classes()).toContain('is-overdue')
    expect(rows[0].get('[data-test="callbacks-due"]').text()).toMatch(/^逾期 \d+ 天$/)
    expect(rows[1].get('[data-test="callbacks-due"]').text()).toBe('今天')
    expect(rows[1].get('[data-test="callbacks-ticket"]').attributes('href')).toContain('/tickets/8')
  })

  it('shows 全部 to a shift lead and keeps it in the URL', async () => {
    const { wrapper, fake, router } = await mountList({ 'callbacks.list': () => page([]) }, 'shiftLead')
    await wrapper.get('[data-test="callbacks-scope-all"] input').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ scope: 'all' })
    expect(fake.callsOf('callbacks.list').at(-1)?.input).toMatchObject({ scope: 'all', status: 'open' })
  })

  it('records 不满意 only with the customer’s reason, warning that the ticket reopens', async () => {
    const { wrapper, fake } = await mountList({
      'callbacks.list': () => page([callbackItem()]),
      'callbacks.complete': (input) => callbackItem({ status: 'done', result: input.result as CallbackItem['result'], version: 2 }),
    })
    await wrapper.get('[data-test="callbacks-complete"]').trigger('click')
    await flushPromises()
    // a complaint's callback asks for no rating
    expect(document.querySelector('[data-test="callback-rating"]')).toBeNull()
    document.querySelector<HTMLInputElement>('[data-test="callback-result-unsatisfied"] input')!.click()
    await flushPromises()
    expect(document.querySelector('[data-test="callback-reopen-warning"]')?.textContent).toContain('将重开工单')
    document.querySelector<HTMLElement>('[data-test="callback-complete-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('callbacks.complete')).toHaveLength(0)

    const comment = document.querySelector<HTMLTextAreaElement>('textarea[data-test="callback-comment"]')!
    comment.value = '墙面还有水渍'
    comment.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLElement>('[data-test="callback-complete-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('callbacks.complete').map((c) => c.input)).toEqual([{ id: 61, version: 1, result: 'unsatisfied', rating: null, comment: '墙面还有水渍' }])
    expect(fake.callsOf('callbacks.list')).toHaveLength(2)
  })

  it('asks a repair’s customer for a rating', async () => {
    const { wrapper, fake } = await mountList({
      'callbacks.list': () => page([callbackItem({ ticket: { id: 8, no: 'WX20261127-002' } })]),
      'callbacks.complete': () => callbackItem({ status: 'done', result: 'satisfied' }),
    })
    await wrapper.get('[data-test="callbacks-complete"]').trigger('click')
    await flushPromises()
    document.querySelector<HTMLInputElement>('[data-test="callback-result-satisfied"] input')!.click()
    document.querySelectorAll<HTMLElement>('[data-test="callback-rating"] .el-rate__item')[3].click()
    await flushPromises()
    expect(document.querySelector('[data-test="callback-closes-hint"]')?.textContent).toContain('WX20261127-002 将结案')
    document.querySelector<HTMLElement>('[data-test="callback-complete-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('callbacks.complete')[0].input).toMatchObject({ result: 'satisfied', rating: 4 })
  })

  it('explains a version conflict and reloads the list', async () => {
    const { wrapper, fake } = await mountList({
      'callbacks.list': () => page([callbackItem()]),
      'callbacks.recordAttempt': () => {
        throw new AppError('CONFLICT', '数据已被他人修改')
      },
    })
    await wrapper.get('[data-test="callbacks-not-reached"]').trigger('click')
    await flushPromises()
    const note = document.querySelector<HTMLInputElement>('input[data-test="callback-attempt-note"]')!
    note.value = '无人接听'
    note.dispatchEvent(new Event('input'))
    await flushPromises()
    document.querySelector<HTMLElement>('[data-test="callback-attempt-save"]')!.click()
    await flushPromises()
    const [attempt] = fake.callsOf('callbacks.recordAttempt')
    expect(attempt.input).toMatchObject({ id: 61, version: 1, note: '无人接听' })
    // 明天 in the company's calendar
    expect(String(attempt.input.retryOn) > today).toBe(true)
    await vi.waitFor(() => expect(document.body.textContent).toContain('该回访刚被其他人处理过'))
    expect(fake.callsOf('callbacks.list')).toHaveLength(2)
  })

  it('reloads when callbacks or tickets change', async () => {
    const { fake } = await mountList({ 'callbacks.list': () => page([]) })
    fake.emit({ type: 'dataChanged', area: 'tickets', id: 7 })
    fake.emit({ type: 'dataChanged', area: 'callbacks' })
    fake.emit({ type: 'dataChanged', area: 'calls' })
    await flushPromises()
    expect(fake.callsOf('callbacks.list')).toHaveLength(3)
  })
})
