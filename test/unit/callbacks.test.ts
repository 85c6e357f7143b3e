import { afterEach, beforeEach, expect, it } from 'vitest'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { act, buildTicketOrg, hoursAfter, noticesOf, openCallbackOf, snapshot, TICKET_NOW, ticketIn, type TicketOrg } from '../support/tickets'

forEachDialect('satisfaction callbacks close or reopen their ticket', (h) => {
  let t: TestCore
  let org: TicketOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildTicketOrg(t)
  })
  afterEach(() => t.close())

  it('满意 closes the ticket: the callback records the verdict, rating, comment, the call and who made it', async () => {
    const awaiting = await ticketIn(org, 'awaitingCallback')
    const callback = openCallbackOf(awaiting)
    t.clock.advance({ hours: 20 })
    const agent = await org.as('agent')
    const call = await agent.api.calls.start({ direction: 'out', phone: '13800138000' })
    const done = await agent.api.callbacks.complete({ id: callback.id, version: callback.version, result: 'satisfied', rating: 5, comment: '修得很好', callId: call.id })
    expect(done).toMatchObject({
      id: callback.id,
      status: 'done',
      result: 'satisfied',
      rating: 5,
      comment: '修得很好',
      callId: call.id,
      doneAt: hoursAfter(TICKET_NOW, 20),
      doneBy: { id: agent.user.id },
      version: callback.version + 1,
      overdue: false,
    })
    const closed = await agent.api.tickets.get({ id: awaiting.id })
    expect(closed).toMatchObject({ state: 'closed', satisfaction: 'satisfied', closedAt: hoursAfter(TICKET_NOW, 20), clock: { status: 'met' } })
    expect(closed.log.at(-1)).toMatchObject({ action: 'close', from: 'awaitingCallback', to: 'closed', by: { id: agent.user.id } })
    expect((await agent.api.callbacks.list({})).items).toEqual([])
    expect((await agent.api.callbacks.list({ status: 'done' })).items.map((c) => c.id)).toEqual([callback.id])
  })

  it('不满意 reopens the ticket with the customer’s words, new deadlines from now; the next resolution brings a new callback', async () => {
    const awaiting = await ticketIn(org, 'awaitingCallback')
    const callback = openCallbackOf(awaiting)
    t.clock.advance({ hours: 30 })
    const agent = await org.as('agent')
    await agent.api.callbacks.complete({ id: callback.id, version: callback.version, result: 'unsatisfied', comment: '墙面又裂了' })
    const reopened = await agent.api.tickets.get({ id: awaiting.id })
    expect(reopened).toMatchObject({
      state: 'reopened',
      satisfaction: 'unsatisfied',
      respondedAt: null,
      resolvedAt: null,
      closedAt: null,
      escalationLevel: 0,
      responseDueAt: hoursAfter(TICKET_NOW, 30 + 24),
      resolutionDueAt: hoursAfter(TICKET_NOW, 30 + 168),
      version: awaiting.version + 1,
    })
    expect(reopened.log.at(-1)).toMatchObject({ action: 'reopen', from: 'awaitingCallback', to: 'reopened', by: { id: agent.user.id } })
    expect(reopened.log.at(-1)?.note).toMatch(/^客户不满意[:：]墙面又裂了$/)
    expect(reopened.callbacks.map((c) => [c.status, c.result])).toEqual([['done', 'unsatisfied']])
    // the agent who follows the ticket and the responsible person who logs in hear of it
    expect((await noticesOf(org, 'agent1', 'reopened')).map((n) => n.ticketId)).toEqual([awaiting.id])
    expect((await noticesOf(org, 'qian', 'reopened')).map((n) => n.ticketId)).toEqual([awaiting.id])

    let again = await act(org, reopened, 'dispatch')
    again = await act(org, again, 'resolve')
    const second = openCallbackOf(again)
    expect(second.id).not.toBe(callback.id)
    await agent.api.callbacks.complete({ id: second.id, version: second.version, result: 'fair', rating: 3 })
    expect(await agent.api.tickets.get({ id: awaiting.id })).toMatchObject({ state: 'closed', satisfaction: 'fair' })
  })

  it('a callback answered once, or cancelled by a reopen, cannot be completed again; a stale version conflicts — nothing changes', async () => {
    const agent = await org.as('agent')
    const first = await ticketIn(org, 'awaitingCallback')
    const cb = openCallbackOf(first)
    const done = await agent.api.callbacks.complete({ id: cb.id, version: cb.version, result: 'satisfied' })
    const second = await ticketIn(org, 'awaitingCallback')
    const cancelledCb = openCallbackOf(second)
    await act(org, second, 'reopen')
    const third = await ticketIn(org, 'awaitingCallback')
    const stale = openCallbackOf(third)
    await agent.api.callbacks.recordAttempt({ id: stale.id, version: stale.version, outcome: 'noAnswer', note: '无人接听', retryOn: '2025-06-03' })

    const before = await snapshot(t)
    const twice = await failure(agent.api.callbacks.complete({ id: cb.id, version: done.version, result: 'unsatisfied', comment: '改主意了' }))
    expect(twice.code).toBe('VALIDATION')
    expect(twice.message).toMatch(CJK)
    expect((await failure(agent.api.callbacks.complete({ id: cancelledCb.id, version: cancelledCb.version + 1, result: 'satisfied' }))).code).toBe('VALIDATION')
    expect((await failure(agent.api.callbacks.complete({ id: stale.id, version: stale.version, result: 'satisfied' }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.callbacks.complete({ id: 99999, version: 1, result: 'satisfied' }))).code).toBe('NOT_FOUND')
    expect(await failure(agent.api.callbacks.complete({ id: stale.id, version: stale.version + 1, result: 'satisfied', callId: 99999 }))).toMatchObject({ code: 'VALIDATION', fields: { callId: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.callbacks.complete({ id: stale.id, version: stale.version + 1, result: 'satisfied', rating: 6 }))).toMatchObject({ code: 'VALIDATION', fields: { rating: expect.any(String) } })
    expect(await snapshot(t)).toEqual(before)
    expect((await agent.api.tickets.get({ id: first.id })).state).toBe('closed')
  })

  it('nobody answered: the attempt is counted and the callback is due again on retryOn (not before today, the company’s day)', async () => {
    const ticket = await ticketIn(org, 'awaitingCallback')
    const cb = openCallbackOf(ticket)
    expect(cb.dueOn).toBe('2025-06-03')
    // 2025-06-03 16:30 UTC is already Wednesday the 4th in Shanghai
    t.clock.set('2025-06-03T16:30:00.000Z')
    const me = await org.as('agent')
    expect((await me.api.callbacks.list({})).items.map((c) => [c.id, c.overdue])).toEqual([[cb.id, true]])
    const before = await snapshot(t)
    const past = await failure(me.api.callbacks.recordAttempt({ id: cb.id, version: cb.version, outcome: 'noAnswer', note: '无人接听', retryOn: '2025-06-03' }))
    expect(past).toMatchObject({ code: 'VALIDATION', fields: { retryOn: expect.stringMatching(CJK) } })
    expect(await failure(me.api.callbacks.recordAttempt({ id: cb.id, version: cb.version, outcome: 'hungUp' as never, retryOn: '2025-06-05' }))).toMatchObject({ fields: { outcome: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)

    const tried = await me.api.callbacks.recordAttempt({ id: cb.id, version: cb.version, outcome: 'noAnswer', note: '无人接听', retryOn: '2025-06-04' })
    expect(tried).toMatchObject({ status: 'open', attempts: 1, lastAttemptAt: '2025-06-03T16:30:00.000Z', lastAttemptNote: '无人接听', dueOn: '2025-06-04', overdue: false, version: cb.version + 1 })
    const twice = await me.api.callbacks.recordAttempt({ id: cb.id, version: tried.version, outcome: 'noAnswer', note: '客户在开会', retryOn: '2025-06-06' })
    expect(twice).toMatchObject({ attempts: 2, lastAttemptNote: '客户在开会', dueOn: '2025-06-06' })
    // due by a date: what is due on or before it
    expect((await me.api.callbacks.list({ dueBy: '2025-06-05' })).items).toEqual([])
    expect((await me.api.callbacks.list({ dueBy: '2025-06-06' })).items.map((c) => c.id)).toEqual([cb.id])
    // the ticket still awaits its callback
    expect((await me.api.tickets.get({ id: ticket.id })).state).toBe('awaitingCallback')
  })

  it('mine is the callbacks given to me; all is for shift leads and managers; a callback may be handed to another agent', async () => {
    const agent = await org.as('agent')
    const other = await org.session('agent2')
    const ticket = await ticketIn(org, 'awaitingCallback')
    const cb = openCallbackOf(ticket)
    expect(cb.agent).toEqual({ id: agent.user.id, name: agent.user.displayName })
    expect((await other.api.callbacks.list({})).items).toEqual([])
    expect((await failure(agent.api.callbacks.list({ scope: 'all' }))).code).toBe('FORBIDDEN')
    expect((await (await org.as('shiftLead')).api.callbacks.list({ scope: 'all' })).items.map((c) => c.id)).toEqual([cb.id])
    for (const role of ['receptionist', 'admin'] as const) expect((await failure((await org.as(role)).api.callbacks.list({}))).code, role).toBe('FORBIDDEN')

    const reception = await org.as('receptionist')
    const before = await snapshot(t)
    expect(await failure(agent.api.callbacks.assign({ id: cb.id, version: cb.version, agentId: reception.user.id }))).toMatchObject({ code: 'VALIDATION', fields: { agentId: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.callbacks.assign({ id: cb.id, version: cb.version, agentId: org.accounts.exManager.id }))).toMatchObject({ fields: { agentId: expect.any(String) } })
    expect(await snapshot(t)).toEqual(before)

    const handed = await agent.api.callbacks.assign({ id: cb.id, version: cb.version, agentId: org.accounts.agent2.id })
    expect(handed).toMatchObject({ agent: { id: org.accounts.agent2.id, name: '客服小王' }, version: cb.version + 1 })
    expect((await other.api.callbacks.list({})).items.map((c) => c.id)).toEqual([cb.id])
    expect((await agent.api.callbacks.list({})).items).toEqual([])
    const done = await other.api.callbacks.complete({ id: cb.id, version: handed.version, result: 'satisfied' })
    expect(done.doneBy).toEqual({ id: org.accounts.agent2.id, name: '客服小王' })
  })
})
