import type { EntityManager } from 'typeorm'
import { AppError } from '../contract/errors'
import type { Inspection, InspectionDue, InspectionResult, Rectification, RectificationStatus } from '../contract/inspections.contract'
import type { Page } from '../contract/schema-kit'
import { companyDate, companyDayRange, daysBetween, shiftDate } from '../contract/time'
import { repo } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { CustomersService } from './customers.service'
import type { EventBus } from './event-bus'
import type { SettingsService } from './settings.service'

interface InspectionRaw {
  id: number
  projectId: number
  contractNo: string
  address: string
  inspectedOn: string
  inspectorId: number | null
  inspectorName: string | null
  recordedById: number
  recordedByName: string
  result: InspectionResult
  findings: string
}

interface RectificationRaw {
  id: number
  no: string
  inspectionId: number
  projectId: number
  contractNo: string
  address: string
  customerId: number
  customerName: string
  items: string
  responsibleId: number
  responsibleName: string
  deadlineOn: string
  status: RectificationStatus
  closedOn: string | null
  version: unknown
}

/**
 * Site inspections (巡检): due at least every `inspectionIntervalDays` for each site under
 * construction; findings needing work get a rectification notice (整改通知书) with a deadline,
 * rechecked until it passes.
 */
export class InspectionsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly events: EventBus,
    private readonly now: () => Date,
    customers: CustomersService,
  ) {
    customers.addTimelineSource({
      permission: 'projects.read',
      all: (em, customerId) => this.timeline(em, customerId, 50),
      recent: (em, customerId) => this.timeline(em, customerId, 5),
    })
  }

  private today(): string {
    return companyDate(this.now(), this.settings.get().timeZone)
  }

  async due(input: { asOf?: string; page: number; pageSize: number }): Promise<Page<InspectionDue>> {
    const asOf = input.asOf ?? this.today()
    const interval = this.settings.get().inspectionIntervalDays
    const last = this.store.read.createQueryBuilder().from('inspection', 'i').select('i.project_id', 'projectId').addSelect('MAX(i.inspected_on)', 'lastOn').groupBy('i.project_id')
    const open = this.store.read
      .createQueryBuilder()
      .from('rectification', 'r')
      .select('r.project_id', 'projectId')
      .addSelect('COUNT(*)', 'n')
      .where("r.status = 'open'")
      .groupBy('r.project_id')
    // the next inspection is due `interval` days after the last one, or after the start notice
    const qb = this.store.read
      .createQueryBuilder()
      .from('project', 'p')
      .innerJoin('customer', 'c', 'c.id = p.customer_id')
      .leftJoin(`(${last.getQuery()})`, 'li', 'li."projectId" = p.id')
      .leftJoin(`(${open.getQuery()})`, 'op', 'op."projectId" = p.id')
      .leftJoin('person', 'sv', 'sv.id = p.supervisor_id')
      .leftJoin('person', 'pm', 'pm.id = p.project_manager_id')
      .select(['p.id AS id', 'p.contract_no AS "contractNo"', 'p.address AS address', 'c.id AS "customerId"', 'c.name AS "customerName"', 'p.start_on AS "startOn"'])
      .addSelect(['sv.id AS "supervisorId"', 'sv.name AS "supervisorName"', 'pm.id AS "pmId"', 'pm.name AS "pmName"', 'li."lastOn" AS "lastOn"', 'op.n AS "openRectifications"'])
      .where("p.status = 'building'")
      .andWhere('COALESCE(li."lastOn", p.start_on) <= :dueFrom', { dueFrom: shiftDate(asOf, -interval) })
    const total = await qb.getCount()
    const rows = await qb
      .orderBy('COALESCE(li."lastOn", p.start_on)', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<{
        id: number
        contractNo: string
        address: string
        customerId: number
        customerName: string
        startOn: string
        supervisorId: number | null
        supervisorName: string | null
        pmId: number | null
        pmName: string | null
        lastOn: string | null
        openRectifications: unknown
      }>()
    return {
      items: rows.map((r) => {
        const dueOn = shiftDate(r.lastOn ?? r.startOn, interval)
        return {
          project: { id: toNumber(r.id), contractNo: r.contractNo, address: r.address },
          customer: { id: toNumber(r.customerId), name: r.customerName },
          supervisor: r.supervisorId ? { id: toNumber(r.supervisorId), name: r.supervisorName ?? '' } : null,
          projectManager: r.pmId ? { id: toNumber(r.pmId), name: r.pmName ?? '' } : null,
          lastInspectedOn: r.lastOn,
          dueOn,
          overdueDays: Math.max(0, daysBetween(dueOn, asOf)),
          openRectifications: toNumber(r.openRectifications ?? 0),
        }
      }),
      total,
      page: input.page,
      pageSize: input.pageSize,
    }
  }

  async record(
    input: {
      projectId: number
      inspectedOn: string
      inspectorId: number | null
      result: InspectionResult
      findings: string
      rectification: { items: string; responsibleId: number; deadlineOn: string } | null
    },
    ctx: CallContext,
  ): Promise<Inspection> {
    const user = actor(ctx)
    const today = this.today()
    if (input.inspectedOn > today) throw AppError.field('inspectedOn', '巡检日期不能晚于今天')
    if (input.result === 'issues' && !input.rectification) throw AppError.field('rectification', '需整改时请填写整改通知：整改事项、责任人和期限')
    if (input.result === 'ok' && input.rectification) throw AppError.field('rectification', '巡检合格不需要整改通知')
    if (input.rectification && input.rectification.deadlineOn < input.inspectedOn) throw AppError.field('rectification.deadlineOn', '整改期限不能早于巡检日期')
    const now = this.now()
    const id = await this.store.write(async (em) => {
      const project = await repo(em, 'project').findOneBy({ id: input.projectId })
      if (!project) throw AppError.field('projectId', '工地不存在')
      if (!project.startOn || project.cancelledOn) throw AppError.field('projectId', '只有已开工、未取消的工地可以登记巡检')
      if (input.inspectedOn < project.startOn) throw AppError.field('inspectedOn', `巡检日期不能早于开工日期 ${project.startOn}`)
      if (input.inspectorId) {
        const person = await repo(em, 'person').findOneBy({ id: input.inspectorId })
        if (!person || !person.active) throw AppError.field('inspectorId', '巡检人不存在或已停用')
      }
      if (input.rectification) {
        const responsible = await repo(em, 'person').findOneBy({ id: input.rectification.responsibleId })
        if (!responsible || !responsible.active) throw AppError.field('rectification.responsibleId', '整改责任人不存在或已停用')
      }
      const inspectionId = await insertRows(em, 'inspection', { projectId: project.id, inspectedOn: input.inspectedOn, inspectorId: input.inspectorId, recordedBy: user.id, result: input.result, findings: input.findings, createdAt: now })
      if (input.rectification) {
        await insertRows(em, 'rectification', {
          no: await this.nextNo(em, input.inspectedOn),
          inspectionId,
          projectId: project.id,
          items: input.rectification.items,
          responsibleId: input.rectification.responsibleId,
          deadlineOn: input.rectification.deadlineOn,
          status: 'open',
          closedOn: null,
          createdBy: user.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
      }
      return inspectionId
    })
    this.events.emit({ type: 'dataChanged', area: 'inspections', id })
    return this.one(id)
  }

  async list(input: { projectId?: number; page: number; pageSize: number }): Promise<Page<Inspection>> {
    const qb = this.inspectionQuery(this.store.read)
    if (input.projectId) qb.where('i.project_id = :projectId', { projectId: input.projectId })
    const total = await qb.getCount()
    const rows = await qb
      .orderBy('i.inspected_on', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<InspectionRaw>()
    return { items: await this.withDetails(rows), total, page: input.page, pageSize: input.pageSize }
  }

  async get(input: { id: number }): Promise<Inspection> {
    return this.one(input.id)
  }

  async rectifications(input: { status: 'open' | 'overdue' | 'passed'; projectId?: number; page: number; pageSize: number }): Promise<Page<Rectification>> {
    const today = this.today()
    const qb = this.rectificationQuery(this.store.read)
    if (input.status === 'passed') qb.where("r.status = 'passed'")
    else qb.where("r.status = 'open'")
    if (input.status === 'overdue') qb.andWhere('r.deadline_on < :today', { today })
    if (input.projectId) qb.andWhere('r.project_id = :projectId', { projectId: input.projectId })
    const total = await qb.getCount()
    const rows = await qb
      .orderBy(input.status === 'passed' ? 'r.closed_on' : 'r.deadline_on', input.status === 'passed' ? 'DESC' : 'ASC')
      .addOrderBy('r.id', 'ASC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<RectificationRaw>()
    return { items: await this.toRectifications(this.store.read, rows), total, page: input.page, pageSize: input.pageSize }
  }

  async recheck(input: { id: number; version: number; passed: boolean; note: string; newDeadlineOn: string | null }, ctx: CallContext): Promise<Rectification> {
    const user = actor(ctx)
    const today = this.today()
    if (!input.passed && !input.newDeadlineOn) throw AppError.field('newDeadlineOn', '复查不合格时请给出新的整改期限')
    if (input.passed && input.newDeadlineOn) throw AppError.field('newDeadlineOn', '复查合格不需要新的整改期限')
    if (input.newDeadlineOn && input.newDeadlineOn < today) throw AppError.field('newDeadlineOn', '新的整改期限不能早于今天')
    const now = this.now()
    await this.store.write(async (em) => {
      const r = await repo(em, 'rectification').findOneBy({ id: input.id })
      if (!r) throw new AppError('NOT_FOUND', '整改通知不存在', { id: '整改通知不存在' })
      if (r.version !== input.version) throw new AppError('CONFLICT', '这份整改通知已被他人处理，请刷新后再操作')
      if (r.status !== 'open') throw new AppError('VALIDATION', '这份整改通知已复查合格')
      await insertRows(em, 'rectification_check', { rectificationId: r.id, at: now, byId: user.id, passed: input.passed, note: input.note, newDeadlineOn: input.newDeadlineOn })
      const changes = input.passed ? { status: 'passed' as const, closedOn: today } : { deadlineOn: input.newDeadlineOn! }
      const result = await em
        .createQueryBuilder()
        .update('rectification')
        .set({ ...changes, updatedAt: now, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id: r.id, version: r.version })
        .execute()
      if (result.affected === 0) throw new AppError('CONFLICT', '这份整改通知已被他人处理，请刷新后再操作')
    })
    this.events.emit({ type: 'dataChanged', area: 'inspections' })
    const row = await this.rectificationQuery(this.store.read).where('r.id = :id', { id: input.id }).getRawOne<RectificationRaw>()
    return (await this.toRectifications(this.store.read, [row!]))[0]
  }

  private async one(id: number): Promise<Inspection> {
    const row = await this.inspectionQuery(this.store.read).where('i.id = :id', { id }).getRawOne<InspectionRaw>()
    if (!row) throw new AppError('NOT_FOUND', '巡检记录不存在', { id: '巡检记录不存在' })
    return (await this.withDetails([row]))[0]
  }

  /** 整改通知书 numbers: ZG + the inspection's date + a sequence of that day. */
  private async nextNo(em: EntityManager, on: string): Promise<string> {
    const prefix = `ZG${on.replace(/-/g, '')}`
    const last = await em
      .createQueryBuilder()
      .from('rectification', 'r')
      .select('MAX(r.no)', 'no')
      .where('r.no LIKE :prefix', { prefix: `${prefix}%` })
      .getRawOne<{ no: string | null }>()
    const seq = last?.no ? Number(last.no.slice(prefix.length)) + 1 : 1
    return `${prefix}${String(seq).padStart(3, '0')}`
  }

  private inspectionQuery(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('inspection', 'i')
      .innerJoin('project', 'p', 'p.id = i.project_id')
      .leftJoin('person', 'ip', 'ip.id = i.inspector_id')
      .innerJoin('staff_account', 'rb', 'rb.id = i.recorded_by')
      .select(['i.id AS id', 'i.project_id AS "projectId"', 'p.contract_no AS "contractNo"', 'p.address AS address', 'i.inspected_on AS "inspectedOn"'])
      .addSelect(['ip.id AS "inspectorId"', 'ip.name AS "inspectorName"', 'rb.id AS "recordedById"', 'rb.display_name AS "recordedByName"', 'i.result AS result', 'i.findings AS findings'])
  }

  private rectificationQuery(em: EntityManager) {
    return em
      .createQueryBuilder()
      .from('rectification', 'r')
      .innerJoin('project', 'p', 'p.id = r.project_id')
      .innerJoin('customer', 'c', 'c.id = p.customer_id')
      .innerJoin('person', 'rp', 'rp.id = r.responsible_id')
      .select(['r.id AS id', 'r.no AS no', 'r.inspection_id AS "inspectionId"', 'r.project_id AS "projectId"', 'p.contract_no AS "contractNo"', 'p.address AS address'])
      .addSelect(['c.id AS "customerId"', 'c.name AS "customerName"', 'r.items AS items', 'rp.id AS "responsibleId"', 'rp.name AS "responsibleName"'])
      .addSelect(['r.deadline_on AS "deadlineOn"', 'r.status AS status', 'r.closed_on AS "closedOn"', 'r.version AS version'])
  }

  private async withDetails(rows: InspectionRaw[]): Promise<Inspection[]> {
    if (rows.length === 0) return []
    const em = this.store.read
    const ids = rows.map((r) => toNumber(r.id))
    const photos = await em
      .createQueryBuilder()
      .from('inspection_photo', 'ph')
      .select(['ph.id AS id', 'ph.inspection_id AS "inspectionId"', 'ph.name AS name', 'ph.mime AS mime', 'ph.size AS size', 'ph.uploaded_at AS "uploadedAt"'])
      .where('ph.inspection_id IN (:...ids)', { ids })
      .orderBy('ph.id', 'ASC')
      .getRawMany<{ id: number; inspectionId: number; name: string; mime: string; size: unknown; uploadedAt: string | Date }>()
    const rects = await this.toRectifications(em, await this.rectificationQuery(em).where('r.inspection_id IN (:...ids)', { ids }).getRawMany<RectificationRaw>())
    return rows.map((r) => ({
      id: toNumber(r.id),
      project: { id: toNumber(r.projectId), contractNo: r.contractNo, address: r.address },
      inspectedOn: r.inspectedOn,
      inspector: r.inspectorId ? { id: toNumber(r.inspectorId), name: r.inspectorName ?? '' } : null,
      recordedBy: { id: toNumber(r.recordedById), name: r.recordedByName },
      result: r.result,
      findings: r.findings,
      photos: photos
        .filter((p) => toNumber(p.inspectionId) === toNumber(r.id))
        .map((p) => ({ id: toNumber(p.id), name: p.name, mime: p.mime, size: toNumber(p.size), uploadedAt: toIso(p.uploadedAt) })),
      rectification: rects.find((x) => x.inspectionId === toNumber(r.id)) ?? null,
    }))
  }

  private async toRectifications(em: EntityManager, rows: RectificationRaw[]): Promise<Rectification[]> {
    if (rows.length === 0) return []
    const today = this.today()
    const checks = await em
      .createQueryBuilder()
      .from('rectification_check', 'k')
      .innerJoin('staff_account', 'a', 'a.id = k.by_id')
      .select(['k.rectification_id AS "rectificationId"', 'k.at AS at', 'a.id AS "byId"', 'a.display_name AS "byName"', 'k.passed AS passed', 'k.note AS note', 'k.new_deadline_on AS "newDeadlineOn"'])
      .where('k.rectification_id IN (:...ids)', { ids: rows.map((r) => toNumber(r.id)) })
      .orderBy('k.id', 'ASC')
      .getRawMany<{ rectificationId: number; at: string | Date; byId: number; byName: string; passed: unknown; note: string; newDeadlineOn: string | null }>()
    return rows.map((r) => ({
      id: toNumber(r.id),
      no: r.no,
      inspectionId: toNumber(r.inspectionId),
      project: { id: toNumber(r.projectId), contractNo: r.contractNo, address: r.address },
      customer: { id: toNumber(r.customerId), name: r.customerName },
      items: r.items,
      responsible: { id: toNumber(r.responsibleId), name: r.responsibleName },
      deadlineOn: r.deadlineOn,
      status: r.status,
      overdue: r.status === 'open' && r.deadlineOn < today,
      rechecks: checks
        .filter((k) => toNumber(k.rectificationId) === toNumber(r.id))
        .map((k) => ({ at: toIso(k.at), by: { id: toNumber(k.byId), name: k.byName }, passed: k.passed === true || k.passed === 1, note: k.note, newDeadlineOn: k.newDeadlineOn })),
      closedOn: r.closedOn,
      version: toNumber(r.version),
    }))
  }

  private async timeline(em: EntityManager, customerId: number, limit: number) {
    const tz = this.settings.get().timeZone
    const rows = await this.inspectionQuery(em).where('p.customer_id = :customerId', { customerId }).orderBy('i.inspected_on', 'DESC').limit(limit).getRawMany<InspectionRaw>()
    return rows.map((r) => ({
      kind: 'inspection' as const,
      at: companyDayRange(r.inspectedOn, tz).from.toISOString(),
      refId: toNumber(r.id),
      title: `巡检 ${r.contractNo} · ${r.result === 'ok' ? '合格' : '需整改'}`,
      detail: r.findings.slice(0, 80),
      actor: r.inspectorName ?? r.recordedByName,
    }))
  }
}

