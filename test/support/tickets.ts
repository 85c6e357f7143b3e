import type { CallbackItem } from '../../main/contract/callbacks.contract'
import type { CallDetail } from '../../main/contract/calls.contract'
import type { CustomerDetail } from '../../main/contract/customers.contract'
import type { AppNotification, NotificationKind } from '../../main/contract/notifications.contract'
import type { Department, Person, PersonKind } from '../../main/contract/org.contract'
import type { Role } from '../../main/contract/roles'
import type { StaffAccount } from '../../main/contract/staff.contract'
import { TICKET_TRANSITIONS, type TicketAction, type TicketDetail, type TicketState } from '../../main/contract/tickets.contract'
import type { ticketsContract } from '../../main/contract/tickets.contract'
import type { z } from 'zod'
import { snapshotDb, type DbSnapshot } from './db-snapshot'
import { TEST_PASSWORD, type Session, type TestCore } from './test-core'

/** Monday 2025-06-02 10:00 in Shanghai: the company day is 2025-06-02, ticket numbers read 20250602. */
export const TICKET_NOW = '2025-06-02T02:00:00.000Z'

export const HOUR_MS = 3_600_000

/** `iso` moved by `hours` (fractions allowed), as an ISO string. */
export function hoursAfter(iso: string, hours: number): string {
  return new Date(new Date(iso).getTime() + hours * HOUR_MS).toISOString()
}

export type CreateTicketInput = z.input<typeof ticketsContract.create.input>
export type TransitionChange = z.input<typeof ticketsContract.transition.input>['change']

/**
 * The people of a small decoration company, as tickets see them: departments with heads, people
 * who log in and people who never do, a general manager, and staff accounts of every role.
 */
export interface TicketOrg {
  t: TestCore
  departments: {
    /** 工程部, head 赵经理 (who has an account) */
    works: Department
    /** 设计部, head 吴总监 (no account) */
    design: Department
    /** 售后部, switched off */
    closed: Department
  }
  people: {
    /** head of 工程部, account `zhao` (agent) */
    worksHead: Person
    /** project manager in 工程部, account `qian` (agent): responsible people who log in see their tickets */
    pm: Person
    /** crew of 工程部, no account: the usual responsible person, who never logs in */
    crew: Person
    /** head of 设计部, no account */
    designHead: Person
    /** designer in 设计部, no account */
    designer: Person
    /** repair worker in 工程部, no account */
    worker: Person
    /** a supervisor who belongs to no department */
    floating: Person
    /** left the company: inactive */
    retired: Person
    /** the general manager, account `zheng` (shiftLead, so that managers and the GM are told apart) */
    gm: Person
  }
  accounts: {
    zhao: StaffAccount
    qian: StaffAccount
    zheng: StaffAccount
    /** a second agent, linked to nobody */
    agent2: StaffAccount
    /** a second manager, active */
    manager2: StaffAccount
    /** a manager who left: inactive, never notified */
    exManager: StaffAccount
  }
  customers: { zhang: CustomerDetail; li: CustomerDetail }
  /** an inbound call of 张三's, saved as a complaint with its form */
  complaintCall: CallDetail
  /** A live session of the account `username` (logged in again when the clock made it idle out). */
  session(username: string): Promise<Session>
  /** A live session of the first account of `role` (agent1, manager1, …; admin for admin). */
  as(role: Role): Promise<Session>
}

