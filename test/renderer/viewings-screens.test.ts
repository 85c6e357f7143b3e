import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import type { ViewingTrip } from '@contract/viewings.contract'
import ViewingListView from '@renderer/views/viewings/viewing-list-view.vue'
import { reportInputOf, saveInputOf, tripDraftOf, tripFieldOf } from '@renderer/views/viewings/viewing-form'
import { queryFromViewingFilters, viewingFiltersFromQuery, viewingListInputOf } from '@renderer/views/viewings/viewing-query'
import { click, dialog, fieldError, fieldInput, mountSite, pageOf, SITE, typeInto, viewingTrip } from './support/site-fixtures'
import type { FakeHandler } from './support/fake-transport'

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

const agents = () => [
  { id: 7, name: 'agent user', extension: '8001', active: true },
  { id: 9, name: '离职客服', extension: null, active: false },
]

describe('viewing rules', () => {
  it('reads the date range from the URL, a backwards one turned round', () => {
    expect(viewingFiltersFromQuery({ from: '2026-11-30', to: '2026-11-01' })).toMatchObject({ from: '2026-11-01', to: '2026-11-30' })
    expect(viewingListInputOf(viewingFiltersFromQuery({ from: 'soon' }))).toEqual({ page: 1, pageSize: 20 })
    expect(queryFromViewingFilters({ from: '2026-11-01', to: '', page: 2, pageSize: 20 })).toEqual({ from: '2026-11-01', page: '2' })
  })

  it('sends each client once and the outcomes picked', () => {
    const trip = viewingTrip()
    const draft = { ...tripDraftOf(trip), clients: [{ id: 42, name: '王芳' }, null, { id: 42, name: '王芳' }, { id: 44, name: '赵敏' }] }
    expect(saveInputOf(draft, trip)).toMatchObject({ id: 81, version: 3, customerIds: [42, 44], projectIds: [501], note: null })
    expect(reportInputOf(trip, { report: ' 看了两个工地 ', outcomes: { 42: 'deposit', 43: null } })).toEqual({
      id: 81,
      version: 3,
      report: '看了两个工地',
      outcomes: [{ customerId: 42, outcome: 'deposit' }],
    })
    expect(tripFieldOf('customerIds.2')).toBe('customerIds')
  })
})

