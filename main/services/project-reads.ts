import type { EntityManager, SelectQueryBuilder } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { OpenItem } from '../contract/calls.contract'
import type { TimelineEntry } from '../contract/customers.contract'
import { AppError } from '../contract/errors'
import {
  MILESTONE_LABELS,
  MILESTONES,
  PAYMENT_STAGE_LABELS,
  PROJECT_STATUS_LABELS,
  type Milestone,
  type PaymentStage,
  type ProjectDetail,
  type ProjectItem,
  type ProjectLogEntry,
  type ProjectStatus,
  type WeeklyCounts,
  type WeeklyList,
} from '../contract/projects.contract'
import { companyDate, companyDayRange, shiftDate, weekStartOf } from '../contract/time'
import type { Page } from '../contract/schema-kit'
import { repo, type ProjectRow } from '../../database/entities'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { CallbacksService } from './callbacks.service'
import { phoneForUser } from './customer-dto'
import type { CustomersService } from './customers.service'
import { effectiveStatus, nextMilestone, owedFen, paymentsOf } from './project-rules'
import type { ScreenPopService } from './screen-pop'
import type { SettingsService } from './settings.service'

export interface ProjectListInput {
  status?: ProjectStatus
  weekly?: WeeklyList
  weekOf?: string
  designerId?: number
  projectManagerId?: number
  supervisorId?: number
  agentId?: number
  customerId?: number
  q?: string | null
  signedFrom?: string
  signedTo?: string
  page: number
  pageSize: number
}

type Raw = ProjectRow & {
  customerName: string
  phone: string | null
  designerName: string
  projectManagerName: string | null
  supervisorName: string | null
  crewName: string | null
  agentName: string | null
}

/**
 * The weekly counts' conditions, one place for the count and the list behind it: a week is
 * Monday `:weekStart` to Sunday `:weekEnd`, company dates compared as text; each judged as of that
 * week, so a later cancellation or payment does not rewrite a past week's count.
 */
const WEEKLY_CONDITIONS: Record<WeeklyList, string> = {
  building: 'p.start_on <= :weekEnd AND (p.completion_on IS NULL OR p.completion_on >= :weekStart) AND (p.cancelled_on IS NULL OR p.cancelled_on >= :weekStart)',
  dueMidterm:
    '(p.cancelled_on IS NULL OR p.cancelled_on > :weekEnd) AND p.midterm_fen > 0 AND COALESCE(p.midterm_on, p.midterm_planned_on) <= :weekEnd AND (p.midterm_paid_on IS NULL OR p.midterm_paid_on > :weekEnd)',
  dueFinal: '(p.cancelled_on IS NULL OR p.cancelled_on > :weekEnd) AND p.final_fen > 0 AND p.completion_on <= :weekEnd AND (p.final_paid_on IS NULL OR p.final_paid_on > :weekEnd)',
  toSettle: '(p.cancelled_on IS NULL OR p.cancelled_on > :weekEnd) AND p.completion_on <= :weekEnd AND (p.settlement_sent_on IS NULL OR p.settlement_sent_on > :weekEnd)',
  completedThisWeek: '(p.cancelled_on IS NULL OR p.cancelled_on > :weekEnd) AND p.completion_on BETWEEN :weekStart AND :weekEnd',
}