/** Builds the org, the accounts, two customers and a complaint call. Everything through the API. */
export async function buildTicketOrg(t: TestCore): Promise<TicketOrg> {
  const admin = await t.admin()
  // one account of every role from the start, so that "every manager" means the same all test long
  await t.everyRole()
  const chart = await admin.api.org.chart()
  const dept = (name: string): Department => {
    const found = chart.departments.find((d) => d.name === name)
    if (!found) throw new Error(`no default department ${name}`)
    return found
  }
  const person = (name: string, kind: PersonKind, departmentId: number | null): Promise<Person> => t.person(name, kind, departmentId)

  const worksHead = await person('赵经理', 'projectManager', dept('工程部').id)
  const pm = await person('钱工', 'projectManager', dept('工程部').id)
  const crew = await person('孙工队', 'crew', dept('工程部').id)
  const worker = await person('冯师傅', 'repairWorker', dept('工程部').id)
  const designHead = await person('吴总监', 'designer', dept('设计部').id)
  const designer = await person('周设计', 'designer', dept('设计部').id)
  const floating = await person('陈监理', 'supervisor', null)
  const retiredDraft = await person('卫工', 'crew', dept('工程部').id)
  const retired = await admin.api.org.savePerson({ id: retiredDraft.id, name: retiredDraft.name, kind: 'crew', departmentId: dept('工程部').id, phone: null, active: false })
  const gm = await person('郑总', 'executive', null)
  await admin.api.org.setGeneralManager({ personId: gm.id })

  const works = await admin.api.org.saveDepartment({ id: dept('工程部').id, name: '工程部', headPersonId: worksHead.id, sortOrder: dept('工程部').sortOrder })
  const design = await admin.api.org.saveDepartment({ id: dept('设计部').id, name: '设计部', headPersonId: designHead.id, sortOrder: dept('设计部').sortOrder })
  const closed = await admin.api.org.saveDepartment({ name: '售后部', active: false, sortOrder: 90 })

  const account = (username: string, displayName: string, role: Role, personId: number | null = null): Promise<StaffAccount> =>
    admin.api.staff.create({ username, displayName, role, password: TEST_PASSWORD, personId })
  const zhao = await account('zhao', '赵经理', 'agent', worksHead.id)
  const qian = await account('qian', '钱工', 'agent', pm.id)
  const zheng = await account('zheng', '郑总', 'shiftLead', gm.id)
  const agent2 = await account('agent2', '客服小王', 'agent')
  const manager2 = await account('manager2', '客服经理二', 'manager')
  const exManagerDraft = await account('exmanager', '离职经理', 'manager')
  const exManager = await admin.api.staff.update({ id: exManagerDraft.id, active: false })

  const known = new Map<string, Session>()
  const session = async (username: string): Promise<Session> => {
    const cached = known.get(username)
    if (cached && (await t.dispatch('auth.me', [], cached.token)).ok) return cached
    const fresh = await t.login(username, TEST_PASSWORD)
    known.set(username, fresh)
    return fresh
  }

  const agent = await t.as('agent')
  const zhang = await agent.api.customers.create({ name: '张三', phone: '13800138000', community: '阳光花园' })
  const li = await agent.api.customers.create({ name: '李四', phone: '13900139000' })
  const call = await agent.api.calls.start({ direction: 'in', phone: '13800138000' })
  const complaintCall = await agent.api.calls.saveIntake({
    id: call.id,
    version: call.version,
    type: 'complaint',
    summary: '卫生间渗水',
    details: { type: 'complaint', category: '工程质量', severity: '较重', description: '卫生间地面渗水到楼下\n第二行说明', expectation: '尽快上门维修' },
  })
  // the org set-up above is the admin's doing; tests compare snapshots from here on
  await t.core.audit.flush()

  return {
    t,
    departments: { works, design, closed },
    people: { worksHead, pm, crew, designHead, designer, worker, floating, retired, gm },
    accounts: { zhao, qian, zheng, agent2, manager2, exManager },
    customers: { zhang, li },
    complaintCall,
    session,
    as: (role) => t.as(role),
  }
}

/** A complaint of 张三's about 工程质量, 一般, opened by agent1 from the ticket list (not dispatched). */
export async function openComplaint(org: TicketOrg, overrides: Partial<CreateTicketInput> = {}, by?: Session): Promise<TicketDetail> {
  const who = by ?? (await org.as('agent'))
  return who.api.tickets.create({
    kind: 'complaint',
    source: 'phone',
    customerId: org.customers.zhang.id,
    category: '工程质量',
    severity: '一般',
    description: '客厅墙面开裂\n裂缝约一米长',
    expectation: '重新批荡',
    ...overrides,
  })
}

