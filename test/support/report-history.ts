import type { CallbackItem } from '../../main/contract/callbacks.contract'
import type { ProjectDetail } from '../../main/contract/projects.contract'
import { callEvents, ingest } from './cti'
import { buildProjectOrg, driveProject, measureCall, registerDeposit, signProject, type ProjectOrg } from './projects'
import type { TestCore } from './test-core'
import { act, answerCallback } from './tickets'

/** A Shanghai wall-clock time (`2025-06-01 00:30`) as the UTC instant the core stores. */
export function sh(local: string): string {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString()
}

export interface ReportHistory {
  org: ProjectOrg
  /** p1…p7 as they are at the end */
  sites: Record<string, ProjectDetail>
  /** people who left at the end: 郭设计 with nothing to assess, 陈监理 after a month of callbacks on his sites */
  left: { id: number; name: string }[]
}

/**
 * A small company's May to early July 2025 (Shanghai time), everything through the API with the
 * clock moved to each moment, ending at 2025-07-03 10:00. Items sit on purpose on both sides of
 * the edges a report cuts at: the last and first half hour of a month, Sunday 23:50 and Monday
 * 00:10. Seven sites:
 * - p6 周八 signed in April, completed 12 June, settled 14 June, final payment 2 July
 * - p7 吴九 signed 10 May, building all June (pm 钱工, designer 林设计, supervisor 陈监理)
 * - p1 张三 signed 20 May, started 2 June, material 20 June, stopped 25 June
 * - p2 李四 signed 5 June, started, material, mid-term, completed 29 June, paid in full, settled 30 June
 *   (pm 赵经理, designer 林设计, supervisor 陈监理)
 * - p3 王五 signed 12 June, cancelled 20 June; p4 赵六 signed 30 June 23:30; p5 孙七 signed 1 July 00:30
 * Complaints T1–T6 and a 回访联系单 from a callback, leader complaints with assessments confirmed in
 * May, June and July and one rejected, four inspections (one notice closed, one overdue at month
 * end), two evaluations, callbacks done with verdicts and scores, one failed attempt.
 */
