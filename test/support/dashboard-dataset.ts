import { expect } from 'vitest'
import type { DashboardOverview, PeriodRange } from '../../main/contract/dashboard.contract'
import { canonical, expectedOverview, orderProblems, sh } from './dashboard-ledger'
import { DashboardWorld } from './dashboard-world'
import { buildProjectOrg } from './projects'
import type { Session, TestCore } from './test-core'

/**
 * The dashboard test's months of data, September to December 2026, made through the API with the
 * clock moved between steps, around the month end of 2026-10-31 (a Saturday) in Shanghai.
 * Company time is Shanghai (UTC+8); the machine's is UTC.
 */

export interface Checkpoint {
  label: string
  actual: DashboardOverview
  expected: DashboardOverview
}

export const clone = <T>(x: T): T => structuredClone(x)

/** The overview as the manager sees it now, with the same overview counted from the ledger. */
export async function look(world: DashboardWorld, manager: () => Promise<Session>, range: PeriodRange, countsMeasures = true): Promise<Checkpoint> {
  const actual = await (await manager()).api.dashboard.overview(range)
  const expected = expectedOverview(clone(world.ledger), range, { now: world.now(), countsMeasures })
  return { label: `${range.from}..${range.to} at ${world.now()}`, actual, expected }
}

export function agrees(c: Checkpoint): void {
  expect(orderProblems(c.actual), c.label).toEqual([])
  expect(canonical(c.actual), c.label).toEqual(c.expected)
}

