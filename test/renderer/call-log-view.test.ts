import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import type { CallDetail, CallListItem, Page } from '@contract/calls.contract'
import CallLogView from '@renderer/views/call-log/call-log-view.vue'
import { callLogFiltersFromQuery, queryFromCallLogFilters } from '@renderer/views/call-log/call-log-query'
import { formatDuration } from '@renderer/format'
import { mountScreen, sleep } from './support/mount-helpers'
import { designer, settings } from './support/fixtures'

const Root = { render: () => h(RouterView) }
const Stub = { render: () => h('div', { 'data-test': 'customer-stub' }) }
const routes: RouteRecordRaw[] = [
  { path: '/call-log', name: 'call-log', component: CallLogView },
  { path: '/customers/:id', name: 'customer-detail', component: Stub },
]

function call(id: number, overrides: Partial<CallListItem> = {}): CallListItem {
  return {
    id,
    direction: 'in',
    rawNumber: '13800138000',
    display: '138 0013 8000',
    customer: { id: 40, name: '张三' },
    agent: { id: 5, name: '王客服' },
    status: 'answered',
    type: 'consult',
    startedAt: '2025-03-01T02:05:00.000Z',
    talkSec: 125,
    ringSec: 4,
    summary: '咨询三室两厅全包价格',
    outcome: null,
    source: 'cti',
    ...overrides,
  }
}

function detail(id: number): CallDetail {
  return {
    ...call(id),
    type: 'measure',
    normalized: '13800138000',
    extension: '8001',
    externalId: 'pbx-77',
    ringingAt: '2025-03-01T02:05:00.000Z',
    answeredAt: '2025-03-01T02:05:04.000Z',
    endedAt: '2025-03-01T02:07:09.000Z',
    followUpOn: '2025-03-04',
    details: { type: 'measure', community: '绿地海珀', houseType: '三室', areaSqm: 128, budgetMinFen: 20_000_000, budgetMaxFen: 30_000_000, style: null, address: '浦东新区 1 号', scheduledAt: '2025-03-05T06:00:00.000Z', designerId: 11 },
    followUpId: null,
    intakeSavedAt: '2025-03-01T02:07:30.000Z',
    version: 3,
    edits: [{ at: '2025-03-01T03:00:00.000Z', by: { id: 6, name: '李班长' }, changes: { 来电类型: ['consult', 'measure'], 通话摘要: ['咨询', '咨询三室两厅全包价格'] } }],
  }
}

function handlers() {
  return {
    'settings.get': () => settings,
    'org.listPeople': (input: Record<string, unknown>) => (input.kind === 'designer' ? [designer(11, '陈设计')] : []),
    'calls.agents': () => [{ id: 5, name: '王客服', extension: '8001', active: true }],
    'calls.list': (input: Record<string, unknown>): Page<CallListItem> => ({
      items: [call(1), call(2, { direction: 'out', display: '', customer: null, status: 'missed', type: null, talkSec: 0, source: 'manual' })],
      total: 62,
      page: Number(input.page ?? 1),
      pageSize: Number(input.pageSize ?? 20),
    }),
    'calls.get': (input: Record<string, unknown>) => detail(Number(input.id)),
  }
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('通话记录: filters in the URL', () => {
  it('sends every filter of a bookmarked URL to calls.list', async () => {
    const { fake, wrapper } = await mountScreen(Root, {
      handlers: handlers(),
      routes,
      initialPath: '/call-log?from=2025-03-01&to=2025-03-31&direction=in&status=missed&type=complaint&agent=5&phone=8000&page=2&size=50',
    })
    expect(fake.callsOf('calls.list').map((c) => c.input)).toEqual([
      { from: '2025-03-01', to: '2025-03-31', direction: 'in', status: 'missed', type: 'complaint', agentId: 5, phone: '8000', page: 2, pageSize: 50 },
    ])
    expect((wrapper.get('[data-test="call-log-filter-number"]').element as HTMLInputElement).value).toBe('8000')
    // the agent filter offers the service staff who have a login, by account id
    expect(wrapper.get('[data-test="call-log-filter-agent"]').text()).toContain('王客服')
  })

  it('shows the columns in zh-CN conventions', async () => {
    const { wrapper } = await mountScreen(Root, { handlers: handlers(), routes, initialPath: '/call-log' })
    const rows = wrapper.findAll('.el-table__body-wrapper .el-table__row')
    expect(rows).toHaveLength(2)
    const first = rows[0].text()
    expect(first).toContain('2025-03-01 10:05') // Shanghai time, tests run with TZ=UTC
    expect(first).toContain('138 0013 8000')
    expect(first).toContain('02:05') // 125 s as mm:ss
    expect(first).toContain('已接通')
    expect(first).toContain('CTI')
    const second = rows[1].text()
    expect(second).toContain('未显示号码')
    expect(second).toContain('未接')
    expect(second).toContain('手动')
    expect(wrapper.get('[data-test="call-log-total"]').text()).toContain('62')
  })

  it('writes a typed number to the URL, back on page 1, and lists with it', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, { handlers: handlers(), routes, initialPath: '/call-log?status=missed&page=3' })
    await wrapper.get('[data-test="call-log-filter-number"]').setValue('138 0013')
    await sleep(350)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ status: 'missed', phone: '138 0013' })
    expect(fake.callsOf('calls.list').at(-1)?.input).toEqual({ status: 'missed', phone: '138 0013', page: 1, pageSize: 20 })
  })

  it('writes a picked status to the URL and clears every filter at once', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, { handlers: handlers(), routes, initialPath: '/call-log?direction=out' })
    const select = wrapper.get('[data-test="call-log-filter-status"]')
    await select.get('.el-select__wrapper').trigger('click')
    await flushPromises()
    const listId = select.element.querySelector('input')?.getAttribute('aria-controls')
    const option = [...document.getElementById(listId!)!.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((el) => el.textContent?.includes('放弃'))!
    option.click()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ direction: 'out', status: 'abandoned' })
    expect(fake.callsOf('calls.list').at(-1)?.input).toMatchObject({ direction: 'out', status: 'abandoned', page: 1 })

    await wrapper.get('[data-test="call-log-filter-reset"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(fake.callsOf('calls.list').at(-1)?.input).toEqual({ page: 1, pageSize: 20 })
  })

  it('lists again when the core says calls changed', async () => {
    const { fake } = await mountScreen(Root, { handlers: handlers(), routes, initialPath: '/call-log?type=repair' })
    expect(fake.callsOf('calls.list')).toHaveLength(1)
    fake.emit({ type: 'dataChanged', area: 'calls', id: 9 })
    await flushPromises()
    expect(fake.callsOf('calls.list')).toHaveLength(2)
    expect(fake.callsOf('calls.list')[1].input).toMatchObject({ type: 'repair' })
  })
})