describe('看房班车', () => {
  function mountList(handlers: Record<string, FakeHandler> = {}, path = '/viewings') {
    return mountSite(ViewingListView, {
      path,
      handlers: {
        'viewings.list': () => pageOf([viewingTrip(), viewingTrip({ id: 82, tripOn: '2026-11-20', report: '客户很满意', reportedAt: '2026-11-20T09:00:00.000Z', clients: [{ customer: { id: 45, name: '孙丽' }, outcome: 'deposit' }] })]),
        'calls.agents': agents,
        ...handlers,
      },
    })
  }

  it('lists the trips of the range in the URL with their clients, sites and report', async () => {
    const { wrapper, fake, router } = await mountList({}, '/viewings?from=2026-11-01&to=2026-11-30')
    expect(fake.callsOf('viewings.list')[0].input).toEqual({ from: '2026-11-01', to: '2026-11-30', page: 1, pageSize: 20 })
    const rows = wrapper.findAll('[data-test="viewings-table"] .el-table__body-wrapper .el-table__row')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('09:30 发车')
    expect(rows[0].get('[data-test="viewing-clients-cell"]').text()).toContain('王芳')
    expect(rows[0].text()).toContain(SITE.contractNo)
    expect(rows[1].get('[data-test="viewing-reported"]').text()).toBe('已汇报')
    expect(rows[1].get('[data-test="viewing-clients-cell"]').text()).toContain('当场交定')

    await wrapper.get('[data-test="viewings-reset"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(fake.callsOf('viewings.list').at(-1)?.input).toEqual({ page: 1, pageSize: 20 })
  })

  it('sends the 看房汇报 with an outcome for every client, asking for the missing one first', async () => {
    const { wrapper, fake } = await mountList({ 'viewings.report': (input) => viewingTrip({ report: input.report as string, version: 4 }) })
    await click(wrapper.find('[data-test="viewing-report"]').element)
    const form = dialog('viewing-report-dialog')
    await typeInto(form.querySelector('textarea[data-test="viewing-report-text"]'), '参观了翠湖天地，客户对水电工艺很认可')
    await click(form.querySelector('[data-test="viewing-outcome-42-deposit"] input'))
    await click(form.querySelector('[data-test="viewing-report-save"]'))
    expect(form.querySelector('[data-test="viewing-outcome-43"]')?.textContent).toContain('请选择这位客户的看房结果')
    expect(fake.callsOf('viewings.report')).toHaveLength(0)

    await click(form.querySelector('[data-test="viewing-outcome-43-undecided"] input'))
    await click(form.querySelector('[data-test="viewing-report-save"]'))
    expect(fake.callsOf('viewings.report').map((c) => c.input)).toEqual([
      {
        id: 81,
        version: 3,
        report: '参观了翠湖天地，客户对水电工艺很认可',
        outcomes: [
          { customerId: 42, outcome: 'deposit' },
          { customerId: 43, outcome: 'undecided' },
        ],
      },
    ])
    expect(fake.callsOf('viewings.list')).toHaveLength(2)
  })

  it('shows a server message about one client’s outcome on that client’s row', async () => {
    await mountList({
      'viewings.report': () => {
        throw new AppError('VALIDATION', '看房结果无效', { 'outcomes.1.outcome': '看房结果无效' })
      },
    }).then(async ({ wrapper }) => {
      await click(wrapper.find('[data-test="viewing-report"]').element)
    })
    const form = dialog('viewing-report-dialog')
    await typeInto(form.querySelector('textarea[data-test="viewing-report-text"]'), '顺利')
    await click(form.querySelector('[data-test="viewing-outcome-42-interested"] input'))
    await click(form.querySelector('[data-test="viewing-outcome-43-notInterested"] input'))
    await click(form.querySelector('[data-test="viewing-report-save"]'))
    expect(form.querySelector('[data-test="viewing-outcome-43"]')?.textContent).toContain('看房结果无效')
    expect(form.querySelector<HTMLTextAreaElement>('textarea[data-test="viewing-report-text"]')?.value).toBe('顺利')
  })

  it('arranges nothing without a client and a site', async () => {
    const { wrapper, fake } = await mountList()
    await click(wrapper.get('[data-test="viewing-arrange"]').element)
    const form = dialog('viewing-edit-dialog')
    await click(form.querySelector('[data-test="viewing-save"]'))
    await vi.waitFor(() => expect(fieldError(form, 'customerIds')).toBe('至少选择一位看房客户'))
    expect(fieldError(form, 'projectIds')).toBe('至少选择一个参观工地')
    expect(fake.callsOf('viewings.save')).toHaveLength(0)
    // whoever arranges the trip leads it unless someone else is picked
    expect(form.querySelector('[data-test="viewing-guide"]')?.textContent).toContain('agent user')
  })

  it('changes a trip with its version and keeps the typed note when the server refuses a site', async () => {
    const saved: ViewingTrip[] = []
    const { wrapper, fake } = await mountList({
      'viewings.save': (input, index) => {
        if (index === 0) throw AppError.field('projectIds', '只能参观已开工、未取消的工地')
        const trip = viewingTrip({ note: input.note as string, version: 4 })
        saved.push(trip)
        return trip
      },
    })
    await click(wrapper.find('[data-test="viewing-edit"]').element)
    const form = dialog('viewing-edit-dialog')
    expect(form.querySelectorAll('[data-test="viewing-client-row"]')).toHaveLength(2)
    expect(fieldInput(form, 'tripOn').value).toBe('2026-11-29')
    await typeInto(form.querySelector('textarea[data-test="viewing-note"]'), '带上样板间资料')
    await click(form.querySelector('[data-test="viewing-save"]'))
    expect(fake.callsOf('viewings.save')[0].input).toEqual({
      id: 81,
      version: 3,
      tripOn: '2026-11-29',
      departAt: '09:30',
      guideId: 7,
      customerIds: [42, 43],
      projectIds: [501],
      note: '带上样板间资料',
    })
    await vi.waitFor(() => expect(fieldError(form, 'projectIds')).toBe('只能参观已开工、未取消的工地'))
    expect(form.querySelector<HTMLTextAreaElement>('textarea[data-test="viewing-note"]')?.value).toBe('带上样板间资料')

    await click(form.querySelector('[data-test="viewing-save"]'))
    expect(saved).toHaveLength(1)
    expect(fake.callsOf('viewings.list')).toHaveLength(2)
  })

  it('reloads when the core says viewings changed', async () => {
    const { fake } = await mountList()
    fake.emit({ type: 'dataChanged', area: 'viewings', id: 81 })
    await flushPromises()
    expect(fake.callsOf('viewings.list')).toHaveLength(2)
  })
})
