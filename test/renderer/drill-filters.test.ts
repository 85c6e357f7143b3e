import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import type { CallListItem, Page } from '@contract/calls.contract'
import type { Visit } from '@contract/visits.contract'
import CallLogView from '@renderer/views/call-log/call-log-view.vue'
import VisitListView from '@renderer/views/visits/visit-list-view.vue'
import { callListInputOf, callLogFiltersFromQuery, callLogTags, queryFromCallLogFilters, removeCallLogTag } from '@renderer/views/call-log/call-log-query'
import { defaultTicketFilters, queryFromTicketFilters, removeTicketTag, ticketFiltersFromQuery, ticketListInputOf, ticketTags } from '@renderer/views/tickets/ticket-list-query'
import { callbackFiltersFromQuery, callbackListInputOf, callbackTags, queryFromCallbackFilters } from '@renderer/views/callbacks/callback-query'
import { depositFiltersFromQuery, depositListInputOf, depositTags, queryFromDepositFilters } from '@renderer/views/deposits/deposit-list-query'
import { projectFiltersFromQuery, projectListInputOf, projectTags, queryFromProjectFilters } from '@renderer/views/projects/project-list-query'
import { filtersFromQuery as customerFiltersFromQuery, searchInputOf } from '@renderer/views/customers/customer-list-query'
import { NO_SOURCE, pickSource, queryFromVisitListFilters, visitListFiltersFromQuery, visitListInputOf } from '@renderer/views/visits/visit-list-query'
import { createAppI18n } from '@renderer/i18n'
import { mountScreen } from './support/mount-helpers'
import { settings } from './support/fixtures'

const { t } = createAppI18n('zh-CN').global
const Root = { render: () => h(RouterView) }
const Stub = { render: () => h('div') }
const labels = (tags: { label: string }[]) => tags.map((tag) => tag.label)

afterEach(() => {
  document.body.innerHTML = ''
})