/** Lists, details and counts of sites, on the read connection. */
export class ProjectReads {
  callbacks!: CallbacksService

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly now: () => Date,
    customers: CustomersService,
    screenPop: ScreenPopService,
  ) {
    customers.addTimelineSource({
      permission: 'projects.read',
      all: async (em, customerId) => this.timeline(await this.forCustomer.run<Raw>(em, { customerId })),
      recent: async (em, customerId) => this.timeline(await this.forCustomer.run<Raw>(em, { customerId })).slice(0, 5),
    })
    screenPop.addOpenItemSource({
      permission: 'projects.read',
      items: async (em, customerId) => (await this.forCustomer.run<Raw>(em, { customerId })).flatMap((r) => this.openItem(r)),
    })
  }

  private today(): string {
    return companyDate(this.now(), this.settings.get().timeZone)
  }

  async list(input: ProjectListInput, ctx: CallContext): Promise<Page<ProjectItem>> {
    const user = actor(ctx)
    const today = this.today()
    const qb = this.query(this.store.read)
    if (input.status) this.whereStatus(qb, input.status, today)
    if (input.weekly) {
      const weekStart = weekStartOf(input.weekOf ?? today)
      qb.andWhere(WEEKLY_CONDITIONS[input.weekly], { weekStart, weekEnd: shiftDate(weekStart, 6) })
    }
    for (const [key, column] of [
      ['designerId', 'designer_id'],
      ['projectManagerId', 'project_manager_id'],
      ['supervisorId', 'supervisor_id'],
      ['agentId', 'agent_id'],
      ['customerId', 'customer_id'],
    ] as const) {
      if (input[key]) qb.andWhere(`p.${column} = :${key}`, { [key]: input[key] })
    }
    if (input.q) qb.andWhere('(p.contract_no LIKE :q OR c.name LIKE :q OR p.address LIKE :q)', { q: `%${input.q.replace(/[%_]/g, '')}%` })
    if (input.signedFrom) qb.andWhere('p.signed_on >= :signedFrom', { signedFrom: input.signedFrom })
    if (input.signedTo) qb.andWhere('p.signed_on <= :signedTo', { signedTo: input.signedTo })
    if (input.signedFrom || input.signedTo) qb.andWhere('p.cancelled_on IS NULL')
    const total = await qb.getCount()
    const rows = await qb
      .orderBy('p.signed_on', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<Raw>()
    return { items: rows.map((r) => this.toItem(r, user, today)), total, page: input.page, pageSize: input.pageSize }
  }

  async detail(id: number, user: SessionUser): Promise<ProjectDetail> {
    const em = this.store.read
    const r = await this.byId.run<Raw>(em, { id })
    if (!r[0]) throw new AppError('NOT_FOUND', '工地不存在', { id: '工地不存在' })
    const raw = r[0]
    const row = normalize(raw)
    const item = this.toItem(raw, user, this.today())
    const deposit = row.depositId ? await repo(em, 'deposit').findOne({ select: { id: true, amountFen: true, paidOn: true }, where: { id: row.depositId } }) : null
    const stops = await repo(em, 'project_stop').find({ where: { projectId: id }, order: { fromOn: 'ASC', id: 'ASC' } })
    const log = await em
      .createQueryBuilder()
      .from('project_log', 'l')
      .leftJoin('staff_account', 'a', 'a.id = l.actor_id')
      .select(['l.id AS id', 'l.at AS at', 'l.action AS action', 'l.data AS data', 'a.id AS "actorId"', 'a.display_name AS "actorName"'])
      .where('l.project_id = :id', { id })
      .orderBy('l.id', 'ASC')
      .getRawMany<{ id: number; at: string | Date; action: string; data: string | null; actorId: number | null; actorName: string | null }>()
    return {
      ...item,
      deposit: deposit ? { id: deposit.id, amountFen: toNumber(deposit.amountFen), paidOn: deposit.paidOn } : null,
      payments: paymentsOf(row),
      stops: stops.map((s) => ({ id: s.id, fromOn: s.fromOn, toOn: s.toOn, reason: s.reason })),
      cancelledOn: row.cancelledOn,
      cancelReason: row.cancelReason,
      note: row.note,
      callbacks: await this.callbacks.forProject(em, id, user),
      log: log.map(logEntry),
    }
  }

  async weeklyCounts(input: { weekOf?: string }): Promise<WeeklyCounts> {
    const weekStart = weekStartOf(input.weekOf ?? this.today())
    const weekEnd = shiftDate(weekStart, 6)
    const qb = this.store.read.createQueryBuilder().from('project', 'p')
    for (const [list, condition] of Object.entries(WEEKLY_CONDITIONS)) qb.addSelect(`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`, list)
    const row = (await qb.setParameters({ weekStart, weekEnd }).getRawOne<Record<WeeklyList, unknown>>())!
    const n = (v: unknown) => toNumber(v ?? 0)
    return {
      weekStart,
      weekEnd,
      building: n(row.building),
      dueMidterm: n(row.dueMidterm),
      dueFinal: n(row.dueFinal),
      toSettle: n(row.toSettle),
      completedThisWeek: n(row.completedThisWeek),
    }
  }

  private whereStatus(qb: SelectQueryBuilder<object>, status: ProjectStatus, today: string): void {
    if (status === 'warranty') qb.andWhere("p.status = 'warranty' AND (p.warranty_ends_on IS NULL OR p.warranty_ends_on >= :today)", { today })
    else if (status === 'expired') qb.andWhere("p.status = 'warranty' AND p.warranty_ends_on < :today", { today })
    else qb.andWhere('p.status = :status', { status })
  }

  private query(em: EntityManager) {
    const person = (alias: string) => (qb: SelectQueryBuilder<object>, column: string) => qb.leftJoin('person', alias, `${alias}.id = p.${column}`)
    const qb = em
      .createQueryBuilder()
      .from('project', 'p')
      .innerJoin('customer', 'c', 'c.id = p.customer_id')
      .leftJoin('customer_phone', 'cp', 'cp.customer_id = p.customer_id AND cp.is_primary = :primary', { primary: true })
      .innerJoin('person', 'ds', 'ds.id = p.designer_id')
    person('pm')(qb, 'project_manager_id')
    person('sv')(qb, 'supervisor_id')
    person('cr')(qb, 'crew_id')
    return qb
      .leftJoin('staff_account', 'ag', 'ag.id = p.agent_id')
      .select('p.*')
      .addSelect(['c.name AS "customerName"', 'cp.normalized AS phone', 'ds.name AS "designerName"', 'pm.name AS "projectManagerName"', 'sv.name AS "supervisorName"'])
      .addSelect(['cr.name AS "crewName"', 'ag.display_name AS "agentName"'])
  }

  private readonly byId = new PreparedQuery<{ id: number }>((em, p) => this.query(em).where('p.id = :id', { id: p.id }))
  private readonly forCustomer = new PreparedQuery<{ customerId: number }>((em, p) =>
    this.query(em).where('p.customer_id = :customerId', { customerId: p.customerId }).orderBy('p.signed_on', 'DESC').limit(10),
  )

  /** `p.*` arrives with snake_case keys; the DTO builders read the entity's names. */
  private toItem(raw: Raw, user: SessionUser, today: string): ProjectItem {
    const r = normalize(raw)
    return {
      id: toNumber(r.id),
      contractNo: r.contractNo,
      customer: { id: toNumber(r.customerId), name: raw.customerName },
      phone: phoneForUser(raw.phone, user),
      address: r.address,
      designer: { id: toNumber(r.designerId), name: raw.designerName },
      projectManager: r.projectManagerId ? { id: toNumber(r.projectManagerId), name: raw.projectManagerName ?? '' } : null,
      supervisor: r.supervisorId ? { id: toNumber(r.supervisorId), name: raw.supervisorName ?? '' } : null,
      crew: r.crewId ? { id: toNumber(r.crewId), name: raw.crewName ?? '' } : null,
      agent: r.agentId ? { id: toNumber(r.agentId), name: raw.agentName ?? '' } : null,
      amountFen: toNumber(r.amountFen),
      signedOn: r.signedOn,
      status: effectiveStatus(r.status, r.warrantyEndsOn, today),
      milestones: Object.fromEntries(MILESTONES.map((m) => [m, { plannedOn: r[`${m}PlannedOn`], actualOn: r[`${m}On`] }])) as ProjectItem['milestones'],
      nextMilestone: nextMilestone(r),
      owedFen: owedFen(r, today),
      warrantyEndsOn: r.warrantyEndsOn,
      settlementSentOn: r.settlementSentOn,
      version: toNumber(r.version),
    }
  }

  private timeline(rows: Raw[]): TimelineEntry[] {
    const tz = this.settings.get().timeZone
    const at = (date: string) => companyDayRange(date, tz).from.toISOString()
    return rows
      .flatMap((raw) => {
        const r = normalize(raw)
        const id = toNumber(r.id)
        const entries: TimelineEntry[] = [{ kind: 'project', at: at(r.signedOn), refId: id, title: `签约 ${r.contractNo}`, detail: `${r.address} · 设计师 ${raw.designerName}`, actor: null }]
        for (const m of MILESTONES) {
          const on = r[`${m}On`]
          if (on) entries.push({ kind: 'project', at: at(on), refId: id, title: `${MILESTONE_LABELS[m]} ${r.contractNo}`, detail: r.address, actor: null })
        }
        if (r.cancelledOn) entries.push({ kind: 'project', at: at(r.cancelledOn), refId: id, title: `取消合同 ${r.contractNo}`, detail: r.cancelReason ?? '', actor: null })
        return entries
      })
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  }

  private openItem(raw: Raw): OpenItem[] {
    const r = normalize(raw)
    const status = effectiveStatus(r.status, r.warrantyEndsOn, this.today())
    if (status === 'cancelled' || status === 'expired' || status === 'warranty') return []
    const next = nextMilestone(r)
    return [
      {
        kind: 'project',
        refId: toNumber(r.id),
        title: `工地 ${r.contractNo} · ${PROJECT_STATUS_LABELS[status]}`,
        detail: next ? `下一节点：${MILESTONE_LABELS[next.milestone]}${next.plannedOn ? `（计划 ${next.plannedOn}）` : ''}` : r.address,
        at: next?.plannedOn ?? r.signedOn,
        overdue: Boolean(next?.plannedOn && next.plannedOn < this.today()),
      },
    ]
  }
}

