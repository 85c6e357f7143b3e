import type { z } from 'zod'
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
