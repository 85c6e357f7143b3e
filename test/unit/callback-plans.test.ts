import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../main/contract/settings.contract'
import { derivePlan, reconcilePlan, type PlanSite } from '../../main/services/callback-plan'
import { holidaysOf } from '../../main/services/holiday-calendar'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg, milestone, openPlanOf, planOf, signProject, type ProjectOrg } from '../support/projects'
import { openTestCore, type TestCore } from '../support/test-core'
import { TICKET_NOW } from '../support/tickets'

const weekly = (from: number, to: number, start = '2025-06-02') => {
  const out: Record<string, string> = {}
  for (let k = from; k <= to; k++) out[`weekly:${k}`] = new Date(Date.parse(`${start}T00:00:00Z`) + k * 7 * 86_400_000).toISOString().slice(0, 10)
  return out
}

forEachDialect('return-visit plans follow the site’s dates (injected clock: Monday 2025-06-02 in Shanghai)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildProjectOrg(t)
  })
  afterEach(() => t.close())

  it('nothing before the start notice; from it a weekly callback on the agent’s desk to the planned completion', async () => {
    const project = await signProject(org)
    expect(await planOf(t, project.id)).toEqual({})
    const started = await milestone(org, project, 'start', '2025-06-02')
    expect(started.status).toBe('building')
    // planned completion 2025-08-31 is further than today + 28 days: weekly through it
    expect(await openPlanOf(t, project.id)).toEqual(weekly(1, 12))
    const agent = await org.as('agent')
    const desk = await agent.api.callbacks.list({ kind: 'construction' })
    expect(desk.total).toBe(12)
    expect(desk.items[0]).toMatchObject({ kind: 'construction', dueOn: '2025-06-09', plannedOn: '2025-06-09', project: { id: project.id, contractNo: 'HT-2025-001' }, agent: { id: agent.user.id } })
    expect((await agent.api.callbacks.list({ dueBy: '2025-06-02' })).total).toBe(0)
  })

  it('a control point replaces its week’s routine callback; moving the milestone moves it and brings the routine one back', async () => {
    const project = await milestone(org, await signProject(org), 'start', '2025-06-02')
    t.clock.set('2025-06-20T04:00:00.000Z')
    let p = await milestone(org, project, 'material', '2025-06-20')
    let plan = await openPlanOf(t, p.id)
    expect(plan['milestone:material']).toBe('2025-06-21')
    // 2025-06-21 is a Saturday: the week of Monday 06-16 loses its routine callback
    expect(plan['weekly:2']).toBeUndefined()
    expect(plan['weekly:3']).toBe('2025-06-23')
    expect((await planOf(t, p.id))['weekly:2']).toBe('cancelled 2025-06-16')

    // recorded wrongly: the material came on Tuesday the 24th… no, the 17th
    p = await milestone(org, p, 'material', '2025-06-17')
    plan = await openPlanOf(t, p.id)
    expect(plan['milestone:material']).toBe('2025-06-18')
    expect(plan['weekly:2']).toBeUndefined()
    // Monday 06-23 is in the past now and the milestone still falls in the 16th's week: nothing else moves
    expect(plan['weekly:3']).toBe('2025-06-23')
    expect(p.log.at(-1)?.text).toContain('原为 2025-06-20')
  })

  it('completion recorded late: routine callbacks from completion on go, the completion callback is due at once, then 12 monthly and 4 quarterly', async () => {
    let p = await milestone(org, await signProject(org), 'start', '2025-06-02')
    const agent = await org.as('agent')
    // the first two routine callbacks are made
    for (const cb of (await agent.api.callbacks.list({ kind: 'construction', pageSize: 2 })).items) await agent.api.callbacks.complete({ id: cb.id, version: cb.version, result: 'satisfied', scores: { quality: 5, tidiness: 4 } })
    t.clock.set('2025-09-10T04:00:00.000Z')
    await t.core.sweep()
    const later = await org.as('agent')
    // still building on 09-10 past the planned completion: the weekly plan runs 28 days ahead
    expect((await openPlanOf(t, p.id))['weekly:18']).toBe('2025-10-06')
    p = await later.api.projects.get({ id: p.id })
    p = await milestone(org, p, 'completion', '2025-09-05')
    expect(p.status).toBe('completed')
    const all = await planOf(t, p.id)
    expect(all['weekly:1']).toBe('done 2025-06-09')
    expect(all['weekly:2']).toBe('done 2025-06-16')
    expect(all['weekly:12']).toBe('open 2025-08-25')
    // 09-01 and 09-08 were already past when the sweep of 09-10 extended the plan: never created
    expect(all['weekly:13']).toBeUndefined()
    expect(all['weekly:14']).toBeUndefined()
    expect(all['weekly:15']).toBe('cancelled 2025-09-15')
    expect(all['milestone:completion']).toBe('open 2025-09-06')
    const aftercare = Object.entries(await openPlanOf(t, p.id)).filter(([k]) => k.startsWith('aftercare:'))
    expect(aftercare).toEqual([
      ...Array.from({ length: 12 }, (_, i) => [`aftercare:m${i + 1}`, `${i < 3 ? 2025 : 2026}-${String(((8 + i + 1) % 12) + 1).padStart(2, '0')}-05`]),
      ['aftercare:m15', '2026-12-05'],
      ['aftercare:m18', '2027-03-05'],
      ['aftercare:m21', '2027-06-05'],
      ['aftercare:m24', '2027-09-05'],
    ])
    const done = await later.api.callbacks.list({ status: 'done', projectId: p.id })
    expect(done.items.map((c) => [c.dueOn, c.scores])).toEqual([
      ['2025-06-09', { design: null, quality: 5, tidiness: 4, service: null, schedule: null }],
      ['2025-06-16', { design: null, quality: 5, tidiness: 4, service: null, schedule: null }],
    ])
  })

  it('a cancelled project wants nothing: its open callbacks are cancelled, the done ones stay', async () => {
    let p = await milestone(org, await signProject(org), 'start', '2025-06-02')
    const agent = await org.as('agent')
    const [first] = (await agent.api.callbacks.list({ kind: 'construction', pageSize: 1 })).items
    await agent.api.callbacks.complete({ id: first.id, version: first.version, result: 'fair' })
    t.clock.set('2025-06-12T04:00:00.000Z')
    const later = await org.as('agent')
    p = await later.api.projects.cancel({ id: p.id, version: (await later.api.projects.get({ id: p.id })).version, on: '2025-06-12', reason: '客户资金问题' })
    expect(p.status).toBe('cancelled')
    const plan = await planOf(t, p.id)
    expect(plan['weekly:1']).toBe('done 2025-06-09')
    expect(Object.entries(plan).filter(([, v]) => v.startsWith('open'))).toEqual([])
    expect(Object.keys(plan)).toHaveLength(12)
  })

  it('stopped weeks get no routine callback; resuming brings the later ones back', async () => {
    let p = await milestone(org, await signProject(org), 'start', '2025-06-02')
    t.clock.set('2025-06-10T04:00:00.000Z')
    const agent = await org.as('agent')
    p = await agent.api.projects.stop({ id: p.id, version: p.version, on: '2025-06-10', reason: '物业暂停施工' })
    expect(p.status).toBe('stopped')
    expect(Object.keys(await openPlanOf(t, p.id))).toEqual(['weekly:1'])
    t.clock.set('2025-06-25T04:00:00.000Z')
    p = await (await org.as('agent')).api.projects.resume({ id: p.id, version: p.version, on: '2025-06-25', note: null })
    expect(p.status).toBe('building')
    const plan = await planOf(t, p.id)
    expect(plan['weekly:2']).toBe('cancelled 2025-06-16')
    expect(plan['weekly:3']).toBe('cancelled 2025-06-23')
    expect(plan['weekly:4']).toBe('open 2025-06-30')
  })

  it('re-deriving is idempotent: replan twice changes nothing and never duplicates; an attempt’s new date is kept', async () => {
    const p = await milestone(org, await signProject(org), 'start', '2025-06-02')
    await milestone(org, await signProject(org, { contractNo: 'HT-2025-002', customerId: org.customers.li.id }), 'start', '2025-05-26')
    const agent = await org.as('agent')
    const [first] = (await agent.api.callbacks.list({ projectId: p.id, pageSize: 1 })).items
    await agent.api.callbacks.recordAttempt({ id: first.id, version: first.version, outcome: 'busy', retryOn: '2025-06-11' })
    const before = await planOf(t, p.id)
    const manager = await org.as('manager')
    expect(await manager.api.callbacks.replan()).toEqual({ projects: 2, created: 0, moved: 0, cancelled: 0, reopened: 0 })
    expect(await manager.api.callbacks.replan()).toEqual({ projects: 2, created: 0, moved: 0, cancelled: 0, reopened: 0 })
    expect(await planOf(t, p.id)).toEqual(before)
    expect(before['weekly:1']).toBe('open 2025-06-11')
    const dupes = await t.core.store.read.query('SELECT project_id, plan_key, COUNT(*) AS n FROM callback WHERE plan_key IS NOT NULL GROUP BY project_id, plan_key HAVING COUNT(*) > 1')
    expect(dupes).toEqual([])
    // the rules change: a fortnightly plan moves the open ones and cancels every other week
    const admin = await t.admin()
    await admin.api.settings.update({ changes: { callbackWeeklyDays: 14 } })
    const changed = await manager.api.callbacks.replan()
    expect(changed.projects).toBe(2)
    expect(changed.moved).toBeGreaterThan(0)
    expect(changed.cancelled).toBeGreaterThan(0)
    expect(await manager.api.callbacks.replan()).toEqual({ projects: 2, created: 0, moved: 0, cancelled: 0, reopened: 0 })
  })

  it('holiday greetings are one batch per holiday from the chinese-days calendar, outside the callbacks', async () => {
    await milestone(org, await signProject(org), 'start', '2025-06-02')
    const agent = await org.as('agent')
    const batches = await agent.api.callbacks.greetings({ year: 2025 })
    expect(batches.map((b) => [b.name, b.holidayOn, b.source])).toEqual(holidaysOf(2025, DEFAULT_SETTINGS.greetingHolidays).map((x) => [x.name, x.on, x.source]))
    // published for 2025 except 元宵节, which is no day off: that one comes from the lunar calendar
    expect(batches.filter((b) => b.source === 'derived').map((b) => b.name)).toEqual(['元宵节'])
    const midAutumn = batches.find((b) => b.name === '中秋节')!
    expect(midAutumn).toMatchObject({ key: '2025-中秋节', audience: 1, dueOn: '2025-10-04', doneAt: null })
    expect(batches.find((b) => b.name === '端午节')!.audience).toBe(0)
    const recipients = await agent.api.callbacks.greetingRecipients({ key: '2025-中秋节' })
    expect(recipients.items).toEqual([{ customer: { id: org.customers.zhang.id, name: '张三' }, phone: '138 0013 8000', project: expect.objectContaining({ contractNo: 'HT-2025-001' }) }])
    const done = await agent.api.callbacks.markGreetingDone({ key: '2025-中秋节', note: '短信已群发' })
    expect(done).toMatchObject({ sent: 1, doneBy: { id: agent.user.id }, note: '短信已群发' })
    expect((await agent.api.callbacks.list({ status: 'done' })).total).toBe(0)
  })
})