const SNAKE = /_([a-z])/g
/** `SELECT p.*` gives snake_case column names (and pg strings for bigint): back to the entity's shape. */
function normalize(raw: Raw): ProjectRow {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(raw)) out[key.replace(SNAKE, (_, c: string) => c.toUpperCase())] = value
  for (const key of ['amountFen', 'firstFen', 'midtermFen', 'finalFen']) out[key] = toNumber(out[key])
  return out as unknown as ProjectRow
}

function logEntry(r: { id: number; at: string | Date; action: string; data: string | null; actorId: number | null; actorName: string | null }): ProjectLogEntry {
  const data = r.data ? (JSON.parse(r.data) as Record<string, string>) : {}
  return { id: toNumber(r.id), at: toIso(r.at), by: r.actorId ? { id: toNumber(r.actorId), name: r.actorName ?? '' } : null, action: r.action, text: logText(r.action, data) }
}

function logText(action: string, d: Record<string, string>): string {
  switch (action) {
    case 'create':
      return `签订合同 ${d.contractNo ?? ''}`
    case 'update':
      return `修改合同信息${d.fields ? `：${d.fields}` : ''}`
    case 'milestone':
      return `${MILESTONE_LABELS[d.milestone as Milestone] ?? d.milestone} ${d.on}${d.previous ? `（原为 ${d.previous}）` : ''}${d.note ? `：${d.note}` : ''}`
    case 'payment':
      return `${PAYMENT_STAGE_LABELS[d.stage as PaymentStage] ?? d.stage}到账 ${d.paidOn}`
    case 'stop':
      return `停工 ${d.on}：${d.reason}`
    case 'resume':
      return `复工 ${d.on}${d.note ? `：${d.note}` : ''}`
    case 'cancel':
      return `取消合同 ${d.on}：${d.reason}`
    case 'settlement':
      return `移交材料部、财务部结算 ${d.on}`
    default:
      return action
  }
}
