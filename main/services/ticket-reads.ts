import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { TimelineEntry } from '../contract/customers.contract'
import { AppError } from '../contract/errors'
import { companyDate, companyDayRange } from '../contract/time'
import {
  allowedActions,
  TICKET_KIND_LABELS,
  TICKET_OPEN_STATES,
  TICKET_STATE_LABELS,
  type Page,
  type SuspendReason,
  type TicketDetail,
  type TicketKind,
  type TicketListItem,
  type TicketLogAction,
  type TicketLogEntry,
  type TicketRiskBoard,
  type TicketScope,
  type TicketState,
} from '../contract/tickets.contract'
import { namedSql } from '../../database/named-sql'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { CallbacksService } from './callbacks.service'
import type { CustomersService } from './customers.service'
import type { ScreenPopService } from './screen-pop'
import type { SettingsService } from './settings.service'
import type { TicketAssessments } from './ticket-assessments'
import { ticketClock } from './ticket-clock'
import { clockFieldsOf, subjectOf, ticketListQuery, toTicketListItem, type TicketRaw } from './ticket-dto'
import { warrantyOf } from './ticket-rules'
import { applyScope, scopeClause, seesOnlyOwn, viewerOf } from './ticket-scope'

export interface TicketListInput {
  scope: TicketScope
  kind?: TicketKind
  state?: TicketState
  open?: boolean
  severity?: string
  category?: string
  departmentId?: number
  personId?: number
  customerId?: number
  overdue?: boolean
  atRisk?: boolean
  q?: string | null
  from?: string
  to?: string
  resolvedFrom?: string
  resolvedTo?: string
  page: number
  pageSize: number
}

/**
 * The read side of tickets: the scoped list, the risk board, a ticket in full, and tickets on the
 * customer timeline and the screen pop.
 */
