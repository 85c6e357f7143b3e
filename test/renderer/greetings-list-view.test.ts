import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { companyDate } from '@contract/time'
import type { GreetingRecipient } from '@contract/callbacks.contract'
import type { Role } from '@contract/roles'
import GreetingListView from '@renderer/views/callbacks/greeting-list-view.vue'
import { useAuthStore } from '@renderer/stores/auth.store'
import { useBrowserElementToString } from './support/project-fixtures'
import { mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'
import type { FakeHandler } from './support/fake-transport'
import { clickOn, greetingBatch, typeInto } from './support/ticket-admin-fixtures'

const stub = { render: () => h('div') }
const routes: RouteRecordRaw[] = [
  { path: '/', component: stub },
  { path: '/greetings', name: 'greetings', component: GreetingListView },
  { path: '/projects/:id', name: 'project-detail', component: stub },
  { path: '/customers/:id', name: 'customer-detail', component: stub },
]
const Root = { render: () => h(RouterView) }
const thisYear = Number(companyDate(new Date(), 'Asia/Shanghai').slice(0, 4))

// Element Plus poppers otherwise serialize the whole page in happy-dom
beforeAll(useBrowserElementToString)

afterEach(() => {
  document.body.innerHTML = ''
})

const midAutumn = greetingBatch({
  key: '2027-中秋节',
  name: '中秋节',
  holidayOn: '2027-09-15',
  dueOn: '2027-09-13',
  source: 'official',
  audience: 12,
  doneAt: '2027-09-13T01:30:00.000Z',
  doneBy: { id: 7, name: '陈客服' },
  sent: 12,
  note: '已群发短信',
})
const recipient = (n: number): GreetingRecipient => ({ customer: { id: 40 + n, name: `客户${n}` }, phone: '138 0013 8000', project: { id: 10 + n, contractNo: `HT2027-00${n}`, status: n === 1 ? 'building' : 'warranty' } })

async function mountGreetings(handlers: Record<string, FakeHandler>, options: { role?: Role; path?: string } = {}) {
  const role = options.role ?? 'agent'
  const mounted = await mountScreen(Root, {
    routes,
    initialPath: '/',
    handlers: { 'settings.get': () => settings, 'auth.login': () => ({ token: 't', user: userOf(role) }), ...handlers },
  })
  await useAuthStore(mounted.pinia).login({ username: role, password: 'x' })
  await mounted.router.push(options.path ?? '/greetings')
  await flushPromises()
  return mounted
}

describe('节日问候', () => {
  it('lists this year’s holidays, says greetings are outside the callback completion rate, and follows the year in the URL', async () => {
    const { wrapper, fake, router } = await mountGreetings({ 'callbacks.greetings': () => [greetingBatch(), midAutumn] })
    expect(fake.callsOf('callbacks.greetings').map((c) => c.input)).toEqual([{ year: thisYear }])
    expect(wrapper.get('[data-test="greetings-not-in-rate"]').text()).toContain('不计入回访完成率')

    const rows = wrapper.findAll('.el-table__body-wrapper .el-table__row')
    expect(rows.map((row) => row.get('[data-test="greetings-name"]').text())).toEqual(['春节', '中秋节'])
    expect(rows[0].get('[data-test="greetings-source"]').text()).toBe('农历推算')
    expect(rows[0].text()).toContain('2027-02-06')
    expect(rows[0].get('[data-test="greetings-audience"]').text()).toBe('36 位')
    expect(rows[0].find('[data-test="greetings-mark"]').exists()).toBe(true)
    expect(rows[1].get('[data-test="greetings-source"]').text()).toBe('官方安排')
    expect(rows[1].get('[data-test="greetings-done"]').text()).toContain('已问候')
    expect(rows[1].get('[data-test="greetings-done"]').text()).toContain('发送 12 位')
    expect(rows[1].get('[data-test="greetings-done"]').text()).toContain('陈客服 · 2027-09-13 09:30')
    expect(rows[1].find('[data-test="greetings-mark"]').exists()).toBe(false)

    await wrapper.get('[data-test="greetings-next-year"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ year: String(thisYear + 1) })
    expect(fake.callsOf('callbacks.greetings').at(-1)?.input).toEqual({ year: thisYear + 1 })
  })

  it('opens a holiday’s customers, paged on the server', async () => {
    const { wrapper, fake } = await mountGreetings({
      'callbacks.greetings': () => [greetingBatch()],
      'callbacks.greetingRecipients': () => ({ items: [recipient(1), recipient(2)], total: 36, page: 1, pageSize: 20 }),
    })
    await wrapper.get('.el-table__body-wrapper .el-table__row').trigger('click')
    await flushPromises()
    expect(fake.callsOf('callbacks.greetingRecipients').map((c) => c.input)).toEqual([{ key: '2027-春节', page: 1, pageSize: 20 }])
    const drawer = document.querySelector<HTMLElement>('[data-test="greeting-recipients"]')!
    expect(drawer.textContent).toContain('问候名单：春节')
    const rows = [...drawer.querySelectorAll('[data-test="greeting-recipients-table"] .el-table__body-wrapper .el-table__row')]
    expect(rows.map((row) => row.textContent)).toEqual([expect.stringContaining('客户1'), expect.stringContaining('客户2')])
    expect(rows[0].textContent).toContain('HT2027-001')
    expect(rows[0].textContent).toContain('施工中')
    expect(rows[1].textContent).toContain('保修中')
    expect(rows[0].querySelector('a[href*="/projects/11"]')).not.toBeNull()

    drawer.querySelector<HTMLElement>('.el-pager li:nth-child(2)')!.click()
    await flushPromises()
    expect(fake.callsOf('callbacks.greetingRecipients').at(-1)?.input).toEqual({ key: '2027-春节', page: 2, pageSize: 20 })
  })

  it('marks a holiday as greeted with a note', async () => {
    const { wrapper, fake } = await mountGreetings({
      'callbacks.greetings': () => [greetingBatch()],
      'callbacks.markGreetingDone': (input) => greetingBatch({ doneAt: '2027-02-03T02:00:00.000Z', doneBy: { id: 7, name: '陈客服' }, sent: 36, note: input.note as string }),
    })
    await wrapper.get('[data-test="greetings-mark"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('[data-test="greeting-done-dialog"]')?.textContent).toContain('共 36 位客户')
    await typeInto('input[data-test="greeting-done-note"]', '已群发短信祝福')
    await clickOn('[data-test="greeting-done-save"]')
    expect(fake.callsOf('callbacks.markGreetingDone').map((c) => c.input)).toEqual([{ key: '2027-春节', note: '已群发短信祝福' }])
    await vi.waitFor(() => expect(wrapper.find('[data-test="greetings-done"]').exists()).toBe(true))
    expect(wrapper.get('[data-test="greetings-done"]').text()).toContain('已群发短信祝福')
    expect(wrapper.find('[data-test="greetings-mark"]').exists()).toBe(false)
  })

  it('says when a colleague marked the holiday first, and reloads', async () => {
    const { wrapper, fake } = await mountGreetings({
      'callbacks.greetings': () => [greetingBatch()],
      'callbacks.markGreetingDone': () => {
        throw AppError.field('key', '春节的问候已经标记完成')
      },
    })
    await wrapper.get('[data-test="greetings-mark"]').trigger('click')
    await flushPromises()
    await clickOn('[data-test="greeting-done-save"]')
    await vi.waitFor(() => expect(document.body.textContent).toContain('春节的问候已经标记完成'))
    expect(fake.callsOf('callbacks.greetings')).toHaveLength(2)
  })

  it('reloads when greetings change (someone marked one)', async () => {
    const { fake } = await mountGreetings({ 'callbacks.greetings': () => [] })
    fake.emit({ type: 'dataChanged', area: 'greetings' })
    fake.emit({ type: 'dataChanged', area: 'tickets' })
    await flushPromises()
    expect(fake.callsOf('callbacks.greetings')).toHaveLength(2)
  })
})