describe('the plan, pure', () => {
  const rules = DEFAULT_SETTINGS
  const site = (overrides: Partial<PlanSite> = {}): PlanSite => ({
    contractNo: 'HT-1',
    startOn: '2025-06-02',
    materialOn: null,
    midtermOn: null,
    completionOn: null,
    completionPlannedOn: '2025-07-01',
    cancelledOn: null,
    stops: [],
    ...overrides,
  })

  it('derives the same plan twice and reconciling it with itself changes nothing', () => {
    const wanted = derivePlan(site({ materialOn: '2025-06-10', completionOn: '2025-06-30' }), rules, '2025-07-01')
    expect(derivePlan(site({ materialOn: '2025-06-10', completionOn: '2025-06-30' }), rules, '2025-07-01')).toEqual(wanted)
    const stored = wanted.map((w, i) => ({ id: i + 1, planKey: w.key, status: 'open' as const, plannedOn: w.dueOn, dueOn: w.dueOn }))
    expect(reconcilePlan(wanted, stored, '2025-07-01')).toEqual({ create: [], move: [], cancel: [], reopen: [] })
  })

  it('a routine callback already past when first planned is not created; a control point always is', () => {
    const wanted = derivePlan(site({ materialOn: '2025-06-10' }), rules, '2025-06-20')
    const { create } = reconcilePlan(wanted, [], '2025-06-20')
    // today + 28 days is the horizon while no completion is recorded; weekly:1 shares the milestone's week
    expect(create.map((c) => c.key)).toEqual(['milestone:material', 'weekly:3', 'weekly:4', 'weekly:5', 'weekly:6'])
  })

  it('rules are settings: fortnightly, no aftercare after 6 months', () => {
    const plan = derivePlan(site({ completionOn: '2025-07-14' }), { ...rules, callbackWeeklyDays: 14, callbackMonthlyMonths: 6, callbackQuarterlyUntilMonths: 6 }, '2025-07-14')
    expect(plan.filter((p) => p.kind === 'construction').map((p) => p.dueOn)).toEqual(['2025-06-16', '2025-06-30'])
    expect(plan.filter((p) => p.kind === 'aftercare').map((p) => p.key)).toEqual(['aftercare:m1', 'aftercare:m2', 'aftercare:m3', 'aftercare:m4', 'aftercare:m5', 'aftercare:m6'])
  })

  it('holidays: the published arrangement where the package has it (2026), the lunar calendar where not yet (2027)', () => {
    const y2026 = holidaysOf(2026, DEFAULT_SETTINGS.greetingHolidays)
    expect(y2026.find((x) => x.name === '春节')).toEqual({ name: '春节', on: '2026-02-15', source: 'official' })
    expect(y2026.find((x) => x.name === '元宵节')).toEqual({ name: '元宵节', on: '2026-03-03', source: 'derived' })
    const y2027 = holidaysOf(2027, DEFAULT_SETTINGS.greetingHolidays)
    expect(y2027.every((x) => x.source === 'derived')).toBe(true)
    expect(y2027.map((x) => [x.name, x.on])).toEqual([
      ['元旦', '2027-01-01'],
      ['春节', '2027-02-06'],
      ['元宵节', '2027-02-20'],
      ['清明节', '2027-04-05'],
      ['劳动节', '2027-05-01'],
      ['端午节', '2027-06-09'],
      ['中秋节', '2027-09-15'],
      ['国庆节', '2027-10-01'],
    ])
  })
})