describe('通话记录: the dashboard’s heat-map cell and missed calls in the URL', () => {
  const period = { from: '2025-05-25', to: '2025-06-02' }

  it('reads weekday, hour and missed, sends them to calls.list and writes them back', () => {
    const filters = callLogFiltersFromQuery({ ...period, direction: 'in', weekday: '1', hour: '7', missed: '1' })
    expect(filters).toMatchObject({ ...period, direction: 'in', weekday: 1, hour: 7, missed: true, page: 1 })
    expect(callListInputOf(filters)).toEqual({ ...period, direction: 'in', weekday: 1, hour: 7, missed: true, page: 1, pageSize: 20 })
    expect(queryFromCallLogFilters(filters)).toEqual({ ...period, direction: 'in', weekday: '1', hour: '7', missed: '1' })
    expect(labels(callLogTags(filters, t))).toEqual(['星期一', '07:00–08:00 时段', '未接来电（未接、放弃）'])
    // midnight and the last hour are hours too; `true` is a yes as well
    expect(callLogFiltersFromQuery({ ...period, hour: '0', weekday: '7', missed: 'true' })).toMatchObject({ hour: 0, weekday: 7, missed: true })
    expect(labels(callLogTags(callLogFiltersFromQuery({ ...period, hour: '23' }), t))).toEqual(['23:00–24:00 时段'])
  })

  it('drops what calls.list would refuse instead of asking with it', () => {
    for (const [weekday, hour] of [['0', '24'], ['8', '-1'], ['1.5', '7.5'], ['x', ''], ['', ' ']]) {
      expect(callLogFiltersFromQuery({ ...period, weekday, hour })).toMatchObject({ weekday: null, hour: null })
    }
    expect(callLogFiltersFromQuery({ ...period, missed: 'yes' }).missed).toBe(false)
    // a weekday or hour needs both dates, in order, at most 366 days apart
    const periods: Record<string, string>[] = [{ from: '2025-05-25' }, { to: '2025-06-02' }, { from: '2025-06-02', to: '2025-05-25' }, { from: '2024-05-01', to: '2025-05-31' }, {}]
    for (const dates of periods) {
      const filters = callLogFiltersFromQuery({ ...dates, weekday: '1', hour: '7' })
      expect(filters).toMatchObject({ weekday: null, hour: null })
      expect(callListInputOf(filters)).not.toHaveProperty('weekday')
    }
    expect(callLogFiltersFromQuery({ from: '2024-06-01', to: '2025-05-31', hour: '7' }).hour).toBe(7)
    // the dates cleared with the picker take the hours with them
    const filters = callLogFiltersFromQuery({ ...period, weekday: '1', hour: '7' })
    Object.assign(filters, { from: '', to: '' })
    expect(queryFromCallLogFilters(filters)).toEqual({})
    expect(callLogTags(filters, t)).toEqual([])
  })

  it('removes one tag at a time', () => {
    const filters = callLogFiltersFromQuery({ ...period, weekday: '1', hour: '7', missed: '1' })
    removeCallLogTag(filters, 'hour')
    expect(queryFromCallLogFilters(filters)).toEqual({ ...period, weekday: '1', missed: '1' })
    removeCallLogTag(filters, 'missed')
    removeCallLogTag(filters, 'nonsense')
    expect(queryFromCallLogFilters(filters)).toEqual({ ...period, weekday: '1' })
  })

  const routes: RouteRecordRaw[] = [
    { path: '/call-log', name: 'call-log', component: CallLogView },
    { path: '/customers/:id', name: 'customer-detail', component: Stub },
  ]
  const handlers = {
    'settings.get': () => settings,
    'calls.agents': () => [],
    'calls.list': (input: Record<string, unknown>): Page<CallListItem> => ({ items: [], total: 0, page: Number(input.page ?? 1), pageSize: 20 }),
  }

  it('lists with a bookmarked drill-down, shows each filter as a tag and drops the one closed, back on page 1', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, { handlers, routes, initialPath: '/call-log?from=2025-05-25&to=2025-06-02&direction=in&weekday=1&hour=7&page=3' })
    expect(fake.callsOf('calls.list').map((c) => c.input)).toEqual([{ ...period, direction: 'in', weekday: 1, hour: 7, page: 3, pageSize: 20 }])
    expect(wrapper.get('[data-test="filter-tag-weekday"]').text()).toBe('筛选：星期一')
    expect(wrapper.get('[data-test="filter-tag-hour"]').text()).toBe('筛选：07:00–08:00 时段')
    expect(wrapper.find('[data-test="filter-tag-missed"]').exists()).toBe(false)

    await wrapper.get('[data-test="filter-tag-weekday"] .el-tag__close').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ ...period, direction: 'in', hour: '7' })
    expect(fake.callsOf('calls.list').at(-1)?.input).toEqual({ ...period, direction: 'in', hour: 7, page: 1, pageSize: 20 })
    expect(wrapper.find('[data-test="filter-tag-weekday"]').exists()).toBe(false)

    // 清除筛选 takes the drill-down with it
    await wrapper.get('[data-test="call-log-filter-reset"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(wrapper.find('[data-test="filter-tags"]').exists()).toBe(false)
  })
})

