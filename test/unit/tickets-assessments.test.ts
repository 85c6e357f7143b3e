import { afterEach, beforeEach, expect, it } from 'vitest'
import { countRows } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, type Session, type TestCore } from '../support/test-core'
import { buildTicketOrg, noticesOf, snapshot, TICKET_NOW, ticketIn, type TicketOrg } from '../support/tickets'

forEachDialect('tickets: leader complaints and assessment records', (h) => {
  let t: TestCore
  let org: TicketOrg
  let agent: Session
  let manager: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildTicketOrg(t)
    agent = await org.as('agent')
    manager = await org.as('manager')
  })
  afterEach(() => t.close())

  it('a complaint to the general manager proposes the GM amount against the responsible person; managers are told', async () => {
    const ticket = await ticketIn(org, 'inProgress')
    t.clock.advance({ minutes: 10 })
    const recorded = await agent.api.tickets.recordLeaderComplaint({ id: ticket.id, version: ticket.version, target: 'generalManager', note: '客户直接打到总经理办公室' })
    expect(recorded).toMatchObject({ state: 'inProgress', leaderComplaint: 'generalManager', version: ticket.version + 1 })
    expect(recorded.assessments).toEqual([
      {
        id: expect.any(Number),
        ticket: { id: ticket.id, no: ticket.no },
        person: { id: org.people.pm.id, name: '钱工' },
        department: { id: org.departments.works.id, name: '工程部' },
        reason: 'generalManager',
        proposedFen: 200_00,
        amountFen: null,
        status: 'proposed',
        note: '客户直接打到总经理办公室',
        proposedAt: '2025-06-02T02:10:00.000Z',
        proposedBy: { id: agent.user.id, name: agent.user.displayName },
        decidedAt: null,
        decidedBy: null,
        decisionNote: null,
      },
    ])
    expect(recorded.log.at(-1)).toMatchObject({ action: 'leaderComplaint', from: 'inProgress', to: 'inProgress', note: '客户直接打到总经理办公室', by: { id: agent.user.id } })
    // every active manager hears of it, nobody else
    for (const username of ['manager1', 'manager2']) {
      expect((await noticesOf(org, username, 'assessment')).map((n) => n.ticketId), username).toEqual([ticket.id])
    }
    expect(await countRows(t.core.store, 'notification', `staff_id = ${org.accounts.exManager.id}`)).toBe(0)
    expect(await noticesOf(org, 'agent1', 'assessment')).toEqual([])
    expect(await manager.api.tickets.assessments({ status: 'proposed' })).toEqual(recorded.assessments)
  })

  it('a complaint to company leaders proposes 100–300 yuan by severity, in whole 10 yuan; the amounts are settings', async () => {
    const expected: [string, number][] = [
      ['一般', 100_00],
      ['较重', 170_00],
      ['严重', 230_00],
      ['紧急', 300_00],
    ]
    for (const [severity, fen] of expected) {
      const ticket = await ticketIn(org, 'dispatched', { severity })
      const recorded = await agent.api.tickets.recordLeaderComplaint({ id: ticket.id, version: ticket.version, target: 'leaders', note: '客户找了公司副总' })
      expect(recorded.assessments.map((a) => [a.reason, a.proposedFen]), severity).toEqual([['leaders', fen]])
    }
    await manager.api.settings.update({ changes: { assessmentGeneralManagerFen: 500_00, assessmentLeadersMinFen: 50_00, assessmentLeadersMaxFen: 200_00 } })
    const serious = await ticketIn(org, 'dispatched', { severity: '较重' })
    const leaders = await agent.api.tickets.recordLeaderComplaint({ id: serious.id, version: serious.version, target: 'leaders', note: '又找了副总' })
    expect(leaders.assessments[0].proposedFen).toBe(100_00)
    const gm = await agent.api.tickets.recordLeaderComplaint({ id: serious.id, version: leaders.version, target: 'generalManager', note: '还找了总经理' })
    expect(gm.assessments.map((a) => [a.reason, a.proposedFen])).toEqual([
      ['leaders', 100_00],
      ['generalManager', 500_00],
    ])
    // the general manager outranks the leaders on the ticket
    expect(gm.leaderComplaint).toBe('generalManager')
  })

  it('one record per target per ticket; a ticket without a responsible person cannot have one — field errors, nothing changes', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    const first = await agent.api.tickets.recordLeaderComplaint({ id: ticket.id, version: ticket.version, target: 'generalManager', note: '第一次' })
    const pending = await ticketIn(org, 'pending')
    const before = await snapshot(t)
    const twice = await failure(agent.api.tickets.recordLeaderComplaint({ id: ticket.id, version: first.version, target: 'generalManager', note: '又打了一次' }))
    expect(twice).toMatchObject({ code: 'VALIDATION', fields: { target: expect.stringMatching(CJK) } })
    const nobody = await failure(agent.api.tickets.recordLeaderComplaint({ id: pending.id, version: pending.version, target: 'leaders', note: '找了副总' }))
    expect(nobody).toMatchObject({ code: 'VALIDATION', fields: { personId: expect.stringMatching(CJK) } })
    expect((await failure(agent.api.tickets.recordLeaderComplaint({ id: ticket.id, version: first.version, target: 'leaders', note: '' }))).fields).toHaveProperty(['note'])
    expect((await failure(agent.api.tickets.recordLeaderComplaint({ id: 99999, version: 1, target: 'leaders', note: '找了副总' }))).code).toBe('NOT_FOUND')
    const reception = await org.as('receptionist')
    expect((await failure(reception.api.tickets.recordLeaderComplaint({ id: ticket.id, version: first.version, target: 'leaders', note: '找了副总' }))).code).toBe('FORBIDDEN')
    expect(await snapshot(t)).toEqual(before)
  })

  it('a manager confirms (the proposed amount by default, or another within range) or rejects; out of range refused; decided once', async () => {
    const a = await ticketIn(org, 'dispatched', { severity: '较重' })
    const b = await ticketIn(org, 'dispatched')
    const c = await ticketIn(org, 'dispatched')
    const [leadersA] = (await agent.api.tickets.recordLeaderComplaint({ id: a.id, version: a.version, target: 'leaders', note: '找了副总' })).assessments
    const [leadersB] = (await agent.api.tickets.recordLeaderComplaint({ id: b.id, version: b.version, target: 'leaders', note: '找了副总' })).assessments
    const [gmC] = (await agent.api.tickets.recordLeaderComplaint({ id: c.id, version: c.version, target: 'generalManager', note: '找了总经理' })).assessments
    t.clock.advance({ hours: 3 })
    manager = await org.as('manager')

    const before = await snapshot(t)
    for (const amountFen of [99_99, 300_01, 0]) {
      const refused = await failure(manager.api.tickets.decideAssessment({ id: leadersA.id, decision: 'confirm', amountFen }))
      expect(refused, String(amountFen)).toMatchObject({ code: 'VALIDATION', fields: { amountFen: expect.stringMatching(CJK) } })
    }
    expect((await failure(manager.api.tickets.decideAssessment({ id: leadersA.id, decision: 'confirm', amountFen: 150.5 }))).fields).toHaveProperty(['amountFen'])
    expect((await failure(manager.api.tickets.decideAssessment({ id: 99999, decision: 'reject' }))).code).toBe('NOT_FOUND')
    expect(await snapshot(t)).toEqual(before)

    const confirmed = await manager.api.tickets.decideAssessment({ id: leadersA.id, decision: 'confirm' })
    expect(confirmed).toMatchObject({ status: 'confirmed', proposedFen: 170_00, amountFen: 170_00, decidedBy: { id: manager.user.id }, decidedAt: '2025-06-02T05:00:00.000Z', decisionNote: null })
    const lowered = await manager.api.tickets.decideAssessment({ id: leadersB.id, decision: 'confirm', amountFen: 300_00, note: '情节较重' })
    expect(lowered).toMatchObject({ status: 'confirmed', proposedFen: 100_00, amountFen: 300_00, decisionNote: '情节较重' })
    const rejected = await manager.api.tickets.decideAssessment({ id: gmC.id, decision: 'reject', note: '客户误会，非责任人过错' })
    expect(rejected).toMatchObject({ status: 'rejected', amountFen: null, decisionNote: '客户误会，非责任人过错', decidedBy: { id: manager.user.id } })

    // a second decision is refused, whichever way, and changes nothing
    const manager2 = await org.session('manager2')
    const decided = await snapshot(t)
    for (const [id, decision] of [
      [leadersA.id, 'reject'],
      [leadersA.id, 'confirm'],
      [gmC.id, 'confirm'],
    ] as const) {
      const again = await failure(manager2.api.tickets.decideAssessment({ id, decision }))
      expect(['CONFLICT', 'VALIDATION'], `${id} ${decision}`).toContain(again.code)
      expect(again.message).toMatch(CJK)
    }
    expect(await snapshot(t)).toEqual(decided)

    expect((await manager.api.tickets.assessments({ status: 'confirmed' })).map((x) => x.id).sort()).toEqual([leadersA.id, leadersB.id].sort())
    expect((await manager.api.tickets.assessments({ status: 'rejected' })).map((x) => x.id)).toEqual([gmC.id])
    expect(await manager.api.tickets.assessments({ status: 'proposed' })).toEqual([])
    // the decision is in the ticket's log and on its detail
    const ticketA = await agent.api.tickets.get({ id: a.id })
    expect(ticketA.assessments[0]).toEqual(confirmed)
    expect(ticketA.log.at(-1)).toMatchObject({ by: { id: manager.user.id } })
  })

  it('the general manager’s amount may be confirmed as another amount', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    const [gm] = (await agent.api.tickets.recordLeaderComplaint({ id: ticket.id, version: ticket.version, target: 'generalManager', note: '找了总经理' })).assessments
    expect(await manager.api.tickets.decideAssessment({ id: gm.id, decision: 'confirm', amountFen: 100_00 })).toMatchObject({ status: 'confirmed', amountFen: 100_00, proposedFen: 200_00 })
  })

  it('only managers decide or list assessments: agents and shift leads get FORBIDDEN, nothing changes', async () => {
    const ticket = await ticketIn(org, 'dispatched')
    const [proposal] = (await agent.api.tickets.recordLeaderComplaint({ id: ticket.id, version: ticket.version, target: 'leaders', note: '找了副总' })).assessments
    const before = await snapshot(t)
    for (const role of ['agent', 'shiftLead', 'receptionist', 'admin'] as const) {
      const who = await org.as(role)
      expect((await failure(who.api.tickets.decideAssessment({ id: proposal.id, decision: 'confirm' }))).code, role).toBe('FORBIDDEN')
      expect((await failure(who.api.tickets.assessments({}))).code, role).toBe('FORBIDDEN')
    }
    expect(await snapshot(t)).toEqual(before)
    expect((await manager.api.tickets.assessments({})).map((a) => a.status)).toEqual(['proposed'])
  })
})