export class TicketReads {
  /** set once they exist: a ticket in full shows its assessments and callbacks */
  callbacks!: CallbacksService
  assessments!: TicketAssessments

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly now: () => Date,
    customers: CustomersService,
    screenPop: ScreenPopService,
  ) {
    customers.addTimelineSource({
      permission: 'tickets.read',
      // reception sees on the timeline what it may open: the tickets it registered
      all: async (em, customerId, user) => {
        const query = this.timelineQuery(em, customerId)
        if (seesOnlyOwn(user)) query.andWhere('t.created_by = :me', { me: user.id })
        return (await query.getRawMany<TimelineRaw>()).map(timelineEntry)
      },
      recent: async (em, customerId, user) =>
        (seesOnlyOwn(user)
          ? await this.recentOwnQuery.run<TimelineRaw>(em, { customerId, createdBy: user.id })
          : await this.recentQuery.run<TimelineRaw>(em, { customerId })
        ).map(timelineEntry),
    })
    screenPop.addOpenItemSource({
      permission: 'tickets.read',
      items: async (em, customerId, now) => {
        const rows = await this.openForCustomerQuery.run<TicketRaw>(em, { customerId })
        const riskPercent = this.settings.get().ticketRiskPercent
        return rows.map((r) => {
          const clock = ticketClock(clockFieldsOf(r), now, riskPercent)
          return {
            kind: 'ticket',
            refId: r.id,
            title: `${TICKET_KIND_LABELS[r.kind]} ${r.no} · ${TICKET_STATE_LABELS[r.state]}`,
            detail: `${r.category} · ${subjectOf(r.description)}`,
            at: clock.dueAt ?? toIso(r.createdAt),
            overdue: clock.status === 'breached',
          }
        })
      },
    })
  }

  private timelineQuery(em: EntityManager, customerId: number | string) {
    return em
      .createQueryBuilder()
      .from('ticket', 't')
      .leftJoin('staff_account', 'h', 'h.id = t.handler_id')
      .select(['t.id AS id', 't.no AS no', 't.kind AS kind', 't.state AS state', 't.category AS category', 't.description AS description', 't.created_at AS "createdAt"', 'h.display_name AS "handlerName"'])
      .where('t.customer_id = :customerId', { customerId })
      .orderBy('t.created_at', 'DESC')
  }
  private readonly recentQuery = new PreparedQuery<{ customerId: number }>((em, p) => this.timelineQuery(em, p.customerId).limit(5))
  private readonly recentOwnQuery = new PreparedQuery<{ customerId: number; createdBy: number }>((em, p) =>
    this.timelineQuery(em, p.customerId).andWhere('t.created_by = :createdBy', { createdBy: p.createdBy }).limit(5),
  )
  private readonly openForCustomerQuery = new PreparedQuery<{ customerId: number }>((em, p) =>
    ticketListQuery(em)
      .where('t.customer_id = :customerId', { customerId: p.customerId })
      .andWhere('t.state IN (:...open)', { open: [...TICKET_OPEN_STATES] })
      .orderBy('t.created_at', 'DESC')
      .limit(10),
  )

  async list(input: TicketListInput, ctx: CallContext): Promise<Page<TicketListItem>> {
    const user = actor(ctx)
    const em = this.store.read
    const { timeZone, ticketRiskPercent } = this.settings.get()
    const now = this.now()
    const qb = applyScope(ticketListQuery(em), input.scope, await viewerOf(em, user))
    if (input.kind) qb.andWhere('t.kind = :kind', { kind: input.kind })
    if (input.state) qb.andWhere('t.state = :state', { state: input.state })
    if (input.open) qb.andWhere('t.state IN (:...openStates)', { openStates: [...TICKET_OPEN_STATES] })
    if (input.severity) qb.andWhere('t.severity = :severity', { severity: input.severity })
    if (input.category) qb.andWhere('t.category = :category', { category: input.category })
    if (input.departmentId) qb.andWhere('t.department_id = :departmentId', { departmentId: input.departmentId })
    if (input.personId) qb.andWhere('t.person_id = :personId', { personId: input.personId })
    if (input.customerId) qb.andWhere('t.customer_id = :customerId', { customerId: input.customerId })
    if (input.from) qb.andWhere('t.created_at >= :from', { from: companyDayRange(input.from, timeZone).from })
    if (input.to) qb.andWhere('t.created_at < :to', { to: companyDayRange(input.to, timeZone).to })
    if (input.resolvedFrom) qb.andWhere('t.resolved_at >= :resolvedFrom', { resolvedFrom: companyDayRange(input.resolvedFrom, timeZone).from })
    if (input.resolvedTo) qb.andWhere('t.resolved_at < :resolvedTo', { resolvedTo: companyDayRange(input.resolvedTo, timeZone).to })
    if (input.q) qb.andWhere('(t.no LIKE :q OR c.name LIKE :q)', { q: `%${input.q.replace(/[%_\\]/g, '')}%` })
    if (input.overdue) {
      qb.andWhere('t.clock_due_at <= :now', { now })
    }
    if (input.atRisk) {
      qb.andWhere('t.clock_risk_at <= :now AND t.clock_due_at > :now', { now })
    }
    const total = await qb.getCount()
    // tickets about to run out: the nearest deadline first; otherwise the newest first
    if (input.atRisk) qb.orderBy('t.clock_due_at', 'ASC').addOrderBy('t.id', 'ASC')
    else qb.orderBy('t.created_at', 'DESC').addOrderBy('t.id', 'DESC')
    const rows = await qb
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<TicketRaw>()
    return { items: rows.map((r) => toTicketListItem(r, user, now, ticketRiskPercent)), total, page: input.page, pageSize: input.pageSize }
  }

  /**
   * Breached and at-risk tickets, in one statement of index range scans over the stored clock
   * (earliest owed deadline and risk moment, see clockColumns). A suspended ticket has no clock,
   * so paused time never counts.
   */
  async risk(input: { scope: TicketScope; limit: number }, ctx: CallContext): Promise<TicketRiskBoard> {
    const user = actor(ctx)
    const em = this.store.read
    const now = this.now()
    // everything needs no look-up of who the caller stands for
    const viewer = input.scope === 'all' && !seesOnlyOwn(user) ? { user, personId: null, departmentId: null } : await viewerOf(em, user)
    const clause = scopeClause(input.scope, viewer)
    const scoped = clause ? ` AND ${clause.sql}` : ''
    const board = await namedSql<{ list: string; n: unknown; m: unknown }>(
      em,
      `SELECT * FROM (SELECT 'breached' AS list, CAST(t.id AS BIGINT) AS n, CAST(NULL AS BIGINT) AS m FROM ticket t
                      WHERE t.clock_due_at <= :now${scoped} ORDER BY t.clock_due_at, t.id LIMIT :limit) AS b
       UNION ALL SELECT * FROM (SELECT 'atRisk', CAST(t.id AS BIGINT), CAST(NULL AS BIGINT) FROM ticket t
                      WHERE t.clock_risk_at <= :now AND t.clock_due_at > :now${scoped} ORDER BY t.clock_due_at, t.id LIMIT :limit) AS r
       UNION ALL SELECT 'counts', (SELECT COUNT(*) FROM ticket t WHERE t.clock_due_at <= :now${scoped}),
                      (SELECT COUNT(*) FROM ticket t WHERE t.clock_risk_at <= :now AND t.clock_due_at > :now${scoped})
       UNION ALL SELECT 'open', COUNT(*), SUM(CASE WHEN t.state = 'suspended' THEN 1 ELSE 0 END) FROM ticket t WHERE t.state IN (:...openStates)${scoped}`,
      { openStates: [...TICKET_OPEN_STATES], now, limit: input.limit, ...clause?.params },
    )
    const ids = (list: string) => board.filter((r) => r.list === list).map((r) => toNumber(r.n))
    const breachedIds = ids('breached')
    const atRiskIds = ids('atRisk')
    const counts = board.find((r) => r.list === 'counts')
    const open = board.find((r) => r.list === 'open')
    const shown = [...breachedIds, ...atRiskIds]
    const rows = shown.length ? await ticketListQuery(em).where('t.id IN (:...ids)', { ids: shown }).getRawMany<TicketRaw>() : []
    const { ticketRiskPercent } = this.settings.get()
    const byId = new Map(rows.map((r) => [toNumber(r.id), toTicketListItem(r, user, now, ticketRiskPercent)]))
    const pick = (list: number[]) => list.flatMap((id) => byId.get(id) ?? [])
    const count = (v: unknown): number => (v === null || v === undefined ? 0 : toNumber(v))
    return {
      breached: pick(breachedIds),
      atRisk: pick(atRiskIds),
      counts: { breached: count(counts?.n), atRisk: count(counts?.m), open: count(open?.n), paused: count(open?.m) },
    }
  }

  /** Read back after every change: each of its queries is prepared once. */
  private readonly detailQuery = new PreparedQuery<{ id: number }>((em, p) =>
    ticketListQuery(em)
      .leftJoin('person', 'w', 'w.id = t.worker_id')
      .addSelect(['t.expectation AS expectation', 'c.community AS community', 'c.address AS "customerAddress"', 't.call_id AS "callId"', 't.visit_id AS "visitId"'])
      .addSelect(['t.address AS address', 't.preferred_time AS "preferredTime"', 't.completion_date AS "completionDate"', 'w.id AS "workerId"', 'w.name AS "workerName"'])
      .addSelect(['t.appointment_at AS "appointmentAt"', 't.result AS result', 't.suspend_reason AS "suspendReason"', 't.paused_sec AS "pausedSec"'])
      .addSelect(['t.leader_complaint AS "leaderComplaint"', 't.created_by AS "createdBy"'])
      .where('t.id = :id', { id: p.id }),
  )
  private readonly repeatsQuery = new PreparedQuery<{ id: number }>((em, p) =>
    em
      .createQueryBuilder()
      .from('ticket', 't')
      .select(['t.id AS id', 't.no AS no', 't.created_at AS "createdAt"', 't.state AS state'])
      .where("t.repeat_of_id = :id AND t.state <> 'cancelled'", { id: p.id })
      .orderBy('t.id', 'ASC'),
  )
  private readonly logQuery = new PreparedQuery<{ id: number }>((em, p) =>
    em
      .createQueryBuilder()
      .from('ticket_log', 'l')
      .leftJoin('staff_account', 's', 's.id = l.actor_id')
      .leftJoin('person', 'p', 'p.id = l.on_behalf_of')
      .select(['l.id AS id', 'l.at AS at', 'l.action AS action', 'l.from_state AS "from"', 'l.to_state AS "to"', 'l.note AS note', 'l.data AS data'])
      .addSelect(['s.id AS "byId"', 's.display_name AS "byName"', 'p.id AS "personId"', 'p.name AS "personName"'])
      .where('l.ticket_id = :id', { id: p.id })
      .orderBy('l.id', 'ASC'),
  )
  private readonly attachmentsQuery = new PreparedQuery<{ id: number }>((em, p) =>
    em
      .createQueryBuilder()
      .from('ticket_attachment', 'a')
      .innerJoin('staff_account', 's', 's.id = a.uploaded_by')
      .select(['a.id AS id', 'a.name AS name', 'a.mime AS mime', 'a.size AS size', 'a.hash AS hash', 'a.uploaded_at AS "uploadedAt"', 's.id AS "byId"', 's.display_name AS "byName"'])
      .where('a.ticket_id = :id', { id: p.id })
      .orderBy('a.id', 'ASC'),
  )

  async detail(id: number, user: SessionUser): Promise<TicketDetail> {
    const em = this.store.read
    const settings = this.settings.get()
    const now = this.now()
    const [raw] = await this.detailQuery.run<DetailRaw>(em, { id })
    if (!raw) throw new AppError('NOT_FOUND', '工单不存在', { id: '工单不存在' })
    if (seesOnlyOwn(user) && toNumber(raw.createdBy) !== user.id) throw new AppError('FORBIDDEN', '只能查看自己登记的工单')
    const [repeats, log, attachments, assessments, callbacks] = await Promise.all([
      this.repeatsQuery.run<{ id: number; no: string; createdAt: string | Date; state: TicketState }>(em, { id }),
      this.logQuery.run<LogRaw>(em, { id }),
      this.attachmentsQuery.run<AttachmentRaw>(em, { id }),
      this.assessments.forTicket(em, id),
      this.callbacks.forTicket(em, id, user),
    ])
    const item = toTicketListItem(raw, user, now, settings.ticketRiskPercent)
    const today = companyDate(now, settings.timeZone)
    const suspendedAt = raw.suspendedAt === null ? null : new Date(toIso(raw.suspendedAt))
    return {
      ...item,
      description: raw.description,
      expectation: raw.expectation,
      customerAddress: [raw.community, raw.customerAddress].filter(Boolean).join(' ') || null,
      callId: raw.callId,
      visitId: raw.visitId,
      address: raw.address,
      preferredTime: raw.preferredTime,
      completionDate: raw.completionDate,
      warranty: raw.kind === 'repair' ? warrantyOf(raw.category, raw.completionDate, today, settings) : null,
      worker: raw.workerId ? { id: raw.workerId, name: raw.workerName ?? '' } : null,
      appointmentAt: toIsoOrNull(raw.appointmentAt),
      result: raw.result,
      suspendedAt: suspendedAt?.toISOString() ?? null,
      suspendReason: raw.suspendReason,
      pausedSec: toNumber(raw.pausedSec) + (raw.state === 'suspended' && suspendedAt ? Math.round((now.getTime() - suspendedAt.getTime()) / 1000) : 0),
      repeats: repeats.map((r) => ({ id: r.id, no: r.no, createdAt: toIso(r.createdAt), state: r.state })),
      leaderComplaint: raw.leaderComplaint,
      log: log.map(toLogEntry),
      attachments: attachments.map((r) => ({ id: r.id, name: r.name, mime: r.mime, size: toNumber(r.size), hash: r.hash, uploadedAt: toIso(r.uploadedAt), uploadedBy: { id: r.byId, name: r.byName } })),
      assessments,
      callbacks,
      allowedActions: user.permissions.includes('tickets.write') ? allowedActions(raw.state) : [],
    }
  }

}

