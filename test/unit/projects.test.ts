import { afterEach, beforeEach, expect, it } from 'vitest'
import { callbacksContract } from '../../main/contract/callbacks.contract'
import { depositsContract } from '../../main/contract/deposits.contract'
import { inspectionsContract } from '../../main/contract/inspections.contract'
import { PROJECT_STATUSES, projectsContract, WEEKLY_LISTS, type ProjectDetail, type ProjectStatus, type WeeklyCounts, type WeeklyList } from '../../main/contract/projects.contract'
import { shiftDate, weekStartOf } from '../../main/contract/time'
import { viewingsContract } from '../../main/contract/viewings.contract'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg, driveProject, milestone, openPlanOf, registerDeposit, reloadProject, signProject, type CreateProjectInput, type ProjectOrg, type SiteStep } from '../support/projects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'
import { snapshot, TICKET_NOW } from '../support/tickets'

const NO_PLAN = { start: null, material: null, midterm: null, completion: null }

/** The contract's own words for the weekly counts, applied by hand to the dates the test recorded: as of the week. */
interface HandSite {
  no: string
  start?: string
  midterm?: string
  midtermPlanned: string | null
  midtermPaid?: string
  completion?: string
  finalPaid?: string
  settled?: string
  cancelled?: string
}

function handCounts(sites: HandSite[], weekOf: string): Record<WeeklyList, string[]> {
  const from = weekStartOf(weekOf)
  const to = shiftDate(from, 6)
  const alive = (s: HandSite) => !s.cancelled || s.cancelled > to
  const out: Record<WeeklyList, string[]> = { building: [], dueMidterm: [], dueFinal: [], toSettle: [], completedThisWeek: [] }
  for (const s of sites) {
    if (s.start && s.start <= to && (!s.completion || s.completion >= from) && (!s.cancelled || s.cancelled >= from)) out.building.push(s.no)
    const midtermBy = s.midterm ?? s.midtermPlanned
    if (alive(s) && midtermBy && midtermBy <= to && (!s.midtermPaid || s.midtermPaid > to)) out.dueMidterm.push(s.no)
    if (alive(s) && s.completion && s.completion <= to && (!s.finalPaid || s.finalPaid > to)) out.dueFinal.push(s.no)
    if (alive(s) && s.completion && s.completion <= to && (!s.settled || s.settled > to)) out.toSettle.push(s.no)
    if (alive(s) && s.completion && s.completion >= from && s.completion <= to) out.completedThisWeek.push(s.no)
  }
  for (const list of WEEKLY_LISTS) out[list].sort()
  return out
}

/** The hand-made site's dates, read off the steps it was driven through. */
function handSite(no: string, midtermPlanned: string | null, steps: readonly SiteStep[]): HandSite {
  const s: HandSite = { no, midtermPlanned }
  for (const step of steps) {
    if (step[0] === 'pay') {
      if (step[1] === 'midterm') s.midtermPaid = step[2]
      if (step[1] === 'final') s.finalPaid = step[2]
    } else if (step[0] === 'start' || step[0] === 'midterm' || step[0] === 'completion') s[step[0]] = step[1]
    else if (step[0] === 'cancel') s.cancelled = step[1]
    else if (step[0] === 'settle') s.settled = step[1]
  }
  return s
}

