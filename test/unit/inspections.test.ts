import { afterEach, beforeEach, expect, it } from 'vitest'
import type { z } from 'zod'
import type { inspectionsContract } from '../../main/contract/inspections.contract'
import type { ProjectDetail } from '../../main/contract/projects.contract'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg, driveProject, signProject, type ProjectOrg } from '../support/projects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { snapshot, TICKET_NOW } from '../support/tickets'

type RecordInput = z.input<typeof inspectionsContract.record.input>

forEachDialect('site inspections: the weekly due list, findings and rectification notices rechecked until they pass (clock: Monday 2025-06-02 in Shanghai)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildProjectOrg(t)
  })
  afterEach(() => t.close())

  const site = async (no: string, steps: Parameters<typeof driveProject>[2], customerId = org.customers.zhang.id): Promise<ProjectDetail> =>
    driveProject(org, await signProject(org, { contractNo: no, customerId, address: `${no} 工地` }), steps)

  const record = async (p: ProjectDetail, overrides: Partial<RecordInput> = {}) =>
    (await org.as('agent')).api.inspections.record({
      projectId: p.id,
      inspectedOn: '2025-06-02',
      inspectorId: org.site.supervisor.id,
      result: 'ok',
      findings: '现场整洁，施工规范',
      ...overrides,
    })

  const issues = (deadlineOn = '2025-06-05', responsibleId = org.site.crew.id) =>
    ({ result: 'issues', findings: '卫生间防水层破损', rectification: { items: '重做卫生间防水并闭水试验', responsibleId, deadlineOn } }) as const

  it('the due list: sites under construction whose last inspection (or start) is an interval old, most overdue first', async () => {
    const started = await site('HT-A', [['start', '2025-06-02']])
    const old = await site('HT-B', [['start', '2025-05-20']], org.customers.li.id)
    const recent = await site('HT-G', [['start', '2025-05-25']])
    // not under construction: not due
    await site('HT-C', [])
    await site('HT-D', [['start', '2025-05-20'], ['stop', '2025-05-22']])
    await site('HT-E', [['start', '2025-05-20'], ['completion', '2025-05-30']])
    await site('HT-F', [['start', '2025-05-20'], ['cancel', '2025-05-30']])
    const agent = await org.as('agent')
    const due = await agent.api.inspections.due({})
    expect(due.total).toBe(2)
    expect(due.items).toEqual([
      {
        project: { id: old.id, contractNo: 'HT-B', address: 'HT-B 工地' },
        customer: { id: org.customers.li.id, name: '李四' },
        supervisor: { id: org.site.supervisor.id, name: '杨监理' },
        projectManager: { id: org.site.pm.id, name: '钱工' },
        lastInspectedOn: null,
        dueOn: '2025-05-27',
        overdueDays: 6,
        openRectifications: 0,
      },
      expect.objectContaining({ project: expect.objectContaining({ id: recent.id }), dueOn: '2025-06-01', overdueDays: 1 }),
    ])
    const nextWeek = await agent.api.inspections.due({ asOf: '2025-06-09' })
    expect(nextWeek.items.map((d) => [d.project.contractNo, d.dueOn, d.overdueDays])).toEqual([
      ['HT-B', '2025-05-27', 13],
      ['HT-G', '2025-06-01', 8],
      ['HT-A', '2025-06-09', 0],
    ])
    expect((await agent.api.inspections.due({ asOf: '2025-06-09', pageSize: 1, page: 3 })).items.map((d) => d.project.id)).toEqual([started.id])

    // inspected yesterday with issues: due again a week later, with its open notice counted
    await record(old, { inspectedOn: '2025-06-01', ...issues() })
    expect((await agent.api.inspections.due({})).items.map((d) => d.project.contractNo)).toEqual(['HT-G'])
    const b = (await agent.api.inspections.due({ asOf: '2025-06-08' })).items.find((d) => d.project.id === old.id)
    expect(b).toMatchObject({ lastInspectedOn: '2025-06-01', dueOn: '2025-06-08', overdueDays: 0, openRectifications: 1 })
    // the latest inspection counts, not the first
    await record(old, { inspectedOn: '2025-05-28' })
    expect((await agent.api.inspections.due({ asOf: '2025-06-08' })).items.find((d) => d.project.id === old.id)?.lastInspectedOn).toBe('2025-06-01')

    // the interval is a setting
    await (await t.admin()).api.settings.update({ changes: { inspectionIntervalDays: 3 } })
    expect((await agent.api.inspections.due({})).items.map((d) => [d.project.contractNo, d.dueOn, d.overdueDays])).toEqual([['HT-G', '2025-05-28', 5]])
    expect((await agent.api.inspections.due({ asOf: '2025-06-05' })).items.map((d) => [d.project.contractNo, d.dueOn, d.overdueDays])).toEqual([
      ['HT-G', '2025-05-28', 8],
      ['HT-B', '2025-06-04', 1],
      ['HT-A', '2025-06-05', 0],
    ])
  })

  it('records an inspection that passed, and one with issues and its numbered rectification notice (ZG + date + sequence)', async () => {
    const agent = await org.as('agent')
    const a = await site('HT-A', [['start', '2025-05-26']])
    const b = await site('HT-B', [['start', '2025-05-26']], org.customers.li.id)
    const ok = await record(a, { inspectorId: null })
    expect(ok).toEqual({
      id: expect.any(Number),
      project: { id: a.id, contractNo: 'HT-A', address: 'HT-A 工地' },
      inspectedOn: '2025-06-02',
      inspector: null,
      recordedBy: { id: agent.user.id, name: agent.user.displayName },
      result: 'ok',
      findings: '现场整洁，施工规范',
      photos: [],
      rectification: null,
    })
    const first = await record(a, issues('2025-06-05'))
    expect(first.rectification).toEqual({
      id: expect.any(Number),
      no: 'ZG20250602001',
      inspectionId: first.id,
      project: { id: a.id, contractNo: 'HT-A', address: 'HT-A 工地' },
      customer: { id: org.customers.zhang.id, name: '张三' },
      items: '重做卫生间防水并闭水试验',
      responsible: { id: org.site.crew.id, name: '孙工队' },
      deadlineOn: '2025-06-05',
      status: 'open',
      overdue: false,
      rechecks: [],
      closedOn: null,
      version: 1,
    })
    expect(first.inspector).toEqual({ id: org.site.supervisor.id, name: '杨监理' })
    const second = await record(b, issues('2025-06-02', org.site.pm.id))
    expect(second.rectification?.no).toBe('ZG20250602002')
    // numbered by the inspection's own date
    const earlier = await record(b, { inspectedOn: '2025-05-30', ...issues('2025-06-06') })
    expect(earlier.rectification?.no).toBe('ZG20250530001')
    t.clock.set('2025-06-03T03:00:00.000Z')
    const nextDay = await (await org.as('agent')).api.inspections.record({ projectId: a.id, inspectedOn: '2025-06-03', inspectorId: null, ...issues('2025-06-10') })
    expect(nextDay.rectification?.no).toBe('ZG20250603001')

    const me = await org.as('agent')
    expect(await me.api.inspections.get({ id: first.id })).toEqual(first)
    const listA = await me.api.inspections.list({ projectId: a.id })
    expect(listA.items.map((i) => [i.inspectedOn, i.result, i.rectification?.no ?? null])).toEqual([
      ['2025-06-03', 'issues', 'ZG20250603001'],
      ['2025-06-02', 'issues', 'ZG20250602001'],
      ['2025-06-02', 'ok', null],
    ])
    expect((await me.api.inspections.list({})).total).toBe(5)
    expect((await failure(me.api.inspections.get({ id: 99999 }))).code).toBe('NOT_FOUND')
    const open = await me.api.inspections.rectifications({})
    // the nearest deadline first
    expect(open.items.map((r) => r.no)).toEqual(['ZG20250602002', 'ZG20250602001', 'ZG20250530001', 'ZG20250603001'])
    expect(open.items[0].overdue).toBe(true)
    expect((await me.api.inspections.rectifications({ projectId: b.id })).items.map((r) => r.no)).toEqual(['ZG20250602002', 'ZG20250530001'])
  })

  it('bad inspections name their field in Chinese and write nothing', async () => {
    const agent = await org.as('agent')
    const a = await site('HT-A', [['start', '2025-05-26']])
    const pending = await site('HT-P', [])
    const cancelled = await site('HT-X', [['start', '2025-05-26'], ['cancel', '2025-05-30']])
    const before = await snapshot(t)
    const cases: [Partial<RecordInput>, string][] = [
      [{ result: 'issues', rectification: null }, 'rectification'],
      [{ result: 'issues' }, 'rectification'],
      [{ result: 'ok', rectification: issues().rectification }, 'rectification'],
      [{ ...issues('2025-06-01') }, 'rectification.deadlineOn'],
      [{ ...issues(), rectification: { items: '', responsibleId: org.site.crew.id, deadlineOn: '2025-06-05' } }, 'rectification.items'],
      [{ ...issues('2025-06-05', 99999) }, 'rectification.responsibleId'],
      [{ ...issues('2025-06-05', org.people.retired.id) }, 'rectification.responsibleId'],
      [{ inspectedOn: '2025-06-03' }, 'inspectedOn'],
      [{ inspectedOn: '2025-05-25' }, 'inspectedOn'],
      [{ inspectorId: 99999 }, 'inspectorId'],
      [{ findings: '' }, 'findings'],
      [{ result: 'fine' as 'ok' }, 'result'],
      [{ projectId: 99999 }, 'projectId'],
      [{ projectId: pending.id }, 'projectId'],
      [{ projectId: cancelled.id, inspectedOn: '2025-05-28' }, 'projectId'],
    ]
    for (const [overrides, field] of cases) {
      const error = await failure(record(a, overrides))
      expect(error, JSON.stringify(overrides)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(CJK), fields: { [field]: expect.stringMatching(CJK) } })
    }
    expect((await failure(agent.api.inspections.recheck({ id: 99999, version: 1, passed: true, note: '已整改' }))).code).toBe('NOT_FOUND')
    expect(await snapshot(t)).toEqual(before)
  })

  it('overdue notices are listed once the deadline passes; a failed recheck needs a new deadline, a passed one closes the notice', async () => {
    const a = await site('HT-A', [['start', '2025-05-26']])
    const inspection = await record(a, issues('2025-06-05'))
    let r = inspection.rectification!
    const agent = await org.as('agent')
    expect((await agent.api.inspections.rectifications({ status: 'overdue' })).total).toBe(0)
    t.clock.set('2025-06-05T15:59:00.000Z')
    expect((await (await org.as('agent')).api.inspections.rectifications({ status: 'overdue' })).total).toBe(0)
    // Friday 06-06 in Shanghai: one day past the deadline
    t.clock.set('2025-06-05T16:00:00.000Z')
    const lead = await org.as('shiftLead')
    const overdue = await lead.api.inspections.rectifications({ status: 'overdue' })
    expect(overdue.items.map((x) => [x.no, x.overdue])).toEqual([[r.no, true]])
    expect((await lead.api.inspections.rectifications({ status: 'open' })).items.map((x) => x.id)).toEqual([r.id])

    const before = await snapshot(t)
    const bad: [Parameters<typeof lead.api.inspections.recheck>[0], string][] = [
      [{ id: r.id, version: r.version, passed: false, note: '防水仍未重做' }, 'newDeadlineOn'],
      [{ id: r.id, version: r.version, passed: false, note: '防水仍未重做', newDeadlineOn: '2025-06-05' }, 'newDeadlineOn'],
      [{ id: r.id, version: r.version, passed: true, note: '已整改', newDeadlineOn: '2025-06-10' }, 'newDeadlineOn'],
      [{ id: r.id, version: r.version, passed: true, note: '' }, 'note'],
    ]
    for (const [input, field] of bad) {
      expect(await failure(lead.api.inspections.recheck(input)), JSON.stringify(input)).toMatchObject({ code: 'VALIDATION', fields: { [field]: expect.stringMatching(CJK) } })
    }
    expect((await failure(lead.api.inspections.recheck({ id: r.id, version: r.version + 1, passed: true, note: '已整改' }))).code).toBe('CONFLICT')
    expect(await snapshot(t)).toEqual(before)

    r = await lead.api.inspections.recheck({ id: r.id, version: r.version, passed: false, note: '防水仍未重做', newDeadlineOn: '2025-06-10' })
    expect(r).toMatchObject({ status: 'open', deadlineOn: '2025-06-10', overdue: false, closedOn: null, version: 2 })
    expect(r.rechecks).toEqual([{ at: '2025-06-05T16:00:00.000Z', by: { id: lead.user.id, name: lead.user.displayName }, passed: false, note: '防水仍未重做', newDeadlineOn: '2025-06-10' }])
    expect((await lead.api.inspections.rectifications({ status: 'overdue' })).total).toBe(0)

    t.clock.set('2025-06-11T02:00:00.000Z')
    const me = await org.as('agent')
    expect((await me.api.inspections.rectifications({ status: 'overdue' })).items.map((x) => x.id)).toEqual([r.id])
    r = await me.api.inspections.recheck({ id: r.id, version: r.version, passed: true, note: '闭水试验合格' })
    expect(r).toMatchObject({ status: 'passed', overdue: false, closedOn: '2025-06-11', version: 3 })
    expect(r.rechecks.map((k) => [k.passed, k.note, k.newDeadlineOn, k.by.id])).toEqual([
      [false, '防水仍未重做', '2025-06-10', lead.user.id],
      [true, '闭水试验合格', null, me.user.id],
    ])
    expect((await me.api.inspections.rectifications({})).total).toBe(0)
    expect((await me.api.inspections.rectifications({ status: 'overdue' })).total).toBe(0)
    expect((await me.api.inspections.rectifications({ status: 'passed' })).items.map((x) => x.id)).toEqual([r.id])
    expect((await me.api.inspections.get({ id: inspection.id })).rectification).toEqual(r)
    expect((await me.api.inspections.due({})).items.find((d) => d.project.id === a.id)?.openRectifications).toBe(0)

    const closed = await snapshot(t)
    expect(await failure(me.api.inspections.recheck({ id: r.id, version: r.version, passed: true, note: '再查一次' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/合格/) })
    expect(await snapshot(t)).toEqual(closed)
  })
})