type DetailRaw = TicketRaw & {
  expectation: string | null
  community: string | null
  customerAddress: string | null
  callId: number | null
  visitId: number | null
  address: string | null
  preferredTime: string | null
  completionDate: string | null
  workerId: number | null
  workerName: string | null
  appointmentAt: string | Date | null
  result: string | null
  suspendReason: SuspendReason | null
  pausedSec: unknown
  leaderComplaint: TicketDetail['leaderComplaint']
  createdBy: unknown
}

interface LogRaw {
  id: number
  at: string | Date
  action: TicketLogAction
  from: TicketState | null
  to: TicketState | null
  note: string | null
  data: string | null
  byId: number | null
  byName: string | null
  personId: number | null
  personName: string | null
}

interface AttachmentRaw {
  id: number
  name: string
  mime: string
  size: unknown
  hash: string
  uploadedAt: string | Date
  byId: number
  byName: string
}

function toLogEntry(r: LogRaw): TicketLogEntry {
  return {
    id: r.id,
    at: toIso(r.at),
    action: r.action,
    from: r.from,
    to: r.to,
    note: r.note,
    by: r.byId ? { id: r.byId, name: r.byName ?? '' } : null,
    onBehalfOf: r.personId ? { id: r.personId, name: r.personName ?? '' } : null,
    data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null,
  }
}

interface TimelineRaw {
  id: number
  no: string
  kind: TicketKind
  state: TicketState
  category: string
  description: string
  createdAt: string | Date
  handlerName: string | null
}

function timelineEntry(r: TimelineRaw): TimelineEntry {
  return {
    kind: 'ticket',
    at: toIso(r.createdAt),
    refId: r.id,
    title: `${TICKET_KIND_LABELS[r.kind]} ${r.no} · ${TICKET_STATE_LABELS[r.state]}`,
    detail: `${r.category} · ${subjectOf(r.description)}`,
    actor: r.handlerName,
  }
}
