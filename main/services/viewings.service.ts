import { In, type EntityManager } from 'typeorm'
import { AppError } from '../contract/errors'
import type { Page } from '../contract/schema-kit'
import type { ViewingOutcome, ViewingTrip } from '../contract/viewings.contract'
import { repo, type ViewingTripRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { toIsoOrNull, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import type { EventBus } from './event-bus'

interface SaveInput {
  id: number | null
  version: number | null
  tripOn: string
  departAt: string | null
  guideId: number | null
  customerIds: number[]
  projectIds: number[]
  note: string | null
}

/** 看房班车: trips to sites under construction, the clients on them, and the 看房汇报 afterwards. */
export class ViewingsService {
  constructor(
    private readonly store: Store,
    private readonly events: EventBus,
    private readonly now: () => Date,
  ) {}

  async list(input: { from?: string; to?: string; page: number; pageSize: number }): Promise<Page<ViewingTrip>> {
    const qb = this.store.read.createQueryBuilder().from('viewing_trip', 'v').select('v.id', 'id')
    if (input.from) qb.andWhere('v.trip_on >= :from', { from: input.from })
    if (input.to) qb.andWhere('v.trip_on <= :to', { to: input.to })
    const total = await qb.getCount()
    const ids = (
      await qb
        .orderBy('v.trip_on', 'DESC')
        .addOrderBy('v.id', 'DESC')
        .offset((input.page - 1) * input.pageSize)
        .limit(input.pageSize)
        .getRawMany<{ id: unknown }>()
    ).map((r) => toNumber(r.id))
    return { items: await this.trips(this.store.read, ids), total, page: input.page, pageSize: input.pageSize }
  }

  async get(input: { id: number }): Promise<ViewingTrip> {
    const [trip] = await this.trips(this.store.read, [input.id])
    if (!trip) throw new AppError('NOT_FOUND', '看房安排不存在', { id: '看房安排不存在' })
    return trip
  }

  async save(input: SaveInput, ctx: CallContext): Promise<ViewingTrip> {
    const user = actor(ctx)
    const now = this.now()
    const customerIds = [...new Set(input.customerIds)]
    const projectIds = [...new Set(input.projectIds)]
    const id = await this.store.write(async (em) => {
      if ((await repo(em, 'customer').countBy({ id: In(customerIds) })) !== customerIds.length) throw AppError.field('customerIds', '有看房客户不存在')
      const sites = await repo(em, 'project').find({ select: { id: true, startOn: true, cancelledOn: true }, where: { id: In(projectIds) } })
      if (sites.length !== projectIds.length) throw AppError.field('projectIds', '有参观工地不存在')
      if (sites.some((s) => !s.startOn || s.cancelledOn)) throw AppError.field('projectIds', '只能参观已开工、未取消的工地')
      if (input.guideId) {
        const guide = await repo(em, 'staff_account').findOneBy({ id: input.guideId })
        if (!guide || !guide.active) throw AppError.field('guideId', '带队客服不存在或已停用')
      }
      const fields = { tripOn: input.tripOn, departAt: input.departAt, guideId: input.guideId, note: input.note }
      let tripId: number
      if (input.id) {
        const trip = await repo(em, 'viewing_trip').findOneBy({ id: input.id })
        if (!trip) throw new AppError('NOT_FOUND', '看房安排不存在', { id: '看房安排不存在' })
        if (trip.version !== input.version) throw new AppError('CONFLICT', '这条看房安排已被他人修改，请刷新后再操作')
        await this.bump(em, trip, fields, now)
        tripId = trip.id
        const kept = await repo(em, 'viewing_trip_client').find({ where: { tripId } })
        await repo(em, 'viewing_trip_client').delete({ tripId })
        await repo(em, 'viewing_trip_site').delete({ tripId })
        const outcomes = new Map(kept.map((k) => [k.customerId, k.outcome]))
        await insertRows(em, 'viewing_trip_client', customerIds.map((customerId) => ({ tripId, customerId, outcome: outcomes.get(customerId) ?? null })))
      } else {
        tripId = await insertRows(em, 'viewing_trip', { ...fields, report: null, reportedAt: null, reportedBy: null, createdBy: user.id, createdAt: now, updatedAt: now, version: 1 })
        await insertRows(em, 'viewing_trip_client', customerIds.map((customerId) => ({ tripId, customerId, outcome: null })))
      }
      await insertRows(em, 'viewing_trip_site', projectIds.map((projectId) => ({ tripId, projectId })))
      return tripId
    })
    this.events.emit({ type: 'dataChanged', area: 'viewings', id })
    return this.get({ id })
  }

  async report(input: { id: number; version: number; report: string; outcomes: { customerId: number; outcome: ViewingOutcome }[] }, ctx: CallContext): Promise<ViewingTrip> {
    const user = actor(ctx)
    const now = this.now()
    await this.store.write(async (em) => {
      const trip = await repo(em, 'viewing_trip').findOneBy({ id: input.id })
      if (!trip) throw new AppError('NOT_FOUND', '看房安排不存在', { id: '看房安排不存在' })
      if (trip.version !== input.version) throw new AppError('CONFLICT', '这条看房安排已被他人修改，请刷新后再操作')
      const clients = new Set((await repo(em, 'viewing_trip_client').find({ where: { tripId: trip.id } })).map((c) => c.customerId))
      const stranger = input.outcomes.find((o) => !clients.has(o.customerId))
      if (stranger) throw AppError.field('outcomes', '看房结果里有不在本次看房名单上的客户')
      for (const o of input.outcomes) await repo(em, 'viewing_trip_client').update({ tripId: trip.id, customerId: o.customerId }, { outcome: o.outcome })
      await this.bump(em, trip, { report: input.report, reportedAt: now, reportedBy: user.id }, now)
    })
    this.events.emit({ type: 'dataChanged', area: 'viewings', id: input.id })
    return this.get({ id: input.id })
  }

  private async bump(em: EntityManager, trip: ViewingTripRow, changes: Partial<ViewingTripRow>, now: Date): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update('viewing_trip')
      .set({ ...changes, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: trip.id, version: trip.version })
      .execute()
    if (result.affected === 0) throw new AppError('CONFLICT', '这条看房安排已被他人修改，请刷新后再操作')
  }

  private async trips(em: EntityManager, ids: number[]): Promise<ViewingTrip[]> {
    if (ids.length === 0) return []
    const trips = await em
      .createQueryBuilder()
      .from('viewing_trip', 'v')
      .leftJoin('staff_account', 'g', 'g.id = v.guide_id')
      .select(['v.id AS id', 'v.trip_on AS "tripOn"', 'v.depart_at AS "departAt"', 'g.id AS "guideId"', 'g.display_name AS "guideName"', 'v.note AS note'])
      .addSelect(['v.report AS report', 'v.reported_at AS "reportedAt"', 'v.version AS version'])
      .where('v.id IN (:...ids)', { ids })
      .getRawMany<{ id: number; tripOn: string; departAt: string | null; guideId: number | null; guideName: string | null; note: string | null; report: string | null; reportedAt: string | Date | null; version: unknown }>()
    const clients = await em
      .createQueryBuilder()
      .from('viewing_trip_client', 'vc')
      .innerJoin('customer', 'c', 'c.id = vc.customer_id')
      .select(['vc.trip_id AS "tripId"', 'c.id AS id', 'c.name AS name', 'vc.outcome AS outcome'])
      .where('vc.trip_id IN (:...ids)', { ids })
      .orderBy('vc.id', 'ASC')
      .getRawMany<{ tripId: number; id: number; name: string; outcome: ViewingOutcome | null }>()
    const sites = await em
      .createQueryBuilder()
      .from('viewing_trip_site', 'vs')
      .innerJoin('project', 'p', 'p.id = vs.project_id')
      .select(['vs.trip_id AS "tripId"', 'p.id AS id', 'p.contract_no AS "contractNo"', 'p.address AS address'])
      .where('vs.trip_id IN (:...ids)', { ids })
      .orderBy('vs.id', 'ASC')
      .getRawMany<{ tripId: number; id: number; contractNo: string; address: string }>()
    const byId = new Map(trips.map((t) => [toNumber(t.id), t]))
    return ids.flatMap((id) => {
      const t = byId.get(id)
      if (!t) return []
      return [
        {
          id,
          tripOn: t.tripOn,
          departAt: t.departAt,
          guide: t.guideId ? { id: toNumber(t.guideId), name: t.guideName ?? '' } : null,
          clients: clients.filter((c) => toNumber(c.tripId) === id).map((c) => ({ customer: { id: toNumber(c.id), name: c.name }, outcome: c.outcome })),
          sites: sites.filter((s) => toNumber(s.tripId) === id).map((s) => ({ id: toNumber(s.id), contractNo: s.contractNo, address: s.address })),
          note: t.note,
          report: t.report,
          reportedAt: toIsoOrNull(t.reportedAt),
          version: toNumber(t.version),
        },
      ]
    })
  }
}
