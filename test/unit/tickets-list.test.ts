import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CallDetails } from '../../main/contract/calls.contract'
import type { TicketDetail } from '../../main/contract/tickets.contract'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'
import { act, answerCallback, buildTicketOrg, hoursAfter, openComplaint, snapshot, TICKET_NOW, ticketIn, type CreateTicketInput, type TicketOrg } from '../support/tickets'

const DAY_H = 24

forEachDialect('tickets: where they start, who sees them, how they are found', (h) => {
  let t: TestCore
  let org: TicketOrg
  let agent: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildTicketOrg(t)
    agent = await org.as('agent')
  })
  afterEach(() => t.close())

  const repair = (overrides: Partial<CreateTicketInput> = {}): Promise<TicketDetail> =>
    openComplaint(org, { kind: 'repair', category: '水电', severity: '一般', description: '厨房插座不通电', address: '阳光花园 3-201', preferredTime: '周末上午', expectation: null, ...overrides })

  it('a complaint call becomes a ticket with the form’s details; the call is linked once, a second ticket from it refused', async () => {
    const call = org.complaintCall
    const details = call.details as Extract<CallDetails, { type: 'complaint' }>
    const ticket = await agent.api.tickets.create({
      kind: 'complaint',
      source: 'phone',
      customerId: org.customers.zhang.id,
      callId: call.id,
      category: details.category,
      severity: details.severity,
      description: details.description,
      expectation: details.expectation,
    })
    expect(ticket).toMatchObject({
      no: 'TS20250602-001',
      kind: 'complaint',
      source: 'phone',
      state: 'pending',
      callId: call.id,
      customer: { id: org.customers.zhang.id, name: '张三' },
      phone: '138 0013 8000',
      category: '工程质量',
      severity: '较重',
      subject: '卫生间地面渗水到楼下',
      description: '卫生间地面渗水到楼下\n第二行说明',
      expectation: '尽快上门维修',
      customerAddress: '阳光花园',
      handler: { id: agent.user.id, name: agent.user.displayName },
      createdAt: TICKET_NOW,
      version: 1,
      repeatOf: null,
      warranty: null,
    })
    expect(ticket.log).toEqual([expect.objectContaining({ action: 'create', from: null, to: 'pending', by: { id: agent.user.id, name: agent.user.displayName }, at: TICKET_NOW })])

    const before = await snapshot(t)
    const again = await failure(agent.api.tickets.create({ kind: 'complaint', source: 'phone', customerId: org.customers.zhang.id, callId: call.id, category: '设计', severity: '一般', description: '另一件事' }))
    expect(again).toMatchObject({ code: 'VALIDATION', fields: { callId: expect.stringContaining(ticket.no) } })
    // the call belongs to 张三: not a ticket of 李四's; an unknown call neither
    expect((await failure(agent.api.tickets.create({ kind: 'complaint', source: 'phone', customerId: org.customers.li.id, callId: call.id, category: '设计', severity: '一般', description: '另一件事' }))).fields).toHaveProperty(['callId'])
    expect((await failure(openComplaint(org, { callId: 99999 }))).fields).toHaveProperty(['callId'])
    expect(await snapshot(t)).toEqual(before)
  })

  it('a walk-in complaint is opened at reception from the visit; the visit must be that customer’s', async () => {
    const reception = await org.as('receptionist')
    const { visit } = await reception.api.visits.register({ customerId: org.customers.li.id, name: '李四', phone: '13900139000' })
    const before = await snapshot(t)
    const wrong = await failure(openComplaint(org, { source: 'walkIn', visitId: visit.id }, reception))
    expect(wrong).toMatchObject({ code: 'VALIDATION', fields: { visitId: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)
    const ticket = await openComplaint(org, { source: 'walkIn', visitId: visit.id, customerId: org.customers.li.id }, reception)
    expect(ticket).toMatchObject({ source: 'walkIn', visitId: visit.id, customer: { id: org.customers.li.id }, handler: null, state: 'pending' })
    expect(ticket.log[0]).toMatchObject({ action: 'create', by: { id: reception.user.id } })
  })

  it('numbers: TS/WX, the company date, a daily sequence per kind', async () => {
    expect((await openComplaint(org)).no).toBe('TS20250602-001')
    expect((await openComplaint(org, { category: '设计' })).no).toBe('TS20250602-002')
    expect((await repair()).no).toBe('WX20250602-001')
    // 16:30 UTC is already the 3rd in Shanghai
    t.clock.set('2025-06-02T16:30:00.000Z')
    expect((await openComplaint(org, { category: '材料' })).no).toBe('TS20250603-001')
    expect((await repair({ category: '墙面' })).no).toBe('WX20250603-001')
  })

  it('bad input when opening: unknown customer, visit or worker, a category or severity not in the settings — the field named, nothing written', async () => {
    const before = await snapshot(t)
    const cases: [Partial<CreateTicketInput>, string][] = [
      [{ customerId: 99999 }, 'customerId'],
      [{ category: '风水' }, 'category'],
      // a repair category is no complaint category, and the other way round
      [{ category: '防水' }, 'category'],
      [{ kind: 'repair', category: '工程质量' }, 'category'],
      [{ severity: '天大的事' }, 'severity'],
      [{ kind: 'repair', category: '水电', severity: '特急' }, 'severity'],
      [{ visitId: 99999 }, 'visitId'],
      [{ kind: 'repair', category: '水电', workerId: 99999 }, 'workerId'],
      [{ kind: 'repair', category: '水电', workerId: org.people.retired.id }, 'workerId'],
      [{ description: '' }, 'description'],
      [{ source: 'fax' as never }, 'source'],
    ]
    for (const [input, field] of cases) {
      const refused = await failure(openComplaint(org, input))
      expect(refused.code, JSON.stringify(input)).toBe('VALIDATION')
      expect(refused.fields?.[field], JSON.stringify(input)).toMatch(CJK)
    }
    expect(await snapshot(t)).toEqual(before)
    // the lists are settings: once added, accepted
    await (await org.as('manager')).api.settings.update({ changes: { complaintCategories: [...t.core.settings.get().complaintCategories, '风水'] } })
    expect((await openComplaint(org, { category: '风水' })).category).toBe('风水')
    // a correction is held to the same lists
    const ticket = await openComplaint(org)
    const beforeUpdate = await snapshot(t)
    const update = (changes: Record<string, unknown>) => agent.api.tickets.update({ id: ticket.id, version: ticket.version, category: ticket.category, severity: ticket.severity, description: ticket.description, ...changes })
    expect((await failure(update({ category: '玄学' }))).fields).toHaveProperty(['category'])
    expect((await failure(update({ severity: '天大的事' }))).fields).toHaveProperty(['severity'])
    expect(await snapshot(t)).toEqual(beforeUpdate)
  })

  it('an impossible completion date is a field error and nothing is written', async () => {
    const before = await snapshot(t)
    for (const completionDate of ['2024-13-01', '2024-02-30']) {
      const refused = await failure(repair({ completionDate }))
      expect(refused, completionDate).toMatchObject({ code: 'VALIDATION', fields: { completionDate: expect.stringMatching(CJK) } })
    }
    expect(await snapshot(t)).toEqual(before)
  })

  it('repeat complaints: the same customer, kind and category within repeatComplaintDays are flagged and linked to the latest; outside, not', async () => {
    const first = await openComplaint(org)
    t.clock.set(hoursAfter(TICKET_NOW, 10 * DAY_H))
    const second = await openComplaint(org)
    expect(second.repeatOf).toEqual({ id: first.id, no: first.no })
    expect(second.log[0].note).toContain(first.no)
    t.clock.set(hoursAfter(TICKET_NOW, 20 * DAY_H))
    const third = await openComplaint(org)
    expect(third.repeatOf).toEqual({ id: second.id, no: second.no })
    // another category, another customer, a repair: no repeat
    const design = await openComplaint(org, { category: '设计' })
    expect(design.repeatOf).toBeNull()
    expect((await openComplaint(org, { customerId: org.customers.li.id })).repeatOf).toBeNull()
    expect((await repair({ category: '其他' })).repeatOf).toBeNull()
    expect((await openComplaint(org, { category: '其他' })).repeatOf).toBeNull()
    // the earlier ticket lists what repeated it
    expect((await (await org.as('agent')).api.tickets.get({ id: first.id })).repeats.map((r) => r.id)).toEqual([second.id])

    // the window (90 days): 89 days after the last 材料 complaint still a repeat, 91 days after the last 工期 one not
    const material = await openComplaint(org, { category: '材料' })
    t.clock.set(hoursAfter(TICKET_NOW, (20 + 89) * DAY_H))
    expect((await openComplaint(org, { category: '材料' })).repeatOf?.id).toBe(material.id)
    await openComplaint(org, { category: '工期' })
    t.clock.set(hoursAfter(TICKET_NOW, (20 + 89 + 91) * DAY_H))
    expect((await openComplaint(org, { category: '工期' })).repeatOf).toBeNull()
    // a cancelled complaint does not count
    await ticketIn(org, 'cancelled', { category: '服务态度' })
    expect((await openComplaint(org, { category: '服务态度' })).repeatOf).toBeNull()
    // the window is a setting: the 设计 complaint of 180 days ago counts once it is a year
    await (await org.as('manager')).api.settings.update({ changes: { repeatComplaintDays: 365 } })
    expect((await openComplaint(org, { category: '设计' })).repeatOf?.id).toBe(design.id)
  })

  it('repairs: warranty from the completion date and the category’s years (防水 5, others 2); the date is kept on the customer', async () => {
    // completed 2024-01-10: waterproofing until 2029, the rest until 2026
    expect((await repair({ category: '防水', completionDate: '2024-01-10' })).warranty).toEqual({ status: 'inWarranty', until: '2029-01-10', years: 5 })
    expect((await repair({ category: '水电', completionDate: '2024-01-10' })).warranty).toEqual({ status: 'inWarranty', until: '2026-01-10', years: 2 })
    expect((await repair({ category: '墙面', completionDate: '2023-05-01' })).warranty).toEqual({ status: 'expired', until: '2025-05-01', years: 2 })
    expect((await repair({ customerId: org.customers.li.id })).warranty).toEqual({ status: 'unknown', until: null, years: 2 })

    // 李四's completion date, given once, is used by his next repair: until today inclusive
    await repair({ customerId: org.customers.li.id, category: '地面', completionDate: '2023-06-02' })
    const later = await repair({ customerId: org.customers.li.id, category: '门窗' })
    expect(later).toMatchObject({ completionDate: '2023-06-02', warranty: { status: 'inWarranty', until: '2025-06-02', years: 2 } })
    // 16:00 UTC is the 3rd in Shanghai: expired
    t.clock.set('2025-06-02T16:00:00.000Z')
    expect((await (await org.as('agent')).api.tickets.get({ id: later.id })).warranty?.status).toBe('expired')
    expect((await repair({ customerId: org.customers.li.id, category: '防水' })).warranty).toEqual({ status: 'inWarranty', until: '2028-06-02', years: 5 })

    // the years are settings
    await (await org.as('manager')).api.settings.update({ changes: { warrantyDefaultYears: 3, warrantyYearsByCategory: { 防水: 5, 吊顶: 1 } } })
    expect((await repair({ customerId: org.customers.li.id, category: '吊顶' })).warranty).toMatchObject({ years: 1, status: 'expired' })
    expect((await repair({ customerId: org.customers.li.id, category: '木作' })).warranty).toMatchObject({ years: 3, until: '2026-06-02', status: 'inWarranty' })
  })

  it('repairs: a worker and an appointment time', async () => {
    const ticket = await repair({ workerId: org.people.worker.id, appointmentAt: '2025-06-04T09:00:00+08:00' })
    expect(ticket).toMatchObject({ kind: 'repair', worker: { id: org.people.worker.id, name: '冯师傅' }, appointmentAt: '2025-06-04T01:00:00.000Z', address: '阳光花园 3-201', preferredTime: '周末上午' })
  })

  it('scopes: mine (I follow it or I am responsible), my department, all for shift leads and managers; reception sees only what it opened; admins nothing', async () => {
    const agent2 = await org.session('agent2')
    const reception = await org.as('receptionist')
    const byAgent = await ticketIn(org, 'dispatched') // 钱工 of 工程部
    const byAgent2 = await act(org, await openComplaint(org, { customerId: org.customers.li.id }, agent2), 'dispatch', { action: 'dispatch', departmentId: org.departments.works.id, personId: org.people.crew.id }, agent2)
    const design = await act(org, await openComplaint(org, { category: '设计' }, agent2), 'dispatch', { action: 'dispatch', departmentId: org.departments.design.id, personId: org.people.designer.id }, agent2)
    const walkIn = await openComplaint(org, { source: 'walkIn', category: '材料' }, reception)
    const ids = async (who: Session, scope: 'mine' | 'department' | 'all'): Promise<number[]> => (await who.api.tickets.list({ scope, pageSize: 50 })).items.map((i) => i.id).sort((a, b) => a - b)
    const sorted = (...xs: number[]): number[] => xs.sort((a, b) => a - b)

    expect(await ids(agent, 'mine')).toEqual([byAgent.id])
    expect(await ids(agent2, 'mine')).toEqual(sorted(byAgent2.id, design.id))
    // 钱工 logs in: responsible for one; his department has two
    const qian = await org.session('qian')
    expect(await ids(qian, 'mine')).toEqual([byAgent.id])
    expect(await ids(qian, 'department')).toEqual(sorted(byAgent.id, byAgent2.id))
    // an account that stands for nobody has no department to look at
    const noDepartment = await failure(agent.api.tickets.list({ scope: 'department' }))
    expect(noDepartment.message).toMatch(CJK)
    expect((await failure(agent.api.tickets.list({ scope: 'all' }))).code).toBe('FORBIDDEN')
    for (const role of ['shiftLead', 'manager'] as const) {
      expect(await ids(await org.as(role), 'all'), role).toEqual(sorted(byAgent.id, byAgent2.id, design.id, walkIn.id))
    }

    // reception: only the walk-in it opened, phones masked, nothing else readable
    expect(await ids(reception, 'mine')).toEqual([walkIn.id])
    const [own] = (await reception.api.tickets.list({})).items
    expect(own.phone).not.toBe('138 0013 8000')
    expect(own.phone).toContain('****')
    expect((await reception.api.tickets.get({ id: walkIn.id })).id).toBe(walkIn.id)
    expect((await failure(reception.api.tickets.get({ id: byAgent.id }))).code).toBe('FORBIDDEN')
    expect((await reception.api.tickets.risk({})).counts.open).toBe(1)

    const admin = await org.as('admin')
    const before = await snapshot(t)
    expect((await failure(admin.api.tickets.list({}))).code).toBe('FORBIDDEN')
    expect((await failure(admin.api.tickets.get({ id: byAgent.id }))).code).toBe('FORBIDDEN')
    expect((await failure(openComplaint(org, {}, admin))).code).toBe('FORBIDDEN')
    // a receptionist opens tickets but does not dispatch them
    expect((await failure(openComplaint(org, { dispatch: { departmentId: org.departments.works.id, personId: org.people.pm.id } }, reception))).code).toBe('FORBIDDEN')
    expect(await snapshot(t)).toEqual(before)
  })

  it('a receptionist’s view of the customer’s timeline shows only the tickets reception opened', async () => {
    const reception = await org.as('receptionist')
    const agentsTicket = await ticketIn(org, 'dispatched')
    const own = await openComplaint(org, { source: 'walkIn', category: '设计' }, reception)
    const timeline = await reception.api.customers.timeline({ id: org.customers.zhang.id })
    const tickets = timeline.filter((e) => e.kind === 'ticket').map((e) => e.refId)
    expect(tickets).toContain(own.id)
    expect(tickets).not.toContain(agentsTicket.id)
  })

  it('filters: kind, state, open, severity, category, department, person, customer, overdue, at risk, ticket number or customer name, company dates; paged', async () => {
    const lead = async (): Promise<Session> => org.as('shiftLead')
    const list = async (filters: Record<string, unknown>): Promise<number[]> => (await (await lead()).api.tickets.list({ scope: 'all', pageSize: 50, ...filters })).items.map((i) => i.id)
    const a = await ticketIn(org, 'dispatched', { severity: '紧急' })
    const b = await ticketIn(org, 'closed', { category: '设计' })
    const c = await repair({ customerId: org.customers.li.id })
    // the next company day
    t.clock.set('2025-06-02T16:30:00.000Z')
    const d = await act(org, await openComplaint(org, { category: '材料', customerId: org.customers.li.id }), 'dispatch', { action: 'dispatch', departmentId: org.departments.design.id, personId: org.people.designer.id })

    expect(await list({})).toEqual([d.id, c.id, b.id, a.id])
    expect(await list({ kind: 'repair' })).toEqual([c.id])
    expect(await list({ state: 'closed' })).toEqual([b.id])
    expect(await list({ open: true })).toEqual([d.id, c.id, a.id])
    expect(await list({ severity: '紧急' })).toEqual([a.id])
    expect(await list({ category: '设计' })).toEqual([b.id])
    expect(await list({ departmentId: org.departments.design.id })).toEqual([d.id])
    expect(await list({ personId: org.people.pm.id })).toEqual([b.id, a.id])
    expect(await list({ customerId: org.customers.li.id })).toEqual([d.id, c.id])
    expect(await list({ q: '李四' })).toEqual([d.id, c.id])
    expect(await list({ q: a.no })).toEqual([a.id])
    expect(await list({ q: 'WX2025' })).toEqual([c.id])
    expect(await list({ from: '2025-06-03' })).toEqual([d.id])
    expect(await list({ to: '2025-06-02' })).toEqual([c.id, b.id, a.id])
    // a 紧急 ticket dispatched at 10:00 owes its response and resolution by 10:00 the next day
    t.clock.set(hoursAfter(TICKET_NOW, 24.5))
    expect(await list({ overdue: true })).toEqual([c.id, a.id])
    const page = await (await lead()).api.tickets.list({ scope: 'all', page: 2, pageSize: 3 })
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 3 })
    expect(page.items.map((i) => i.id)).toEqual([a.id])
    const item = (await (await lead()).api.tickets.list({ scope: 'all', q: a.no })).items[0]
    expect(item).toMatchObject({ clock: { status: 'breached', kind: 'response' }, department: { name: '工程部' }, responsible: { name: '钱工' }, subject: '客厅墙面开裂' })
    // 20 h into d's 24 h response time it is at risk, while a and c, past theirs, are not
    t.clock.set('2025-06-03T12:30:00.000Z')
    expect(await list({ atRisk: true })).toEqual([d.id])
    expect(await list({ overdue: true })).toEqual([c.id, a.id])
  })

  it('tickets and done callbacks join the customer’s timeline; open tickets and callbacks are the screen pop’s open items', async () => {
    const open = await ticketIn(org, 'dispatched', { severity: '紧急' })
    const awaiting = await ticketIn(org, 'awaitingCallback', { category: '设计' })
    const closing = await ticketIn(org, 'awaitingCallback', { category: '材料' })
    t.clock.advance({ hours: 1 })
    await answerCallback(org, closing, 'satisfied', { comment: '很满意' })
    const me = await org.as('agent')

    const timeline = await me.api.customers.timeline({ id: org.customers.zhang.id })
    const tickets = timeline.filter((e) => e.kind === 'ticket')
    expect(tickets.map((e) => e.refId).sort()).toEqual([open.id, awaiting.id, closing.id].sort())
    expect(tickets.find((e) => e.refId === open.id)?.title).toContain(open.no)
    const callbacks = timeline.filter((e) => e.kind === 'callback')
    expect(callbacks).toEqual([expect.objectContaining({ refId: closing.callbacks[0].id, at: hoursAfter(TICKET_NOW, 1), actor: me.user.displayName })])
    expect(callbacks[0].detail).toContain(closing.no)

    const pop = await me.api.calls.screenPop({ phone: '13800138000' })
    const items = pop.openItems.filter((i) => i.kind === 'ticket' || i.kind === 'callback')
    expect(items.filter((i) => i.kind === 'ticket').map((i) => i.refId)).toEqual([open.id])
    expect(items.filter((i) => i.kind === 'callback').map((i) => i.refId)).toEqual([awaiting.callbacks[0].id])
    expect(items.find((i) => i.kind === 'ticket')).toMatchObject({ overdue: false, title: expect.stringContaining(open.no) })
    // breached: overdue on the pop
    t.clock.set(hoursAfter(TICKET_NOW, 25))
    const later = await (await org.as('agent')).api.calls.screenPop({ phone: '13800138000' })
    expect(later.openItems.find((i) => i.kind === 'ticket')).toMatchObject({ refId: open.id, overdue: true })
    // 李四 has none
    expect((await (await org.as('agent')).api.calls.screenPop({ phone: '13900139000' })).openItems.filter((i) => i.kind === 'ticket' || i.kind === 'callback')).toEqual([])
  })
})
