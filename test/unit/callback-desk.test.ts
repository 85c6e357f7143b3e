import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CallbackItem } from '../../main/contract/callbacks.contract'
import type { ProjectDetail } from '../../main/contract/projects.contract'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg, milestone, signProject, type ProjectOrg } from '../support/projects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { noticesOf, snapshot, TICKET_NOW } from '../support/tickets'

forEachDialect('the callback desk: scopes, claims, attempts, scores and the 回访联系单 (clock: Monday 2025-06-02 in Shanghai)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  /** 张三's site, followed by agent1: 12 weekly callbacks from 2025-06-09 */
  let followed: ProjectDetail
  /** 李四's site, followed by nobody: its 12 weekly callbacks are the pool's */
  let orphan: ProjectDetail
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildProjectOrg(t)
    followed = await milestone(org, await signProject(org), 'start', '2025-06-02')
    orphan = await milestone(org, await signProject(org, { contractNo: 'HT-2025-002', customerId: org.customers.li.id, address: '翠湖天地 5-502', agentId: null }), 'start', '2025-06-02')
  })
  afterEach(() => t.close())

  const ids = (items: CallbackItem[]) => items.map((c) => c.id)

  it('mine, the unassigned pool, and all (for shift leads and managers only); due by a date gives due and overdue', async () => {
    const agent = await org.as('agent')
    const mine = await agent.api.callbacks.list({ pageSize: 50 })
    expect(mine.total).toBe(12)
    expect(mine.items.every((c) => c.project?.id === followed.id && c.agent?.id === agent.user.id && c.kind === 'construction')).toBe(true)
    // due date order
    expect(mine.items.map((c) => c.dueOn)).toEqual([...mine.items.map((c) => c.dueOn)].sort())
    const pool = await agent.api.callbacks.list({ scope: 'unassigned', pageSize: 50 })
    expect(pool.total).toBe(12)
    expect(pool.items.every((c) => c.project?.id === orphan.id && c.agent === null && c.phone === '139 0013 9000')).toBe(true)
    expect(pool.items[0]).toMatchObject({ customer: { id: org.customers.li.id, name: '李四' }, project: { contractNo: 'HT-2025-002' }, dueOn: '2025-06-09', overdue: false, attempts: 0 })

    const before = await snapshot(t)
    const refused = await failure(agent.api.callbacks.list({ scope: 'all' }))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(CJK) })
    expect(await snapshot(t)).toEqual(before)
    for (const role of ['shiftLead', 'manager'] as const) {
      const lead = await org.as(role)
      expect((await lead.api.callbacks.list({ scope: 'all', pageSize: 100 })).total).toBe(24)
      expect(ids((await lead.api.callbacks.list({ scope: 'all', agentId: agent.user.id, pageSize: 100 })).items)).toEqual(ids(mine.items))
      // a lead's own desk is empty
      expect((await lead.api.callbacks.list({})).total).toBe(0)
    }

    // nothing is due on the day of the start; a week and a day later the first is overdue
    expect((await agent.api.callbacks.list({ dueBy: '2025-06-02' })).total).toBe(0)
    t.clock.set('2025-06-10T02:00:00.000Z')
    const later = await org.as('agent')
    const due = await later.api.callbacks.list({ dueBy: '2025-06-10' })
    expect(due.items.map((c) => [c.dueOn, c.overdue])).toEqual([['2025-06-09', true]])
    expect((await later.api.callbacks.list({ dueBy: '2025-06-16' })).items.map((c) => [c.dueOn, c.overdue])).toEqual([
      ['2025-06-09', true],
      ['2025-06-16', false],
    ])
    expect((await later.api.callbacks.list({ scope: 'unassigned', dueBy: '2025-06-10' })).total).toBe(1)
  })

  it('claim: an agent takes from the pool but not a colleague’s; a shift lead may take either', async () => {
    const agent = await org.as('agent')
    const agent2 = await org.session('agent2')
    const lead = await org.as('shiftLead')
    const [poolFirst, poolSecond] = (await agent.api.callbacks.list({ scope: 'unassigned', pageSize: 2 })).items

    const claimed = await agent2.api.callbacks.claim({ id: poolFirst.id, version: poolFirst.version })
    expect(claimed).toMatchObject({ id: poolFirst.id, agent: { id: agent2.user.id, name: '客服小王' }, status: 'open', version: poolFirst.version + 1 })
    expect(ids((await agent2.api.callbacks.list({})).items)).toEqual([poolFirst.id])
    expect(ids((await agent.api.callbacks.list({ scope: 'unassigned', pageSize: 50 })).items)).not.toContain(poolFirst.id)

    // claiming one's own changes nothing
    expect(await agent2.api.callbacks.claim({ id: claimed.id, version: claimed.version })).toMatchObject({ version: claimed.version, agent: { id: agent2.user.id } })
    const before = await snapshot(t)
    const taken = await failure(agent.api.callbacks.claim({ id: claimed.id, version: claimed.version }))
    expect(taken).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/客服小王/) })
    expect((await failure(agent.api.callbacks.claim({ id: poolSecond.id, version: poolSecond.version + 1 }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.callbacks.claim({ id: 99999, version: 1 }))).code).toBe('NOT_FOUND')
    expect(await snapshot(t)).toEqual(before)

    const byLead = await lead.api.callbacks.claim({ id: claimed.id, version: claimed.version })
    expect(byLead.agent).toEqual({ id: lead.user.id, name: lead.user.displayName })
    expect((await agent2.api.callbacks.list({})).total).toBe(0)
    const fromPool = await lead.api.callbacks.claim({ id: poolSecond.id, version: poolSecond.version })
    expect(fromPool.agent?.id).toBe(lead.user.id)
    // a done callback is not claimed, tried again nor handed over
    const done = await lead.api.callbacks.complete({ id: fromPool.id, version: fromPool.version, result: 'satisfied' })
    const finished = await snapshot(t)
    expect(await failure(agent.api.callbacks.claim({ id: done.id, version: done.version }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/完成/) })
    expect(await failure(agent.api.callbacks.recordAttempt({ id: done.id, version: done.version, outcome: 'busy', retryOn: '2025-06-03' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/完成/) })
    expect(await failure(lead.api.callbacks.assign({ id: done.id, version: done.version, agentId: agent.user.id }))).toMatchObject({ code: 'VALIDATION' })
    expect(await snapshot(t)).toEqual(finished)
  })

  it('reassign: to a working member of the service desk only', async () => {
    const agent = await org.as('agent')
    const lead = await org.as('shiftLead')
    const reception = await org.as('receptionist')
    const [cb] = (await agent.api.callbacks.list({ pageSize: 1 })).items
    const before = await snapshot(t)
    for (const agentId of [reception.user.id, org.accounts.exManager.id, 99999]) {
      expect(await failure(lead.api.callbacks.assign({ id: cb.id, version: cb.version, agentId }))).toMatchObject({ code: 'VALIDATION', fields: { agentId: expect.stringMatching(CJK) } })
    }
    expect((await failure(lead.api.callbacks.assign({ id: cb.id, version: cb.version + 1, agentId: org.accounts.agent2.id }))).code).toBe('CONFLICT')
    expect(await snapshot(t)).toEqual(before)
    const moved = await lead.api.callbacks.assign({ id: cb.id, version: cb.version, agentId: org.accounts.agent2.id })
    expect(moved).toMatchObject({ agent: { id: org.accounts.agent2.id, name: '客服小王' }, version: cb.version + 1 })
    expect((await (await org.session('agent2')).api.callbacks.list({})).items.map((c) => c.id)).toEqual([cb.id])
  })

  it('attempts: each outcome is counted, logged with who and when, and the callback is due again on the retry date', async () => {
    const agent = await org.as('agent')
    const lead = await org.as('shiftLead')
    let [cb] = (await agent.api.callbacks.list({ pageSize: 1 })).items
    expect(cb).toMatchObject({ dueOn: '2025-06-09', plannedOn: '2025-06-09', attempts: 0, lastAttemptAt: null, lastAttemptOutcome: null })

    const before = await snapshot(t)
    expect(await failure(agent.api.callbacks.recordAttempt({ id: cb.id, version: cb.version, outcome: 'hungUp' as 'busy', retryOn: '2025-06-10' }))).toMatchObject({ code: 'VALIDATION', fields: { outcome: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.callbacks.recordAttempt({ id: cb.id, version: cb.version, outcome: 'busy', retryOn: '2025-06-01' }))).toMatchObject({ code: 'VALIDATION', fields: { retryOn: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)

    const steps = [
      { by: agent, outcome: 'noAnswer', note: null, retryOn: '2025-06-09', at: '2025-06-02T02:00:00.000Z' },
      { by: agent, outcome: 'busy', note: '占线两次', retryOn: '2025-06-10', at: '2025-06-02T03:00:00.000Z' },
      { by: lead, outcome: 'wrongNumber', note: '接听的是别人', retryOn: '2025-06-11', at: '2025-06-02T04:00:00.000Z' },
      { by: agent, outcome: 'inconvenient', note: '客户在开会', retryOn: '2025-06-12', at: '2025-06-02T05:00:00.000Z' },
    ] as const
    for (const step of steps) {
      t.clock.set(step.at)
      const who = step.by === agent ? await org.as('agent') : await org.as('shiftLead')
      cb = await who.api.callbacks.recordAttempt({ id: cb.id, version: cb.version, outcome: step.outcome, note: step.note, retryOn: step.retryOn })
      expect(cb).toMatchObject({ status: 'open', lastAttemptAt: step.at, lastAttemptOutcome: step.outcome, dueOn: step.retryOn, plannedOn: '2025-06-09' })
    }
    expect(cb).toMatchObject({ attempts: 4, lastAttemptNote: '客户在开会', agent: { id: agent.user.id } })
    const detail = await agent.api.callbacks.get({ id: cb.id })
    expect(detail.attemptLog).toEqual(
      steps.map((s) => ({ at: s.at, by: { id: s.by.user.id, name: s.by.user.displayName }, outcome: s.outcome, note: s.note, retryOn: s.retryOn })),
    )
    // the desk shows it on its new date
    expect((await agent.api.callbacks.list({ dueBy: '2025-06-11' })).items.map((c) => c.id)).not.toContain(cb.id)
    expect((await agent.api.callbacks.list({ dueBy: '2025-06-12' })).items.map((c) => c.id)).toContain(cb.id)
    expect((await failure(agent.api.callbacks.get({ id: 99999 }))).code).toBe('NOT_FOUND')
  })

  it('a result with the dimensions the customer scored; the others stay empty; scores outside 1–5 are refused, nothing written', async () => {
    const agent = await org.as('agent')
    const [cb] = (await agent.api.callbacks.list({ pageSize: 1 })).items
    const before = await snapshot(t)
    for (const [scores, field] of [
      [{ quality: 0 }, 'scores.quality'],
      [{ design: 6 }, 'scores.design'],
      [{ tidiness: 4.5 }, 'scores.tidiness'],
      [{ service: -1 }, 'scores.service'],
      [{ schedule: '5' }, 'scores.schedule'],
    ] as const) {
      const error = await failure(agent.api.callbacks.complete({ id: cb.id, version: cb.version, result: 'fair', scores: scores as Record<string, number> }))
      expect(error, JSON.stringify(scores)).toMatchObject({ code: 'VALIDATION', fields: { [field]: expect.stringMatching(CJK) } })
    }
    expect(await failure(agent.api.callbacks.complete({ id: cb.id, version: cb.version, result: 'fair', scores: { price: 3 } as Record<string, number> }))).toMatchObject({ code: 'VALIDATION', fields: expect.any(Object) })
    expect(await failure(agent.api.callbacks.complete({ id: cb.id, version: cb.version, result: 'great' as 'fair' }))).toMatchObject({ code: 'VALIDATION', fields: { result: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)

    t.clock.advance({ hours: 2 })
    const me = await org.as('agent')
    const done = await me.api.callbacks.complete({ id: cb.id, version: cb.version, result: 'fair', scores: { design: 5, service: 4 }, comment: '工人很准时，就是灰尘多' })
    expect(done).toMatchObject({
      status: 'done',
      result: 'fair',
      scores: { design: 5, quality: null, tidiness: null, service: 4, schedule: null },
      comment: '工人很准时，就是灰尘多',
      doneAt: '2025-06-02T04:00:00.000Z',
      doneBy: { id: me.user.id },
      problemTicket: null,
      version: cb.version + 1,
    })
    // every dimension, and none
    const [next, third] = (await me.api.callbacks.list({ pageSize: 2 })).items
    const all = await me.api.callbacks.complete({ id: next.id, version: next.version, result: 'satisfied', scores: { design: 1, quality: 2, tidiness: 3, service: 4, schedule: 5 } })
    expect(all.scores).toEqual({ design: 1, quality: 2, tidiness: 3, service: 4, schedule: 5 })
    const none = await me.api.callbacks.complete({ id: third.id, version: third.version, result: 'unsatisfied', comment: '不想多说' })
    expect(none.scores).toEqual({ design: null, quality: null, tidiness: null, service: null, schedule: null })
    const doneList = await me.api.callbacks.list({ status: 'done', projectId: followed.id })
    expect(doneList.items.map((c) => c.id).sort((a, b) => a - b)).toEqual([cb.id, next.id, third.id].sort((a, b) => a - b))
    // the customer's timeline shows the callback done
    const timeline = await me.api.customers.timeline({ id: org.customers.zhang.id })
    expect(timeline.filter((e) => e.kind === 'callback').map((e) => e.refId)).toEqual(expect.arrayContaining([cb.id, next.id, third.id]))
  })

  it('a problem found raises a 回访联系单: a complaint from the callback, dispatched to the responsible person with the deadline, on the site', async () => {
    const agent = await org.as('agent')
    const [cb] = (await agent.api.callbacks.list({ pageSize: 1 })).items
    t.clock.advance({ hours: 1 })
    const me = await org.as('agent')
    const done = await me.api.callbacks.complete({
      id: cb.id,
      version: cb.version,
      result: 'unsatisfied',
      scores: { quality: 2 },
      comment: '客厅墙面开裂',
      problem: {
        description: '客厅墙面开裂\n裂缝约半米',
        category: '工程质量',
        severity: '较重',
        departmentId: org.departments.works.id,
        personId: org.site.pm.id,
        dueAt: '2025-06-05T10:00:00+08:00',
      },
    })
    expect(done).toMatchObject({ status: 'done', result: 'unsatisfied', problemTicket: { id: expect.any(Number), no: expect.stringMatching(/20250602/) } })
    const ticket = await me.api.tickets.get({ id: done.problemTicket!.id })
    expect(ticket).toMatchObject({
      no: done.problemTicket!.no,
      kind: 'complaint',
      source: 'callback',
      state: 'dispatched',
      customer: { id: org.customers.zhang.id, name: '张三' },
      category: '工程质量',
      severity: '较重',
      subject: '客厅墙面开裂',
      description: '客厅墙面开裂\n裂缝约半米',
      department: { id: org.departments.works.id },
      responsible: { id: org.site.pm.id, name: '钱工' },
      handler: { id: me.user.id },
      resolutionDueAt: '2025-06-05T02:00:00.000Z',
      address: '阳光花园 3 栋 1201',
    })
    expect(ticket.log.map((l) => l.action)).toEqual(['create', 'dispatch'])
    const row = await t.core.store.read.createQueryBuilder().from('ticket', 'tk').select('tk.project_id', 'projectId').where('tk.id = :id', { id: ticket.id }).getRawOne<{ projectId: unknown }>()
    expect(Number(row?.projectId)).toBe(followed.id)
    // the responsible person who logs in (钱工 = qian) is told
    expect((await noticesOf(org, 'qian', 'assigned')).map((n) => n.ticketId)).toEqual([ticket.id])
    // the callback's own detail and the site link to it
    expect((await me.api.callbacks.get({ id: cb.id })).problemTicket).toEqual(done.problemTicket)
    const site = await me.api.projects.get({ id: followed.id })
    expect(site.callbacks.find((c) => c.id === cb.id)?.problemTicket).toEqual(done.problemTicket)

    // without a deadline: the severity's (较重: 72 hours)
    const [next] = (await me.api.callbacks.list({ pageSize: 1 })).items
    const second = await me.api.callbacks.complete({
      id: next.id,
      version: next.version,
      result: 'fair',
      problem: { description: '地砖空鼓', category: '材料', severity: '较重', departmentId: org.departments.works.id, personId: org.site.crew.id },
    })
    expect(await me.api.tickets.get({ id: second.problemTicket!.id })).toMatchObject({ source: 'callback', state: 'dispatched', responsible: { id: org.site.crew.id }, resolutionDueAt: '2025-06-05T03:00:00.000Z' })
  })

  it('a bad 回访联系单 names the problem’s field; neither the callback nor a ticket is written', async () => {
    const agent = await org.as('agent')
    const [cb] = (await agent.api.callbacks.list({ pageSize: 1 })).items
    const good = { description: '客厅墙面开裂', category: '工程质量', severity: '一般', departmentId: org.departments.works.id, personId: org.site.pm.id, dueAt: null as string | null }
    const before = await snapshot(t)
    const cases: [Partial<typeof good> & Record<string, unknown>, string][] = [
      [{ personId: 99999 }, 'problem.personId'],
      [{ personId: org.people.retired.id }, 'problem.personId'],
      // 周设计 belongs to 设计部, not 工程部
      [{ personId: org.site.designer.id }, 'problem.personId'],
      [{ departmentId: 99999 }, 'problem.departmentId'],
      [{ departmentId: org.departments.closed.id }, 'problem.departmentId'],
      [{ category: '价格' }, 'problem.category'],
      [{ severity: '特急' }, 'problem.severity'],
      [{ description: '' }, 'problem.description'],
      [{ dueAt: '2025-06-01T00:00:00.000Z' }, 'problem.dueAt'],
      [{ dueAt: '下周三' }, 'problem.dueAt'],
    ]
    for (const [change, field] of cases) {
      const error = await failure(agent.api.callbacks.complete({ id: cb.id, version: cb.version, result: 'unsatisfied', problem: { ...good, ...change } }))
      expect(error, JSON.stringify(change)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(CJK), fields: { [field]: expect.stringMatching(CJK) } })
    }
    expect(await snapshot(t)).toEqual(before)
    expect((await agent.api.callbacks.get({ id: cb.id })).status).toBe('open')
  })
})
