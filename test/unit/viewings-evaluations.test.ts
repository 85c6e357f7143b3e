import { afterEach, beforeEach, expect, it } from 'vitest'
import type { z } from 'zod'
import type { ProjectDetail, projectsContract } from '../../main/contract/projects.contract'
import type { ViewingTrip, viewingsContract } from '../../main/contract/viewings.contract'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg, driveProject, signProject, type ProjectOrg } from '../support/projects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { snapshot, TICKET_NOW } from '../support/tickets'

type SaveTrip = z.input<typeof viewingsContract.save.input>
type SaveEvaluation = z.input<typeof projectsContract.saveEvaluation.input>

forEachDialect('house-viewing trips and their report (clock: Monday 2025-06-02 in Shanghai)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  let siteA: ProjectDetail
  let siteB: ProjectDetail
  let wang: { id: number }
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildProjectOrg(t)
    siteA = await driveProject(org, await signProject(org, { contractNo: 'HT-A', address: '阳光花园 3-1201' }), [['start', '2025-05-26']])
    siteB = await driveProject(org, await signProject(org, { contractNo: 'HT-B', address: '翠湖天地 5-502', customerId: org.customers.li.id }), [['start', '2025-05-21']])
    wang = await (await org.as('agent')).api.customers.create({ name: '王五', phone: '13700137000' })
  })
  afterEach(() => t.close())

  const trip = async (overrides: Partial<SaveTrip> = {}) => {
    const agent = await org.as('agent')
    return agent.api.viewings.save({
      tripOn: '2025-06-07',
      departAt: '09:30',
      guideId: agent.user.id,
      customerIds: [org.customers.zhang.id, org.customers.li.id],
      projectIds: [siteA.id, siteB.id],
      note: '门店门口集合',
      ...overrides,
    })
  }

  it('arranges a trip (clients and sites once each), lists trips by date, and edits one with its version', async () => {
    const agent = await org.as('agent')
    const saved = await trip({ customerIds: [org.customers.zhang.id, org.customers.li.id, org.customers.zhang.id] })
    expect(saved).toEqual({
      id: expect.any(Number),
      tripOn: '2025-06-07',
      departAt: '09:30',
      guide: { id: agent.user.id, name: agent.user.displayName },
      clients: [
        { customer: { id: org.customers.zhang.id, name: '张三' }, outcome: null },
        { customer: { id: org.customers.li.id, name: '李四' }, outcome: null },
      ],
      sites: [
        { id: siteA.id, contractNo: 'HT-A', address: '阳光花园 3-1201' },
        { id: siteB.id, contractNo: 'HT-B', address: '翠湖天地 5-502' },
      ],
      note: '门店门口集合',
      report: null,
      reportedAt: null,
      version: 1,
    })
    expect(await agent.api.viewings.get({ id: saved.id })).toEqual(saved)
    const earlier = await trip({ tripOn: '2025-05-31', departAt: null, guideId: null, customerIds: [wang.id], projectIds: [siteB.id], note: null })
    expect(earlier).toMatchObject({ departAt: null, guide: null, note: null })
    const later = await trip({ tripOn: '2025-06-14' })
    expect((await agent.api.viewings.list({})).items.map((v) => v.id)).toEqual([later.id, saved.id, earlier.id])
    expect((await agent.api.viewings.list({ from: '2025-06-01' })).items.map((v) => v.id)).toEqual([later.id, saved.id])
    expect((await agent.api.viewings.list({ to: '2025-06-07' })).items.map((v) => v.id)).toEqual([saved.id, earlier.id])
    expect((await agent.api.viewings.list({ from: '2025-06-07', to: '2025-06-07' })).items.map((v) => v.id)).toEqual([saved.id])
    expect(await agent.api.viewings.list({ page: 2, pageSize: 2 })).toMatchObject({ total: 3, items: [expect.objectContaining({ id: earlier.id })] })

    const edited = await agent.api.viewings.save({
      id: saved.id,
      version: saved.version,
      tripOn: '2025-06-08',
      departAt: '14:00',
      guideId: null,
      customerIds: [org.customers.li.id, wang.id],
      projectIds: [siteB.id],
      note: '改到周日下午',
    })
    expect(edited).toMatchObject({
      id: saved.id,
      tripOn: '2025-06-08',
      departAt: '14:00',
      guide: null,
      clients: [{ customer: { id: org.customers.li.id } }, { customer: { id: wang.id } }],
      sites: [{ id: siteB.id }],
      version: 2,
    })
    const before = await snapshot(t)
    expect((await failure(agent.api.viewings.save({ ...toSave(saved), version: saved.version }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.viewings.save({ ...toSave(saved), id: 99999, version: 1 }))).code).toBe('NOT_FOUND')
    expect((await failure(agent.api.viewings.get({ id: 99999 }))).code).toBe('NOT_FOUND')
    expect(await snapshot(t)).toEqual(before)
  })

  it('the 看房汇报 records each client’s outcome, only for the trip’s own clients; an edit keeps the outcomes of those who stay', async () => {
    const agent = await org.as('agent')
    const saved = await trip()
    const before = await snapshot(t)
    // 王五 was not on the trip
    expect(
      await failure(
        agent.api.viewings.report({
          id: saved.id,
          version: saved.version,
          report: '两位客户都很满意',
          outcomes: [
            { customerId: org.customers.zhang.id, outcome: 'interested' },
            { customerId: wang.id, outcome: 'deposit' },
          ],
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION', fields: { outcomes: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.viewings.report({ id: saved.id, version: saved.version, report: '', outcomes: [] }))).toMatchObject({ code: 'VALIDATION', fields: { report: expect.stringMatching(CJK) } })
    expect(
      await failure(agent.api.viewings.report({ id: saved.id, version: saved.version, report: '好', outcomes: [{ customerId: org.customers.zhang.id, outcome: 'maybe' as 'undecided' }] })),
    ).toMatchObject({ code: 'VALIDATION', fields: { 'outcomes.0.outcome': expect.stringMatching(CJK) } })
    expect((await failure(agent.api.viewings.report({ id: saved.id, version: 5, report: '好', outcomes: [] }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.viewings.report({ id: 99999, version: 1, report: '好', outcomes: [] }))).code).toBe('NOT_FOUND')
    expect(await snapshot(t)).toEqual(before)

    t.clock.advance({ days: 5, hours: 8 })
    const me = await org.as('agent')
    const reported = await me.api.viewings.report({
      id: saved.id,
      version: saved.version,
      report: '张三当场交定，李四还在考虑',
      outcomes: [
        { customerId: org.customers.zhang.id, outcome: 'deposit' },
        { customerId: org.customers.li.id, outcome: 'undecided' },
      ],
    })
    expect(reported).toMatchObject({
      report: '张三当场交定，李四还在考虑',
      reportedAt: '2025-06-07T10:00:00.000Z',
      clients: [
        { customer: { id: org.customers.zhang.id }, outcome: 'deposit' },
        { customer: { id: org.customers.li.id }, outcome: 'undecided' },
      ],
      version: 2,
    })
    // a second report may change one outcome and leave the other
    const again = await me.api.viewings.report({ id: saved.id, version: reported.version, report: '李四也有意向了', outcomes: [{ customerId: org.customers.li.id, outcome: 'interested' }] })
    expect(again.clients.map((c) => c.outcome)).toEqual(['deposit', 'interested'])
    // 张三 leaves the list, 王五 joins: 李四's outcome stays, 王五 has none yet
    const edited = await me.api.viewings.save({ ...toSave(again), customerIds: [org.customers.li.id, wang.id] })
    expect(edited.clients.map((c) => [c.customer.id, c.outcome])).toEqual([
      [org.customers.li.id, 'interested'],
      [wang.id, null],
    ])
    expect(edited.report).toBe('李四也有意向了')
  })

  it('bad trips name their field in Chinese and write nothing', async () => {
    const pending = await signProject(org, { contractNo: 'HT-P' })
    const cancelled = await driveProject(org, await signProject(org, { contractNo: 'HT-X' }), [['start', '2025-05-26'], ['cancel', '2025-05-30']])
    const retiredAgent = await (await t.admin()).api.staff.create({ username: 'gone', displayName: '离职客服', role: 'agent', password: 'correct-horse-8' })
    await (await t.admin()).api.staff.update({ id: retiredAgent.id, active: false })
    const before = await snapshot(t)
    const cases: [Partial<SaveTrip>, string][] = [
      [{ customerIds: [] }, 'customerIds'],
      [{ customerIds: [org.customers.zhang.id, 99999] }, 'customerIds'],
      [{ projectIds: [] }, 'projectIds'],
      [{ projectIds: [99999] }, 'projectIds'],
      [{ projectIds: [siteA.id, pending.id] }, 'projectIds'],
      [{ projectIds: [cancelled.id] }, 'projectIds'],
      [{ guideId: 99999 }, 'guideId'],
      [{ guideId: retiredAgent.id }, 'guideId'],
      [{ departAt: '9:30' }, 'departAt'],
      [{ departAt: '24:00' }, 'departAt'],
      [{ tripOn: '2025-06-31' }, 'tripOn'],
    ]
    for (const [overrides, field] of cases) {
      const error = await failure(trip(overrides))
      expect(error, JSON.stringify(overrides)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(CJK), fields: { [field]: expect.stringMatching(CJK) } })
    }
    expect(await snapshot(t)).toEqual(before)
  })
})

forEachDialect('monthly customer evaluations (客户评价表) of the sites completed in a month', (h) => {
  let t: TestCore
  let org: ProjectOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: '2025-09-02T02:00:00.000Z' })
    org = await buildProjectOrg(t)
  })
  afterEach(() => t.close())

  const scores = { designer: 5, projectManager: 4, supervisor: 4, crew: 3, overall: 4 }

  it('lists the month’s completed sites in completion order, saves the scores once and updates them with the version', async () => {
    const agent = await org.as('agent')
    const late = await driveProject(org, await signProject(org, { contractNo: 'E-2', customerId: org.customers.li.id, supervisorId: null, crewId: null }), [['start', '2025-06-02'], ['completion', '2025-08-31']])
    const early = await driveProject(org, await signProject(org, { contractNo: 'E-1' }), [['start', '2025-06-02'], ['completion', '2025-08-01'], ['pay', 'final', '2025-08-02']])
    await driveProject(org, await signProject(org, { contractNo: 'E-3' }), [['start', '2025-06-02'], ['completion', '2025-09-01']])
    await driveProject(org, await signProject(org, { contractNo: 'E-4' }), [['start', '2025-06-02']])
    await driveProject(org, await signProject(org, { contractNo: 'E-5' }), [['start', '2025-06-02'], ['cancel', '2025-08-15']])

    const august = await agent.api.projects.evaluations({ month: '2025-08' })
    expect(august).toEqual([
      {
        project: { id: early.id, contractNo: 'E-1', address: '阳光花园 3 栋 1201', completedOn: '2025-08-01' },
        customer: { id: org.customers.zhang.id, name: '张三' },
        designer: { id: org.site.designer.id, name: '周设计' },
        projectManager: { id: org.site.pm.id, name: '钱工' },
        supervisor: { id: org.site.supervisor.id, name: '杨监理' },
        crew: { id: org.site.crew.id, name: '孙工队' },
        evaluation: null,
      },
      expect.objectContaining({ project: expect.objectContaining({ id: late.id, completedOn: '2025-08-31' }), supervisor: null, crew: null, evaluation: null }),
    ])
    expect((await agent.api.projects.evaluations({ month: '2025-09' })).map((r) => r.project.contractNo)).toEqual(['E-3'])
    expect(await agent.api.projects.evaluations({ month: '2025-07' })).toEqual([])

    const saved = await agent.api.projects.saveEvaluation({ projectId: early.id, scores, comment: '整体满意，收尾稍慢', sentOn: '2025-08-05', returnedOn: '2025-08-12' })
    expect(saved.evaluation).toEqual({
      id: expect.any(Number),
      scores,
      comment: '整体满意，收尾稍慢',
      sentOn: '2025-08-05',
      returnedOn: '2025-08-12',
      recordedBy: { id: agent.user.id, name: agent.user.displayName },
      version: 1,
    })
    expect((await agent.api.projects.evaluations({ month: '2025-08' }))[0]).toEqual(saved)

    const before = await snapshot(t)
    // entered once: a second "new" one conflicts, so does a stale version
    expect((await failure(agent.api.projects.saveEvaluation({ projectId: early.id, scores }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.projects.saveEvaluation({ projectId: early.id, version: 2, scores }))).code).toBe('CONFLICT')
    // a version for one never entered
    expect((await failure(agent.api.projects.saveEvaluation({ projectId: late.id, version: 1, scores }))).code).toBe('CONFLICT')
    expect(await snapshot(t)).toEqual(before)

    const lead = await org.as('shiftLead')
    const updated = await lead.api.projects.saveEvaluation({ projectId: early.id, version: 1, scores: { ...scores, crew: 5 }, comment: null, sentOn: '2025-08-05', returnedOn: null })
    expect(updated.evaluation).toMatchObject({ scores: { ...scores, crew: 5 }, comment: null, returnedOn: null, recordedBy: { id: lead.user.id }, version: 2 })
  })

  it('scores outside 1–5, a return before the sending, a site not completed: refused with the field, nothing written', async () => {
    const agent = await org.as('agent')
    const done = await driveProject(org, await signProject(org, { contractNo: 'E-1' }), [['start', '2025-06-02'], ['completion', '2025-08-01']])
    const building = await driveProject(org, await signProject(org, { contractNo: 'E-2' }), [['start', '2025-06-02']])
    const before = await snapshot(t)
    const cases: [Partial<SaveEvaluation>, string][] = [
      [{ scores: { ...scores, overall: 0 } }, 'scores.overall'],
      [{ scores: { ...scores, designer: 6 } }, 'scores.designer'],
      [{ scores: { ...scores, crew: 3.5 } }, 'scores.crew'],
      [{ scores: { designer: 5, projectManager: 4, supervisor: 4, overall: 4 } as typeof scores }, 'scores.crew'],
      [{ scores: { ...scores, tidiness: 3 } as typeof scores }, 'scores.tidiness'],
      [{ sentOn: '2025-08-10', returnedOn: '2025-08-09' }, 'returnedOn'],
      [{ sentOn: '2025-02-30' }, 'sentOn'],
      [{ projectId: building.id }, 'projectId'],
      [{ projectId: 99999 }, 'projectId'],
    ]
    for (const [overrides, field] of cases) {
      const error = await failure(agent.api.projects.saveEvaluation({ projectId: done.id, scores, ...overrides }))
      expect(error, JSON.stringify(overrides)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(CJK), fields: { [field]: expect.stringMatching(CJK) } })
    }
    expect(await failure(agent.api.projects.evaluations({ month: '2025-8' }))).toMatchObject({ code: 'VALIDATION', fields: { month: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.projects.evaluations({ month: '2025-13' }))).toMatchObject({ code: 'VALIDATION', fields: { month: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)
  })
})

/** The trip as `save` takes it back. */
function toSave(trip: ViewingTrip): SaveTrip {
  return {
    id: trip.id,
    version: trip.version,
    tripOn: trip.tripOn,
    departAt: trip.departAt,
    guideId: trip.guide?.id ?? null,
    customerIds: trip.clients.map((c) => c.customer.id),
    projectIds: trip.sites.map((s) => s.id),
    note: trip.note,
  }
}