forEachDialect('projects: a signed contract is a site whose status follows its dates (clock: Monday 2025-06-02 in Shanghai)', (h) => {
  let t: TestCore
  let org: ProjectOrg
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: TICKET_NOW })
    org = await buildProjectOrg(t)
  })
  afterEach(() => t.close())

  const statusIds = async (status: ProjectStatus) => (await (await org.as('agent')).api.projects.list({ status })).items.map((p) => p.id)
  /** the status on the detail, in the list, and in that status's filter only */
  async function expectStatus(p: ProjectDetail, status: ProjectStatus): Promise<void> {
    expect(p.status).toBe(status)
    const agent = await org.as('agent')
    expect((await agent.api.projects.get({ id: p.id })).status).toBe(status)
    expect((await agent.api.projects.list({ q: p.contractNo })).items.map((x) => [x.id, x.status])).toEqual([[p.id, status]])
    for (const s of PROJECT_STATUSES) expect(await statusIds(s), `${p.contractNo} in the ${s} list`).toEqual(s === status ? [p.id] : [])
  }

  it('待开工 → 施工中 → 停工 → 施工中 → 已竣工 → 保修中 → 保修期满, never set by hand', async () => {
    let p = await signProject(org)
    expect(p).toMatchObject({
      contractNo: 'HT-2025-001',
      customer: { id: org.customers.zhang.id, name: '张三' },
      phone: '138 0013 8000',
      designer: { id: org.site.designer.id, name: '周设计' },
      projectManager: { id: org.site.pm.id, name: '钱工' },
      supervisor: { id: org.site.supervisor.id, name: '杨监理' },
      crew: { id: org.site.crew.id, name: '孙工队' },
      agent: { id: (await org.as('agent')).user.id },
      amountFen: 300_000_00,
      signedOn: '2025-05-20',
      nextMilestone: { milestone: 'start', plannedOn: '2025-06-02' },
      warrantyEndsOn: null,
      stops: [],
      version: 1,
    })
    await expectStatus(p, 'pending')

    p = await milestone(org, p, 'start', '2025-06-02')
    expect(p.nextMilestone).toEqual({ milestone: 'material', plannedOn: '2025-06-20' })
    expect(p.milestones.start).toEqual({ plannedOn: '2025-06-02', actualOn: '2025-06-02' })
    await expectStatus(p, 'building')

    t.clock.set('2025-06-10T04:00:00.000Z')
    p = await driveProject(org, p, [['stop', '2025-06-10']])
    expect(p.stops).toEqual([{ id: expect.any(Number), fromOn: '2025-06-10', toOn: null, reason: '物业暂停施工' }])
    await expectStatus(p, 'stopped')

    t.clock.set('2025-06-16T04:00:00.000Z')
    p = await driveProject(org, p, [['resume', '2025-06-16']])
    expect(p.stops).toEqual([{ id: expect.any(Number), fromOn: '2025-06-10', toOn: '2025-06-16', reason: '物业暂停施工' }])
    await expectStatus(p, 'building')

    t.clock.set('2025-08-30T04:00:00.000Z')
    p = await driveProject(org, p, [
      ['material', '2025-06-20'],
      ['midterm', '2025-07-15'],
    ])
    await expectStatus(p, 'building')
    p = await milestone(org, p, 'completion', '2025-08-30')
    // the default warranty is two years from completion
    expect(p).toMatchObject({ warrantyEndsOn: '2027-08-30', nextMilestone: null })
    await expectStatus(p, 'completed')

    // the final payment in: handed over to the warranty
    p = await driveProject(org, p, [['pay', 'final', '2025-08-30']])
    await expectStatus(p, 'warranty')

    t.clock.set('2027-08-30T04:00:00.000Z')
    await expectStatus(await reloadProject(org, p), 'warranty')
    t.clock.set('2027-08-31T04:00:00.000Z')
    await expectStatus(await reloadProject(org, p), 'expired')
  })

  it('已取消 from any state before completion; a completed site cannot be cancelled', async () => {
    const agent = await org.as('agent')
    let pending = await signProject(org)
    pending = await agent.api.projects.cancel({ id: pending.id, version: pending.version, on: '2025-06-01', reason: '客户资金问题' })
    expect(pending).toMatchObject({ status: 'cancelled', nextMilestone: null })
    await expectStatus(pending, 'cancelled')
    const stopped = await driveProject(org, await signProject(org, { contractNo: 'HT-2025-002' }), [
      ['start', '2025-05-26'],
      ['stop', '2025-05-28'],
      ['cancel', '2025-06-02'],
    ])
    expect(stopped.status).toBe('cancelled')

    const done = await driveProject(org, await signProject(org, { contractNo: 'HT-2025-003' }), [
      ['start', '2025-05-21'],
      ['completion', '2025-06-01'],
    ])
    expect(done.status).toBe('completed')
    const before = await snapshot(t)
    const refused = await failure(agent.api.projects.cancel({ id: done.id, version: done.version, on: '2025-06-02', reason: '客户要求' }))
    expect(refused).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/竣工/) })
    const twice = await failure(agent.api.projects.cancel({ id: pending.id, version: pending.version, on: '2025-06-02', reason: '再取消' }))
    expect(twice).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(CJK) })
    expect(await failure(agent.api.projects.recordMilestone({ id: pending.id, version: pending.version, milestone: 'start', on: '2025-06-02' }))).toMatchObject({ code: 'VALIDATION' })
    expect(await failure(agent.api.projects.recordPayment({ id: pending.id, version: pending.version, stage: 'first', paidOn: '2025-06-02' }))).toMatchObject({ code: 'VALIDATION' })
    expect(await snapshot(t)).toEqual(before)
  })

  it('payments: the first is due at signing, the others at their milestone (actual, else planned); owed is what is due and unpaid; a stage is paid once', async () => {
    const agent = await org.as('agent')
    let p = await signProject(org)
    expect(p.owedFen).toBe(90_000_00)
    p = await driveProject(org, p, [['pay', 'first', '2025-05-22']])
    expect(p.owedFen).toBe(0)

    const before = await snapshot(t)
    const twice = await failure(agent.api.projects.recordPayment({ id: p.id, version: p.version, stage: 'first', paidOn: '2025-06-01' }))
    expect(twice).toMatchObject({ code: 'VALIDATION', fields: { stage: expect.stringMatching(/首期款.*2025-05-22/) } })
    const early = await failure(agent.api.projects.recordPayment({ id: p.id, version: p.version, stage: 'midterm', paidOn: '2025-05-19' }))
    expect(early).toMatchObject({ code: 'VALIDATION', fields: { paidOn: expect.stringMatching(/2025-05-20/) } })
    const future = await failure(agent.api.projects.recordPayment({ id: p.id, version: p.version, stage: 'midterm', paidOn: '2025-06-03' }))
    expect(future).toMatchObject({ code: 'VALIDATION', fields: { paidOn: expect.stringMatching(CJK) } })
    // an amount already paid cannot be changed
    const edit = await failure(agent.api.projects.update({ ...contractOf(p), payments: { first: 80_000_00, midterm: 150_000_00, final: 60_000_00 } }))
    expect(edit).toMatchObject({ code: 'VALIDATION', fields: { 'payments.first': expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)

    t.clock.set('2025-07-10T04:00:00.000Z')
    p = await driveProject(org, await reloadProject(org, p), [
      ['start', '2025-06-02'],
      ['midterm', '2025-07-10'],
    ])
    expect(p.owedFen).toBe(150_000_00)
    expect((await (await org.as('agent')).api.projects.list({})).items[0].owedFen).toBe(150_000_00)
    p = await driveProject(org, p, [['pay', 'midterm', '2025-07-10']])
    expect(p.owedFen).toBe(0)
    t.clock.set('2025-08-31T04:00:00.000Z')
    p = await driveProject(org, await reloadProject(org, p), [['completion', '2025-08-31']])
    expect(p.owedFen).toBe(60_000_00)
    expect(p.status).toBe('completed')
    p = await driveProject(org, p, [['pay', 'final', '2025-08-31']])
    expect(p).toMatchObject({ owedFen: 0, status: 'warranty' })
  })

  it('the detail lists each payment with its amount, due date (signing, else the milestone: actual over planned) and paid date', async () => {
    let p = await signProject(org)
    const payments = () => p.payments.map((x) => [x.stage, x.amountFen, x.dueOn, x.paidOn])
    expect(payments()).toEqual([
      ['first', 90_000_00, '2025-05-20', null],
      ['midterm', 150_000_00, '2025-07-15', null],
      ['final', 60_000_00, '2025-08-31', null],
    ])
    t.clock.set('2025-07-10T04:00:00.000Z')
    p = await driveProject(org, p, [
      ['pay', 'first', '2025-05-22'],
      ['start', '2025-06-02'],
      ['midterm', '2025-07-10'],
    ])
    expect(payments()).toEqual([
      ['first', 90_000_00, '2025-05-20', '2025-05-22'],
      ['midterm', 150_000_00, '2025-07-10', null],
      ['final', 60_000_00, '2025-08-31', null],
    ])
  })

  it('the detail shows the cancellation and the note', async () => {
    const agent = await org.as('agent')
    const p = await signProject(org, { note: '客户要求周末不施工' })
    expect(p.note).toBe('客户要求周末不施工')
    const cancelled = await agent.api.projects.cancel({ id: p.id, version: p.version, on: '2025-06-01', reason: '客户资金问题' })
    expect(cancelled).toMatchObject({ cancelledOn: '2025-06-01', cancelReason: '客户资金问题' })
  })

  it('what is owed agrees with the due dates and with 应交中期款: a planned mid-term date that has passed is owed', async () => {
    t.clock.set('2025-07-20T04:00:00.000Z')
    const p = await driveProject(org, await signProject(org), [
      ['start', '2025-06-02'],
      ['pay', 'first', '2025-06-02'],
    ])
    const lead = await org.as('shiftLead')
    expect((await lead.api.projects.list({ weekly: 'dueMidterm' })).items.map((x) => x.id)).toEqual([p.id])
    expect(p.owedFen).toBe(150_000_00)
  })

  it('correcting the signing date: not before the deposit', async () => {
    const agent = await org.as('agent')
    const dep = await registerDeposit(org, { paidOn: '2025-05-10' })
    const p = await signProject(org, { depositId: dep.id })
    const before = await snapshot(t)
    expect(await failure(agent.api.projects.update({ ...contractOf(p), signedOn: '2025-05-09' }))).toMatchObject({ code: 'VALIDATION', fields: { signedOn: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)
  })

  it('correcting the signing date: not after a payment already received', async () => {
    const agent = await org.as('agent')
    const p = await driveProject(org, await signProject(org), [['pay', 'first', '2025-05-22']])
    const before = await snapshot(t)
    expect(await failure(agent.api.projects.update({ ...contractOf(p), signedOn: '2025-05-25' }))).toMatchObject({ code: 'VALIDATION', fields: { signedOn: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)
  })

  it('a contract without a final payment: nothing to pay for it, and completion goes straight to the warranty', async () => {
    const agent = await org.as('agent')
    let p = await signProject(org, { payments: { first: 100_000_00, midterm: 200_000_00, final: 0 } })
    const before = await snapshot(t)
    expect(await failure(agent.api.projects.recordPayment({ id: p.id, version: p.version, stage: 'final', paidOn: '2025-06-01' }))).toMatchObject({
      code: 'VALIDATION',
      fields: { stage: expect.stringMatching(/尾款/) },
    })
    expect(await snapshot(t)).toEqual(before)
    p = await driveProject(org, p, [
      ['start', '2025-05-21'],
      ['completion', '2025-06-01'],
    ])
    expect(p).toMatchObject({ status: 'warranty', warrantyEndsOn: '2027-06-01' })
  })

  it('weekly counts and the sites behind each agree with each other and with counts made by hand', async () => {
    t.clock.set('2025-09-12T04:00:00.000Z')
    // no sites at all: zeros, not nulls
    expect(await (await org.as('agent')).api.projects.weeklyCounts({})).toEqual({ weekStart: '2025-09-08', weekEnd: '2025-09-14', building: 0, dueMidterm: 0, dueFinal: 0, toSettle: 0, completedThisWeek: 0 })
    const later = { start: '2025-09-20', material: '2025-10-01', midterm: '2025-10-15', completion: '2025-11-30' }
    const sites: [string, Partial<CreateProjectInput>, SiteStep[]][] = [
      ['W-1', { planned: later }, []],
      ['W-2', {}, [['start', '2025-06-02']]],
      ['W-3', {}, [['start', '2025-06-02'], ['midterm', '2025-08-01'], ['pay', 'midterm', '2025-08-05']]],
      ['W-4', {}, [['start', '2025-06-02'], ['midterm', '2025-07-15'], ['pay', 'midterm', '2025-07-16'], ['completion', '2025-09-09']]],
      ['W-5', {}, [['start', '2025-06-02'], ['midterm', '2025-07-10'], ['pay', 'midterm', '2025-07-11'], ['completion', '2025-08-20'], ['pay', 'final', '2025-08-25'], ['settle', '2025-08-28']]],
      ['W-6', {}, [['start', '2025-06-02'], ['stop', '2025-06-10']]],
      ['W-7', {}, [['start', '2025-06-02'], ['midterm', '2025-07-15'], ['pay', 'midterm', '2025-07-16'], ['cancel', '2025-09-09']]],
      ['W-8', { planned: { ...later, midterm: null } }, [['start', '2025-06-02'], ['cancel', '2025-08-01']]],
      ['W-9', {}, [['start', '2025-06-02'], ['midterm', '2025-07-15'], ['pay', 'midterm', '2025-07-20'], ['completion', '2025-09-01'], ['pay', 'final', '2025-09-10']]],
      // no mid-term payment agreed: never due
      ['W-10', { payments: { first: 150_000_00, midterm: 0, final: 150_000_00 } }, [['start', '2025-06-02']]],
    ]
    const hand: HandSite[] = []
    for (const [no, overrides, steps] of sites) {
      await driveProject(org, await signProject(org, { contractNo: no, ...overrides }), steps)
      hand.push(handSite(no, no === 'W-10' ? null : (overrides.planned?.midterm ?? (overrides.planned ? null : '2025-07-15')), steps))
    }
    const lead = await org.as('shiftLead')
    const listed = async (weekly: WeeklyList, weekOf?: string) => (await lead.api.projects.list({ weekly, weekOf, pageSize: 100 })).items.map((p) => p.contractNo).sort()

    // this week, written out
    const thisWeek = await lead.api.projects.weeklyCounts({})
    expect(thisWeek).toEqual({ weekStart: '2025-09-08', weekEnd: '2025-09-14', building: 6, dueMidterm: 2, dueFinal: 1, toSettle: 2, completedThisWeek: 1 })
    // a stopped site is still a site under construction; one cancelled this week was one when the week began
    expect(await listed('building')).toEqual(['W-10', 'W-2', 'W-3', 'W-4', 'W-6', 'W-7'])
    expect(await listed('dueMidterm')).toEqual(['W-2', 'W-6'])
    expect(await listed('dueFinal')).toEqual(['W-4'])
    expect(await listed('toSettle')).toEqual(['W-4', 'W-9'])
    expect(await listed('completedThisWeek')).toEqual(['W-4'])

    // every week of the summer: the counts, the lists and the hand counts agree
    for (const weekOf of ['2025-05-26', '2025-06-04', '2025-07-16', '2025-08-20', '2025-08-24', '2025-09-03', '2025-09-12', '2025-09-14']) {
      const counts: WeeklyCounts = await lead.api.projects.weeklyCounts({ weekOf })
      const expected = handCounts(hand, weekOf)
      expect(counts.weekStart).toBe(weekStartOf(weekOf))
      expect(counts.weekEnd).toBe(shiftDate(weekStartOf(weekOf), 6))
      for (const list of WEEKLY_LISTS) {
        expect(await listed(list, weekOf), `${list} in the week of ${weekOf}`).toEqual(expected[list])
        expect(counts[list], `${list} count in the week of ${weekOf}`).toBe(expected[list].length)
      }
    }
  })

  it('a past week’s 应交中期款 does not change when the site is cancelled afterwards', async () => {
    t.clock.set('2025-08-20T04:00:00.000Z')
    const p = await driveProject(org, await signProject(org), [['start', '2025-06-02']])
    const lead = await org.as('shiftLead')
    expect((await lead.api.projects.weeklyCounts({ weekOf: '2025-07-23' })).dueMidterm).toBe(1)
    await driveProject(org, p, [['cancel', '2025-08-20']])
    expect((await lead.api.projects.weeklyCounts({ weekOf: '2025-07-23' })).dueMidterm).toBe(1)
  })

  it('changing the 跟进客服 moves the site’s open plan callbacks, not the done ones nor one handed to a colleague; none makes them the pool’s', async () => {
    const agent = await org.as('agent')
    const lead = await org.as('shiftLead')
    const agent2 = await org.session('agent2')
    let p = await milestone(org, await signProject(org), 'start', '2025-06-02')
    const open = (await agent.api.callbacks.list({ projectId: p.id, pageSize: 50 })).items
    expect(open).toHaveLength(12)
    const [first, second] = open
    await agent.api.callbacks.complete({ id: first.id, version: first.version, result: 'satisfied' })
    await lead.api.callbacks.assign({ id: second.id, version: second.version, agentId: agent2.user.id })

    p = await agent.api.projects.update({ ...contractOf(await reloadProject(org, p)), agentId: lead.user.id })
    expect(p.agent).toEqual({ id: lead.user.id, name: lead.user.displayName })
    const agentOf = async () => Object.fromEntries((await reloadProject(org, p)).callbacks.map((c) => [c.id, `${c.status} ${c.agent?.id ?? 'pool'}`]))
    const moved = await agentOf()
    expect(moved[first.id]).toBe(`done ${agent.user.id}`)
    expect(moved[second.id]).toBe(`open ${agent2.user.id}`)
    expect(Object.values(moved).filter((v) => v === `open ${lead.user.id}`)).toHaveLength(10)
    expect((await agent.api.callbacks.list({ projectId: p.id })).total).toBe(0)
    expect((await lead.api.callbacks.list({ projectId: p.id })).total).toBe(10)

    // nobody follows the site: its open callbacks go to the pool, and so do new ones
    p = await agent.api.projects.update({ ...contractOf(p), agentId: null })
    expect(p.agent).toBeNull()
    expect((await agent.api.callbacks.list({ scope: 'unassigned', projectId: p.id })).total).toBe(10)
    t.clock.set('2025-06-20T04:00:00.000Z')
    p = await milestone(org, await reloadProject(org, p), 'material', '2025-06-20')
    const pool = await (await org.as('agent')).api.callbacks.list({ scope: 'unassigned', projectId: p.id, kind: 'milestone' })
    expect(pool.items.map((c) => [c.dueOn, c.agent])).toEqual([['2025-06-21', null]])

    // someone follows it again: the pool's open plan callbacks come back to a desk
    p = await (await org.as('agent')).api.projects.update({ ...contractOf(p), agentId: agent.user.id })
    const back = await (await org.as('agent')).api.callbacks.list({ projectId: p.id, pageSize: 50 })
    expect(back.items.length).toBeGreaterThan(0)
    expect((await (await org.as('agent')).api.callbacks.list({ scope: 'unassigned', projectId: p.id })).total).toBe(0)
    // every open plan callback is on a desk: agent1's, or agent2's if the one handed over is still open
    const withAgent2 = (await (await org.session('agent2')).api.callbacks.list({ projectId: p.id })).total
    expect(Object.keys(await openPlanOf(t, p.id)).length).toBe(back.total + withAgent2)
  })

  it('update: the contract is corrected with its version; no change writes nothing; a cancelled contract is not edited', async () => {
    const agent = await org.as('agent')
    const p = await signProject(org)
    const same = await agent.api.projects.update(contractOf(p))
    expect(same.version).toBe(p.version)
    expect(same.log).toHaveLength(1)
    await signProject(org, { contractNo: 'HT-2025-009', customerId: org.customers.li.id })
    const changed = await agent.api.projects.update({ ...contractOf(p), address: '阳光花园 3 栋 1202', note: '门牌号更正' })
    expect(changed).toMatchObject({ address: '阳光花园 3 栋 1202', version: p.version + 1 })
    expect(changed.log.map((l) => l.action)).toEqual(['create', 'update'])
    expect((await agent.api.projects.list({ q: '1202' })).items.map((x) => x.id)).toEqual([p.id])

    const before = await snapshot(t)
    expect((await failure(agent.api.projects.update({ ...contractOf(p), address: '别处' }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.projects.update({ ...contractOf(changed), id: 99999 }))).code).toBe('NOT_FOUND')
    expect(await failure(agent.api.projects.update({ ...contractOf(changed), contractNo: 'HT-2025-009' }))).toMatchObject({ code: 'VALIDATION', fields: { contractNo: expect.stringMatching(/HT-2025-009/) } })
    expect(await failure(agent.api.projects.update({ ...contractOf(changed), signedOn: '2025-06-03', planned: NO_PLAN }))).toMatchObject({ code: 'VALIDATION', fields: { signedOn: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.projects.update({ ...contractOf(changed), designerId: org.site.crew.id }))).toMatchObject({ code: 'VALIDATION', fields: { designerId: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)

    const cancelled = await agent.api.projects.cancel({ id: p.id, version: changed.version, on: '2025-06-01', reason: '客户资金问题' })
    const frozen = await snapshot(t)
    expect(await failure(agent.api.projects.update({ ...contractOf(cancelled), address: '别处' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/取消/) })
    expect(await snapshot(t)).toEqual(frozen)
  })

  it('the log says in words which contract fields changed', async () => {
    const agent = await org.as('agent')
    const p = await signProject(org)
    const changed = await agent.api.projects.update({ ...contractOf(p), address: '阳光花园 3 栋 1202', note: '门牌号更正' })
    expect(changed.log.at(-1)?.text).toMatch(/工地地址/)
    expect(changed.log.at(-1)?.text).not.toMatch(/[a-z]/)
  })

  it('the log: who did what, in words', async () => {
    const agent = await org.as('agent')
    const lead = await org.as('shiftLead')
    let p = await signProject(org)
    p = await lead.api.projects.recordMilestone({ id: p.id, version: p.version, milestone: 'start', on: '2025-06-02', note: '开工通知单已签' })
    p = await milestone(org, p, 'start', '2025-06-01')
    t.clock.set('2025-06-12T04:00:00.000Z')
    p = await driveProject(org, await reloadProject(org, p), [
      ['pay', 'first', '2025-06-01'],
      ['stop', '2025-06-10'],
      ['resume', '2025-06-12'],
    ])
    t.clock.set('2025-09-05T04:00:00.000Z')
    p = await driveProject(org, await reloadProject(org, p), [
      ['completion', '2025-09-01'],
      ['settle', '2025-09-05'],
    ])
    expect(p.log.map((l) => [l.action, l.text, l.by?.id])).toEqual([
      ['create', '签订合同 HT-2025-001', agent.user.id],
      ['milestone', '开工 2025-06-02：开工通知单已签', lead.user.id],
      ['milestone', '开工 2025-06-01（原为 2025-06-02）', agent.user.id],
      ['payment', '首期款到账 2025-06-01', agent.user.id],
      ['stop', '停工 2025-06-10：物业暂停施工', agent.user.id],
      ['resume', '复工 2025-06-12', agent.user.id],
      ['milestone', '竣工验收 2025-09-01', agent.user.id],
      ['settlement', '移交材料部、财务部结算 2025-09-05', agent.user.id],
    ])
    expect(p.log[0].at).toBe(TICKET_NOW)
    expect(p.settlementSentOn).toBe('2025-09-05')
    const cancelled = await driveProject(org, await signProject(org, { contractNo: 'HT-2025-002' }), [['cancel', '2025-09-01']])
    expect(cancelled.log.at(-1)).toMatchObject({ action: 'cancel', text: '取消合同 2025-09-01：客户资金问题' })
  })

  it('the customer’s timeline and screen pop show deposits, sites and inspections — to the service desk, not the front desk', async () => {
    const agent = await org.as('agent')
    const dep = await registerDeposit(org, { paidOn: '2025-05-10' })
    const pendingDep = await registerDeposit(org, { customerId: org.customers.li.id, paidOn: '2025-05-10', note: null })
    let p = await signProject(org, { depositId: dep.id })
    p = await milestone(org, p, 'start', '2025-06-02')
    const inspection = await agent.api.inspections.record({
      projectId: p.id,
      inspectedOn: '2025-06-02',
      inspectorId: org.site.supervisor.id,
      result: 'issues',
      findings: '卫生间防水层有破损',
      rectification: { items: '重做卫生间防水', responsibleId: org.site.crew.id, deadlineOn: '2025-06-06' },
    })

    const timeline = await agent.api.customers.timeline({ id: org.customers.zhang.id })
    const mine = timeline.filter((e) => ['deposit', 'project', 'inspection'].includes(e.kind))
    expect(mine).toEqual([
      { kind: 'project', at: '2025-06-01T16:00:00.000Z', refId: p.id, title: '开工 HT-2025-001', detail: '阳光花园 3 栋 1201', actor: null },
      { kind: 'inspection', at: '2025-06-01T16:00:00.000Z', refId: inspection.id, title: '巡检 HT-2025-001 · 需整改', detail: '卫生间防水层有破损', actor: '杨监理' },
      { kind: 'project', at: '2025-05-19T16:00:00.000Z', refId: p.id, title: '签约 HT-2025-001', detail: '阳光花园 3 栋 1201 · 设计师 周设计', actor: null },
      { kind: 'deposit', at: '2025-05-09T16:00:00.000Z', refId: dep.id, title: '交定金 ¥5000.00', detail: '设计师 周设计 · 已签约 HT-2025-001', actor: agent.user.displayName },
    ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)))
    // newest first across every kind
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort().reverse())

    const pop = await agent.api.calls.screenPop({ phone: '13800138000' })
    expect(pop.openItems).toContainEqual({ kind: 'project', refId: p.id, title: '工地 HT-2025-001 · 施工中', detail: '下一节点：材料进场（计划 2025-06-20）', at: '2025-06-20', overdue: false })
    expect(pop.openItems.filter((i) => i.kind === 'deposit')).toEqual([])
    expect(pop.openItems.filter((i) => i.kind === 'callback').length).toBeGreaterThan(0)
    expect(pop.recent.map((e) => e.kind)).toEqual(expect.arrayContaining(['project', 'inspection', 'deposit']))
    const liPop = await agent.api.calls.screenPop({ phone: '139 0013 9000' })
    // 23 days since the deposit, beyond the 14-day alert
    expect(liPop.openItems).toContainEqual({ kind: 'deposit', refId: pendingDep.id, title: '待签客户 · 定金 ¥5000.00', detail: '设计师 周设计，交定已 23 天', at: '2025-05-10', overdue: true })

    const reception = await org.as('receptionist')
    const front = await reception.api.customers.timeline({ id: org.customers.zhang.id })
    expect(front.filter((e) => ['deposit', 'project', 'inspection', 'callback'].includes(e.kind))).toEqual([])
  })

  it('bad contracts and bad milestones are refused, each naming its field in Chinese, and nothing is written', async () => {
    const agent = await org.as('agent')
    const started = await driveProject(org, await signProject(org, { contractNo: 'HT-OK' }), [
      ['start', '2025-05-26'],
      ['material', '2025-05-28'],
    ])
    const pending = await signProject(org, { contractNo: 'HT-PENDING' })
    const receptionist = await org.as('receptionist')
    const before = await snapshot(t)

    const badContracts: [Partial<CreateProjectInput>, string][] = [
      [{ contractNo: 'HT-OK' }, 'contractNo'],
      [{ contractNo: '' }, 'contractNo'],
      [{ customerId: 99999 }, 'customerId'],
      [{ designerId: org.site.supervisor.id }, 'designerId'],
      [{ designerId: 99999 }, 'designerId'],
      [{ projectManagerId: org.site.crew.id }, 'projectManagerId'],
      [{ supervisorId: org.site.designer.id }, 'supervisorId'],
      [{ crewId: org.site.pm.id }, 'crewId'],
      [{ crewId: org.people.retired.id }, 'crewId'],
      [{ agentId: receptionist.user.id }, 'agentId'],
      [{ agentId: 99999 }, 'agentId'],
      [{ amountFen: 0 }, 'amountFen'],
      [{ amountFen: 100_000_00 }, 'payments'],
      [{ payments: { first: 90_000_00, midterm: 150_000_00, final: 60_000_01 } }, 'payments'],
      [{ payments: { first: -1, midterm: 0, final: 0 } }, 'payments.first'],
      [{ signedOn: '2025-06-03', planned: NO_PLAN }, 'signedOn'],
      [{ planned: { start: '2025-06-02', material: '2025-06-01', midterm: null, completion: null } }, 'planned.material'],
      [{ planned: { start: '2025-06-02', material: null, midterm: null, completion: '2025-06-01' } }, 'planned.completion'],
      [{ planned: { start: '2025-05-19', material: null, midterm: null, completion: null } }, 'planned.start'],
      [{ planned: { start: '2025-06-31', material: null, midterm: null, completion: null } }, 'planned.start'],
    ]
    for (const [overrides, field] of badContracts) {
      const error = await failure(signProject(org, { contractNo: 'HT-NEW', ...overrides }))
      expect(error, JSON.stringify(overrides)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(CJK), fields: { [field]: expect.stringMatching(CJK) } })
    }

    const m = (p: ProjectDetail, milestone: 'start' | 'material' | 'midterm' | 'completion', on: string) =>
      failure(agent.api.projects.recordMilestone({ id: p.id, version: p.version, milestone, on }))
    // out of order, completion before start, in the future, before the signing, not started yet
    expect(await m(started, 'midterm', '2025-05-27')).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(/材料进场/) } })
    expect(await m(started, 'completion', '2025-05-25')).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(CJK) } })
    expect(await m(started, 'completion', '2025-06-03')).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(/今天/) } })
    expect(await m(started, 'start', '2025-05-19')).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(/签约/) } })
    expect(await m(started, 'start', '2025-05-29')).toMatchObject({ code: 'VALIDATION', fields: { milestone: expect.stringMatching(/材料进场/) } })
    expect(await m(pending, 'completion', '2025-06-01')).toMatchObject({ code: 'VALIDATION', fields: { milestone: expect.stringMatching(/开工/) } })
    expect(await m(pending, 'start', '2025-13-01')).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.projects.recordMilestone({ id: started.id, version: started.version, milestone: 'handover' as 'start', on: '2025-06-01' }))).toMatchObject({
      code: 'VALIDATION',
      fields: { milestone: expect.any(String) },
    })
    // stale versions and unknown ids
    expect((await failure(agent.api.projects.recordMilestone({ id: started.id, version: started.version - 1, milestone: 'midterm', on: '2025-06-01' }))).code).toBe('CONFLICT')
    expect((await failure(agent.api.projects.recordPayment({ id: started.id, version: 99, stage: 'first', paidOn: '2025-06-01' }))).code).toBe('CONFLICT')
    expect(await failure(agent.api.projects.recordMilestone({ id: 99999, version: 1, milestone: 'start', on: '2025-06-01' }))).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(CJK) })
    expect((await failure(agent.api.projects.get({ id: 99999 }))).code).toBe('NOT_FOUND')
    expect((await failure(agent.api.projects.stop({ id: 99999, version: 1, on: '2025-06-01', reason: '停' }))).code).toBe('NOT_FOUND')
    // stop when not building, resume when not stopped, settlement before completion
    expect(await failure(agent.api.projects.stop({ id: pending.id, version: pending.version, on: '2025-06-01', reason: '物业暂停施工' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/施工中/) })
    expect(await failure(agent.api.projects.resume({ id: started.id, version: started.version, on: '2025-06-01', note: null }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/停工/) })
    expect(await failure(agent.api.projects.markSettlementSent({ id: started.id, version: started.version, on: '2025-06-01' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/竣工/) })
    // a stop before the start, in the future; a stop reason missing
    expect(await failure(agent.api.projects.stop({ id: started.id, version: started.version, on: '2025-05-25', reason: '物业暂停施工' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(/开工/) } })
    expect(await failure(agent.api.projects.stop({ id: started.id, version: started.version, on: '2025-06-03', reason: '物业暂停施工' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(CJK) } })
    expect(await failure(agent.api.projects.stop({ id: started.id, version: started.version, on: '2025-06-01', reason: '' }))).toMatchObject({ code: 'VALIDATION', fields: { reason: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)
  })

  it('a stopped site: resumed not before it stopped, no second stop, and no new milestone until resumed', async () => {
    const agent = await org.as('agent')
    const p = await driveProject(org, await signProject(org), [
      ['start', '2025-05-26'],
      ['stop', '2025-05-30'],
    ])
    const before = await snapshot(t)
    expect(await failure(agent.api.projects.resume({ id: p.id, version: p.version, on: '2025-05-29', note: null }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(/2025-05-30/) } })
    expect(await failure(agent.api.projects.stop({ id: p.id, version: p.version, on: '2025-06-01', reason: '又停' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/停工/) })
    expect(await failure(agent.api.projects.recordMilestone({ id: p.id, version: p.version, milestone: 'material', on: '2025-06-01' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/复工/) })
    expect(await snapshot(t)).toEqual(before)
    const resumed = await driveProject(org, p, [['resume', '2025-06-01']])
    // a second stop may not reach back before the last resumption
    expect(await failure(agent.api.projects.stop({ id: p.id, version: resumed.version, on: '2025-05-31', reason: '又停' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(/2025-06-01/) } })
  })

  it('the list filters by the people on the contract, the customer and a search; newest signing first, paged', async () => {
    const lead = await org.as('shiftLead')
    const agent = await org.as('agent')
    const a = await signProject(org, { contractNo: 'HT-A', signedOn: '2025-05-01', planned: NO_PLAN })
    const b = await signProject(org, { contractNo: 'HT-B', signedOn: '2025-05-20', designerId: org.site.designer2.id, projectManagerId: null, supervisorId: null, crewId: null, agentId: lead.user.id })
    const c = await signProject(org, { contractNo: 'HT-C', signedOn: '2025-05-10', customerId: org.customers.li.id, address: '翠湖天地 5-502', planned: NO_PLAN })
    const ids = async (input: Parameters<typeof agent.api.projects.list>[0]) => {
      const page = await agent.api.projects.list(input)
      return page.items.map((p) => p.contractNo)
    }
    expect(await ids({})).toEqual(['HT-B', 'HT-C', 'HT-A'])
    expect(await ids({ designerId: org.site.designer2.id })).toEqual(['HT-B'])
    expect(await ids({ projectManagerId: org.site.pm.id })).toEqual(['HT-C', 'HT-A'])
    expect(await ids({ supervisorId: org.site.supervisor.id })).toEqual(['HT-C', 'HT-A'])
    expect(await ids({ agentId: lead.user.id })).toEqual(['HT-B'])
    expect(await ids({ customerId: org.customers.li.id })).toEqual(['HT-C'])
    expect(await ids({ q: '翠湖' })).toEqual(['HT-C'])
    expect(await ids({ q: '李四' })).toEqual(['HT-C'])
    expect(await ids({ q: 'HT-A' })).toEqual(['HT-A'])
    expect(await ids({ q: '%' })).toEqual(['HT-B', 'HT-C', 'HT-A'])
    expect(await ids({ q: '无此工地' })).toEqual([])
    const page = await agent.api.projects.list({ page: 2, pageSize: 2 })
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 })
    expect(page.items.map((p) => p.id)).toEqual([a.id])
    expect(b.agent?.id).toBe(lead.user.id)
    expect(c.customer.name).toBe('李四')
  })

  it('the hand-over for settlement: once, after completion, not before the completion date', async () => {
    const agent = await org.as('agent')
    const p = await driveProject(org, await signProject(org), [
      ['start', '2025-05-21'],
      ['completion', '2025-05-30'],
    ])
    const before = await snapshot(t)
    expect(await failure(agent.api.projects.markSettlementSent({ id: p.id, version: p.version, on: '2025-05-29' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(/2025-05-30/) } })
    expect(await failure(agent.api.projects.markSettlementSent({ id: p.id, version: p.version, on: '2025-06-03' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(CJK) } })
    expect(await snapshot(t)).toEqual(before)
    const sent = await agent.api.projects.markSettlementSent({ id: p.id, version: p.version, on: '2025-06-01' })
    expect(sent).toMatchObject({ settlementSentOn: '2025-06-01', status: 'completed', version: p.version + 1 })
    const once = await snapshot(t)
    expect(await failure(agent.api.projects.markSettlementSent({ id: p.id, version: sent.version, on: '2025-06-02' }))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/2025-06-01/) })
    expect(await snapshot(t)).toEqual(once)
  })

  it('only the service desk works on sites: the front desk and the admin are refused every method of projects, deposits, inspections and viewings; phones are shown grouped to the desk', async () => {
    const p = await milestone(org, await signProject(org), 'start', '2025-06-02')
    await registerDeposit(org, { customerId: org.customers.li.id })
    const areas = { projects: projectsContract, deposits: depositsContract, inspections: inspectionsContract, viewings: viewingsContract }
    const roles = await t.everyRole()
    const before = await snapshot(t)
    for (const role of ['receptionist', 'admin'] as const) {
      for (const [area, contract] of Object.entries(areas)) {
        for (const method of Object.keys(contract)) {
          const result = await t.dispatch(`${area}.${method}`, [{ id: p.id, version: p.version }], roles[role].token)
          expect(result, `${role} ${area}.${method}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(CJK) } })
        }
      }
      // replan is the settings manager's (the admin's too)
      for (const method of Object.keys(callbacksContract).filter((m) => role === 'receptionist' || m !== 'replan')) {
        const result = await t.dispatch(`callbacks.${method}`, [{}], roles[role].token)
        expect(result, `${role} callbacks.${method}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
    }
    expect(await snapshot(t)).toEqual(before)
    for (const role of ['agent', 'shiftLead', 'manager'] as const) {
      const api = roles[role].api
      expect((await api.projects.list({})).items.map((x) => x.phone)).toEqual(['138 0013 8000'])
      expect((await api.projects.get({ id: p.id })).phone).toBe('138 0013 8000')
      expect((await api.deposits.list({})).items.map((x) => x.phone)).toEqual(['139 0013 9000'])
      expect((await api.callbacks.list({ scope: role === 'agent' ? 'mine' : 'all', pageSize: 1 })).items[0].phone).toBe('138 0013 8000')
    }
  })
})

/** The contract fields of `p`, as `update` takes them (the payments as signProject signs them unless given). */
function contractOf(p: ProjectDetail, payments = { first: 90_000_00, midterm: 150_000_00, final: 60_000_00 }) {
  return {
    id: p.id,
    version: p.version,
    contractNo: p.contractNo,
    address: p.address,
    designerId: p.designer.id,
    projectManagerId: p.projectManager?.id ?? null,
    supervisorId: p.supervisor?.id ?? null,
    crewId: p.crew?.id ?? null,
    agentId: p.agent?.id ?? null,
    amountFen: p.amountFen,
    signedOn: p.signedOn,
    planned: { start: p.milestones.start.plannedOn, material: p.milestones.material.plannedOn, midterm: p.milestones.midterm.plannedOn, completion: p.milestones.completion.plannedOn },
    payments,
    note: p.note ?? null,
  }
}