describe('通话记录: the call drawer', () => {
  it('opens a row with its timings, details and edit history, without leaving the list', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, { handlers: handlers(), routes, initialPath: '/call-log?status=answered' })
    await wrapper.findAll('.el-table__body-wrapper .el-table__row')[0].trigger('click')
    await flushPromises()
    expect(fake.callsOf('calls.get').map((c) => c.input)).toEqual([{ id: 1 }])
    expect(router.currentRoute.value.fullPath).toBe('/call-log?status=answered')
    const drawer = document.querySelector('[data-test="call-drawer"]')!
    expect(drawer.querySelector('[data-test="call-drawer-talk"]')?.textContent).toBe('02:05')
    const text = drawer.textContent ?? ''
    expect(text).toContain('10:05:00') // ringing, Shanghai
    expect(text).toContain('10:07:09') // ended
    expect(text).toContain('4 秒')
    expect(text).toContain('2025-03-04') // follow-up
    // the measuring appointment spelt out, the designer named
    expect(text).toContain('2025-03-05 14:00')
    expect(text).toContain('陈设计')
    expect(text).toContain('¥200,000.00 – ¥300,000.00')
    // the edit: who, and the type named rather than its key
    const edit = drawer.querySelector('[data-test="call-edit"]')!.textContent ?? ''
    expect(edit).toContain('李班长')
    expect(edit).toContain('2025-03-01 11:00')
    expect(edit).toMatch(/来电类型\s*咨询\s*→\s*预约量房/)
  })

  it('opens the customer from the row link instead of the drawer', async () => {
    const { fake, router, wrapper } = await mountScreen(Root, { handlers: handlers(), routes, initialPath: '/call-log' })
    await wrapper.get('.el-table__row a').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/customers/40')
    expect(fake.callsOf('calls.get')).toHaveLength(0)
  })
})

describe('call log query', () => {
  it('round-trips and drops what calls.list would refuse', () => {
    const filters = callLogFiltersFromQuery({ status: 'lost', direction: 'in', agent: 'x', phone: 'abc', from: '2025-3-1', page: '0' })
    expect(filters).toMatchObject({ status: '', direction: 'in', agent: null, phone: '', from: '', page: 1 })
    expect(queryFromCallLogFilters(filters)).toEqual({ direction: 'in' })
    expect(queryFromCallLogFilters(callLogFiltersFromQuery({ agent: '12', size: '100' }))).toEqual({ agent: '12', size: '100' })
  })
})

describe('formatDuration', () => {
  it('shows mm:ss, h:mm:ss past an hour, nothing when unknown', () => {
    expect(formatDuration(0)).toBe('00:00')
    expect(formatDuration(125)).toBe('02:05')
    expect(formatDuration(4325.7)).toBe('1:12:05')
    expect(formatDuration(null)).toBe('')
  })
})
