import { flushPromises } from '@vue/test-utils'
import type { CallbackItem, GreetingBatch, Page } from '@contract/callbacks.contract'
import type { CallAgent } from '@contract/calls.contract'
import type { Department, Person } from '@contract/org.contract'
import type { AppNotification } from '@contract/notifications.contract'
import type { Assessment, TicketDetail } from '@contract/tickets.contract'

/**
 * A complaint handled to closure. Times are UTC; in Shanghai (UTC+8) it was accepted on
 * 2026-11-27 at 09:05, and the 23:40 UTC response lands on the next company day.
 */
export function complaintDetail(overrides: Partial<TicketDetail> = {}): TicketDetail {
  return {
    id: 7,
    no: 'TS20261127-001',
    kind: 'complaint',
    state: 'closed',
    source: 'phone',
    customer: { id: 42, name: '王芳' },
    phone: '139 1234 5678',
    category: '工程质量',
    severity: '严重',
    subject: '卫生间墙面渗水',
    department: { id: 3, name: '工程部' },
    responsible: { id: 21, name: '张工' },
    handler: { id: 7, name: '陈客服' },
    createdAt: '2026-11-27T01:05:00.000Z',
    responseDueAt: '2026-11-28T01:05:00.000Z',
    respondedAt: '2026-11-27T23:40:00.000Z',
    resolutionDueAt: '2026-11-29T01:05:00.000Z',
    resolvedAt: '2026-11-28T08:00:00.000Z',
    closedAt: '2026-11-29T02:00:00.000Z',
    clock: { kind: null, dueAt: null, status: 'met', used: null },
    escalationLevel: 0,
    repeatOf: null,
    satisfaction: 'satisfied',
    version: 6,
    description: '卫生间墙面渗水，楼下邻居反映天花板有水渍。\n已持续一周。',
    expectation: '尽快上门查明原因并修复',
    customerAddress: '翠湖天地 3栋 1202',
    callId: 501,
    visitId: null,
    address: null,
    preferredTime: null,
    completionDate: null,
    warranty: null,
    worker: null,
    appointmentAt: null,
    result: '重做防水层，闭水试验48小时合格',
    suspendedAt: null,
    suspendReason: null,
    pausedSec: 0,
    repeats: [],
    leaderComplaint: null,
    log: [
      { id: 1, at: '2026-11-27T01:05:00.000Z', action: 'create', from: null, to: 'pending', note: null, by: { id: 7, name: '陈客服' }, onBehalfOf: null, data: null },
      { id: 2, at: '2026-11-27T01:10:00.000Z', action: 'dispatch', from: 'pending', to: 'dispatched', note: '请三天内上门', by: { id: 7, name: '陈客服' }, onBehalfOf: null, data: null },
      { id: 3, at: '2026-11-27T23:40:00.000Z', action: 'respond', from: 'dispatched', to: 'inProgress', note: '已约客户明早上门', by: { id: 7, name: '陈客服' }, onBehalfOf: { id: 21, name: '张工' }, data: null },
      { id: 4, at: '2026-11-28T08:00:00.000Z', action: 'resolve', from: 'inProgress', to: 'awaitingCallback', note: '重做防水层', by: { id: 7, name: '陈客服' }, onBehalfOf: { id: 21, name: '张工' }, data: null },
      { id: 5, at: '2026-11-29T02:00:00.000Z', action: 'close', from: 'awaitingCallback', to: 'closed', note: null, by: { id: 7, name: '陈客服' }, onBehalfOf: null, data: null },
    ],
    attachments: [],
    assessments: [],
    callbacks: [callbackItem({ status: 'done', result: 'satisfied', comment: '师傅很负责', doneAt: '2026-11-29T02:00:00.000Z', doneBy: { id: 7, name: '陈客服' } })],
    allowedActions: ['reopen'],
    ...overrides,
  }
}

export function repairDetail(overrides: Partial<TicketDetail> = {}): TicketDetail {
  return complaintDetail({
    id: 8,
    no: 'WX20261127-002',
    kind: 'repair',
    state: 'inProgress',
    category: '防水',
    severity: '一般',
    satisfaction: null,
    description: '阳台地漏返水',
    expectation: null,
    address: '翠湖天地 3栋 1202 阳台',
    preferredTime: '周末上午',
    completionDate: '2025-06-30',
    warranty: { status: 'inWarranty', until: '2030-06-30', years: 5 },
    worker: { id: 31, name: '李师傅' },
    appointmentAt: '2026-11-28T02:00:00.000Z',
    result: null,
    resolvedAt: null,
    closedAt: null,
    callbacks: [],
    log: [{ id: 11, at: '2026-11-27T01:05:00.000Z', action: 'create', from: null, to: 'pending', note: null, by: { id: 7, name: '陈客服' }, onBehalfOf: null, data: null }],
    ...overrides,
  })
}

