import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import { companyDate, shiftDate } from '@contract/time'
import type { Role } from '@contract/roles'
import CallbackListView from '@renderer/views/callbacks/callback-list-view.vue'
import { dueStateOf, givenScores, isProjectCallback, isRepairCallback, overdueFirst, reasonText } from '@renderer/views/callbacks/callback-rules'
import { callbackFiltersFromQuery, callbackListInputOf, queryFromCallbackFilters } from '@renderer/views/callbacks/callback-query'
import { useAuthStore } from '@renderer/stores/auth.store'
import { useBrowserElementToString } from './support/project-fixtures'
import { mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'
import type { FakeHandler } from './support/fake-transport'
import { callAgents, callbackItem, clickOn, pageOf, pickOption, siteCallbackItem, typeInto } from './support/ticket-admin-fixtures'

const stub = { render: () => h('div') }
const routes: RouteRecordRaw[] = [
  { path: '/', component: stub },
  { path: '/callbacks', name: 'callbacks', component: CallbackListView },
  { path: '/tickets/:id', name: 'ticket-detail', component: stub },
  { path: '/projects/:id', name: 'project-detail', component: stub },
  { path: '/customers/:id', name: 'customer-detail', component: stub },
]
const Root = { render: () => h(RouterView) }
// the settings' time zone: the desk's today is the company's, not the machine's (tests run in UTC)
const today = companyDate(new Date(), 'Asia/Shanghai')

// Element Plus poppers otherwise serialize the whole page in happy-dom
beforeAll(useBrowserElementToString)

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

/** 回访任务, logged in before it opens so that a bookmarked tab is read with the user's rights. */
async function mountDesk(handlers: Record<string, FakeHandler>, options: { role?: Role; path?: string } = {}) {
  const role = options.role ?? 'agent'
  const mounted = await mountScreen(Root, {
    routes,
    initialPath: '/',
    handlers: { 'settings.get': () => settings, 'auth.login': () => ({ token: 't', user: userOf(role) }), 'calls.agents': () => callAgents, ...handlers },
  })
  await useAuthStore(mounted.pinia).login({ username: role, password: 'x' })
  await mounted.router.push(options.path ?? '/callbacks')
  await flushPromises()
  return mounted
}

const rowsOf = (wrapper: Awaited<ReturnType<typeof mountDesk>>['wrapper']) => wrapper.findAll('.el-table__body-wrapper .el-table__row')

describe('callback rules', () => {
  it('tells a repair’s callback (which asks for a rating) by its ticket number, and a site’s by its kind', () => {
    expect(isRepairCallback(callbackItem({ ticket: { id: 8, no: 'WX20261127-002' } }))).toBe(true)
    expect(isRepairCallback(callbackItem())).toBe(false)
    expect(isRepairCallback(callbackItem({ ticket: null }))).toBe(false)
    expect(isProjectCallback(siteCallbackItem({ kind: 'milestone' }))).toBe(true)
    expect(isProjectCallback(callbackItem())).toBe(false)
  })

  it('drops the ticket or contract number the reason starts with (the list shows it in its own column)', () => {
    expect(reasonText(callbackItem({ reason: 'TS20261127-001 卫生间墙面渗水' }))).toBe('卫生间墙面渗水')
    expect(reasonText(callbackItem({ reason: '卫生间墙面渗水' }))).toBe('卫生间墙面渗水')
    expect(reasonText(callbackItem({ reason: 'TS20261127-001', ticket: { id: 7, no: 'TS20261127-001' } }))).toBe('TS20261127-001')
    expect(reasonText(siteCallbackItem({ reason: 'HT2026-0088 施工期第6次回访' }))).toBe('施工期第6次回访')
  })

  it('counts overdue days from the company’s today and puts the overdue rows first', () => {
    expect(dueStateOf({ dueOn: '2026-11-25', overdue: true }, '2026-11-28')).toEqual({ kind: 'overdue', days: 3 })
    expect(dueStateOf({ dueOn: '2026-11-28', overdue: false }, '2026-11-28')).toEqual({ kind: 'today' })
    expect(dueStateOf({ dueOn: '2026-11-30', overdue: false }, '2026-11-28')).toEqual({ kind: 'later' })
    const rows = [
      { id: 1, dueOn: '2026-11-28', overdue: false },
      { id: 2, dueOn: '2026-11-20', overdue: true },
      { id: 3, dueOn: '2026-11-28', overdue: false },
      { id: 4, dueOn: '2026-11-27', overdue: true },
    ]
    expect(overdueFirst(rows, '2026-11-28').map((r) => r.id)).toEqual([2, 4, 1, 3])
  })

  it('lists only the scores given, in the form’s order', () => {
    expect(givenScores({ design: null, quality: 4, tidiness: null, service: 5, schedule: null })).toEqual([
      { dimension: 'quality', score: 4 },
      { dimension: 'service', score: 5 },
    ])
  })

  it('reads 全部 and the agent filter from the URL only for those who may see everyone’s', () => {
    expect(callbackFiltersFromQuery({ tab: 'all', agent: '8', kind: 'milestone' }, true)).toMatchObject({ tab: 'all', agent: 8, kind: 'milestone' })
    expect(callbackFiltersFromQuery({ tab: 'all', agent: '8' }, false)).toMatchObject({ tab: 'today', agent: null })
    expect(callbackFiltersFromQuery({ tab: 'pool', kind: 'holiday', upcoming: '1' }, false)).toMatchObject({ tab: 'pool', kind: '', upcoming: false })
    expect(queryFromCallbackFilters(callbackFiltersFromQuery({ upcoming: '1', page: '2' }, false))).toEqual({ upcoming: '1', page: '2' })
  })

  it('asks each tab its own list', () => {
    const ctx = { today: '2026-11-28', mayViewAll: true }
    const of = (query: Record<string, string>) => callbackListInputOf(callbackFiltersFromQuery(query, true), ctx)
    expect(of({})).toEqual({ scope: 'mine', status: 'open', dueBy: '2026-11-28', page: 1, pageSize: 20 })
    expect(of({ upcoming: '1' })).toEqual({ scope: 'mine', status: 'open', page: 1, pageSize: 20 })
    expect(of({ tab: 'pool', kind: 'construction' })).toEqual({ scope: 'unassigned', status: 'open', kind: 'construction', page: 1, pageSize: 20 })
    expect(of({ tab: 'all', agent: '8' })).toEqual({ scope: 'all', status: 'open', agentId: 8, page: 1, pageSize: 20 })
    expect(of({ tab: 'done' })).toEqual({ scope: 'all', status: 'done', page: 1, pageSize: 20 })
    expect(callbackListInputOf(callbackFiltersFromQuery({ tab: 'done' }, false), { ...ctx, mayViewAll: false })).toMatchObject({ scope: 'mine', status: 'done' })
  })
})

describe('回访任务: the tabs', () => {
  it('opens on 今日待回访: mine, due by the company’s today, the overdue ones first and red', async () => {
    const overdue = siteCallbackItem({ id: 72, dueOn: shiftDate(today, -3), overdue: true, plannedOn: shiftDate(today, -4), attempts: 2, lastAttemptOutcome: 'noAnswer', lastAttemptNote: '关机' })
    const { wrapper, fake } = await mountDesk({
      'callbacks.list': () =>
        pageOf([
          callbackItem({ dueOn: today, ticket: { id: 8, no: 'WX20261127-002' } }),
          overdue,
          // no note typed: the core keeps the outcome's label as the note
          callbackItem({ id: 63, dueOn: today, attempts: 1, lastAttemptOutcome: 'busy', lastAttemptNote: '占线' }),
        ]),
    })
    expect(fake.callsOf('callbacks.list').map((c) => c.input)).toEqual([{ scope: 'mine', status: 'open', dueBy: today, page: 1, pageSize: 20 }])
    // an agent has no 全部
    expect(wrapper.findAll('.el-tabs__item').map((tab) => tab.text())).toEqual(['今日待回访', '待认领', '已完成'])

    const [first, second, third] = rowsOf(wrapper)
    expect(first.classes()).toContain('is-overdue')
    expect(first.get('[data-test="callbacks-due"]').text()).toBe('逾期 3 天')
    expect(first.text()).toContain(`原定 ${shiftDate(today, -4)}`)
    expect(first.get('[data-test="callbacks-kind"]').text()).toBe('施工期回访')
    expect(first.get('[data-test="callbacks-project"]').attributes('href')).toContain('/projects/12')
    expect(first.get('[data-test="callbacks-project"]').text()).toBe('HT2026-0088')
    expect(first.get('[data-test="callbacks-attempts"]').text()).toContain('2 次')
    expect(first.get('[data-test="callbacks-attempts"]').text()).toContain('上次：无人接听（关机）')
    expect(second.classes()).not.toContain('is-overdue')
    expect(second.get('[data-test="callbacks-due"]').text()).toBe('今天')
    expect(second.get('[data-test="callbacks-ticket"]').attributes('href')).toContain('/tickets/8')
    expect(second.get('[data-test="callbacks-kind"]').text()).toBe('工单满意度回访')
    expect(third.get('[data-test="callbacks-attempts"]').text()).toMatch(/上次：占线$/)
  })

  it('keeps the tab in the URL and asks 待认领 for the unassigned pool, 已完成 for my done ones', async () => {
    const { wrapper, fake, router } = await mountDesk({ 'callbacks.list': () => pageOf([]) })
    await wrapper.get('#tab-pool').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ tab: 'pool' })
    expect(fake.callsOf('callbacks.list').at(-1)?.input).toEqual({ scope: 'unassigned', status: 'open', page: 1, pageSize: 20 })
    expect(wrapper.text()).toContain('没有待认领的回访')

    await wrapper.get('#tab-done').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ tab: 'done' })
    expect(fake.callsOf('callbacks.list').at(-1)?.input).toEqual({ scope: 'mine', status: 'done', page: 1, pageSize: 20 })
  })

  it('filters by kind, and shows the later ones too on request', async () => {
    const { wrapper, fake, router } = await mountDesk({ 'callbacks.list': () => pageOf([]) })
    await pickOption(wrapper.get('[data-test="callbacks-filter-kind"]').element, '节点回访')
    expect(router.currentRoute.value.query).toEqual({ kind: 'milestone' })
    expect(fake.callsOf('callbacks.list').at(-1)?.input).toEqual({ scope: 'mine', status: 'open', kind: 'milestone', dueBy: today, page: 1, pageSize: 20 })

    await wrapper.get('[data-test="callbacks-filter-upcoming"] input').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ kind: 'milestone', upcoming: '1' })
    expect(fake.callsOf('callbacks.list').at(-1)?.input).toEqual({ scope: 'mine', status: 'open', kind: 'milestone', page: 1, pageSize: 20 })
  })

  it('gives a shift lead 全部 with the agent filter, from a bookmarked URL too', async () => {
    const { wrapper, fake, router } = await mountDesk({ 'callbacks.list': () => pageOf([callbackItem({ agent: { id: 8, name: '周客服' } })]) }, { role: 'shiftLead', path: '/callbacks?tab=all' })
    expect(fake.callsOf('callbacks.list')[0].input).toEqual({ scope: 'all', status: 'open', page: 1, pageSize: 20 })
    expect(wrapper.get('.el-tabs__item.is-active').text()).toBe('全部')
    // a colleague's callback can be claimed from 全部
    expect(rowsOf(wrapper)[0].find('[data-test="callbacks-claim"]').exists()).toBe(true)

    await pickOption(wrapper.get('[data-test="callbacks-filter-agent"]').element, '周客服')
    expect(router.currentRoute.value.query).toEqual({ tab: 'all', agent: '8' })
    expect(fake.callsOf('callbacks.list').at(-1)?.input).toEqual({ scope: 'all', status: 'open', agentId: 8, page: 1, pageSize: 20 })

    await wrapper.get('#tab-done').trigger('click')
    await flushPromises()
    // a new tab starts without the agent picked on the last one
    expect(router.currentRoute.value.query).toEqual({ tab: 'done' })
    expect(fake.callsOf('callbacks.list').at(-1)?.input).toEqual({ scope: 'all', status: 'done', page: 1, pageSize: 20 })
  })

  it('shows a done callback’s verdict, the scores given and its 回访联系单', async () => {
    const done = siteCallbackItem({
      status: 'done',
      result: 'fair',
      scores: { design: null, quality: 3, tidiness: null, service: 5, schedule: null },
      comment: '楼道没清扫',
      problemTicket: { id: 99, no: 'TS20261128-004' },
      doneAt: '2026-11-28T02:00:00.000Z',
      doneBy: { id: 7, name: '陈客服' },
    })
    const { wrapper } = await mountDesk({ 'callbacks.list': () => pageOf([done]) }, { path: '/callbacks?tab=done' })
    const [row] = rowsOf(wrapper)
    expect(row.text()).toContain('基本满意')
    expect(row.get('[data-test="callbacks-scores"]').text()).toBe('施工质量 3 · 服务态度 5')
    expect(row.get('[data-test="callbacks-problem-ticket"]').attributes('href')).toContain('/tickets/99')
    expect(row.text()).toContain('2026-11-28 10:00')
    expect(row.find('[data-test="callbacks-complete"]').exists()).toBe(false)
  })

  it('reloads when callbacks or tickets change', async () => {
    const { fake } = await mountDesk({ 'callbacks.list': () => pageOf([]) })
    fake.emit({ type: 'dataChanged', area: 'tickets', id: 7 })
    fake.emit({ type: 'dataChanged', area: 'callbacks' })
    fake.emit({ type: 'dataChanged', area: 'calls' })
    await flushPromises()
    expect(fake.callsOf('callbacks.list')).toHaveLength(3)
  })
})