describe('投诉维修: resolved on company dates in the URL', () => {
  it('reads resolvedFrom and resolvedTo, sends them, writes them back and shows one tag for the range', () => {
    const filters = ticketFiltersFromQuery({ scope: 'all', resolvedFrom: '2025-07-01', resolvedTo: '2025-07-01', kind: 'complaint' }, ['mine', 'department', 'all'])
    expect(filters).toMatchObject({ scope: 'all', kind: 'complaint', resolvedFrom: '2025-07-01', resolvedTo: '2025-07-01' })
    expect(ticketListInputOf(filters)).toEqual({ scope: 'all', kind: 'complaint', resolvedFrom: '2025-07-01', resolvedTo: '2025-07-01', page: 1, pageSize: 20 })
    expect(queryFromTicketFilters(filters)).toEqual({ scope: 'all', kind: 'complaint', resolvedFrom: '2025-07-01', resolvedTo: '2025-07-01' })
    expect(labels(ticketTags(filters, t))).toEqual(['解决日期 2025-07-01'])
    removeTicketTag(filters, 'resolved')
    expect(queryFromTicketFilters(filters)).toEqual({ scope: 'all', kind: 'complaint' })
  })

  it('names open-ended ranges and drops malformed dates', () => {
    const both = ticketFiltersFromQuery({ resolvedFrom: '2025-06-01', resolvedTo: '2025-06-30' }, ['mine'])
    expect(labels(ticketTags(both, t))).toEqual(['解决日期 2025-06-01 至 2025-06-30'])
    expect(labels(ticketTags(ticketFiltersFromQuery({ resolvedFrom: '2025-06-01' }, ['mine']), t))).toEqual(['解决日期 2025-06-01 起'])
    expect(labels(ticketTags(ticketFiltersFromQuery({ resolvedTo: '2025-06-30' }, ['mine']), t))).toEqual(['解决日期 至 2025-06-30'])
    const bad = ticketFiltersFromQuery({ resolvedFrom: '2025-7-1', resolvedTo: ['x', '2025-07-01'] }, ['mine'])
    expect(bad).toMatchObject({ resolvedFrom: '', resolvedTo: '' })
    expect(ticketListInputOf(bad)).toEqual({ scope: 'mine', page: 1, pageSize: 20 })
    expect(ticketTags(defaultTicketFilters(), t)).toEqual([])
  })
})

describe('the other lists’ drill-down filters in the URL', () => {
  it('回访任务: due dates on any tab, done dates on 已完成 only', () => {
    const done = callbackFiltersFromQuery({ tab: 'done', doneFrom: '2025-06-06', doneTo: '2025-06-06', dueFrom: '2025-06-01' }, true)
    expect(callbackListInputOf(done, { today: '2025-06-10', mayViewAll: true })).toEqual({
      scope: 'all',
      status: 'done',
      dueFrom: '2025-06-01',
      doneFrom: '2025-06-06',
      doneTo: '2025-06-06',
      page: 1,
      pageSize: 20,
    })
    expect(queryFromCallbackFilters(done)).toEqual({ tab: 'done', dueFrom: '2025-06-01', doneFrom: '2025-06-06', doneTo: '2025-06-06' })
    expect(labels(callbackTags(done, t))).toEqual(['应回访日期 2025-06-01 起', '完成日期 2025-06-06'])
    const open = callbackFiltersFromQuery({ tab: 'all', doneFrom: '2025-06-06', dueFrom: '2025-06-01', dueTo: '2025-06-30' }, true)
    expect(open).toMatchObject({ doneFrom: '', dueFrom: '2025-06-01', dueTo: '2025-06-30' })
    expect(callbackListInputOf(open, { today: '2025-06-10', mayViewAll: true })).toEqual({ scope: 'all', status: 'open', dueFrom: '2025-06-01', dueTo: '2025-06-30', page: 1, pageSize: 20 })
  })

  it('定金: status all and the payment dates', () => {
    const filters = depositFiltersFromQuery({ status: 'all', paidFrom: '2025-06-01', paidTo: '2025-06-30' })
    expect(depositListInputOf(filters)).toEqual({ status: 'all', paidFrom: '2025-06-01', paidTo: '2025-06-30', page: 1, pageSize: 20 })
    expect(queryFromDepositFilters(filters)).toEqual({ status: 'all', paidFrom: '2025-06-01', paidTo: '2025-06-30' })
    expect(labels(depositTags(filters, t))).toEqual(['交定日期 2025-06-01 至 2025-06-30'])
    expect(depositFiltersFromQuery({ status: 'any', paidFrom: 'x' })).toMatchObject({ status: 'pending', paidFrom: '' })
  })

  it('工地: the signing dates, cancelled left out as the tag says', () => {
    const filters = projectFiltersFromQuery({ signedFrom: '2025-06-01', signedTo: '2025-06-30' })
    expect(projectListInputOf(filters, null)).toEqual({ signedFrom: '2025-06-01', signedTo: '2025-06-30', page: 1, pageSize: 20 })
    expect(queryFromProjectFilters(filters)).toEqual({ signedFrom: '2025-06-01', signedTo: '2025-06-30' })
    expect(labels(projectTags(filters, t))).toEqual(['签约日期 2025-06-01 至 2025-06-30（不含已取消）'])
  })

  it('客户档案: the API’s own names open the registration-date range', () => {
    expect(searchInputOf(customerFiltersFromQuery({ createdFrom: '2025-06-01', createdTo: '2025-06-30' }))).toMatchObject({ createdFrom: '2025-06-01', createdTo: '2025-06-30' })
    expect(searchInputOf(customerFiltersFromQuery({ from: '2025-05-01', createdFrom: '2025-06-01' }))).toMatchObject({ createdFrom: '2025-05-01' })
  })

  it('来访记录: dates, a source channel, or the walk-ins without one', () => {
    const filters = visitListFiltersFromQuery({ from: '2025-06-01', to: '2025-06-30', source: '网络推广' })
    expect(visitListInputOf(filters)).toEqual({ from: '2025-06-01', to: '2025-06-30', source: '网络推广', page: 1, pageSize: 20 })
    expect(queryFromVisitListFilters(filters)).toEqual({ from: '2025-06-01', to: '2025-06-30', source: '网络推广' })
    const none = visitListFiltersFromQuery({ noSource: '1', size: '50' })
    expect(visitListInputOf(none)).toEqual({ noSource: true, page: 1, pageSize: 50 })
    expect(queryFromVisitListFilters(none)).toEqual({ noSource: '1', size: '50' })
    // a channel and "none" at once: the channel
    expect(visitListFiltersFromQuery({ source: '网络推广', noSource: '1' })).toMatchObject({ source: '网络推广', noSource: false })
    pickSource(filters, NO_SOURCE)
    expect(queryFromVisitListFilters(filters)).toEqual({ from: '2025-06-01', to: '2025-06-30', noSource: '1' })
    pickSource(filters, undefined)
    expect(queryFromVisitListFilters(filters)).toEqual({ from: '2025-06-01', to: '2025-06-30' })
  })
})

