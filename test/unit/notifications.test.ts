import { afterEach, beforeEach, expect, it } from 'vitest'
import { pushedDuring } from '../support/cti'
import { countRows } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { openTestCore, type TestCore } from '../support/test-core'
import { act, buildTicketOrg, hoursAfter, noticesOf, openComplaint, TICKET_NOW, ticketIn, type TicketOrg } from '../support/tickets'

forEachDialect('notifications for staff who log in', (h) => {
  let t: TestCore
  let org: TicketOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildTicketOrg(t)
  })
  afterEach(() => t.close())

  /** What was pushed to screens while `work` ran: the notify events only, as [staffId, kind, ticketId]. */
  const notified = async (work: () => Promise<unknown>): Promise<[number, string, number | null][]> =>
    (await pushedDuring(t, work)).flatMap((e) => (e.type === 'notify' ? [[e.staffId, e.kind, e.ticketId] as [number, string, number | null]] : []))
  const byId = (a: readonly unknown[], b: readonly unknown[]): number => Number(a[0]) - Number(b[0])

  it('a dispatch tells the responsible person and the department head, if they have accounts; pushed once written', async () => {
    const { zhao, qian } = org.accounts
    const ticket = await openComplaint(org)
    const pushed = await notified(() => act(org, ticket, 'dispatch'))
    expect(pushed.sort(byId)).toEqual(
      [
        [zhao.id, 'assigned', ticket.id],
        [qian.id, 'assigned', ticket.id],
      ].sort(byId),
    )
    const [notice] = await noticesOf(org, 'qian')
    expect(notice).toMatchObject({ kind: 'assigned', ticketId: ticket.id, readAt: null, createdAt: TICKET_NOW })
    expect(notice.title).toContain(ticket.no)
    // events and notices name the ticket, never the customer
    for (const text of [notice.title, notice.body]) {
      expect(text).not.toContain('张三')
      expect(text).not.toContain('13800138000')
    }
    expect(await noticesOf(org, 'zhao')).toEqual([expect.objectContaining({ kind: 'assigned', ticketId: ticket.id })])
    // the agent who dispatched it is not told about their own doing
    expect(await noticesOf(org, 'agent1')).toEqual([])
  })

  it('a ticket dispatched as it is opened tells them too', async () => {
    const pushed = await notified(() => openComplaint(org, { dispatch: { departmentId: org.departments.works.id, personId: org.people.pm.id } }))
    expect(pushed.map(([id, kind]) => [id, kind]).sort(byId)).toEqual(
      [
        [org.accounts.zhao.id, 'assigned'],
        [org.accounts.qian.id, 'assigned'],
      ].sort(byId),
    )
  })

  it('a responsible person without an account, or with a switched-off one, is told nothing; a reassignment tells the new one', async () => {
    const admin = await org.as('admin')
    const ticket = await openComplaint(org)
    // 孙工队 never logs in: only the head hears
    const toCrew = await notified(() => act(org, ticket, 'dispatch', { action: 'dispatch', departmentId: org.departments.works.id, personId: org.people.crew.id }))
    expect(toCrew).toEqual([[org.accounts.zhao.id, 'assigned', ticket.id]])
    // 设计部's head has no account either: a dispatch there tells nobody
    const other = await openComplaint(org, { customerId: org.customers.li.id })
    expect(await notified(() => act(org, other, 'dispatch', { action: 'dispatch', departmentId: org.departments.design.id, personId: org.people.designer.id }))).toEqual([])

    const current = await (await org.as('agent')).api.tickets.get({ id: ticket.id })
    const toPm = await notified(() => act(org, current, 'reassign', { action: 'reassign', departmentId: org.departments.works.id, personId: org.people.pm.id }))
    expect(toPm.map(([id]) => id)).toContain(org.accounts.qian.id)
    expect((await noticesOf(org, 'qian', 'assigned')).map((n) => n.ticketId)).toEqual([ticket.id])

    await admin.api.staff.update({ id: org.accounts.qian.id, active: false })
    const third = await openComplaint(org, { category: '材料' })
    const pushed = await notified(() => act(org, third, 'dispatch'))
    expect(pushed.map(([id]) => id)).not.toContain(org.accounts.qian.id)
    expect(await countRows(t.core.store, 'notification', `staff_id = ${org.accounts.qian.id} AND ticket_id = ${third.id}`)).toBe(0)
  })

  it('the near-breach notice comes once per deadline, to the agent who follows the ticket and the responsible person', async () => {
    const { qian } = org.accounts
    const agent = await org.as('agent')
    const ticket = await ticketIn(org, 'dispatched')
    t.clock.set(hoursAfter(TICKET_NOW, 17.9))
    expect(await notified(() => t.core.sweep())).toEqual([])
    t.clock.set(hoursAfter(TICKET_NOW, 18))
    expect((await notified(() => t.core.sweep())).sort(byId)).toEqual(
      [
        [agent.user.id, 'atRisk', ticket.id],
        [qian.id, 'atRisk', ticket.id],
      ].sort(byId),
    )
    for (const hours of [18, 19, 20, 23.9]) {
      t.clock.set(hoursAfter(TICKET_NOW, hours))
      expect(await notified(() => t.core.sweep()), String(hours)).toEqual([])
    }
    expect(await noticesOf(org, 'qian', 'atRisk')).toHaveLength(1)
    const [notice] = await noticesOf(org, 'agent1', 'atRisk')
    expect(notice).toMatchObject({ ticketId: ticket.id, createdAt: hoursAfter(TICKET_NOW, 18) })
    expect(notice.title).toContain(ticket.no)

    // responded: the resolution deadline gets its own notice at its risk moment (+126 h), once
    const responded = await act(org, await (await org.as('agent')).api.tickets.get({ id: ticket.id }), 'respond')
    expect(responded.state).toBe('inProgress')
    t.clock.set(hoursAfter(TICKET_NOW, 126))
    expect((await notified(() => t.core.sweep())).filter(([, kind]) => kind === 'atRisk')).toHaveLength(2)
    t.clock.set(hoursAfter(TICKET_NOW, 130))
    expect(await notified(() => t.core.sweep())).toEqual([])
    expect(await noticesOf(org, 'qian', 'atRisk')).toHaveLength(2)
  })

  it('list and markRead see only the caller’s own notices, newest first; unread counts follow', async () => {
    const first = await ticketIn(org, 'dispatched')
    t.clock.advance({ minutes: 5 })
    const second = await ticketIn(org, 'dispatched', { category: '材料' })
    const qian = await org.session('qian')
    const zhao = await org.session('zhao')

    const mine = await qian.api.notifications.list({})
    expect(mine.unread).toBe(2)
    expect(mine.items.map((n) => n.ticketId)).toEqual([second.id, first.id])
    expect((await qian.api.notifications.list({ limit: 1 })).items.map((n) => n.ticketId)).toEqual([second.id])
    const zhaos = await zhao.api.notifications.list({})
    expect(zhaos.unread).toBe(2)

    // marking someone else's notice read does nothing to it
    const afterForeign = await qian.api.notifications.markRead({ ids: zhaos.items.map((n) => n.id) })
    expect(afterForeign.unread).toBe(2)
    expect((await zhao.api.notifications.list({})).unread).toBe(2)

    t.clock.advance({ minutes: 1 })
    expect((await qian.api.notifications.markRead({ ids: [mine.items[1].id] })).unread).toBe(1)
    const unreadOnly = await qian.api.notifications.list({ unreadOnly: true })
    expect(unreadOnly.items.map((n) => n.id)).toEqual([mine.items[0].id])
    const read = (await qian.api.notifications.list({})).items.find((n) => n.id === mine.items[1].id)
    expect(read?.readAt).toBe(hoursAfter(TICKET_NOW, 6 / 60))

    expect((await qian.api.notifications.markRead({ all: true })).unread).toBe(0)
    expect((await zhao.api.notifications.list({})).unread).toBe(2)
    expect((await zhao.api.notifications.markRead({ all: true })).unread).toBe(0)

    // anyone logged in has a list, admins included; nobody else's shows up in it
    expect(await (await org.as('admin')).api.notifications.list({})).toEqual({ items: [], unread: 0 })
    expect((await t.dispatch('notifications.list', [{}], null)).ok).toBe(false)
  })
})
