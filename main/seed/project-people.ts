import type { Database } from 'sqlite3'
import { all } from './bulk-insert'
import { Weighted, type Rng } from './random'

const DAY = 86_400_000

/** Who works on sites and who follows them up, read from the tables (a demo org or a hand-built one). */
export interface ProjectOrg {
  designers: Weighted<number>
  designerIds: Set<number>
  consultants: number[]
  projectManagers: number[]
  supervisors: number[]
  crews: number[]
  /** 客服专员 who follow sites (跟进客服) and do their callbacks */
  agents: number[]
  /** accounts allowed to write projects: agents, shift leads, managers */
  writers: number[]
}

export async function loadProjectOrg(db: Database): Promise<ProjectOrg> {
  const people = await all<{ id: number; kind: string }>(db, 'SELECT id, kind FROM person WHERE active = 1 ORDER BY id')
  const staff = await all<{ id: number; role: string }>(db, "SELECT id, role FROM staff_account WHERE active = 1 AND role IN ('agent', 'shiftLead', 'manager') ORDER BY id")
  const of = (kind: string) => people.filter((p) => p.kind === kind).map((p) => p.id)
  const designers = of('designer')
  if (designers.length === 0) throw new Error('seed-projects: no designers to sign contracts (seed the demo organisation first)')
  const writers = staff.map((s) => s.id)
  if (writers.length === 0) throw new Error('seed-projects: no agent, shift lead or manager account to record projects')
  const agents = staff.filter((s) => s.role === 'agent').map((s) => s.id)
  return {
    // some designers sign far more than others
    designers: new Weighted(designers.map((id, i) => [id, 1 / Math.pow(i + 2, 0.4)] as const)),
    designerIds: new Set(designers),
    consultants: of('homeConsultant'),
    projectManagers: of('projectManager'),
    supervisors: of('supervisor'),
    crews: of('crew'),
    agents: agents.length ? agents : writers,
    writers,
  }
}

export interface PoolCustomer {
  id: number
  created: number
  designerId: number | null
  community: string | null
  address: string | null
  areaSqm: number | null
}

const parseTime = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`)

/**
 * Customers who can still sign, in order of their first contact. A site goes to someone on file
 * a few days to a few months before the signing; a contract older than the whole archive (an
 * imported one) goes to one of the earliest customers.
 */
export class CustomerPool {
  private readonly used: Uint8Array
  private legacyFrom = 0
  private positions: Map<number, number> | null = null

  private constructor(
    readonly customers: PoolCustomer[],
    private readonly created: Float64Array,
  ) {
    this.used = new Uint8Array(customers.length)
  }

  /** Customers without a site or a deposit yet and not already given a completion date by repairs. */
  static async load(db: Database): Promise<CustomerPool> {
    const rows = await all<{ id: number; createdAt: string; designerId: number | null; community: string | null; address: string | null; areaSqm: number | null }>(
      db,
      `SELECT id, created_at AS createdAt, following_designer_id AS designerId, community, address, area_sqm AS areaSqm FROM customer c
        WHERE completed_on IS NULL AND NOT EXISTS (SELECT 1 FROM project p WHERE p.customer_id = c.id) AND NOT EXISTS (SELECT 1 FROM deposit d WHERE d.customer_id = c.id)`,
    )
    const customers = rows.map((r) => ({ id: r.id, created: parseTime(r.createdAt), designerId: r.designerId, community: r.community, address: r.address, areaSqm: r.areaSqm }))
    customers.sort((a, b) => a.created - b.created || a.id - b.id)
    return new CustomerPool(customers, Float64Array.from(customers.map((c) => c.created)))
  }

  get size(): number {
    return this.customers.length
  }

  /** When the earliest customer came. */
  get firstContact(): number | null {
    return this.customers[0]?.created ?? null
  }

  isFree(index: number): boolean {
    return this.used[index] === 0
  }

  use(index: number): PoolCustomer {
    this.used[index] = 1
    return this.customers[index]
  }

  indexOf(id: number): number {
    this.positions ??= new Map(this.customers.map((c, i) => [c.id, i]))
    return this.positions.get(id) ?? -1
  }

  /** Someone on file by `before` (most came within the last `windowDays`), not yet taken; null when everyone is. */
  take(rng: Rng, before: number, windowDays = 150): PoolCustomer | null {
    const hi = upperBound(this.created, before)
    const lo = upperBound(this.created, before - windowDays * DAY)
    for (const [from, to] of [[lo, hi], [0, hi]] as const) {
      for (let tries = 0; tries < 12 && to > from; tries++) {
        const i = rng.int(from, to - 1)
        if (!this.used[i]) return this.use(i)
      }
    }
    for (let i = hi - 1; i >= 0; i--) if (!this.used[i]) return this.use(i)
    // an imported contract, older than the archive
    while (this.legacyFrom < this.customers.length && this.used[this.legacyFrom]) this.legacyFrom++
    return this.legacyFrom < this.customers.length ? this.use(this.legacyFrom) : null
  }
}

/** First index whose value is after `t`. */
function upperBound(values: Float64Array, t: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (values[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}