describe('回访任务: claim, hand over, not reached', () => {
  it('claims a callback from the pool and reloads', async () => {
    const pooled = siteCallbackItem({ agent: null, version: 3 })
    const { wrapper, fake } = await mountDesk({
      'callbacks.list': () => pageOf([pooled]),
      'callbacks.claim': () => ({ ...pooled, agent: { id: 7, name: '陈客服' }, version: 4 }),
    }, { path: '/callbacks?tab=pool' })
    const [row] = rowsOf(wrapper)
    expect(row.text()).toContain('未分配')
    // the pool is claimed, not called from
    expect(row.find('[data-test="callbacks-complete"]').exists()).toBe(false)
    await row.get('[data-test="callbacks-claim"]').trigger('click')
    await flushPromises()
    expect(fake.callsOf('callbacks.claim').map((c) => c.input)).toEqual([{ id: 71, version: 3 }])
    expect(fake.callsOf('callbacks.list')).toHaveLength(2)
    await vi.waitFor(() => expect(document.body.textContent).toContain('已认领 李明 的回访'))
  })

  it('hands a callback over to another active agent', async () => {
    const { wrapper, fake } = await mountDesk({
      'callbacks.list': () => pageOf([siteCallbackItem()]),
      'callbacks.assign': (input) => siteCallbackItem({ agent: { id: input.agentId as number, name: '周客服' }, version: 2 }),
    })
    await rowsOf(wrapper)[0].get('[data-test="callbacks-assign"]').trigger('click')
    await flushPromises()
    const select = document.querySelector('[data-test="callback-assign-agent"]')!
    // not to the one who has it, nor to someone who left
    select.querySelector<HTMLElement>('.el-select__wrapper')!.click()
    await flushPromises()
    const listId = select.querySelector('input')!.getAttribute('aria-controls')!
    expect([...document.getElementById(listId)!.querySelectorAll('.el-select-dropdown__item')].map((o) => o.textContent?.trim())).toEqual(['周客服802'])
    await pickOption(select, '周客服')
    await clickOn('[data-test="callback-assign-save"]')
    expect(fake.callsOf('callbacks.assign').map((c) => c.input)).toEqual([{ id: 71, version: 1, agentId: 8 }])
    expect(fake.callsOf('callbacks.list')).toHaveLength(2)
  })

  it('asks why the call did not get through before recording it, then Enter records it for tomorrow', async () => {
    const { wrapper, fake } = await mountDesk({
      'callbacks.list': () => pageOf([siteCallbackItem()]),
      'callbacks.recordAttempt': (input) => siteCallbackItem({ attempts: 1, dueOn: input.retryOn as string, version: 2 }),
    })
    await rowsOf(wrapper)[0].get('[data-test="callbacks-not-reached"]').trigger('click')
    await flushPromises()
    await clickOn('[data-test="callback-attempt-save"]')
    expect(fake.callsOf('callbacks.recordAttempt')).toHaveLength(0)
    await vi.waitFor(() => expect(document.querySelector('[data-test="callback-attempt-dialog"]')?.textContent).toContain('请选择未接通的原因'))

    await clickOn('[data-test="callback-attempt-outcome-busy"] input')
    await typeInto('input[data-test="callback-attempt-note"]', '下午再打')
    document.querySelector('input[data-test="callback-attempt-note"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(fake.callsOf('callbacks.recordAttempt').map((c) => c.input)).toEqual([{ id: 71, version: 1, outcome: 'busy', note: '下午再打', retryOn: shiftDate(today, 1) }])
    expect(fake.callsOf('callbacks.list')).toHaveLength(2)
  })

  it('explains a version conflict and reloads the list', async () => {
    const { wrapper, fake } = await mountDesk({
      'callbacks.list': () => pageOf([callbackItem()]),
      'callbacks.recordAttempt': () => {
        throw new AppError('CONFLICT', '数据已被他人修改')
      },
    })
    await rowsOf(wrapper)[0].get('[data-test="callbacks-not-reached"]').trigger('click')
    await flushPromises()
    await clickOn('[data-test="callback-attempt-outcome-noAnswer"] input')
    await clickOn('[data-test="callback-attempt-save"]')
    expect(fake.callsOf('callbacks.recordAttempt')[0].input).toMatchObject({ id: 61, version: 1, outcome: 'noAnswer', note: null })
    await vi.waitFor(() => expect(document.body.textContent).toContain('该回访刚被其他人处理过'))
    expect(fake.callsOf('callbacks.list')).toHaveLength(2)
  })
})
