import { afterEach, beforeEach, expect, it } from 'vitest'
import {
  allowedActions,
  TICKET_ACTION_LABELS,
  TICKET_ACTIONS,
  TICKET_STATE_LABELS,
  TICKET_STATES,
  TICKET_TRANSITIONS,
  type TicketDetail,
} from '../../main/contract/tickets.contract'
import { countRows } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { act, answerCallback, buildTicketOrg, changeFor, hoursAfter, openComplaint, snapshot, targetOf, TICKET_NOW, ticketIn, type TicketOrg } from '../support/tickets'

forEachDialect('tickets: the state machine', (h) => {
  let t: TestCore
  let org: TicketOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildTicketOrg(t)
  })
  afterEach(() => t.close())

  for (const state of TICKET_STATES) {
    const legal = TICKET_ACTIONS.filter((a) => TICKET_TRANSITIONS[a].from.includes(state))
    const illegal = TICKET_ACTIONS.filter((a) => !legal.includes(a))

    // 已撤销 is final: its test below refuses every action
    if (legal.length) it(`from ${state}: ${legal.join(', ')} — each lands where the table says, logged with who, from, to and the note; version + 1`, async () => {
      const agent = await org.as('agent')
      for (const action of legal) {
        const before = await ticketIn(org, state)
        const change = changeFor(org, action)
        const after = await act(org, before, action, change)
        const to = targetOf(action, state)
        expect(after.state, `${state} → ${action}`).toBe(to)
        expect(after.version, action).toBe(before.version + 1)
        expect(after.allowedActions, action).toEqual(allowedActions(to))
        expect(after.log.at(-1), action).toMatchObject({ action, from: state, to, note: change.note, by: { id: agent.user.id } })
        expect(after.log.length, action).toBe(before.log.length + 1)
        // what get returns is what transition returned
        expect(await agent.api.tickets.get({ id: before.id }), action).toEqual(after)
      }
    })

    it(`from ${state}: ${illegal.join(', ') || 'nothing'} — refused naming the state and the action, nothing changes`, async () => {
      const agent = await org.as('agent')
      const ticket = await ticketIn(org, state)
      expect(ticket.allowedActions).toEqual(legal)
      const before = await snapshot(t)
      for (const action of illegal) {
        const refused = await failure(act(org, ticket, action))
        expect(refused.code, action).toBe('VALIDATION')
        expect(refused.message, action).toContain(`「${TICKET_STATE_LABELS[state]}」`)
        expect(refused.message, action).toContain(`「${TICKET_ACTION_LABELS[action]}」`)
        expect(refused.fields?.['change.action'], action).toMatch(CJK)
      }
      expect(await snapshot(t)).toEqual(before)
      expect((await agent.api.tickets.get({ id: ticket.id })).state).toBe(state)
    })
  }

  it('resume returns to the state the ticket was suspended from (处理中 too); reassign keeps the state', async () => {
    const working = await ticketIn(org, 'inProgress')
    const suspended = await act(org, working, 'suspend')
    expect(suspended).toMatchObject({ state: 'suspended', suspendReason: 'customer', suspendedAt: TICKET_NOW })
    expect(suspended.allowedActions).toEqual(['resume', 'cancel', 'reassign'])
    const reassigned = await act(org, suspended, 'reassign')
    expect(reassigned).toMatchObject({ state: 'suspended', responsible: { id: org.people.crew.id, name: '孙工队' }, department: { id: org.departments.works.id } })
    const resumed = await act(org, reassigned, 'resume')
    expect(resumed).toMatchObject({ state: 'inProgress', suspendedAt: null, suspendReason: null })
    expect(resumed.log.at(-1)).toMatchObject({ action: 'resume', from: 'suspended', to: 'inProgress' })
  })

  it('dispatch names the department and person; respond and resolve are recorded on behalf of the responsible person', async () => {
    const agent = await org.as('agent')
    const created = await openComplaint(org)
    expect(created).toMatchObject({ state: 'pending', department: null, responsible: null, handler: { id: agent.user.id }, respondedAt: null, resolvedAt: null })
    t.clock.advance({ hours: 1 })
    const dispatched = await act(org, created, 'dispatch')
    expect(dispatched).toMatchObject({ state: 'dispatched', department: { id: org.departments.works.id, name: '工程部' }, responsible: { id: org.people.pm.id, name: '钱工' } })
    expect(dispatched.log.at(-1)).toMatchObject({ action: 'dispatch', onBehalfOf: null, at: hoursAfter(TICKET_NOW, 1) })

    t.clock.advance({ hours: 2 })
    const responded = await act(org, dispatched, 'respond')
    expect(responded).toMatchObject({ state: 'inProgress', respondedAt: hoursAfter(TICKET_NOW, 3), resolvedAt: null })
    expect(responded.log.at(-1)).toMatchObject({ action: 'respond', by: { id: agent.user.id }, onBehalfOf: { id: org.people.pm.id, name: '钱工' } })

    t.clock.advance({ hours: 5 })
    const resolved = await act(org, responded, 'resolve', { action: 'resolve', note: '已重新批荡，客户在场验收' })
    expect(resolved).toMatchObject({ state: 'awaitingCallback', respondedAt: hoursAfter(TICKET_NOW, 3), resolvedAt: hoursAfter(TICKET_NOW, 8), result: '已重新批荡，客户在场验收' })
    expect(resolved.log.at(-1)).toMatchObject({ action: 'resolve', onBehalfOf: { id: org.people.pm.id } })
    expect(resolved.clock).toEqual({ kind: null, dueAt: null, status: 'met', used: null })
  })

  it('resolving straight from 已派单 also counts as the response', async () => {
    const dispatched = await ticketIn(org, 'dispatched')
    t.clock.advance({ minutes: 30 })
    const resolved = await act(org, dispatched, 'resolve')
    expect(resolved).toMatchObject({ state: 'awaitingCallback', respondedAt: hoursAfter(TICKET_NOW, 0.5), resolvedAt: hoursAfter(TICKET_NOW, 0.5) })
  })

  it('resolving creates one open satisfaction callback for the ticket’s agent, due after satisfactionCallbackDays (company date)', async () => {
    const agent = await org.as('agent')
    // 2025-06-02 17:00 UTC is already Tuesday the 3rd in Shanghai: due the 4th
    t.clock.set('2025-06-02T17:00:00.000Z')
    const working = await ticketIn(org, 'inProgress')
    const resolved = await act(org, working, 'resolve')
    expect(resolved.callbacks).toEqual([
      expect.objectContaining({
        kind: 'ticketSatisfaction',
        status: 'open',
        customer: { id: org.customers.zhang.id, name: '张三' },
        ticket: { id: resolved.id, no: resolved.no },
        dueOn: '2025-06-04',
        agent: { id: agent.user.id, name: agent.user.displayName },
        attempts: 0,
        result: null,
      }),
    ])
    expect(await countRows(t.core.store, 'callback')).toBe(1)
  })

  it('reopen cancels the open callback, clears responded/resolved/closed, starts new deadlines from now and escalation from 0', async () => {
    const awaiting = await ticketIn(org, 'awaitingCallback')
    t.clock.advance({ hours: 40 })
    const reopened = await act(org, awaiting, 'reopen', undefined, await org.as('agent'))
    expect(reopened).toMatchObject({
      state: 'reopened',
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      escalationLevel: 0,
      responseDueAt: hoursAfter(TICKET_NOW, 40 + 24),
      resolutionDueAt: hoursAfter(TICKET_NOW, 40 + 168),
    })
    expect(reopened.callbacks.map((c) => c.status)).toEqual(['cancelled'])
    expect((await (await org.as('agent')).api.callbacks.list({ status: 'open' })).items).toEqual([])

    // a closed one too: its closedAt goes, the callback stays done
    const closed = await ticketIn(org, 'closed')
    expect(closed.closedAt).toBe(hoursAfter(TICKET_NOW, 40))
    t.clock.advance({ hours: 1 })
    const again = await act(org, closed, 'reopen', undefined, await org.as('agent'))
    expect(again).toMatchObject({ state: 'reopened', closedAt: null, resolvedAt: null, responseDueAt: hoursAfter(TICKET_NOW, 41 + 24) })
    expect(again.callbacks.map((c) => c.status)).toEqual(['done'])
    // dispatched again, the cycle starts over
    const redispatched = await act(org, again, 'dispatch', undefined, await org.as('agent'))
    expect(redispatched.state).toBe('dispatched')
  })

  it('cancel stops the clock and leaves nothing to do', async () => {
    const suspended = await ticketIn(org, 'suspended')
    const cancelled = await act(org, suspended, 'cancel')
    expect(cancelled).toMatchObject({ state: 'cancelled', allowedActions: [], clock: { status: 'met', kind: null } })
  })

  it('two people load version n: the first succeeds, the second gets CONFLICT and nothing changes', async () => {
    const agent = await org.as('agent')
    const other = await org.session('agent2')
    const ticket = await ticketIn(org, 'dispatched')
    const mine = await agent.api.tickets.get({ id: ticket.id })
    const theirs = await other.api.tickets.get({ id: ticket.id })
    expect(mine.version).toBe(theirs.version)

    const first = await act(org, mine, 'respond', undefined, agent)
    expect(first.version).toBe(mine.version + 1)
    const before = await snapshot(t)
    for (const action of ['suspend', 'resolve', 'cancel'] as const) {
      const refused = await failure(act(org, theirs, action, undefined, other))
      expect(refused.code, action).toBe('CONFLICT')
      expect(refused.message, action).toMatch(CJK)
      expect(refused.message, action).toContain(ticket.no)
    }
    // a stale version is refused even for an action that would be legal now
    expect((await failure(other.api.tickets.recordLeaderComplaint({ id: ticket.id, version: theirs.version, target: 'leaders', note: '客户找了副总' }))).code).toBe('CONFLICT')
    expect(await snapshot(t)).toEqual(before)
    expect(await agent.api.tickets.get({ id: ticket.id })).toMatchObject({ state: 'inProgress', version: first.version })
    // reloaded, the second person goes ahead
    const reloaded = await other.api.tickets.get({ id: ticket.id })
    expect((await act(org, reloaded, 'suspend', undefined, other)).state).toBe('suspended')
  })

  it('two transitions of one version at the same moment: exactly one wins', async () => {
    const agent = await org.as('agent')
    const other = await org.session('agent2')
    const ticket = await ticketIn(org, 'dispatched')
    const results = await Promise.allSettled([act(org, ticket, 'respond', undefined, agent), act(org, ticket, 'suspend', undefined, other)])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect((lost.reason as { code: string }).code).toBe('CONFLICT')
    const now = await agent.api.tickets.get({ id: ticket.id })
    expect(now.version).toBe(ticket.version + 1)
    expect(now.log.filter((l) => l.action === 'respond' || l.action === 'suspend')).toHaveLength(1)
  })

  it('bad dispatches: unknown or switched-off department, unknown, inactive or other department’s person, a deadline not after now — field errors, nothing changes', async () => {
    const ticket = await openComplaint(org)
    const { works, design, closed } = org.departments
    const { pm, designer, retired } = org.people
    const cases: [Record<string, unknown>, string][] = [
      [{ departmentId: 99999, personId: pm.id }, 'change.departmentId'],
      [{ departmentId: closed.id, personId: pm.id }, 'change.departmentId'],
      [{ departmentId: works.id, personId: 99999 }, 'change.personId'],
      [{ departmentId: works.id, personId: retired.id }, 'change.personId'],
      [{ departmentId: works.id, personId: designer.id }, 'change.personId'],
      [{ departmentId: design.id, personId: pm.id }, 'change.personId'],
      [{ departmentId: works.id, personId: pm.id, dueAt: hoursAfter(TICKET_NOW, -1) }, 'change.dueAt'],
      [{ departmentId: works.id, personId: pm.id, dueAt: TICKET_NOW }, 'change.dueAt'],
      [{ departmentId: works.id }, 'change.personId'],
      [{ personId: pm.id }, 'change.departmentId'],
    ]
    const before = await snapshot(t)
    for (const [fields, field] of cases) {
      const refused = await failure(act(org, ticket, 'dispatch', { action: 'dispatch', ...fields } as never))
      expect(refused.code, JSON.stringify(fields)).toBe('VALIDATION')
      expect(refused.fields?.[field], JSON.stringify(fields)).toMatch(CJK)
    }
    // the same rules for a reassignment
    const dispatched = await act(org, ticket, 'dispatch')
    const afterDispatch = await snapshot(t)
    expect((await failure(act(org, dispatched, 'reassign', { action: 'reassign', departmentId: works.id, personId: designer.id }))).fields?.['change.personId']).toMatch(CJK)
    expect((await failure(act(org, dispatched, 'reassign', { action: 'reassign', departmentId: closed.id, personId: pm.id }))).fields?.['change.departmentId']).toMatch(CJK)
    expect(await snapshot(t)).toEqual(afterDispatch)
    expect(before).not.toEqual(afterDispatch)
  })

  it('a person without a department may be responsible for any department; an explicit deadline replaces the severity’s', async () => {
    const ticket = await openComplaint(org)
    const due = hoursAfter(TICKET_NOW, 40)
    const dispatched = await act(org, ticket, 'dispatch', { action: 'dispatch', departmentId: org.departments.design.id, personId: org.people.floating.id, dueAt: due })
    expect(dispatched).toMatchObject({ state: 'dispatched', responsible: { id: org.people.floating.id }, department: { id: org.departments.design.id }, resolutionDueAt: due })
    // the response deadline still comes first
    expect(dispatched.clock).toMatchObject({ kind: 'response', dueAt: hoursAfter(TICKET_NOW, 24) })
  })

  it('a missing note, an unknown action or ticket: refused before anything happens', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    const before = await snapshot(t)
    expect(await failure(act(org, ticket, 'respond', { action: 'respond', note: '  ' }))).toMatchObject({ code: 'VALIDATION', fields: { 'change.note': expect.stringMatching(CJK) } })
    expect(await failure(act(org, ticket, 'suspend', { action: 'suspend', reason: 'holiday', note: '放假' } as never))).toMatchObject({ code: 'VALIDATION', fields: { 'change.reason': expect.stringMatching(CJK) } })
    expect((await failure(act(org, ticket, 'close' as never, { action: 'close', note: '结了' } as never))).code).toBe('VALIDATION')
    const agent = await org.as('agent')
    expect((await failure(agent.api.tickets.transition({ id: 99999, version: 1, change: changeFor(org, 'respond') }))).code).toBe('NOT_FOUND')
    expect(await snapshot(t)).toEqual(before)
  })

  it('closing happens only through the satisfaction callback: 满意 and 基本满意 close, with the verdict on the ticket', async () => {
    for (const result of ['satisfied', 'fair'] as const) {
      const awaiting = await ticketIn(org, 'awaitingCallback')
      t.clock.advance({ hours: 1 })
      const closed = await answerCallback(org, awaiting, result, { rating: 4, comment: '师傅很细心' })
      expect(closed, result).toMatchObject({ state: 'closed', satisfaction: result, closedAt: t.clock.now().toISOString(), allowedActions: ['reopen'], version: awaiting.version + 1 })
      expect(closed.log.at(-1), result).toMatchObject({ action: 'close', from: 'awaitingCallback', to: 'closed' })
      expect(closed.callbacks.map((c) => [c.status, c.result, c.rating, c.comment]), result).toEqual([['done', result, 4, '师傅很细心']])
    }
  })

  it('a receptionist may open tickets but not move them; an admin may not touch tickets at all', async () => {
    const reception = await org.as('receptionist')
    const ticket = await openComplaint(org, { source: 'walkIn' }, reception)
    expect(ticket).toMatchObject({ state: 'pending', handler: null, allowedActions: [] })
    const before = await snapshot(t)
    expect((await failure(act(org, ticket, 'dispatch', undefined, reception))).code).toBe('FORBIDDEN')
    const admin = await org.as('admin')
    expect((await failure(act(org, ticket, 'dispatch', undefined, admin))).code).toBe('FORBIDDEN')
    expect(await snapshot(t)).toEqual(before)
    // an agent takes it from there
    const dispatched: TicketDetail = await act(org, ticket, 'dispatch')
    expect(dispatched.state).toBe('dispatched')
  })
})
