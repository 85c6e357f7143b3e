import { h } from 'vue'
import { RouterView, type RouteRecordRaw } from 'vue-router'
import { flushPromises } from '@vue/test-utils'
import type { CallbackItem } from '@contract/callbacks.contract'
import type { CallAgent } from '@contract/calls.contract'
import type { CustomerDetail, CustomerListItem } from '@contract/customers.contract'
import type { DepositDetail, DepositItem, DesignerStat } from '@contract/deposits.contract'
import type { Page, ProjectDetail, ProjectItem, WeeklyCounts } from '@contract/projects.contract'
import type { Person, PersonKind } from '@contract/org.contract'
import type { Role } from '@contract/roles'
import { companyDate } from '@contract/time'
import DepositListView from '@renderer/views/deposits/deposit-list-view.vue'
import ProjectListView from '@renderer/views/projects/project-list-view.vue'
import ProjectDetailView from '@renderer/views/projects/project-detail-view.vue'
import WeeklyCountsView from '@renderer/views/projects/weekly-counts-view.vue'
import { useAuthStore } from '@renderer/stores/auth.store'
import { mountScreen } from './mount-helpers'
import { settings, userOf } from './fixtures'
import type { FakeHandler } from './fake-transport'

/**
 * happy-dom's Element#toString returns the element's outerHTML, where a browser says
 * `[object HTMLDivElement]`. Popper.js (every Element Plus select, picker and tooltip) calls it
 * to tell a window from an element, so each popper serialized the whole page: a dialog with a
 * dozen pickers took seconds. Browsers' answer, for these screens' tests.
 */
export function useBrowserElementToString(): void {
  Element.prototype.toString = function (this: Element) {
    return `[object ${this.constructor.name}]`
  }
}

/** The company's today, as the screens compute it (Asia/Shanghai by default). */
export const today = (): string => companyDate(new Date(), 'Asia/Shanghai')

export function person(id: number, name: string, kind: PersonKind, active = true): Person {
  return { id, name, kind, departmentId: null, departmentName: null, phone: null, accountId: null, isGeneralManager: false, active }
}

export const people: Person[] = [
  person(31, '林设计', 'designer'),
  person(32, '周设计', 'designer'),
  person(33, '老设计', 'designer', false),
  person(35, '吴顾问', 'homeConsultant'),
  person(41, '赵经理', 'projectManager'),
  person(51, '钱监理', 'supervisor'),
  person(61, '孙工队', 'crew'),
]

export const agents: CallAgent[] = [
  { id: 7, name: '陈客服', extension: '801', active: true },
  { id: 8, name: '刘客服', extension: '802', active: true },
]

export function depositItem(overrides: Partial<DepositItem> = {}): DepositItem {
  return {
    id: 11,
    customer: { id: 42, name: '王芳' },
    phone: '139 1234 5678',
    designer: { id: 31, name: '林设计' },
    consultant: { id: 35, name: '吴顾问' },
    amountFen: 500000,
    paidOn: '2026-11-01',
    status: 'pending',
    ageDays: 20,
    followUps: 2,
    lastFollowUpAt: '2026-11-20T02:00:00.000Z',
    nextFollowUpOn: '2026-11-30',
    outcomeOn: null,
    lostReason: null,
    project: null,
    note: null,
    createdBy: { id: 7, name: '陈客服' },
    version: 3,
    ...overrides,
  }
}

export function depositDetail(overrides: Partial<DepositDetail> = {}): DepositDetail {
  return {
    ...depositItem(),
    followUpLog: [
      { id: 1, at: '2026-11-10T02:00:00.000Z', by: { id: 7, name: '陈客服' }, note: '客户在比较两家报价', nextOn: '2026-11-20' },
      { id: 2, at: '2026-11-20T02:00:00.000Z', by: { id: 7, name: '陈客服' }, note: '约了周末再看方案', nextOn: '2026-11-30' },
    ],
    ...overrides,
  }
}

export function designerStat(overrides: Partial<DesignerStat> = {}): DesignerStat {
  return { designer: { id: 31, name: '林设计' }, consultations: 8, visits: 5, measures: 3, deposits: 4, signed: 2, lost: 1, conversion: 0.25, depositRate: 0.5, ...overrides }
}

const noMilestones = (): ProjectItem['milestones'] => ({
  start: { plannedOn: '2026-11-05', actualOn: null },
  material: { plannedOn: '2026-11-20', actualOn: null },
  midterm: { plannedOn: '2026-12-20', actualOn: null },
  completion: { plannedOn: '2027-02-01', actualOn: null },
})

export function projectItem(overrides: Partial<ProjectItem> = {}): ProjectItem {
  return {
    id: 5,
    contractNo: 'HT2026-0005',
    customer: { id: 42, name: '王芳' },
    phone: '139 1234 5678',
    address: '翠湖天地 3栋 1202',
    designer: { id: 31, name: '林设计' },
    projectManager: { id: 41, name: '赵经理' },
    supervisor: { id: 51, name: '钱监理' },
    crew: null,
    agent: { id: 7, name: '陈客服' },
    amountFen: 20000000,
    signedOn: '2026-11-01',
    status: 'pending',
    milestones: noMilestones(),
    nextMilestone: { milestone: 'start', plannedOn: '2026-11-05' },
    owedFen: 0,
    warrantyEndsOn: null,
    settlementSentOn: null,
    version: 4,
    ...overrides,
  }
}

