import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import { AppError } from '@contract/errors'
import type { Department, Person } from '@contract/org.contract'
import type { Role } from '@contract/roles'
import type { TicketListItem, TicketRiskBoard } from '@contract/tickets.contract'
import TicketListView from '@renderer/views/tickets/ticket-list-view.vue'
import TicketDetailView from '@renderer/views/tickets/ticket-detail-view.vue'
import TicketCreateDialog from '@renderer/views/tickets/ticket-create-dialog.vue'
import { presetFromCall } from '@renderer/views/tickets/ticket-draft'
import { useAuthStore } from '@renderer/stores/auth.store'
import { mountScreen } from './support/mount-helpers'
import { settings, userOf } from './support/fixtures'
import { complaintDetail } from './support/ticket-admin-fixtures'

const stub = { render: () => h('div') }
const Root = { render: () => h(RouterView) }
const routes: RouteRecordRaw[] = [
  { path: '/tickets', name: 'tickets', component: TicketListView, children: [{ path: ':id(\\d+)', name: 'ticket-detail', component: TicketDetailView, props: true }] },
  { path: '/customers/:id', name: 'customer-detail', component: stub },
  { path: '/callbacks', name: 'callbacks', component: stub },
]

const departments: Department[] = [{ id: 3, name: '工程部', headPersonId: 21, headName: '张工', active: true, sortOrder: 1 }]
const people: Person[] = [
  { id: 21, name: '张工', kind: 'projectManager', departmentId: 3, departmentName: '工程部', phone: null, accountId: null, isGeneralManager: false, active: true },
  { id: 22, name: '李师傅', kind: 'repairWorker', departmentId: 3, departmentName: '工程部', phone: null, accountId: null, isGeneralManager: false, active: true },
]

function listItem(id: number, overrides: Partial<TicketListItem> = {}): TicketListItem {
  const { description: _d, ...item } = complaintDetail({ id, no: `TS20261127-00${id}`, state: 'dispatched', clock: { kind: 'response', dueAt: '2099-01-01T00:00:00.000Z', status: 'ok', used: 0.1 } })
  return { ...item, ...overrides }
}

const risk = (breached: number, atRisk: TicketListItem[] = []): TicketRiskBoard => ({ breached: [], atRisk, counts: { breached, atRisk: atRisk.length, open: 9, paused: 1 } })

type Handler = (input: Record<string, unknown>, index: number) => unknown

async function mountAs(role: Role, path: string, handlers: Record<string, Handler>) {
  const mounted = await mountScreen(Root, {
    routes,
    initialPath: path,
    handlers: {
      'settings.get': () => settings,
      'auth.login': () => ({ token: 't', user: userOf(role) }),
      'org.chart': () => ({ departments, generalManager: null }),
      'org.listPeople': () => people,
      'tickets.risk': () => risk(2),
      'tickets.list': () => ({ items: [listItem(1), listItem(2)], total: 2, page: 1, pageSize: 20 }),
      ...handlers,
    },
  })
  await useAuthStore(mounted.pinia).login({ username: role, password: 'x' })
  // the list reads the scopes it may offer from the user: mount it again now that one is logged in
  await mounted.router.replace('/')
  await mounted.router.replace(path)
  await flushPromises()
  return mounted
}

afterEach(() => {
  document.body.innerHTML = ''
  sessionStorage.clear()
})