/** A valid change for `action`: dispatch to 钱工 of 工程部, reassign to 孙工队 there. */
export function changeFor(org: TicketOrg, action: TicketAction): TransitionChange {
  switch (action) {
    case 'dispatch':
      return { action, departmentId: org.departments.works.id, personId: org.people.pm.id, note: '请三天内上门' }
    case 'respond':
      return { action, note: '已电话联系客户，约定周三上门' }
    case 'resolve':
      return { action, note: '已重新批荡并验收' }
    case 'suspend':
      return { action, reason: 'customer', note: '客户出差，下周再约' }
    case 'resume':
      return { action, note: '客户已回来' }
    case 'reopen':
      return { action, note: '客户说裂缝又出现了' }
    case 'cancel':
      return { action, note: '客户撤回投诉' }
    case 'reassign':
      return { action, departmentId: org.departments.works.id, personId: org.people.crew.id, note: '改由工队处理' }
  }
}

/** Applies `action` with its default change (or `change`) by agent1 (or `by`). */
export async function act(org: TicketOrg, ticket: TicketDetail, action: TicketAction, change?: TransitionChange, by?: Session): Promise<TicketDetail> {
  const who = by ?? (await org.as('agent'))
  return who.api.tickets.transition({ id: ticket.id, version: ticket.version, change: change ?? changeFor(org, action) })
}

/** The ticket's open satisfaction callback (there is exactly one once it awaits the callback). */
export function openCallbackOf(ticket: TicketDetail): CallbackItem {
  const open = ticket.callbacks.filter((c) => c.status === 'open')
  if (open.length !== 1) throw new Error(`expected one open callback on ${ticket.no}, found ${open.length}`)
  return open[0]
}

/** Completes the ticket's satisfaction callback with `result` and returns the ticket as it is then. */
export async function answerCallback(org: TicketOrg, ticket: TicketDetail, result: 'satisfied' | 'fair' | 'unsatisfied', extra: { rating?: number; comment?: string } = {}): Promise<TicketDetail> {
  const agent = await org.as('agent')
  const callback = openCallbackOf(ticket)
  await agent.api.callbacks.complete({ id: callback.id, version: callback.version, result, rating: extra.rating ?? null, comment: extra.comment ?? null })
  return agent.api.tickets.get({ id: ticket.id })
}

/**
 * A fresh complaint driven into `state` by the shortest legal path (挂起 from 已派单, 重开 from
 * 待回访, 已结案 through a satisfied callback).
 */
export async function ticketIn(org: TicketOrg, state: TicketState, overrides: Partial<CreateTicketInput> = {}): Promise<TicketDetail> {
  const created = await openComplaint(org, overrides)
  const path: Record<TicketState, TicketAction[]> = {
    pending: [],
    dispatched: ['dispatch'],
    inProgress: ['dispatch', 'respond'],
    awaitingCallback: ['dispatch', 'respond', 'resolve'],
    closed: ['dispatch', 'respond', 'resolve'],
    suspended: ['dispatch', 'suspend'],
    reopened: ['dispatch', 'respond', 'resolve', 'reopen'],
    cancelled: ['cancel'],
  }
  let ticket = created
  for (const action of path[state]) ticket = await act(org, ticket, action)
  if (state === 'closed') ticket = await answerCallback(org, ticket, 'satisfied')
  if (ticket.state !== state) throw new Error(`could not drive ${ticket.no} into ${state}: it is ${ticket.state}`)
  return ticket
}

/** Where an action takes a ticket in `state`, read from the contract's table. */
export function targetOf(action: TicketAction, state: TicketState, suspendedFrom: TicketState = 'dispatched'): TicketState {
  const to = TICKET_TRANSITIONS[action].to
  if (to === 'same') return state
  if (to === 'previous') return suspendedFrom
  return to
}

/** The notifications of the account `username`, oldest first. */
export async function noticesOf(org: TicketOrg, username: string, kind?: NotificationKind): Promise<AppNotification[]> {
  const { items } = await (await org.session(username)).api.notifications.list({ limit: 200 })
  return items.filter((n) => !kind || n.kind === kind).reverse()
}

/** Every table's digest, after the buffered view audit is written: equal snapshots mean nothing changed. */
export async function snapshot(t: TestCore): Promise<DbSnapshot> {
  await t.core.audit.flush()
  return snapshotDb(t.core.store)
}