/** Builds the months of data; answers the checkpoints taken on the way (the clock matters to "breached now"). */
export async function buildDataset(t: TestCore): Promise<{ world: DashboardWorld; checkpoints: Checkpoint[] }> {
  t.clock.set(sh('2026-09-01 10:00'))
  const org = await buildProjectOrg(t)
  const world = new DashboardWorld(org)
  const L = world.ledger
  const a1 = () => org.as('agent')
  const a2 = () => org.session('agent2')
  const manager = () => org.as('manager')
  const { designer: d1, designer2: d2 } = org.site
  const d3 = org.people.designHead
  L.designers.push(...[d1, d2, d3].map((p) => ({ id: p.id, name: p.name })))
  const agent1 = (await a1()).user
  const agent2 = (await a2()).user
  L.agents.push({ id: agent1.id, name: agent1.displayName }, { id: agent2.id, name: agent2.displayName })
  // what the org's set-up made: 张三 and 李四, and 张三's complaint call saved at once (answered, 0 s)
  L.customers.push(sh('2026-09-01 10:00'), sh('2026-09-01 10:00'))
  L.calls.push({ ref: `manual-${org.complaintCall.id}`, at: sh('2026-09-01 10:00'), direction: 'in', status: 'answered', talkSec: 0, agentId: agent1.id, type: 'complaint' })
  const admin = await t.admin()
  await admin.api.staff.update({ id: agent1.id, extension: '8001' })
  await admin.api.staff.update({ id: agent2.id, extension: '8002' })
  world.extension('8001', agent1.id)
  world.extension('8002', agent2.id)
  const checkpoints: Checkpoint[] = []

  // ── October: the month November is compared with ──
  world.at(sh('2026-10-12 10:00'))
  await world.manualCall(await a1(), { direction: 'in', phone: '13700000001', type: 'consult', talkSec: 300, newCustomerName: '客甲' })
  const yi = await world.walkIn({ name: '客乙', phone: '13700000002', source: '网络推广', designerId: d1.id, isNew: true })
  world.at(sh('2026-10-12 11:00'))
  await world.manualCall(await a1(), { direction: 'in', phone: '13700000003', type: 'measure', talkSec: 200, newCustomerName: '客丙', measureFor: d2.id })
  const depOct = await world.deposit({ customerId: yi, designerId: d1.id, paidOn: '2026-10-12' })
  await world.sign({ customerId: yi, designerId: d1.id, signedOn: '2026-10-12', depositId: depOct })
  world.at(sh('2026-10-12 14:00'))
  const tOct1 = await world.ticket({ kind: 'complaint', category: '工程质量', severity: '一般' })
  await world.act(tOct1, 'dispatch')
  world.at(sh('2026-10-12 16:00'))
  await world.act(tOct1, 'respond')
  world.at(sh('2026-10-13 20:00'))
  await world.act(tOct1, 'resolve')
  world.at(sh('2026-10-14 11:00'))
  await world.completeCallback(world.callbacksOf(tOct1)[0].id, await a1(), 'satisfied', { design: 4, quality: 5 })

  world.at(sh('2026-10-20 09:30'))
  await world.ctiCall({ id: 'oct-missed', at: sh('2026-10-20 09:00'), ring: 15, ext: '8002' })
  await world.ctiCall({ id: 'oct-abandoned', at: sh('2026-10-20 09:10'), ring: 4, ext: '8001' })
  await world.ctiCall({ id: 'oct-out', at: sh('2026-10-20 09:20'), direction: 'out', ring: 5, talk: 60, ext: '8001' })
  // a hand-started call left open ends, answered, when the agent starts the next one (240 s later)
  world.at(sh('2026-10-20 10:00'))
  await world.manualCall(await a1(), { direction: 'in', phone: '13700000020', type: 'consult', talkSec: 0, leaveOpen: true })
  world.at(sh('2026-10-20 10:04'))
  await world.manualCall(await a1(), { direction: 'out', phone: '13700000021', type: 'other', talkSec: 60 })
  // signed in October, cancelled in November: no contract in either month
  const pOctCancelled = await world.sign({ customerId: org.customers.li.id, designerId: d3.id, signedOn: '2026-10-20' })

  world.at(sh('2026-10-30 10:00'))
  const tR1 = await world.ticket({ kind: 'repair', category: '水电', severity: '一般' })
  await world.act(tR1, 'dispatch')
  world.at(sh('2026-10-30 15:00'))
  await world.act(tR1, 'respond')
  world.at(sh('2026-10-31 23:00'))
  const tOct2 = await world.ticket({ kind: 'complaint', category: '设计', severity: '一般' })
  await world.act(tOct2, 'dispatch')

  // ── across midnight and the month end, in Shanghai ──
  // the last second of Saturday 10-31 (15:59:59 UTC)
  world.at(sh('2026-10-31 23:59:59'))
  await world.ctiCall({ id: 'edge-oct31', at: sh('2026-10-31 23:59:59'), ring: 5, talk: 40, ext: '8001' })
  // the first second of Sunday 11-01 (still 10-31 in UTC)
  world.at(sh('2026-11-01 00:00:00'))
  const ding = await world.walkIn({ name: '客丁', phone: '13700000004', source: null, designerId: d2.id, isNew: true })
  // answered at 00:00:02 on 11-01; its ringing, reported last, puts its start at 23:59:50 on 10-31: the summary moves it back a day and a month
  world.at(sh('2026-11-01 00:01'))
  await world.ctiCall({ id: 'late-ringing', at: sh('2026-10-31 23:59:50'), ring: 12, talk: 30, ext: '8002', ringingLast: true })
  // resolved 2026-10-31T16:30Z: November 1st in Shanghai
  world.at('2026-10-31T16:30:00.000Z')
  await world.act(tR1, 'resolve')
  // 23:30 UTC is 07:30 of the next Shanghai day: Sunday, hour 7
  world.at('2026-10-31T23:30:00.000Z')
  await world.ctiCall({ id: 'edge-2330z', at: '2026-10-31T23:30:00.000Z', ring: 3, talk: 90, ext: '8002' })
  world.at(sh('2026-11-01 10:00'))
  await world.act(tOct2, 'respond')

  // ── Monday 11-02: a busy day ──
  world.at(sh('2026-11-02 09:05'))
  const consultToRetype = await world.manualCall(await a1(), { direction: 'in', phone: '13700000005', type: 'consult', talkSec: 120 })
  world.at(sh('2026-11-02 09:30'))
  const wuCall = await world.manualCall(await a1(), { direction: 'in', phone: '13700000006', type: 'measure', talkSec: 200, newCustomerName: '客戊', measureFor: d1.id })
  const wu = wuCall.customer!.id
  world.at(sh('2026-11-02 10:00'))
  await world.manualCall(await a1(), { direction: 'out', phone: '13700000001', type: 'other', talkSec: 45 })
  const ji = await world.walkIn({ name: '客己', phone: '13700000007', source: '自然到店', designerId: d1.id, isNew: true })
  world.at(sh('2026-11-02 10:30'))
  await world.manualCall(await a1(), { direction: 'in', phone: '13700000008', type: 'consult', talkSec: 30, connected: false })
  world.at(sh('2026-11-02 11:00'))
  const geng = await world.walkIn({ name: '客庚', phone: '13700000009', source: '网络推广', designerId: d2.id, isNew: true })
  const t1 = await world.ticket({ kind: 'complaint', category: '设计', severity: '较重' })
  await world.act(t1, 'dispatch')
  world.at(sh('2026-11-02 11:05'))
  const t2 = await world.ticket({ kind: 'complaint', category: '工程质量', severity: '一般' })
  await world.act(t2, 'dispatch')
  world.at(sh('2026-11-02 11:10'))
  const t3 = await world.ticket({ kind: 'complaint', category: '工程质量', severity: '紧急' })
  await world.act(t3, 'dispatch')
  world.at(sh('2026-11-02 11:15'))
  const t4 = await world.ticket({ kind: 'complaint', category: '服务态度', severity: '一般' })
  await world.act(t4, 'dispatch')
  world.at(sh('2026-11-02 11:20'))
  const t5 = await world.ticket({ kind: 'complaint', category: '材料', severity: '一般' })
  await world.act(t5, 'dispatch')
  world.at(sh('2026-11-02 12:00'))
  // suspended before its response was due, and never resumed: open, its clock stopped
  await world.act(t5, 'suspend')
  await world.act(t3, 'respond')
  await world.act(t1, 'respond')
  world.at(sh('2026-11-02 14:00'))
  await world.manualCall(await a2(), { direction: 'in', phone: '13700000010', type: 'repair', talkSec: 180 })
  world.at(sh('2026-11-02 15:00'))
  await world.walkIn({ name: '张三', phone: '13800138000', source: '自然到店', designerId: null, isNew: false })
  world.at(sh('2026-11-02 16:00'))
  // never answered: breached once its response is due at 11-03 16:00
  const t6 = await world.ticket({ kind: 'complaint', category: '工期', severity: '较重' })
  await world.act(t6, 'dispatch')
  const depWu = await world.deposit({ customerId: wu, designerId: d1.id, paidOn: '2026-11-02' })
  // nobody answered the repair's callback: due again in December, no longer in November
  await world.missCallback(world.callbacksOf(tR1)[0].id, '2026-12-03')

  world.at(sh('2026-11-03 09:00'))
  await world.retype(await a1(), consultToRetype, 'other')
  world.at(sh('2026-11-03 11:00'))
  await world.act(t1, 'resolve')
  await world.sign({ customerId: wu, designerId: d1.id, signedOn: '2026-11-03', depositId: depWu })
  world.at(sh('2026-11-03 13:30'))
  // 26 h after it was opened: the response came late
  await world.act(t2, 'respond')
  world.at(sh('2026-11-03 14:00'))
  // 紧急 allows 24 h to resolve: late
  await world.act(t3, 'resolve')
  world.at(sh('2026-11-03 15:00'))
  checkpoints.push(await look(world, manager, { from: '2026-11-01', to: '2026-11-03' }))
  world.at(sh('2026-11-03 16:30'))
  checkpoints.push(await look(world, manager, { from: '2026-11-01', to: '2026-11-03' }))

  world.at(sh('2026-11-04 10:00'))
  await world.completeCallback(world.callbacksOf(t1)[0].id, await a1(), 'satisfied', { design: 5, quality: 4, service: 5 })
  world.at(sh('2026-11-04 11:30'))
  await world.act(t2, 'resolve')
  const depGeng = await world.deposit({ customerId: geng, designerId: d2.id, paidOn: '2026-11-04' })
  // due 11-04, answered 11-05 00:10: 不满意 reopens the complaint
  world.at(sh('2026-11-05 00:10'))
  await world.completeCallback(world.callbacksOf(t3)[0].id, await a2(), 'unsatisfied')
  world.at(sh('2026-11-05 10:00'))
  await world.act(t4, 'cancel')
  const xin = await world.walkIn({ name: '客辛', phone: '13700000011', source: '老客户介绍', designerId: d2.id, isNew: true })
  await world.sign({ customerId: xin, designerId: d2.id, signedOn: '2026-11-05' })
  world.at(sh('2026-11-05 10:30'))
  const tR2 = await world.ticket({ kind: 'repair', category: '墙面', severity: '一般' })
  await world.act(tR2, 'dispatch')
  world.at(sh('2026-11-05 23:50'))
  await world.completeCallback(world.callbacksOf(t2)[0].id, await a2(), 'fair', { service: 3 })

  world.at(sh('2026-11-06 09:00'))
  const liMeasure = await world.manualCall(await a1(), { direction: 'in', phone: '13900139000', type: 'measure', talkSec: 60, measureFor: d2.id })
  await world.cancelMeasure(liMeasure.id)
  world.at(sh('2026-11-06 10:00'))
  await world.act(tOct2, 'resolve')
  const pNovCancelled = await world.sign({ customerId: ding, designerId: d2.id, signedOn: '2026-11-06' })
  world.at(sh('2026-11-06 10:30'))
  await world.act(tR2, 'resolve')
  world.at(sh('2026-11-06 12:00'))
  // reopened while its callback was open: that callback is cancelled
  await world.act(tR2, 'reopen')
  await world.act(tR2, 'dispatch')
  world.at(sh('2026-11-07 10:00'))
  await world.manualCall(await a2(), { direction: 'in', phone: '13700000012', type: 'measure', talkSec: 90, newCustomerName: '客壬', measureFor: d3.id })
  world.at(sh('2026-11-08 10:00'))
  // 46 h after the reopening: resolving is the response, a day late
  await world.act(tR2, 'resolve')
  await world.loseDeposit(depGeng, '2026-11-08')
  world.at(sh('2026-11-09 10:00'))
  await world.completeCallback(world.callbacksOf(tR2).find((c) => c.status === 'open')!.id, await a1(), 'satisfied')
  const t8 = await world.ticket({ kind: 'complaint', category: '其他', severity: '严重' })
  await world.act(t8, 'dispatch')
  world.at(sh('2026-11-09 11:00'))
  await world.act(t8, 'respond')
  world.at(sh('2026-11-09 12:00'))
  await world.act(t8, 'suspend')
  world.at(sh('2026-11-10 10:00'))
  await world.deposit({ customerId: ji, designerId: d1.id, paidOn: '2026-11-10' })
  await world.cancelProject(pOctCancelled, '2026-11-10')
  world.at(sh('2026-11-11 12:00'))
  // 48 h suspended: resolution due 11-13 10:00 instead of 11-11 10:00
  await world.act(t8, 'resume')
  world.at(sh('2026-11-12 09:00'))
  await world.act(t8, 'resolve')
  world.at(sh('2026-11-13 10:00'))
  await world.completeCallback(world.callbacksOf(t8)[0].id, await a1(), 'satisfied', { tidiness: 2, schedule: 3 })

  world.at(sh('2026-11-16 18:00'))
  await world.ctiCall({ id: 'n16-1', at: sh('2026-11-16 09:00'), ring: 4, talk: 100, ext: '8001' })
  await world.ctiCall({ id: 'n16-2', at: sh('2026-11-16 09:20'), ring: 12, ext: '8002' })
  // an extension nobody has: counted in the totals, on nobody's line
  await world.ctiCall({ id: 'n16-3', at: sh('2026-11-16 09:40'), ring: 2, talk: 50, ext: '8999' })
  await world.ctiCall({ id: 'n16-4', at: sh('2026-11-16 14:00'), direction: 'out', ring: 20, ext: '8002' })
  world.at(sh('2026-11-20 10:00'))
  await world.cancelProject(pNovCancelled, '2026-11-20')

  // calls not judged yet: still ringing, still talking (CTI), and a hand-started call never saved
  world.at(sh('2026-11-30 20:10'))
  await world.ctiCall({ id: 'still-ringing', at: sh('2026-11-30 20:00'), ring: 30, ext: '8001', hangup: false })
  await world.ctiCall({ id: 'still-talking', at: sh('2026-11-30 20:05'), ring: 5, talk: 30, ext: '8001', hangup: false })
  await world.manualCall(await a2(), { direction: 'in', phone: '13700000013', type: 'consult', talkSec: 0, leaveOpen: true })
  world.at(sh('2026-11-30 23:59'))
  const gui = await world.walkIn({ name: '客癸', phone: '13700000014', source: '网络推广', designerId: d3.id, isNew: true })
  await world.deposit({ customerId: gui, designerId: d3.id, paidOn: '2026-11-30' })
  world.at(sh('2026-12-01 00:00'))
  await world.walkIn({ name: '客子', phone: '13700000015', source: '自然到店', designerId: d1.id, isNew: true })

  world.at(sh('2026-12-02 10:00'))
  return { world, checkpoints }
}

