import { afterEach, beforeEach, expect, it } from 'vitest'
import type { TicketDetail, TicketRiskBoard } from '../../main/contract/tickets.contract'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { act, buildTicketOrg, changeFor, hoursAfter, noticesOf, openComplaint, snapshot, TICKET_NOW, ticketIn, type TicketOrg } from '../support/tickets'

const HOUR_S = 3600

forEachDialect('tickets: deadlines, pauses and the risk board', (h) => {
  let t: TestCore
  let org: TicketOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildTicketOrg(t)
  })
  afterEach(() => t.close())

  /** `hours` after TICKET_NOW, ISO */
  const at = (hours: number): string => hoursAfter(TICKET_NOW, hours)
  const moveTo = (hours: number): void => t.clock.set(at(hours))
  const get = async (ticket: { id: number }): Promise<TicketDetail> => (await org.as('agent')).api.tickets.get({ id: ticket.id })
  const board = async (): Promise<TicketRiskBoard> => (await org.as('shiftLead')).api.tickets.risk({ scope: 'all' })
  const ids = (items: { id: number }[]): number[] => items.map((i) => i.id)

  it('a new ticket owes a response in ticketResponseHours and a resolution by its severity', async () => {
    const normal = await openComplaint(org)
    expect(normal).toMatchObject({ responseDueAt: at(24), resolutionDueAt: at(168), pausedSec: 0, escalationLevel: 0 })
    expect(normal.clock).toEqual({ kind: 'response', dueAt: at(24), status: 'ok', used: 0 })
    expect((await openComplaint(org, { severity: '紧急' })).resolutionDueAt).toBe(at(24))
    expect((await openComplaint(org, { severity: '严重' })).resolutionDueAt).toBe(at(48))

    // the times are settings; a listed severity without hours gets the longest listed
    const manager = await org.as('manager')
    await manager.api.settings.update({ changes: { ticketResponseHours: 4, ticketResolutionHours: { 一般: 100, 紧急: 12 }, ticketSeverities: ['一般', '较重', '紧急'] } })
    expect(await openComplaint(org, { severity: '紧急' })).toMatchObject({ responseDueAt: at(4), resolutionDueAt: at(12) })
    expect((await openComplaint(org, { severity: '较重' })).resolutionDueAt).toBe(at(100))
    // the earlier tickets keep theirs
    expect((await get(normal)).responseDueAt).toBe(at(24))
  })

  it('suspended: the clock pauses (not at risk, not breached, not escalated); resume moves every running deadline later by exactly the paused span', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    moveTo(5)
    const suspended = await act(org, ticket, 'suspend')
    expect(suspended.clock).toMatchObject({ status: 'paused', kind: 'response' })

    // 30 hours on: far past the original response deadline, and even past its risk moment
    moveTo(35)
    const paused = await get(ticket)
    expect(paused.clock).toMatchObject({ status: 'paused', kind: 'response', dueAt: at(54) })
    expect(paused.pausedSec).toBe(30 * HOUR_S)
    const during = await board()
    expect(ids(during.breached)).toEqual([])
    expect(ids(during.atRisk)).toEqual([])
    expect(during.counts).toEqual({ breached: 0, atRisk: 0, open: 1, paused: 1 })
    expect((await (await org.as('shiftLead')).api.tickets.list({ scope: 'all', overdue: true })).total).toBe(0)
    const quiet = await snapshot(t)
    await t.core.sweep()
    expect(await snapshot(t)).toEqual(quiet)
    expect((await get(ticket)).escalationLevel).toBe(0)

    const resumed = await act(org, paused, 'resume')
    expect(resumed).toMatchObject({ state: 'dispatched', pausedSec: 30 * HOUR_S, responseDueAt: at(54), resolutionDueAt: at(198), suspendedAt: null })
    expect(resumed.clock).toMatchObject({ status: 'ok', kind: 'response', dueAt: at(54) })
    expect(resumed.log.at(-1)).toMatchObject({ action: 'resume', from: 'suspended', to: 'dispatched' })

    // the risk moment moved by the same span: 18 h of the 24 used at +48 h, not at +18 h
    moveTo(47.9)
    expect((await get(ticket)).clock.status).toBe('ok')
    moveTo(48)
    expect((await get(ticket)).clock).toMatchObject({ status: 'atRisk', used: 0.75 })
    expect(ids((await board()).atRisk)).toEqual([ticket.id])
    moveTo(54.1)
    expect((await get(ticket)).clock.status).toBe('breached')
    expect(ids((await board()).breached)).toEqual([ticket.id])
  })

  it('two pauses add up; a ticket suspended while 处理中 moves only its resolution deadline (the response was met)', async () => {
    const ticket = await ticketIn(org, 'inProgress')
    moveTo(10)
    let current = await act(org, ticket, 'suspend')
    moveTo(14)
    current = await act(org, current, 'resume')
    expect(current).toMatchObject({ state: 'inProgress', pausedSec: 4 * HOUR_S, responseDueAt: at(24), resolutionDueAt: at(172) })
    moveTo(20)
    current = await act(org, current, 'suspend', { action: 'suspend', reason: 'supplier', note: '等瓷砖到货' })
    expect(current.suspendReason).toBe('supplier')
    moveTo(26.5)
    current = await act(org, current, 'resume')
    expect(current).toMatchObject({ state: 'inProgress', pausedSec: 10.5 * HOUR_S, responseDueAt: at(24), resolutionDueAt: at(178.5) })
    expect(current.clock).toMatchObject({ kind: 'resolution', dueAt: at(178.5), status: 'ok' })
  })

  it('the risk board: breached and at-risk lists ordered by due, paused time honoured, counts uncapped', async () => {
    const plain = await ticketIn(org, 'dispatched')
    const paused = await ticketIn(org, 'dispatched')
    const done = await ticketIn(org, 'awaitingCallback', { severity: '紧急' })
    moveTo(1)
    const urgent = await ticketIn(org, 'inProgress', { severity: '紧急' })
    moveTo(2)
    const suspended = await act(org, paused, 'suspend')
    moveTo(12)
    await act(org, suspended, 'resume')
    // plain: response at risk +18 h, due +24 h; urgent: resolution at risk +19 h, due +25 h; paused: response 10 h later than plain
    moveTo(17)
    expect((await board()).counts).toEqual({ breached: 0, atRisk: 0, open: 3, paused: 0 })
    moveTo(19.5)
    let now = await board()
    expect(ids(now.atRisk)).toEqual([plain.id, urgent.id])
    expect(now.atRisk.map((i) => [i.clock.status, i.clock.kind])).toEqual([
      ['atRisk', 'response'],
      ['atRisk', 'resolution'],
    ])
    expect(ids(now.breached)).toEqual([])
    moveTo(25.5)
    now = await board()
    expect(ids(now.breached)).toEqual([plain.id, urgent.id])
    expect(ids(now.atRisk)).toEqual([])
    moveTo(29)
    now = await board()
    expect(ids(now.atRisk)).toEqual([paused.id])
    expect(now.counts).toEqual({ breached: 2, atRisk: 1, open: 3, paused: 0 })
    moveTo(34.5)
    now = await board()
    expect(ids(now.breached)).toEqual([plain.id, urgent.id, paused.id])
    expect(now.breached.map((i) => i.clock.dueAt)).toEqual([at(24), at(25), at(34)])
    expect([...ids(now.breached), ...ids(now.atRisk)]).not.toContain(done.id)
    // the lists are capped, the counts are not
    const capped = await (await org.as('shiftLead')).api.tickets.risk({ scope: 'all', limit: 1 })
    expect(ids(capped.breached)).toEqual([plain.id])
    expect(capped.counts.breached).toBe(3)
  })

  it('the risk board and the overdue filter follow the caller’s scope; all is for shift leads and managers', async () => {
    const first = await ticketIn(org, 'dispatched')
    const second = await ticketIn(org, 'dispatched')
    // agent2 opens one of their own
    const other = await org.session('agent2')
    const created = await openComplaint(org, { customerId: org.customers.li.id }, other)
    const othersTicket = await act(org, created, 'dispatch', undefined, other)
    moveTo(30)
    const agent = await org.as('agent')
    const agentBoard = await agent.api.tickets.risk({})
    expect(ids(agentBoard.breached).sort()).toEqual([first.id, second.id].sort())
    const agent2Board = await (await org.session('agent2')).api.tickets.risk({ scope: 'mine' })
    expect(ids(agent2Board.breached)).toEqual([othersTicket.id])
    // 钱工 is responsible for all three and logs in: his "mine" has them all
    expect(ids((await (await org.session('qian')).api.tickets.risk({ scope: 'mine' })).breached)).toHaveLength(3)
    expect((await failure(agent.api.tickets.risk({ scope: 'all' }))).code).toBe('FORBIDDEN')
    expect((await (await org.as('manager')).api.tickets.risk({ scope: 'all' })).counts.breached).toBe(3)
    const overdue = await agent.api.tickets.list({ overdue: true })
    expect(ids(overdue.items).sort()).toEqual([first.id, second.id].sort())
  })

  it('a new at-risk share applies from the settings on: new tickets and the running deadlines of open ones', async () => {
    const before = await ticketIn(org, 'dispatched')
    const manager = await org.as('manager')
    await manager.api.settings.update({ changes: { ticketRiskPercent: 50 } })
    const after = await ticketIn(org, 'dispatched')
    moveTo(11.9)
    expect((await get(before)).clock.status).toBe('ok')
    moveTo(12)
    for (const ticket of [before, after]) expect((await get(ticket)).clock, String(ticket.id)).toMatchObject({ status: 'atRisk', used: 0.5 })
    expect(ids((await board()).atRisk).sort()).toEqual([before.id, after.id].sort())
    // the watcher sends the near-breach notice at the new moment
    await t.core.sweep()
    expect((await noticesOf(org, 'agent1', 'atRisk')).map((n) => n.ticketId).sort()).toEqual([before.id, after.id].sort())
  })

  it('a changed severity moves the resolution deadline (from when the ticket was opened)', async () => {
    const ticket = await ticketIn(org, 'inProgress')
    moveTo(2)
    const agent = await org.as('agent')
    const updated = await agent.api.tickets.update({ id: ticket.id, version: ticket.version, category: ticket.category, severity: '紧急', description: '客厅墙面开裂，已漏水' })
    expect(updated).toMatchObject({ severity: '紧急', resolutionDueAt: at(24), responseDueAt: at(24), version: ticket.version + 1 })
  })

  it('after a reopen, a changed severity counts from the reopen, not from the creation', async () => {
    const awaiting = await ticketIn(org, 'awaitingCallback')
    moveTo(100)
    const reopened = await act(org, awaiting, 'reopen')
    expect(reopened.resolutionDueAt).toBe(at(268))
    moveTo(101)
    const agent = await org.as('agent')
    const updated = await agent.api.tickets.update({ id: reopened.id, version: reopened.version, category: reopened.category, severity: '紧急', description: reopened.description })
    expect(updated.resolutionDueAt).toBe(at(124))
    expect(updated.clock.status).not.toBe('breached')
  })

  it('deadlines in the past are refused with a field error; nothing changes', async () => {
    const agent = await org.as('agent')
    const ticket = await openComplaint(org)
    const before = await snapshot(t)
    const past = await failure(act(org, ticket, 'dispatch', { ...changeFor(org, 'dispatch'), dueAt: at(-0.5) } as never))
    expect(past).toMatchObject({ code: 'VALIDATION', fields: { 'change.dueAt': expect.stringMatching(CJK) } })
    expect((await failure(act(org, ticket, 'dispatch', { ...changeFor(org, 'dispatch'), dueAt: 'next week' } as never))).fields?.['change.dueAt']).toMatch(CJK)
    expect(await snapshot(t)).toEqual(before)
    // a deadline in another zone's notation counts as the instant it names
    const dispatched = await act(org, ticket, 'dispatch', { ...changeFor(org, 'dispatch'), dueAt: '2025-06-03T18:00:00+08:00' } as never)
    expect(dispatched.resolutionDueAt).toBe('2025-06-03T10:00:00.000Z')
    expect((await agent.api.tickets.get({ id: ticket.id })).clock.kind).toBe('response')
  })

  it('a ticket dispatched at creation names the create form’s fields (dispatch.*) in its errors', async () => {
    const before = await snapshot(t)
    const dispatch = { departmentId: org.departments.works.id, personId: org.people.pm.id }
    expect((await failure(openComplaint(org, { dispatch: { ...dispatch, dueAt: at(-1) } }))).fields).toHaveProperty(['dispatch.dueAt'])
    expect((await failure(openComplaint(org, { dispatch: { ...dispatch, departmentId: org.departments.closed.id } }))).fields).toHaveProperty(['dispatch.departmentId'])
    expect((await failure(openComplaint(org, { dispatch: { ...dispatch, personId: org.people.retired.id } }))).fields).toHaveProperty(['dispatch.personId'])
    expect(await snapshot(t)).toEqual(before)
  })

  it('a ticket dispatched at creation with a bad deadline or person is refused whole: nothing is written', async () => {
    const before = await snapshot(t)
    const dispatch = { departmentId: org.departments.works.id, personId: org.people.pm.id }
    for (const bad of [{ ...dispatch, dueAt: at(-1) }, { ...dispatch, departmentId: org.departments.closed.id }, { ...dispatch, personId: org.people.retired.id }, { ...dispatch, personId: 99999 }]) {
      const refused = await failure(openComplaint(org, { dispatch: bad }))
      expect(refused.code, JSON.stringify(bad)).toBe('VALIDATION')
      expect(Object.values(refused.fields ?? {})[0], JSON.stringify(bad)).toMatch(CJK)
    }
    expect(await snapshot(t)).toEqual(before)
    const created = await openComplaint(org, { dispatch: { ...dispatch, dueAt: at(30) } })
    expect(created).toMatchObject({ state: 'dispatched', resolutionDueAt: at(30), responsible: { id: org.people.pm.id } })
    expect(created.log.map((l) => l.action)).toEqual(['create', 'dispatch'])
  })
})
