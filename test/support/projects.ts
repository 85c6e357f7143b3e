import type { z } from 'zod'
import type { CallDetail } from '../../main/contract/calls.contract'
import type { DepositDetail, depositsContract } from '../../main/contract/deposits.contract'
import type { Visit } from '../../main/contract/visits.contract'
import type { Person } from '../../main/contract/org.contract'
import type { ProjectDetail, projectsContract } from '../../main/contract/projects.contract'
import type { Session, TestCore } from './test-core'
import { buildTicketOrg, type TicketOrg } from './tickets'

export type CreateProjectInput = z.input<typeof projectsContract.create.input>

/** The ticket org plus the people a contract names: a home consultant, a supervisor, a second designer. */
export interface ProjectOrg extends TicketOrg {
  site: { designer: Person; designer2: Person; consultant: Person; supervisor: Person; pm: Person; crew: Person }
}

export async function buildProjectOrg(...args: Parameters<typeof buildTicketOrg>): Promise<ProjectOrg> {
  const org = await buildTicketOrg(...args)
  const consultant = await org.t.person('何顾问', 'homeConsultant', null)
  const designer2 = await org.t.person('林设计', 'designer', null)
  const supervisor = await org.t.person('杨监理', 'supervisor', null)
  await org.t.core.audit.flush()
  return { ...org, site: { designer: org.people.designer, designer2, consultant, supervisor, pm: org.people.pm, crew: org.people.crew } }
}

/** A contract of 张三's signed on `signedOn` (¥300,000: 首期 ¥90,000, 中期 ¥150,000, 尾款 ¥60,000), followed by agent1. */
export async function signProject(org: ProjectOrg, overrides: Partial<CreateProjectInput> = {}, by?: Session): Promise<ProjectDetail> {
  const who = by ?? (await org.as('agent'))
  const agent = await org.as('agent')
  return who.api.projects.create({
    customerId: org.customers.zhang.id,
    contractNo: 'HT-2025-001',
    address: '阳光花园 3 栋 1201',
    designerId: org.site.designer.id,
    projectManagerId: org.site.pm.id,
    supervisorId: org.site.supervisor.id,
    crewId: org.site.crew.id,
    agentId: agent.user.id,
    amountFen: 300_000_00,
    signedOn: '2025-05-20',
    planned: { start: '2025-06-02', material: '2025-06-20', midterm: '2025-07-15', completion: '2025-08-31' },
    payments: { first: 90_000_00, midterm: 150_000_00, final: 60_000_00 },
    ...overrides,
  })
}

/** Records `milestone` on `on` by agent1 and answers the project as it is now. */
export async function milestone(org: ProjectOrg, project: ProjectDetail, which: 'start' | 'material' | 'midterm' | 'completion', on: string): Promise<ProjectDetail> {
  const agent = await org.as('agent')
  return agent.api.projects.recordMilestone({ id: project.id, version: project.version, milestone: which, on })
}

/** The site's stored plan rows, `plan key → "status dueOn"`, straight from the database. */
export async function planOf(t: TestCore, projectId: number): Promise<Record<string, string>> {
  const rows = await t.core.store.read
    .createQueryBuilder()
    .from('callback', 'cb')
    .select(['cb.plan_key AS "key"', 'cb.status AS status', 'cb.due_on AS "dueOn"'])
    .where('cb.project_id = :projectId AND cb.plan_key IS NOT NULL', { projectId })
    .orderBy('cb.due_on', 'ASC')
    .addOrderBy('cb.plan_key', 'ASC')
    .getRawMany<{ key: string; status: string; dueOn: string }>()
  return Object.fromEntries(rows.map((r) => [r.key, `${r.status} ${r.dueOn}`]))
}

/** Only the open ones. */
export async function openPlanOf(t: TestCore, projectId: number): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await planOf(t, projectId)).filter(([, v]) => v.startsWith('open ')).map(([k, v]) => [k, v.slice(5)]))
}

export type RegisterDepositInput = z.input<typeof depositsContract.register.input>

/** A deposit of 张三's (¥5,000 to 周设计, through 何顾问) paid on `paidOn` (default 2025-05-10), registered by agent1. */
export async function registerDeposit(org: ProjectOrg, overrides: Partial<RegisterDepositInput> = {}, by?: Session): Promise<DepositDetail> {
  const who = by ?? (await org.as('agent'))
  return who.api.deposits.register({
    customerId: org.customers.zhang.id,
    designerId: org.site.designer.id,
    consultantId: org.site.consultant.id,
    amountFen: 5_000_00,
    paidOn: '2025-05-10',
    ...overrides,
  })
}

/** The project as it is now (its current version), read by agent1. */
export async function reloadProject(org: ProjectOrg, project: { id: number }): Promise<ProjectDetail> {
  return (await org.as('agent')).api.projects.get({ id: project.id })
}

/** A walk-in at the clock's instant, received by `designerId` (or nobody): registered by the receptionist. */
export async function walkIn(org: ProjectOrg, name: string, phone: string, designerId: number | null): Promise<Visit> {
  const reception = await org.as('receptionist')
  return (await reception.api.visits.register({ name, phone, designerId })).visit
}

/** A measuring appointment for `designerId` made by agent1 on an inbound call at the clock's instant. */
export async function measureCall(org: ProjectOrg, phone: string, designerId: number, customer: { customerId: number } | { newCustomerName: string }): Promise<CallDetail> {
  const agent = await org.as('agent')
  const call = await agent.api.calls.start({ direction: 'in', phone })
  return agent.api.calls.saveIntake({
    id: call.id,
    version: call.version,
    type: 'measure',
    summary: '预约量房',
    ...customer,
    details: { type: 'measure', community: '翠湖天地', address: '翠湖天地 1-101', scheduledAt: '2025-06-20T02:00:00.000Z', designerId },
  })
}

/** One step in a site's life, recorded by agent1: a milestone, a payment, a stop, a resumption, a cancellation, the settlement hand-over. */
export type SiteStep =
  | readonly ['start' | 'material' | 'midterm' | 'completion', string]
  | readonly ['pay', 'first' | 'midterm' | 'final', string]
  | readonly ['stop' | 'resume' | 'cancel' | 'settle', string]

/** Applies `steps` in order (each at the version the previous one left) and answers the project as it is then. */
export async function driveProject(org: ProjectOrg, project: ProjectDetail, steps: readonly SiteStep[]): Promise<ProjectDetail> {
  let p = project
  for (const step of steps) {
    const api = (await org.as('agent')).api.projects
    const base = { id: p.id, version: p.version }
    switch (step[0]) {
      case 'pay':
        p = await api.recordPayment({ ...base, stage: step[1], paidOn: step[2] })
        break
      case 'stop':
        p = await api.stop({ ...base, on: step[1], reason: '物业暂停施工' })
        break
      case 'resume':
        p = await api.resume({ ...base, on: step[1], note: null })
        break
      case 'cancel':
        p = await api.cancel({ ...base, on: step[1], reason: '客户资金问题' })
        break
      case 'settle':
        p = await api.markSettlementSent({ ...base, on: step[1] })
        break
      default:
        p = await api.recordMilestone({ ...base, milestone: step[0], on: step[1] })
    }
  }
  return p
}