export function callbackItem(overrides: Partial<CallbackItem> = {}): CallbackItem {
  return {
    id: 61,
    kind: 'ticketSatisfaction',
    status: 'open',
    customer: { id: 42, name: '王芳' },
    phone: '139 1234 5678',
    ticket: { id: 7, no: 'TS20261127-001' },
    project: null,
    reason: '卫生间墙面渗水',
    dueOn: '2026-11-29',
    overdue: false,
    agent: { id: 7, name: '陈客服' },
    plannedOn: null,
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

/** A site's weekly callback (施工期回访): no ticket, the contract instead, planned by the site's plan. */
export function siteCallbackItem(overrides: Partial<CallbackItem> = {}): CallbackItem {
  return callbackItem({
    id: 71,
    kind: 'construction',
    customer: { id: 43, name: '李明' },
    phone: '138 0013 8000',
    ticket: null,
    project: { id: 12, contractNo: 'HT2026-0088' },
    reason: '施工期第 3 周回访',
    plannedOn: '2026-11-29',
    ...overrides,
  })
}

export function assessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    id: 91,
    ticket: { id: 7, no: 'TS20261127-001' },
    person: { id: 21, name: '张工' },
    department: { id: 3, name: '工程部' },
    reason: 'leaders',
    proposedFen: 200_00,
    amountFen: null,
    status: 'proposed',
    note: '客户致电董事长办公室',
    proposedAt: '2026-11-28T03:00:00.000Z',
    proposedBy: { id: 7, name: '陈客服' },
    decidedAt: null,
    decidedBy: null,
    decisionNote: null,
    ...overrides,
  }
}

export function notification(overrides: Partial<AppNotification> = {}): AppNotification {
  return { id: 1, kind: 'assigned', title: '派单 TS20261127-001', body: '工程质量 · 王芳', ticketId: 7, createdAt: '2026-11-27T01:10:00.000Z', readAt: null, ...overrides }
}

export const pageOf = <T>(items: T[]): Page<T> => ({ items, total: items.length, page: 1, pageSize: 20 })

/** Who takes calls (calls.agents): two active agents and one who left. */
export const callAgents: CallAgent[] = [
  { id: 7, name: '陈客服', extension: '801', active: true },
  { id: 8, name: '周客服', extension: '802', active: true },
  { id: 9, name: '吴客服', extension: null, active: false },
]
export const orgDepartments: Department[] = [{ id: 3, name: '工程部', headPersonId: 21, headName: '张工', active: true, sortOrder: 1 }]
export const orgPeople: Person[] = [
  { id: 21, name: '张工', kind: 'projectManager', departmentId: 3, departmentName: '工程部', phone: null, accountId: null, isGeneralManager: false, active: true },
]

export function greetingBatch(overrides: Partial<GreetingBatch> = {}): GreetingBatch {
  return {
    key: '2027-春节',
    name: '春节',
    holidayOn: '2027-02-06',
    dueOn: '2027-02-04',
    source: 'derived',
    audience: 36,
    doneAt: null,
    doneBy: null,
    sent: null,
    note: null,
    ...overrides,
  }
}

/** Clicks an option of an Element Plus select (its dropdown lives in <body>). */
export async function pickOption(select: Element, text: string): Promise<void> {
  select.querySelector<HTMLElement>('.el-select__wrapper')!.click()
  await flushPromises()
  const listId = select.querySelector('input')?.getAttribute('aria-controls')
  const list = listId ? document.getElementById(listId) : null
  const option = [...(list?.querySelectorAll<HTMLElement>('.el-select-dropdown__item') ?? [])].find((el) => el.textContent?.includes(text))
  if (!option) throw new Error(`no option ${text}`)
  option.click()
  await flushPromises()
}

/** Types into the input or text area `selector` finds anywhere in the page (dialogs live in <body>). */
export async function typeInto(selector: string, value: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!
  input.value = value
  input.dispatchEvent(new Event('input'))
  await flushPromises()
}

export async function clickOn(selector: string): Promise<void> {
  document.querySelector<HTMLElement>(selector)!.click()
  await flushPromises()
}