export function planCallback(overrides: Partial<CallbackItem> = {}): CallbackItem {
  return {
    id: 71,
    kind: 'construction',
    status: 'open',
    customer: { id: 42, name: '王芳' },
    phone: '139 1234 5678',
    ticket: null,
    project: { id: 5, contractNo: 'HT2026-0005' },
    reason: '施工期回访（第1周）',
    dueOn: '2026-11-17',
    overdue: false,
    agent: { id: 7, name: '陈客服' },
    plannedOn: '2026-11-17',
    attempts: 0,
    lastAttemptAt: null,
    lastAttemptOutcome: null,
    lastAttemptNote: null,
    result: null,
    scores: { design: null, quality: null, tidiness: null, service: null, schedule: null },
    rating: null,
    comment: null,
    doneAt: null,
    doneBy: null,
    callId: null,
    problemTicket: null,
    version: 1,
    ...overrides,
  }
}

/** A site building since 2026-11-10: the start notice is in, materials are next; the first payment is paid. */
export function projectDetail(overrides: Partial<ProjectDetail> = {}): ProjectDetail {
  const milestones = noMilestones()
  milestones.start.actualOn = '2026-11-10'
  return {
    ...projectItem({ status: 'building', milestones, nextMilestone: { milestone: 'material', plannedOn: '2026-11-20' } }),
    deposit: { id: 11, amountFen: 500000, paidOn: '2026-11-01' },
    payments: [
      { stage: 'first', amountFen: 6000000, dueOn: '2026-11-01', paidOn: '2026-11-01' },
      { stage: 'midterm', amountFen: 10000000, dueOn: '2026-12-20', paidOn: null },
      { stage: 'final', amountFen: 4000000, dueOn: '2027-02-01', paidOn: null },
    ],
    stops: [],
    cancelledOn: null,
    cancelReason: null,
    note: null,
    callbacks: [planCallback(), planCallback({ id: 72, status: 'done', dueOn: '2026-11-10', result: 'satisfied', doneBy: { id: 7, name: '陈客服' } })],
    log: [{ id: 1, at: '2026-11-10T02:00:00.000Z', by: { id: 7, name: '陈客服' }, action: 'milestone', text: '登记开工：2026-11-10' }],
    ...overrides,
  }
}

export function weeklyCounts(weekStart: string, overrides: Partial<WeeklyCounts> = {}): WeeklyCounts {
  return { weekStart, weekEnd: weekStart, building: 12, dueMidterm: 3, dueFinal: 2, toSettle: 1, completedThisWeek: 4, ...overrides }
}

export function customerListItem(id: number, name: string): CustomerListItem {
  return { id, name, phone: '139 1234 5678', community: '翠湖天地', grade: null, sourceChannel: null, followingDesigner: null, lastContactAt: null, createdAt: '2026-10-01T00:00:00.000Z' }
}

/** Only what the contract dialog reads (community and address for the site's address). */
export function customerDetail(id: number, name: string): Pick<CustomerDetail, 'id' | 'name' | 'community' | 'address'> {
  return { id, name, community: '翠湖天地', address: '3栋 1202' }
}

export const pageOf = <T>(items: T[], total = items.length): Page<T> => ({ items, total, page: 1, pageSize: 20 })

const stub = { render: () => h('div') }
export const Root = { render: () => h(RouterView) }

/** The app's routes for these screens, with the places they link to as stubs. */
export const projectRoutes: RouteRecordRaw[] = [
  { path: '/deposits', name: 'deposits', component: DepositListView },
  {
    path: '/projects',
    component: ProjectListView,
    children: [
      { path: '', name: 'projects', component: stub },
      { path: ':id(\\d+)', name: 'project-detail', component: ProjectDetailView, props: true },
    ],
  },
  { path: '/weekly', name: 'weekly', component: WeeklyCountsView },
  { path: '/customers/:id', name: 'customer-detail', component: stub },
  { path: '/callbacks', name: 'callbacks', component: stub },
]

/** Mounts the app's screens at `path` with a logged-in user of `role`, over a fake core. */
export async function mountAs(role: Role, path: string, handlers: Record<string, FakeHandler>) {
  const mounted = await mountScreen(Root, {
    routes: projectRoutes,
    initialPath: '/customers/0',
    handlers: {
      'settings.get': () => settings,
      'auth.login': () => ({ token: 't', user: userOf(role) }),
      'org.chart': () => ({ departments: [], generalManager: null }),
      'org.listPeople': () => people,
      'calls.agents': () => agents,
      ...handlers,
    },
  })
  await useAuthStore(mounted.pinia).login({ username: role, password: 'x' })
  await mounted.router.push(path)
  await flushPromises()
  return mounted
}

/** The options of one select (every select keeps its own dropdown in <body>). */
export function optionsOf(select: Element) {
  const listId = select.querySelector('input')?.getAttribute('aria-controls')
  const list = listId ? document.getElementById(listId) : null
  const all = (): HTMLElement[] => [...(list?.querySelectorAll<HTMLElement>('.el-select-dropdown__item') ?? [])]
  return { all, find: (text: string) => all().find((el) => el.textContent?.includes(text)) }
}

/** Opens a select and clicks the option showing `text`. */
export async function pickOption(select: Element, text: string): Promise<void> {
  select.querySelector<HTMLElement>('.el-select__wrapper')?.click()
  await flushPromises()
  const option = optionsOf(select).find(text)
  if (!option) throw new Error(`no option “${text}” in ${optionsOf(select).all().map((o) => o.textContent).join(', ')}`)
  option.click()
  await flushPromises()
}

/** Types into an input or textarea the way a user does (Element Plus listens to `input`). */
export async function typeInto(element: Element | null, value: string): Promise<void> {
  if (!element) throw new Error('no such field')
  const input = element as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
  input.dispatchEvent(new Event('change', { bubbles: true }))
  await flushPromises()
}

export const q = <T extends Element = HTMLElement>(selector: string): T | null => document.querySelector<T>(selector)