describe('来访记录: the walk-in list screen', () => {
  const visit: Visit = {
    id: 7,
    customerId: 40,
    customerName: '王五',
    phone: '137 0013 7000',
    arrivedAt: '2025-05-31T16:30:00.000Z',
    status: 'left',
    withDesignerAt: null,
    leftAt: null,
    partySize: 2,
    intentLevel: 'high',
    sourceChannel: '网络推广',
    community: null,
    houseType: null,
    areaSqm: null,
    budgetMinFen: null,
    budgetMaxFen: null,
    style: null,
    notes: null,
    outcome: '约了量房',
    designer: { id: 11, name: '陈设计' },
    receptionist: { id: 3, name: '前台小李' },
    collision: false,
  }
  const routes: RouteRecordRaw[] = [
    { path: '/visits', name: 'visits', component: VisitListView },
    { path: '/customers/:id', name: 'customer-detail', component: Stub },
  ]

  it('lists the URL’s walk-ins in Shanghai time and clears the filters', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, {
      routes,
      initialPath: '/visits?from=2025-06-01&to=2025-06-01&source=网络推广',
      handlers: { 'settings.get': () => settings, 'visits.list': () => ({ items: [visit], total: 1, page: 1, pageSize: 20 }) },
    })
    expect(fake.callsOf('visits.list').map((c) => c.input)).toEqual([{ from: '2025-06-01', to: '2025-06-01', source: '网络推广', page: 1, pageSize: 20 }])
    const row = wrapper.get('.el-table__body-wrapper .el-table__row').text()
    expect(row).toContain('2025-06-01 00:30') // 16:30 UTC on 31 May
    expect(row).toContain('王五')
    expect(row).toContain('网络推广')
    expect(row).toContain('已离开')
    expect(wrapper.get('[data-test="visit-list-total"]').text()).toContain('1')
    await wrapper.get('[data-test="visit-list-reset"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(fake.callsOf('visits.list').at(-1)?.input).toEqual({ page: 1, pageSize: 20 })
  })
})
