import { afterEach, beforeEach, expect, it } from 'vitest'
import type { AppEvent } from '../../main/contract/events'
import type { TicketDetail, TicketLogEntry } from '../../main/contract/tickets.contract'
import { pushedDuring } from '../support/cti'
import { countRows } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { openTestCore, type TestCore } from '../support/test-core'
import { act, buildTicketOrg, hoursAfter, noticesOf, snapshot, TICKET_NOW, ticketIn, type TicketOrg } from '../support/tickets'

forEachDialect('tickets: escalation of breached deadlines', (h) => {
  let t: TestCore
  let org: TicketOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildTicketOrg(t)
  })
  afterEach(() => t.close())

  const MINUTE = 1 / 60
  const at = (hours: number): string => hoursAfter(TICKET_NOW, hours)
  const get = async (ticket: { id: number }): Promise<TicketDetail> => (await org.as('agent')).api.tickets.get({ id: ticket.id })
  const escalations = (ticket: TicketDetail): TicketLogEntry[] => ticket.log.filter((l) => l.action === 'escalate')
  /** The clock moves to `hours` after the start and the watcher makes its pass; what it pushed. */
  const sweepAt = async (hours: number): Promise<AppEvent[]> => {
    t.clock.set(at(hours))
    return pushedDuring(t, () => t.core.sweep())
  }
  const notifies = (events: AppEvent[]) => events.filter((e): e is Extract<AppEvent, { type: 'notify' }> => e.type === 'notify').map((e) => [e.staffId, e.kind])
  /** Notification counts by kind for an account, straight from the table (the inactive manager cannot log in to look). */
  const storedNotices = (staffId: number, kind: string): Promise<number> => countRows(t.core.store, 'notification', `staff_id = ${staffId} AND kind = '${kind}'`)

  it('a breached ticket climbs: 部门负责人 at the breach, 客服经理 a step later, 总经理 two steps later — each logged and notified, never beyond 3, never a fine', async () => {
    const agent = await org.as('agent')
    const manager1 = await org.as('manager')
    const { zhao, qian, zheng, manager2, exManager } = org.accounts
    // 一般: response due in 24 h (at risk at +18 h); dispatched to 钱工 of 工程部, whose head is 赵经理
    const ticket = await ticketIn(org, 'dispatched')

    expect(notifies(await sweepAt(18)).sort()).toEqual([
      [agent.user.id, 'atRisk'],
      [qian.id, 'atRisk'],
    ].sort())
    expect(notifies(await sweepAt(20))).toEqual([])
    expect((await get(ticket)).escalationLevel).toBe(0)

    const breach = await sweepAt(24 + MINUTE)
    expect(notifies(breach).sort()).toEqual([
      [agent.user.id, 'breached'],
      [qian.id, 'breached'],
      [zhao.id, 'escalated'],
    ].sort())
    let now = await get(ticket)
    expect(now.escalationLevel).toBe(1)
    expect(escalations(now)).toEqual([
      expect.objectContaining({ at: at(24 + MINUTE), by: null, from: 'dispatched', to: 'dispatched', data: expect.objectContaining({ level: 1, deadline: 'response', notified: ['赵经理'] }) }),
    ])
    expect(escalations(now)[0].note).toContain('部门负责人')

    // nothing more until the next step
    const quiet = await snapshot(t)
    await sweepAt(24 + MINUTE)
    await sweepAt(47.9)
    expect(await snapshot(t)).toEqual(quiet)

    expect(notifies(await sweepAt(48 + MINUTE)).sort()).toEqual([
      [manager1.user.id, 'escalated'],
      [manager2.id, 'escalated'],
    ].sort())
    now = await get(ticket)
    expect(now.escalationLevel).toBe(2)
    expect(escalations(now)[1].data).toEqual(expect.objectContaining({ level: 2, deadline: 'response', notified: expect.arrayContaining([manager1.user.displayName, manager2.displayName]) }))
    expect(escalations(now)[1].note).toContain('客服经理')

    expect(notifies(await sweepAt(72 + MINUTE))).toEqual([[zheng.id, 'escalated']])
    now = await get(ticket)
    expect(now.escalationLevel).toBe(3)
    expect(escalations(now)[2].data).toEqual(expect.objectContaining({ level: 3, notified: ['郑总'] }))
    expect(escalations(now)[2].note).toContain('总经理')

    // the top: a month later still level 3, nothing logged or notified (the watcher only notes the resolution deadline as passed)
    const top = await snapshot(t)
    expect(notifies(await sweepAt(24 * 30))).toEqual([])
    const month = await snapshot(t)
    expect([month.ticket_log, month.notification, month.assessment]).toEqual([top.ticket_log, top.notification, top.assessment])
    expect(await get(ticket)).toMatchObject({ escalationLevel: 3, version: ticket.version })
    expect(escalations(await get(ticket))).toHaveLength(3)

    // who heard what, as each of them sees it
    expect((await noticesOf(org, 'zhao')).map((n) => [n.kind, n.ticketId])).toEqual([
      ['assigned', ticket.id],
      ['escalated', ticket.id],
    ])
    expect((await noticesOf(org, 'qian')).map((n) => n.kind)).toEqual(['assigned', 'atRisk', 'breached'])
    expect((await noticesOf(org, 'manager2')).map((n) => n.kind)).toEqual(['escalated'])
    expect((await noticesOf(org, 'zheng')).map((n) => n.kind)).toEqual(['escalated'])
    expect(await storedNotices(exManager.id, 'escalated')).toBe(0)
    expect((await noticesOf(org, 'zheng'))[0].title).toContain(ticket.no)

    // escalation never fines anyone
    expect(await countRows(t.core.store, 'assessment')).toBe(0)
    expect(await (await org.as('manager')).api.tickets.assessments({})).toEqual([])
  })

  it('the watcher’s bookkeeping leaves the version alone: an agent’s open form still saves', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    await sweepAt(30)
    const escalated = await get(ticket)
    expect(escalated.escalationLevel).toBe(1)
    expect(escalated.version).toBe(ticket.version)
    const responded = await act(org, ticket, 'respond')
    expect(responded).toMatchObject({ state: 'inProgress', escalationLevel: 1 })
  })

  it('a watcher that was off for days catches up in one pass: each level logged and notified in turn', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    const pushed = await sweepAt(24 * 5)
    const now = await get(ticket)
    expect(now.escalationLevel).toBe(3)
    expect(escalations(now).map((l) => l.data?.level)).toEqual([1, 2, 3])
    expect(notifies(pushed).filter(([, kind]) => kind === 'escalated').map(([id]) => id).sort()).toEqual(
      [org.accounts.zhao.id, org.accounts.manager2.id, (await org.as('manager')).user.id, org.accounts.zheng.id].sort(),
    )
    // too late for a near-breach notice: the breach says it all
    expect(notifies(pushed).filter(([, kind]) => kind === 'atRisk')).toEqual([])
  })

  it('a shorter escalation step applies to tickets already climbing', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    await sweepAt(24 + MINUTE)
    expect((await get(ticket)).escalationLevel).toBe(1)
    t.clock.set(at(25))
    await (await org.as('manager')).api.settings.update({ changes: { escalationStepHours: 2 } })
    await sweepAt(26 + MINUTE)
    expect((await get(ticket)).escalationLevel).toBe(2)
  })

  it('paused time does not count toward the next step either', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    await sweepAt(30)
    t.clock.set(at(30))
    const suspended = await act(org, await get(ticket), 'suspend')
    // 100 hours suspended: no climbing
    const still = await snapshot(t)
    await sweepAt(130)
    expect(await snapshot(t)).toEqual(still)
    const resumed = await act(org, suspended, 'resume')
    // the response deadline is now +124 h: the second step is due at +148 h
    expect(resumed.responseDueAt).toBe(at(124))
    await sweepAt(147.9)
    expect((await get(ticket)).escalationLevel).toBe(1)
    await sweepAt(148 + MINUTE)
    expect((await get(ticket)).escalationLevel).toBe(2)
  })

  it('reopening starts from level 0; a responsible person whose department head never logs in still climbs, logged', async () => {
    const created = await ticketIn(org, 'pending')
    const design = await act(org, created, 'dispatch', { action: 'dispatch', departmentId: org.departments.design.id, personId: org.people.designer.id })
    await sweepAt(30)
    let now = await get(design)
    expect(now.escalationLevel).toBe(1)
    expect(escalations(now)[0].data).toEqual(expect.objectContaining({ level: 1, deadline: 'response' }))
    // 吴总监 has no account; 赵经理 heads another department
    expect(await storedNotices(org.accounts.zhao.id, 'escalated')).toBe(0)

    t.clock.set(at(31))
    now = await act(org, now, 'resolve')
    t.clock.set(at(32))
    const reopened = await act(org, now, 'reopen')
    expect(reopened).toMatchObject({ state: 'reopened', escalationLevel: 0, responseDueAt: at(56) })
    await sweepAt(55)
    expect((await get(design)).escalationLevel).toBe(0)
    await sweepAt(56 + MINUTE)
    now = await get(design)
    expect(now.escalationLevel).toBe(1)
    expect(escalations(now)).toHaveLength(2)
  })

  it('resolved, closed and cancelled tickets are not escalated', async () => {
    const awaiting = await ticketIn(org, 'awaitingCallback')
    const cancelled = await ticketIn(org, 'cancelled')
    const closed = await ticketIn(org, 'closed')
    const before = await snapshot(t)
    await sweepAt(24 * 10)
    expect(await snapshot(t)).toEqual(before)
    for (const ticket of [awaiting, cancelled, closed]) expect((await get(ticket)).escalationLevel).toBe(0)
  })
})
