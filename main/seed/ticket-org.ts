import type { Database } from 'sqlite3'
import type { PersonKind } from '../contract/org.contract'
import type { TicketKind } from '../contract/tickets.contract'
import { all } from './bulk-insert'
import { Weighted, type Rng } from './random'

export interface OrgPerson {
  id: number
  name: string
  kind: PersonKind
  departmentId: number | null
}

export interface Responsible {
  departmentId: number
  personId: number
}

/** Who the 联系单 goes to, by the problem: [department, kinds of people in it, weight]. */
type Route = [string, PersonKind[], number]
const COMPLAINT_ROUTES: Record<string, Route[]> = {
  工程质量: [['工程部', ['projectManager'], 55], ['工程部', ['supervisor'], 35], ['工程部', ['crew'], 10]],
  工期: [['工程部', ['projectManager'], 80], ['工程部', ['supervisor'], 20]],
  设计: [['设计部', ['designer'], 100]],
  材料: [['材料部', ['homeConsultant'], 70], ['工程部', ['projectManager'], 30]],
  服务态度: [['工程部', ['projectManager'], 40], ['设计部', ['designer'], 30], ['客服部', ['serviceStaff'], 30]],
  其他: [['工程部', ['projectManager', 'supervisor'], 70], ['客服部', ['serviceStaff'], 30]],
}
const REPAIR_ROUTES: Route[] = [['工程部', ['repairWorker'], 60], ['工程部', ['supervisor'], 25], ['工程部', ['projectManager'], 15]]

/**
 * The organisation as tickets see it: departments and the active people in them, the accounts
 * that log in (agents follow tickets, managers decide assessments), and who hears of what.
 * Read from the tables, so it works on a demo organisation and on one someone built by hand.
 */
export class TicketOrg {
  private readonly routes = new Map<string, Weighted<{ departmentId: number; people: OrgPerson[] }>>()
  private readonly anyone: Weighted<{ departmentId: number; people: OrgPerson[] }> | null
  private readonly names: Map<number, string>

  private constructor(
    readonly people: OrgPerson[],
    private readonly departments: Map<string, { id: number; headPersonId: number | null }>,
    readonly headOf: Map<number, number | null>,
    readonly agentIds: number[],
    /** active managers' accounts and names (every one of them hears of a level-2 escalation) */
    readonly managers: { id: number; name: string }[],
    /** person → their active account, for the few people who log in */
    readonly accountOf: Map<number, number>,
    readonly generalManagerId: number | null,
  ) {
    this.names = new Map(people.map((p) => [p.id, p.name]))
    const byDepartment = new Map<number, OrgPerson[]>()
    for (const p of people) if (p.departmentId !== null) byDepartment.set(p.departmentId, [...(byDepartment.get(p.departmentId) ?? []), p])
    const staffed = [...byDepartment.entries()].filter(([, members]) => members.length > 0)
    this.anyone = staffed.length ? new Weighted(staffed.map(([departmentId, members]) => [{ departmentId, people: members }, members.length] as const)) : null
    this.workerIds = people.filter((p) => p.kind === 'repairWorker').map((p) => p.id)
    const build = (routes: Route[]) => {
      const options = routes.flatMap(([name, kinds, weight]) => {
        const department = this.departments.get(name)
        const members = department ? (byDepartment.get(department.id) ?? []).filter((p) => kinds.includes(p.kind)) : []
        return members.length && department ? [[{ departmentId: department.id, people: members }, weight] as const] : []
      })
      return options.length ? new Weighted(options) : null
    }
    for (const [category, routes] of Object.entries(COMPLAINT_ROUTES)) {
      const weighted = build(routes)
      if (weighted) this.routes.set(`complaint:${category}`, weighted)
    }
    const repairs = build(REPAIR_ROUTES)
    if (repairs) this.routes.set('repair', repairs)
  }

  /** people who go out to repairs (the demo has 维修工; a hand-built organisation may not) */
  readonly workerIds: number[]

  static async load(db: Database): Promise<TicketOrg> {
    const people = await all<OrgPerson>(db, 'SELECT id, name, kind, department_id AS departmentId FROM person WHERE active = 1 ORDER BY id')
    const departments = await all<{ id: number; name: string; headPersonId: number | null }>(
      db,
      'SELECT id, name, head_person_id AS headPersonId FROM department WHERE active = 1 ORDER BY id',
    )
    const staff = await all<{ id: number; role: string; personId: number | null; name: string }>(
      db,
      'SELECT id, role, person_id AS personId, display_name AS name FROM staff_account WHERE active = 1 ORDER BY id',
    )
    const [gm] = await all<{ id: number }>(db, 'SELECT id FROM person WHERE is_general_manager = 1 AND active = 1 LIMIT 1')
    const accountOf = new Map<number, number>()
    for (const s of staff) if (s.personId !== null && !accountOf.has(s.personId)) accountOf.set(s.personId, s.id)
    const ofRole = (...roles: string[]) => staff.filter((s) => roles.includes(s.role)).map((s) => s.id)
    const agents = ofRole('agent')
    const active = new Set(departments.map((d) => d.id))
    return new TicketOrg(
      people.filter((p) => p.departmentId === null || active.has(p.departmentId)),
      new Map(departments.map((d) => [d.name, { id: d.id, headPersonId: d.headPersonId }])),
      new Map(departments.map((d) => [d.id, d.headPersonId])),
      agents.length ? agents : ofRole('shiftLead', 'manager'),
      staff.filter((s) => s.role === 'manager').map(({ id, name }) => ({ id, name })),
      accountOf,
      gm?.id ?? null,
    )
  }

  /** Whether anyone can be made responsible at all (an empty organisation leaves every ticket 待受理). */
  get canDispatch(): boolean {
    return this.anyone !== null
  }

  /** A department and a person in it for this problem; the customer's own designer for a design complaint. */
  responsible(rng: Rng, kind: TicketKind, category: string, designerId: number | null, other?: Responsible): Responsible | null {
    const route = this.routes.get(kind === 'repair' ? 'repair' : `complaint:${category}`) ?? this.anyone
    if (!route) return null
    for (let attempt = 0; attempt < 6; attempt++) {
      const { departmentId, people } = route.draw(rng)
      const own = designerId ? people.find((p) => p.id === designerId) : undefined
      const person = own && !other && rng.chance(0.8) ? own : rng.pick(people)
      if (!other || person.id !== other.personId) return { departmentId, personId: person.id }
    }
    return null
  }

  /** The staff accounts among these people (most people never log in). */
  accounts(...personIds: (number | null | undefined)[]): number[] {
    const ids: number[] = []
    for (const id of personIds) {
      const account = id ? this.accountOf.get(id) : undefined
      if (account !== undefined && !ids.includes(account)) ids.push(account)
    }
    return ids
  }

  nameOf(personId: number | null | undefined): string | null {
    return personId ? (this.names.get(personId) ?? null) : null
  }
}