export async function buildReportHistory(t: TestCore): Promise<ReportHistory> {
  t.clock.set(sh('2025-05-28 10:00'))
  const org = await buildProjectOrg(t)
  const sites: Record<string, ProjectDetail> = {}
  const left: { id: number; name: string }[] = []

  const at = (local: string): void => t.clock.set(sh(local))
  const reload = async (key: string): Promise<ProjectDetail> => (sites[key] = await (await org.as('agent')).api.projects.get({ id: sites[key].id }))
  const drive = async (key: string, ...steps: Parameters<typeof driveProject>[2]): Promise<void> => {
    sites[key] = await driveProject(org, await reload(key), steps)
  }
  /** The site's callback of `kind` due on `dueOn` (open), as the desk shows it. */
  const callbackOf = async (key: string, kind: CallbackItem['kind'], dueOn?: string): Promise<CallbackItem> => {
    const found = (await reload(key)).callbacks.filter((c) => c.kind === kind && c.status === 'open' && (!dueOn || c.dueOn === dueOn)).sort((a, b) => a.dueOn.localeCompare(b.dueOn))[0]
    if (!found) throw new Error(`${key} has no open ${kind} callback${dueOn ? ` due ${dueOn}` : ''}`)
    return found
  }
  const complete = async (
    cb: CallbackItem,
    result: 'satisfied' | 'fair' | 'unsatisfied',
    scores: Partial<Record<'design' | 'quality' | 'tidiness' | 'service' | 'schedule', number>> | null = null,
    problem: { description: string; category: string; severity: string; departmentId: number; personId: number } | null = null,
  ) => (await org.as('agent')).api.callbacks.complete({ id: cb.id, version: cb.version, result, scores, comment: null, problem })
  const call = async (callId: string, local: string, options: { ring: number; talk?: number; direction?: 'in' | 'out'; extension?: string }) => {
    at(local)
    const start = new Date(Date.parse(sh(local)) - 5 * 60_000).toISOString()
    await ingest(t, callEvents({ callId, at: start, ring: options.ring, talk: options.talk, direction: options.direction, caller: options.direction === 'out' ? '8001' : '13800138000', callee: options.direction === 'out' ? '13900139000' : undefined, extension: options.extension }))
  }
  const walkIn = async (name: string, phone: string, designerId: number | null, sourceChannel: string | null) =>
    (await org.as('receptionist')).api.visits.register({ name, phone, designerId, sourceChannel })
  const complaint = async (customerId: number, category: string, severity: string, personId: number | null, departmentId = org.departments.works.id) =>
    (await org.as('agent')).api.tickets.create({
      kind: 'complaint',
      source: 'phone',
      customerId,
      category,
      severity,
      description: `${category}问题`,
      dispatch: personId === null ? null : { departmentId, personId, dueAt: null },
    })
  const leaderComplaint = async (ticketId: number, target: 'generalManager' | 'leaders') => {
    const ticket = await (await org.as('agent')).api.tickets.get({ id: ticketId })
    const recorded = await (await org.as('agent')).api.tickets.recordLeaderComplaint({ id: ticket.id, version: ticket.version, target, note: '客户越级投诉' })
    return recorded.assessments.find((a) => a.reason === target)!
  }

  const admin = await t.admin()
  await admin.api.staff.update({ id: (await org.as('agent')).user.id, extension: '8001' })
  await admin.api.staff.update({ id: org.accounts.agent2.id, extension: '8002' })
  const { site, people, customers } = org
  const customer = async (name: string, phone: string) => (await (await org.as('agent')).api.customers.create({ name, phone })).id
  const wang = await customer('王五', '13600136000')
  const zhao = await customer('赵六', '13500135000')
  const sun = await customer('孙七', '13300133000')
  const zhou = await customer('周八', '13200132000')
  const wu = await customer('吴九', '13100131000')

  // ---- May: sites signed and started before the month
  sites.p6 = await signProject(org, {
    customerId: zhou,
    contractNo: 'HT-2025-006',
    address: '滨江花园 6 栋 601',
    amountFen: 150_000_00,
    signedOn: '2025-04-01',
    planned: { start: '2025-04-10', material: '2025-05-01', midterm: '2025-05-20', completion: '2025-06-10' },
    payments: { first: 50_000_00, midterm: 80_000_00, final: 20_000_00 },
  })
  await drive('p6', ['pay', 'first', '2025-04-01'], ['start', '2025-04-10'], ['material', '2025-05-05'], ['midterm', '2025-05-20'], ['pay', 'midterm', '2025-05-20'])
  sites.p7 = await signProject(org, {
    customerId: wu,
    contractNo: 'HT-2025-007',
    address: '翠湖天地 7 栋 702',
    amountFen: 120_000_00,
    signedOn: '2025-05-10',
    designerId: site.designer2.id,
    supervisorId: people.floating.id,
    planned: { start: '2025-05-15', material: '2025-06-30', midterm: '2025-07-20', completion: '2025-08-30' },
    payments: { first: 36_000_00, midterm: 60_000_00, final: 24_000_00 },
  })
  await drive('p7', ['pay', 'first', '2025-05-12'], ['start', '2025-05-15'])
  sites.p1 = await signProject(org) // 张三's, signed 2025-05-20
  await registerDeposit(org, { customerId: zhao, designerId: site.designer2.id, paidOn: '2025-05-25' })

  // ---- the last half hour of May in Shanghai (15:30 UTC): still May
  at('2025-05-31 23:30')
  await walkIn('五月客', '13900001001', site.designer.id, '自然到店')
  const t6 = await complaint(customers.zhang.id, '工期', '一般', site.pm.id)
  const t6Assessment = await leaderComplaint(t6.id, 'leaders')
  at('2025-05-31 23:45')
  await (await org.as('manager')).api.tickets.decideAssessment({ id: t6Assessment.id, decision: 'confirm', note: null })
  await call('may-last', '2025-05-31 23:58', { ring: 5, talk: 60, extension: '8001' })

  // ---- the first half hour of June in Shanghai (16:30 UTC on May 31): June, and the week before WEEK
  at('2025-06-01 00:30')
  await walkIn('六月客', '13900001002', site.designer2.id, '网络推广')
  const t5 = await complaint(customers.li.id, '工程质量', '一般', site.pm.id)
  const t5Assessment = await leaderComplaint(t5.id, 'generalManager')
  await call('june-first', '2025-06-01 00:20', { ring: 3, talk: 30, extension: '8002' })
  at('2025-06-01 10:00')
  await act(org, await (await org.as('agent')).api.tickets.get({ id: t6.id }), 'respond')
  await act(org, await (await org.as('agent')).api.tickets.get({ id: t6.id }), 'resolve')

  // ---- WEEK: Monday 2 June to Sunday 8 June
  at('2025-06-02 09:00')
  await (await org.as('manager')).api.tickets.decideAssessment({ id: t5Assessment.id, decision: 'confirm', note: '属实' })
  at('2025-06-02 10:00')
  await drive('p1', ['start', '2025-06-02'], ['pay', 'first', '2025-06-02'])
  await call('w-in-1', '2025-06-02 10:05', { ring: 8, talk: 125, extension: '8001' })
  await call('w-missed', '2025-06-02 11:00', { ring: 15, extension: '8001' })
  at('2025-06-03 10:00')
  await walkIn('周二客', '13900001003', site.designer.id, '自然到店')
  const t1 = await complaint(customers.zhang.id, '工程质量', '一般', site.pm.id)
  at('2025-06-03 10:30')
  await act(org, t1, 'respond')
  await call('w-abandoned', '2025-06-03 15:00', { ring: 4, extension: '8002' })
  at('2025-06-04 09:00')
  await call('w-out', '2025-06-04 09:00', { direction: 'out', ring: 6, talk: 200, extension: '8002' })
  at('2025-06-04 10:00')
  await act(org, await (await org.as('agent')).api.tickets.get({ id: t1.id }), 'resolve')
  at('2025-06-04 14:00')
  const manual = await (await org.as('agent')).api.calls.start({ direction: 'in', phone: '13700137000' })
  at('2025-06-04 14:02')
  await (await org.as('agent')).api.calls.saveIntake({ id: manual.id, version: manual.version, type: 'consult', summary: '咨询报价', details: null })
  at('2025-06-05 10:00')
  sites.p2 = await signProject(org, {
    customerId: customers.li.id,
    contractNo: 'HT-2025-002',
    address: '锦绣江南 2 栋 202',
    amountFen: 200_000_00,
    signedOn: '2025-06-05',
    designerId: site.designer2.id,
    projectManagerId: people.worksHead.id,
    supervisorId: people.floating.id,
    planned: { start: '2025-06-10', material: '2025-06-16', midterm: '2025-06-23', completion: '2025-06-29' },
    payments: { first: 60_000_00, midterm: 100_000_00, final: 40_000_00 },
  })
  await drive('p2', ['pay', 'first', '2025-06-05'])
  await registerDeposit(org, { customerId: wang, designerId: site.designer.id, paidOn: '2025-06-05' })
  await (await org.as('agent')).api.inspections.record({ projectId: sites.p1.id, inspectedOn: '2025-06-05', result: 'ok', findings: '现场整洁' })
  await measureCall(org, '13900001004', site.designer2.id, { newCustomerName: '量房客' })
  at('2025-06-05 10:30')
  await answerCallback(org, await (await org.as('agent')).api.tickets.get({ id: t1.id }), 'satisfied', { rating: 5 })
  await complete(await callbackOf('p7', 'construction', '2025-06-05'), 'satisfied')
  at('2025-06-06 15:00')
  await walkIn('周五客', '13900001005', site.designer2.id, '老客户介绍')
  // the last minutes of Sunday 8 June in Shanghai: still WEEK
  await call('w-sunday', '2025-06-08 23:50', { ring: 2, talk: 40, extension: '8001' })
  await walkIn('周日客', '13900001006', site.designer.id, '小区活动')

  // ---- the following weeks
  // 00:10 on Monday 9 June in Shanghai (16:10 UTC on Sunday): the next week
  await call('next-monday', '2025-06-09 00:10', { ring: 20, extension: '8001' })
  await walkIn('周一客', '13900001007', null, null)
  at('2025-06-09 10:00')
  await complete(await callbackOf('p1', 'construction', '2025-06-09'), 'satisfied', { design: 5, quality: 4, tidiness: 4, service: 5, schedule: 3 })
  at('2025-06-10 10:00')
  await drive('p2', ['start', '2025-06-10'])
  const i2 = await (await org.as('agent')).api.inspections.record({
    projectId: sites.p7.id,
    inspectedOn: '2025-06-10',
    result: 'issues',
    findings: '电线未穿管',
    rectification: { items: '电线穿管', responsibleId: site.pm.id, deadlineOn: '2025-06-15' },
  })
  const t2 = await complaint(customers.li.id, '设计', '较重', site.designer.id, org.departments.design.id)
  at('2025-06-11 16:00') // 30 hours later: the response came too late
  await act(org, t2, 'respond')
  at('2025-06-12 10:00')
  await drive('p6', ['completion', '2025-06-12'])
  await act(org, await (await org.as('agent')).api.tickets.get({ id: t2.id }), 'resolve')
  const t2Assessment = await leaderComplaint(t2.id, 'leaders')
  sites.p3 = await signProject(org, { customerId: wang, contractNo: 'HT-2025-003', address: '东湖小区 3 栋 303', amountFen: 150_000_00, signedOn: '2025-06-12', planned: { start: null, material: null, midterm: null, completion: null }, payments: { first: 45_000_00, midterm: 0, final: 0 } })
  at('2025-06-13 10:00')
  await answerCallback(org, await (await org.as('agent')).api.tickets.get({ id: t2.id }), 'fair')
  at('2025-06-14 10:00')
  const rect = i2.rectification!
  await (await org.as('agent')).api.inspections.recheck({ id: rect.id, version: rect.version, passed: true, note: '已整改' })
  await complete(await callbackOf('p6', 'milestone', '2025-06-13'), 'satisfied', { design: 4, quality: 5 })
  await drive('p6', ['settle', '2025-06-14'])
  at('2025-06-15 10:00')
  const t3 = await complaint(customers.zhang.id, '工程质量', '严重', site.supervisor.id)
  const t3Assessment = await leaderComplaint(t3.id, 'leaders')
  at('2025-06-16 10:00')
  await drive('p2', ['material', '2025-06-16'])
  const p1Weekly = await callbackOf('p1', 'construction', '2025-06-16')
  await (await org.as('agent')).api.callbacks.recordAttempt({ id: p1Weekly.id, version: p1Weekly.version, outcome: 'noAnswer', note: null, retryOn: '2025-06-17' })
  await (await org.as('manager')).api.tickets.decideAssessment({ id: t3Assessment.id, decision: 'reject', note: '不属实' })
  at('2025-06-17 10:00')
  await complete(await callbackOf('p1', 'construction', '2025-06-17'), 'fair', { quality: 3 }, {
    description: '卫生间墙砖空鼓',
    category: '工程质量',
    severity: '一般',
    departmentId: org.departments.works.id,
    personId: site.pm.id,
  })
  // 李四's material entry (16 June) was called back the next day: its milestone callback replaced that week's routine one
  await complete(await callbackOf('p2', 'milestone', '2025-06-17'), 'unsatisfied', { design: 2, service: 3 })
  at('2025-06-18 10:00')
  await (await org.as('agent')).api.inspections.record({
    projectId: sites.p1.id,
    inspectedOn: '2025-06-18',
    result: 'issues',
    findings: '防水未做闭水试验',
    rectification: { items: '补做闭水试验', responsibleId: site.crew.id, deadlineOn: '2025-06-22' },
  })
  at('2025-06-20 10:00')
  await drive('p1', ['material', '2025-06-20'])
  await drive('p3', ['cancel', '2025-06-20'])
  const t4 = await complaint(customers.zhang.id, '服务态度', '一般', site.pm.id)
  await act(org, t4, 'cancel')
  await (await org.as('manager')).api.tickets.decideAssessment({ id: t2Assessment.id, decision: 'confirm', amountFen: 150_00, note: null })
  at('2025-06-23 10:00')
  await drive('p2', ['midterm', '2025-06-23'], ['pay', 'midterm', '2025-06-23'])
  at('2025-06-25 10:00')
  await drive('p1', ['stop', '2025-06-25'])
  at('2025-06-28 10:00')
  await (await org.as('agent')).api.inspections.record({
    projectId: sites.p7.id,
    inspectedOn: '2025-06-28',
    result: 'issues',
    findings: '材料堆放杂乱',
    rectification: { items: '清理现场', responsibleId: site.pm.id, deadlineOn: '2025-07-05' },
  })
  at('2025-06-29 10:00')
  await drive('p2', ['completion', '2025-06-29'])
  const scores = (designer: number, projectManager: number, supervisor: number) => ({ designer, projectManager, supervisor, crew: 4, overall: 4 })
  await (await org.as('agent')).api.projects.saveEvaluation({ projectId: sites.p6.id, scores: scores(5, 4, 3), comment: null })
  await (await org.as('agent')).api.projects.saveEvaluation({ projectId: sites.p2.id, scores: scores(4, 3, 5), comment: null })
  at('2025-06-30 20:00')
  await drive('p2', ['pay', 'final', '2025-06-30'], ['settle', '2025-06-30'])
  // the last half hour of June in Shanghai
  at('2025-06-30 23:30')
  sites.p4 = await signProject(org, { customerId: zhao, contractNo: 'HT-2025-004', address: '新城花苑 4 栋 404', amountFen: 100_000_00, signedOn: '2025-06-30', designerId: site.designer2.id, planned: { start: null, material: null, midterm: null, completion: null }, payments: { first: 30_000_00, midterm: 0, final: 0 } })
  await call('june-last', '2025-06-30 23:50', { ring: 5, talk: 90, extension: '8002' })
  await complete(await callbackOf('p7', 'construction'), 'satisfied')
  // ---- July (16:30 UTC on 30 June)
  at('2025-07-01 00:30')
  sites.p5 = await signProject(org, { customerId: sun, contractNo: 'HT-2025-005', address: '江畔人家 5 栋 505', amountFen: 80_000_00, signedOn: '2025-07-01', planned: { start: null, material: null, midterm: null, completion: null }, payments: { first: 24_000_00, midterm: 0, final: 0 } })
  await call('july-first', '2025-07-01 00:20', { ring: 5, talk: 45, extension: '8001' })
  await complete(await callbackOf('p7', 'construction'), 'unsatisfied', { service: 1 })
  const t1Assessment = await leaderComplaint(t1.id, 'leaders')
  await (await org.as('manager')).api.tickets.decideAssessment({ id: t1Assessment.id, decision: 'confirm', note: null })
  at('2025-07-02 10:00')
  await drive('p6', ['pay', 'final', '2025-07-02'])

  // the history ends here; two people leave
  at('2025-07-03 10:00')
  const gone = await t.person('郭设计', 'designer', null)
  for (const p of [gone, people.floating]) left.push(await (await t.admin()).api.org.savePerson({ id: p.id, name: p.name, kind: p.kind, departmentId: p.departmentId, phone: null, active: false }))
  await t.core.audit.flush()
  return { org, sites, left }
}