describe('投诉维修 list', () => {
  it('asks for the URL’s filters, offers 全部 only with tickets.all, and counts the risks of the scope', async () => {
    const agent = await mountAs('agent', '/tickets?state=open&kind=repair&person=21', {})
    expect(agent.fake.callsOf('tickets.list').at(-1)?.input).toEqual({ scope: 'mine', open: true, kind: 'repair', personId: 21, page: 1, pageSize: 20 })
    expect(agent.fake.callsOf('tickets.risk').at(-1)?.input).toEqual({ scope: 'mine', limit: 200 })
    expect(agent.wrapper.findAll('[data-test="ticket-scope"] .el-tabs__item').map((tab) => tab.text())).toEqual(['我的工单', '本部门'])
    expect(agent.wrapper.get('[data-test="ticket-risk-breached"]').text()).toContain('2')
    agent.wrapper.unmount()

    const lead = await mountAs('shiftLead', '/tickets?scope=all', {})
    expect(lead.wrapper.findAll('[data-test="ticket-scope"] .el-tabs__item').map((tab) => tab.text())).toEqual(['我的工单', '本部门', '全部'])
    expect(lead.fake.callsOf('tickets.list').at(-1)?.input).toMatchObject({ scope: 'all' })
  })

  it('shows only the breached ones when 已超时 is clicked, and the at-risk ones when 即将超时 is', async () => {
    const soon = listItem(5, { clock: { kind: 'resolution', dueAt: '2099-01-01T00:00:00.000Z', status: 'atRisk', used: 0.8 } })
    const { wrapper, fake, router } = await mountAs('agent', '/tickets', {
      'tickets.risk': () => risk(2, [soon]),
      'tickets.list': (input) => (input.atRisk ? { items: [soon], total: 1, page: 1, pageSize: 20 } : { items: [listItem(1), listItem(2)], total: 2, page: 1, pageSize: 20 }),
    })
    await wrapper.get('[data-test="ticket-risk-breached"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ due: 'breached' })
    expect(fake.callsOf('tickets.list').at(-1)?.input).toMatchObject({ overdue: true })

    await wrapper.get('[data-test="ticket-risk-at-risk"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ due: 'atRisk' })
    expect(fake.callsOf('tickets.list').at(-1)?.input).toMatchObject({ atRisk: true })
    expect(fake.callsOf('tickets.list').at(-1)?.input).not.toHaveProperty('overdue')
    const rows = wrapper.findAll('[data-test="ticket-row"]')
    expect(rows.map((row) => row.attributes('data-ticket-id'))).toEqual(['5'])
    expect(wrapper.get('[data-test="ticket-clock"]').attributes('data-status')).toBe('atRisk')
  })

  it('reloads the list and the risk counts when the core says tickets changed (pushed, not polled)', async () => {
    const { fake } = await mountAs('agent', '/tickets', {})
    const lists = fake.callsOf('tickets.list').length
    const risks = fake.callsOf('tickets.risk').length
    fake.emit({ type: 'dataChanged', area: 'tickets', id: 1 })
    await flushPromises()
    expect(fake.callsOf('tickets.list').length).toBe(lists + 1)
    expect(fake.callsOf('tickets.risk').length).toBe(risks + 1)
    fake.emit({ type: 'dataChanged', area: 'calls', id: 1 })
    await flushPromises()
    expect(fake.callsOf('tickets.list').length).toBe(lists + 1)
  })
})

describe('ticket detail', () => {
  it('offers only the allowed actions, and after a version conflict keeps the note and shows the ticket as it is now', async () => {
    const open = complaintDetail({ state: 'dispatched', clock: { kind: 'response', dueAt: '2099-01-01T00:00:00.000Z', status: 'ok', used: 0.1 }, allowedActions: ['respond', 'resolve', 'suspend', 'cancel', 'reassign'], version: 3 })
    let current = open
    const { fake } = await mountAs('agent', '/tickets/7', {
      'tickets.get': () => current,
      'tickets.transition': (input) => {
        if (input.version !== current.version) throw new AppError('CONFLICT', '工单已被修改')
        return { ...current, state: 'inProgress', version: current.version + 1, allowedActions: ['resolve', 'suspend', 'cancel', 'reassign'] }
      },
    })
    const actions = [...document.querySelectorAll('[data-test="ticket-actions"] [data-test^="ticket-action-"]')].map((b) => b.getAttribute('data-test'))
    expect(actions).toEqual(['ticket-action-respond', 'ticket-action-resolve', 'ticket-action-suspend', 'ticket-action-reassign', 'ticket-action-cancel'])

    document.querySelector<HTMLElement>('[data-test="ticket-action-respond"]')!.click()
    await flushPromises()
    // a note is required to respond: nothing is sent without one
    document.querySelector<HTMLElement>('[data-test="ticket-action-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('tickets.transition')).toHaveLength(0)

    // meanwhile someone else adds a line to the ticket (no push reaches this screen)
    current = { ...open, version: 4 }
    const gets = fake.callsOf('tickets.get').length
    const note = document.querySelector<HTMLTextAreaElement>('textarea[data-test="ticket-action-note"]')!
    note.value = '已约客户明早上门'
    note.dispatchEvent(new Event('input'))
    await flushPromises()
    // Enter in the last field submits
    note.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await flushPromises()
    expect(fake.callsOf('tickets.transition')[0].input).toEqual({ id: 7, version: 3, change: { action: 'respond', note: '已约客户明早上门' } })
    expect(document.querySelector('[data-test="ticket-action-conflict"]')?.textContent).toContain('刚被其他人修改过')
    expect(fake.callsOf('tickets.get')).toHaveLength(gets + 1)
    expect(document.querySelector<HTMLTextAreaElement>('textarea[data-test="ticket-action-note"]')!.value).toBe('已约客户明早上门')

    document.querySelector<HTMLElement>('[data-test="ticket-action-submit"]')!.click()
    await flushPromises()
    expect(fake.callsOf('tickets.transition')[1].input).toMatchObject({ version: 4, change: { action: 'respond' } })
    expect(document.querySelector('[data-test="ticket-detail-state"]')?.textContent).toBe('处理中')
  })
})

describe('来电转工单', () => {
  it('sends what the call recorded, puts the core’s field errors under their fields and keeps what was typed', async () => {
    const preset = presetFromCall({ id: 88, customer: { id: 42, name: '王芳' }, details: { type: 'complaint', category: '工程质量', severity: '严重', description: '卫生间漏水', expectation: null } })
    const Host = defineComponent({
      setup: () => {
        const open = ref(true)
        return () => h(TicketCreateDialog, { modelValue: open.value, 'onUpdate:modelValue': (v: boolean) => (open.value = v), preset })
      },
    })
    let attempts = 0
    const { fake } = await mountScreen(Host, {
      handlers: {
        'settings.get': () => settings,
        'org.chart': () => ({ departments, generalManager: null }),
        'org.listPeople': () => people,
        'tickets.create': () => {
          attempts++
          if (attempts === 1) throw new AppError('VALIDATION', '工单信息有误', { category: '类别不在公司的投诉类别中', callId: '该来电已转为工单' })
          return complaintDetail({ id: 9, no: 'TS20261127-009' })
        },
      },
    })
    await flushPromises()
    expect(document.querySelector('[data-test="ticket-customer-fixed"]')?.textContent).toBe('王芳')
    const description = document.querySelector<HTMLTextAreaElement>('textarea[data-test="ticket-description"]')!
    expect(description.value).toBe('卫生间漏水')

    description.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }))
    await flushPromises()
    expect(fake.callsOf('tickets.create')[0].input).toMatchObject({ kind: 'complaint', source: 'phone', customerId: 42, callId: 88, category: '工程质量', severity: '严重', description: '卫生间漏水', dispatch: null })
    const categoryItem = document.querySelector('[data-field="category"]')!
    // Element Plus shows a field's message after its transition
    await vi.waitFor(() => expect(categoryItem.querySelector('.el-form-item__error')?.textContent).toContain('类别不在公司的投诉类别中'))
    // still open, still holding what was carried over
    expect(document.querySelector<HTMLTextAreaElement>('textarea[data-test="ticket-description"]')!.value).toBe('卫生间漏水')

    // the agent picks another category; the second try goes through
    document.querySelector<HTMLElement>('[data-test="ticket-create-save"]')!.click()
    await flushPromises()
    expect(fake.callsOf('tickets.create')).toHaveLength(2)
    expect(document.querySelector('[data-test="ticket-create-dialog"]')?.closest('.el-overlay')?.getAttribute('style') ?? '').toContain('display: none')
  })
})
