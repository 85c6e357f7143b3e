import { In, type EntityManager } from 'typeorm'
import { companyDate } from '../contract/time'
import type { CallbackRow, ProjectRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { derivePlan, isEmptyChange, reconcilePlan, type ExistingPlanRow, type PlanChanges, type PlanSite } from './callback-plan'
import type { SettingsService } from './settings.service'

export interface ReplanCounts {
  projects: number
  created: number
  moved: number
  cancelled: number
  reopened: number
}

type PlanProject = Pick<ProjectRow, 'id' | 'contractNo' | 'customerId' | 'agentId' | 'startOn' | 'materialOn' | 'midtermOn' | 'completionOn' | 'completionPlannedOn' | 'cancelledOn'>

const PROJECT_COLUMNS = ['id', 'contractNo', 'customerId', 'agentId', 'startOn', 'materialOn', 'midtermOn', 'completionOn', 'completionPlannedOn', 'cancelledOn'] as const
// bounded so that one write holds the queue for well under a second and `IN (...)` stays short
const CHUNK = 500

/**
 * Keeps every site's stored return-visit plan equal to what its dates want (callback-plan.ts):
 * in the same transaction as the change that moved a date, for all sites after the rules
 * changed, and daily for sites under construction whose weekly plan runs ahead of today.
 */
export class CallbackPlans {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly now: () => Date,
  ) {}

  today(): string {
    return companyDate(this.now(), this.settings.get().timeZone)
  }

  private extendedOn = ''

  /** Once per company day: the sites whose weekly plan runs relative to today. */
  async extendDaily(): Promise<void> {
    const today = this.today()
    if (today === this.extendedOn) return
    await this.regenerateAll(['building', 'stopped'])
    this.extendedOn = today
  }

  /** Re-derives one site inside the caller's write. */
  async replanProject(em: EntityManager, projectId: number): Promise<PlanChanges> {
    const counts = await this.replanChunk(em, [projectId])
    return counts.changes[0]
  }

  /** Every site (or those of some stored statuses), chunk by chunk, each chunk one write. */
  async regenerateAll(statuses?: readonly string[]): Promise<ReplanCounts> {
    const total: ReplanCounts = { projects: 0, created: 0, moved: 0, cancelled: 0, reopened: 0 }
    let after = 0
    for (;;) {
      const qb = this.store.read.createQueryBuilder().from('project', 'p').select('p.id', 'id').where('p.id > :after', { after }).orderBy('p.id', 'ASC').limit(CHUNK)
      if (statuses) qb.andWhere('p.status IN (:...statuses)', { statuses })
      const ids = (await qb.getRawMany<{ id: unknown }>()).map((r) => toNumber(r.id))
      if (ids.length === 0) return total
      after = ids[ids.length - 1]
      const { changes } = await this.store.write((em) => this.replanChunk(em, ids))
      total.projects += ids.length
      for (const c of changes) {
        total.created += c.create.length
        total.moved += c.move.length
        total.cancelled += c.cancel.length
        total.reopened += c.reopen.length
      }
    }
  }

  private async replanChunk(em: EntityManager, ids: number[]): Promise<{ changes: PlanChanges[] }> {
    const today = this.today()
    const rules = this.settings.get()
    const now = this.now()
    const projects = await em.getRepository<ProjectRow>('project').find({ select: [...PROJECT_COLUMNS], where: { id: In(ids) } })
    const stops = await em
      .createQueryBuilder()
      .from('project_stop', 's')
      .select(['s.project_id AS "projectId"', 's.from_on AS "fromOn"', 's.to_on AS "toOn"'])
      .where('s.project_id IN (:...ids)', { ids })
      .getRawMany<{ projectId: unknown; fromOn: string; toOn: string | null }>()
    const rows = await em
      .createQueryBuilder()
      .from('callback', 'cb')
      .select(['cb.id AS id', 'cb.project_id AS "projectId"', 'cb.plan_key AS "planKey"', 'cb.status AS status', 'cb.planned_on AS "plannedOn"', 'cb.due_on AS "dueOn"'])
      .where('cb.project_id IN (:...ids) AND cb.plan_key IS NOT NULL', { ids })
      .getRawMany<ExistingPlanRow & { projectId: unknown }>()
    const stopsOf = groupBy(stops, (s) => toNumber(s.projectId))
    const rowsOf = groupBy(rows, (r) => toNumber(r.projectId))

    const changes: PlanChanges[] = []
    const inserts: Partial<CallbackRow>[] = []
    for (const p of projects as PlanProject[]) {
      const site: PlanSite = { ...p, stops: stopsOf.get(p.id) ?? [] }
      const change = reconcilePlan(derivePlan(site, rules, today), (rowsOf.get(p.id) ?? []).map((r) => ({ ...r, id: toNumber(r.id) })), today)
      changes.push(change)
      if (isEmptyChange(change)) continue
      for (const c of change.create) inserts.push(newPlanRow(p, c.key, c.kind, c.dueOn, c.reason, now))
      for (const m of [...change.move, ...change.reopen]) {
        await em
          .createQueryBuilder()
          .update('callback')
          .set({ status: 'open', dueOn: m.dueOn, plannedOn: m.dueOn, reason: m.reason, updatedAt: now, version: () => 'version + 1' })
          .where('id = :id', { id: m.id })
          .execute()
      }
      if (change.cancel.length) {
        await em
          .createQueryBuilder()
          .update('callback')
          .set({ status: 'cancelled', updatedAt: now, version: () => 'version + 1' })
          .where('id IN (:...ids)', { ids: change.cancel })
          .execute()
      }
    }
    // a multi-row insert per few hundred rows: SQLite caps a statement's bound parameters
    for (let i = 0; i < inserts.length; i += 100) await insertRows(em, 'callback', inserts.slice(i, i + 100))
    return { changes }
  }
}

function newPlanRow(p: PlanProject, key: string, kind: CallbackRow['kind'], dueOn: string, reason: string, now: Date): Partial<CallbackRow> {
  return {
    kind,
    status: 'open',
    customerId: p.customerId,
    ticketId: null,
    projectId: p.id,
    planKey: key,
    plannedOn: dueOn,
    reason,
    dueOn,
    agentId: p.agentId,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const map = new Map<number, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}
