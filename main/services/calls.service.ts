import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import type { CallDetail, CallDetails, CallDirection, CallEdit, CallListItem, CallType, Page } from '../contract/calls.contract'
import type { ProfileInput, TimelineEntry } from '../contract/customers.contract'
import { AppError } from '../contract/errors'
import { companyDayRange } from '../contract/time'
import { repo, type CallLogRow } from '../../database/entities'
import { insertRows } from '../../database/insert-rows'
import { PreparedQuery } from '../../database/prepared-query'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import { actor, type CallContext } from './call-context'
import { callDetailQuery, callListQuery, callTitle, numberFields, toCallDetail, toCallListItem, type CallDetailRaw, type CallRaw } from './call-dto'
import { checkCallDetails } from './call-details-check'
import { applyCallDrillFilters } from './call-list-filters'
import type { CallStatFields } from './summaries'
import type { SummaryTable } from './summary-table'
import type { CustomersService } from './customers.service'
import type { EventBus } from './event-bus'
import type { FollowUps } from './follow-ups'
import { markMissedHandled } from './missed-calls'
import { OrgService } from './org.service'
import type { SettingsService } from './settings.service'

export interface SaveIntakeInput {
  id: number
  version: number
  type: CallType
  summary: string | null
  outcome: string | null
  followUpOn: string | null
  details: CallDetails | null
  customerId?: number | null
  newCustomerName: string | null
  connected: boolean
  phone?: string
}

export interface CallListInput {
  from?: string
  to?: string
  direction?: CallDirection
  status?: CallLogRow['status']
  type?: CallType
  agentId?: number
  customerId?: number
  phone?: string
  weekday?: number
  hour?: number
  missed?: boolean
  page: number
  pageSize: number
}

/** Intake fields whose corrections are kept as edits, with how each is named in the history. */
const EDITED_FIELDS: [keyof CallLogRow, string][] = [
  ['callType', '来电类型'],
  ['summary', '通话摘要'],
  ['outcome', '处理结果'],
  ['followUpOn', '下次跟进日期'],
  ['details', '来电详情'],
  ['customerId', '客户'],
  ['rawNumber', '电话'],
]

/** The call log: calls started by hand, the intake form, corrections, and calls on the customer timeline. */
export class CallsService {
  constructor(
    private readonly store: Store,
    private readonly customers: CustomersService,
    private readonly settings: SettingsService,
    private readonly followUps: FollowUps,
    private readonly events: EventBus,
    private readonly now: () => Date,
    private readonly stats: SummaryTable<CallStatFields>,
  ) {
    customers.addTimelineSource({
      permission: 'calls.read',
      all: async (em, customerId) => (await callTimelineQuery(em, customerId).getRawMany<CallRaw>()).map(callEntry),
      recent: async (em, customerId) => (await this.recentQuery.run<CallRaw>(em, { customerId })).map(callEntry),
    })
    customers.addTimelineSource({
      all: async (em, customerId) => (await appointmentQuery(em, customerId).getRawMany<AppointmentRaw>()).map(appointmentEntry),
      recent: async (em, customerId) => (await this.recentAppointments.run<AppointmentRaw>(em, { customerId })).map(appointmentEntry),
    })
  }

  /** read back after every save: built once */
  private readonly detailQuery = new PreparedQuery<{ id: number }>((em, p) => callDetailQuery(em).where('cl.id = :id', { id: p.id }))
  private readonly editsQuery = new PreparedQuery<{ callId: number }>((em, p) =>
    em
      .createQueryBuilder()
      .from('call_edit', 'e')
      .innerJoin('staff_account', 's', 's.id = e.edited_by')
      .select(['e.edited_at AS "at"', 's.id AS "byId"', 's.display_name AS "byName"', 'e.changes AS changes'])
      .where('e.call_id = :callId', { callId: p.callId })
      .orderBy('e.id', 'ASC'),
  )
  private readonly recentQuery = new PreparedQuery<{ customerId: number }>((em, p) => callTimelineQuery(em, p.customerId).limit(5))
  private readonly recentAppointments = new PreparedQuery<{ customerId: number }>((em, p) => appointmentQuery(em, p.customerId).limit(5))

  /** A call the agent handles without telephony events: the timer runs from now until the intake is saved. */
  async start(input: { direction: CallDirection; phone: string; followUpId: number | null }, ctx: CallContext): Promise<CallDetail> {
    const user = actor(ctx)
    const number = numberFields(input.phone, this.settings.get().localAreaCode)
    if (input.direction === 'out' && !number.normalized) {
      throw AppError.field('phone', input.phone.trim() ? `电话「${input.phone.trim()}」不是有效的号码` : '请填写要拨打的电话')
    }
    const now = this.now()
    const id = await this.store.write(async (em) => {
      const followUp = input.followUpId ? await this.followUps.requireOpen(em, input.followUpId, user) : null
      // An agent is on one call at a time: a hand-started call left open ends when they start the next.
      await this.endOpenManualCalls(em, user.id, now)
      const owner = number.normalized ? await repo(em, 'customer_phone').findOneBy({ normalized: number.normalized }) : null
      const call = {
        direction: input.direction,
        ...number,
        customerId: owner?.customerId ?? followUp?.customerId ?? null,
        agentId: user.id,
        extension: null,
        externalId: null,
        source: 'manual',
        status: 'talking',
        startedAt: now,
        ringingAt: null,
        answeredAt: now,
        endedAt: null,
        ringSec: null,
        talkSec: null,
        callType: null,
        followUpId: followUp?.id ?? null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      } satisfies Partial<CallLogRow>
      const callId = await insertRows(em, 'call_log', call)
      await this.stats.change(em, null, call)
      return callId
    })
    this.events.emit({ type: 'dataChanged', area: 'calls', id })
    return this.detail(this.store.read, id, user)
  }

  async saveIntake(input: SaveIntakeInput, ctx: CallContext): Promise<CallDetail> {
    const user = actor(ctx)
    const settings = this.settings.get()
    checkCallDetails(input.type, input.details, settings, this.customers)
    const corrected = input.phone === undefined ? null : numberFields(input.phone, settings.localAreaCode)
    const newCustomerPhone = input.newCustomerName ? await this.newCustomerPhone(input, corrected) : null
    const now = this.now()
    let customerChanged = false
    await this.store.write(async (em) => {
      const call = await repo(em, 'call_log').findOneBy({ id: input.id })
      if (!call) throw new AppError('NOT_FOUND', '通话记录不存在', { id: '通话记录不存在' })
      if (call.version !== input.version) throw new AppError('CONFLICT', '这条通话记录已被他人修改，请刷新后再保存')
      const number = corrected ?? { rawNumber: call.rawNumber, normalized: call.normalized, numberKey: call.numberKey }

      let customerId = input.customerId === undefined ? call.customerId : input.customerId
      if (input.customerId && !(await repo(em, 'customer').existsBy({ id: input.customerId }))) throw AppError.field('customerId', '客户不存在')
      if (customerId === null && number.normalized) customerId = (await repo(em, 'customer_phone').findOneBy({ normalized: number.normalized }))?.customerId ?? null
      if (customerId === null && input.newCustomerName) {
        const phone = newCustomerPhone ?? (await this.customers.checkPhone(number.rawNumber, 'newCustomerName'))
        const profile = needsOf(input.details)
        const source = settings.sourceChannels.includes('电话咨询') ? '电话咨询' : null
        const customer = await this.customers.insertCustomer(em, { ...profile, name: input.newCustomerName, sourceChannel: source, address: null, notes: null, ownerAgentId: user.id, createdBy: user.id })
        await this.customers.insertPhone(em, customer.id, phone, true)
        customerId = customer.id
        customerChanged = true
      }
      if (input.type === 'measure' && customerId === null) throw AppError.field('newCustomerName', '预约量房需要客户：请填写客户姓名')

      const changes: Partial<CallLogRow> = {
        ...number,
        callType: input.type,
        summary: input.summary,
        outcome: input.outcome,
        followUpOn: input.followUpOn,
        details: input.details ? JSON.stringify(input.details) : null,
        customerId,
        agentId: call.agentId ?? user.id,
        intakeSavedAt: call.intakeSavedAt ?? now,
        intakeSavedBy: user.id,
        updatedAt: now,
      }
      if (call.source === 'manual' && call.status === 'talking') Object.assign(changes, this.endManual(call, input.connected, now))
      if (call.intakeSavedAt) await this.recordEdit(em, call, changes, user.id, now)
      await em
        .createQueryBuilder()
        .update('call_log')
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id', { id: call.id })
        .execute()
      await this.stats.change(em, call, { ...call, ...changes })

      if (input.details?.type === 'measure' && customerId !== null) await this.saveAppointment(em, call.id, customerId, input.details, user.id, now)
      if (customerId !== null) customerChanged = (await this.updateCustomer(em, customerId, input.details, now)) || customerChanged
      await this.followUps.afterIntake(em, { call: { ...call, ...changes } as CallLogRow, previousFollowUpOn: call.followUpOn, followUpOn: input.followUpOn, note: input.outcome ?? input.summary, agentId: user.id, now, firstSave: !call.intakeSavedAt })
      // only the save that ends a call that got through settles the misses; a later correction does not
      if (changes.status === 'answered' && number.numberKey) await markMissedHandled(em, { numberKey: number.numberKey, by: user.id, at: now, note: call.direction === 'out' ? '已回电' : '客户再次来电已接通' })
    })
    this.events.emit({ type: 'dataChanged', area: 'calls', id: input.id })
    if (customerChanged) this.events.emit({ type: 'dataChanged', area: 'customers' })
    return this.detail(this.store.read, input.id, user)
  }

  async get(input: { id: number }, ctx: CallContext): Promise<CallDetail> {
    return this.detail(this.store.read, input.id, actor(ctx))
  }

  async list(input: CallListInput, ctx: CallContext): Promise<Page<CallListItem>> {
    const user = actor(ctx)
    const { timeZone, localAreaCode } = this.settings.get()
    const query = callListQuery(this.store.read)
    if (input.from) query.andWhere('cl.started_at >= :from', { from: companyDayRange(input.from, timeZone).from })
    if (input.to) query.andWhere('cl.started_at < :to', { to: companyDayRange(input.to, timeZone).to })
    if (input.direction) query.andWhere('cl.direction = :direction', { direction: input.direction })
    if (input.status) query.andWhere('cl.status = :status', { status: input.status })
    if (input.type) query.andWhere('cl.call_type = :type', { type: input.type })
    if (input.agentId) query.andWhere('cl.agent_id = :agentId', { agentId: input.agentId })
    if (input.customerId) query.andWhere('cl.customer_id = :customerId', { customerId: input.customerId })
    if (input.phone?.trim()) query.andWhere('cl.number_key = :numberKey', { numberKey: numberFields(input.phone, localAreaCode).numberKey })
    applyCallDrillFilters(query, input, timeZone)
    const total = await query.clone().select('COUNT(*)', 'n').getRawOne<{ n: unknown }>()
    const rows = await query
      .orderBy('cl.started_at', 'DESC')
      .addOrderBy('cl.id', 'DESC')
      .offset((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .getRawMany<CallRaw>()
    return { items: rows.map((r) => toCallListItem(r, user)), total: toNumber(total?.n), page: input.page, pageSize: input.pageSize }
  }

  async detail(em: EntityManager, id: number, user: SessionUser): Promise<CallDetail> {
    const [[row], edits] = await Promise.all([this.detailQuery.run<CallDetailRaw>(em, { id }), this.editsOf(em, id)])
    if (!row) throw new AppError('NOT_FOUND', '通话记录不存在', { id: '通话记录不存在' })
    return toCallDetail(row, user, edits)
  }

  private endManual(call: CallLogRow, connected: boolean, now: Date): Partial<CallLogRow> {
    const answeredAt = call.answeredAt ?? call.startedAt
    const talkSec = Math.max(0, Math.round((now.getTime() - answeredAt.getTime()) / 1000))
    return connected
      ? { status: 'answered', answeredAt, endedAt: now, talkSec, ringSec: 0 }
      : { status: 'missed', answeredAt: null, endedAt: now, talkSec: 0, ringSec: talkSec }
  }

  private async endOpenManualCalls(em: EntityManager, agentId: number, now: Date): Promise<void> {
    // `+agent_id` keeps SQLite off the (agent_id, started_at) index, which would read every call the
    // agent ever took; the few calls on the line are found through the status index instead.
    const open = await repo(em, 'call_log')
      .createQueryBuilder('cl')
      .where("cl.status = 'talking' AND cl.source = 'manual' AND +cl.agent_id = :agentId", { agentId })
      .getMany()
    for (const call of open) {
      const ended = this.endManual(call, true, now)
      await repo(em, 'call_log').update({ id: call.id }, { ...ended, updatedAt: now, version: call.version + 1 })
      await this.stats.change(em, call, { ...call, ...ended })
    }
  }

  /** The number a new customer is created with: checked before the transaction, so a bad one changes nothing. */
  private async newCustomerPhone(input: SaveIntakeInput, corrected: { rawNumber: string } | null) {
    const raw = corrected?.rawNumber ?? (await repo(this.store.read, 'call_log').findOneBy({ id: input.id }))?.rawNumber
    if (!raw) throw AppError.field('newCustomerName', '未显示号码的来电无法建档：请先填写客户电话')
    return this.customers.checkPhone(raw, 'newCustomerName')
  }

  private async recordEdit(em: EntityManager, before: CallLogRow, after: Partial<CallLogRow>, by: number, at: Date): Promise<void> {
    const changes: Record<string, [unknown, unknown]> = {}
    for (const [field, label] of EDITED_FIELDS) {
      if (after[field] !== undefined && after[field] !== before[field]) changes[label] = [before[field], after[field]]
    }
    if (Object.keys(changes).length) await insertRows(em, 'call_edit', { callId: before.id, editedBy: by, editedAt: at, changes: JSON.stringify(changes) })
  }

  private async editsOf(em: EntityManager, callId: number): Promise<CallEdit[]> {
    const rows = await this.editsQuery.run<{ at: string | Date; byId: number; byName: string; changes: string }>(em, { callId })
    return rows.map((r) => ({ at: toIso(r.at), by: { id: r.byId, name: r.byName }, changes: JSON.parse(r.changes) as CallEdit['changes'] }))
  }

  private async saveAppointment(em: EntityManager, callId: number, customerId: number, details: Extract<CallDetails, { type: 'measure' }>, by: number, now: Date): Promise<void> {
    await OrgService.requireActive(em, details.designerId, 'designer', 'details.designerId', '量房设计师')
    const values = { customerId, designerId: details.designerId, scheduledAt: new Date(details.scheduledAt), address: details.address, updatedAt: now }
    const existing = await repo(em, 'measure_appointment').findOneBy({ callId })
    if (existing) await repo(em, 'measure_appointment').update({ id: existing.id }, values)
    else await insertRows(em, 'measure_appointment', { ...values, callId, status: 'scheduled', createdBy: by, createdAt: now })
  }

  /** A call brings the caller's latest needs; what was not said this time stays as it was. Returns whether anything changed. */
  private async updateCustomer(em: EntityManager, customerId: number, details: CallDetails | null, now: Date): Promise<boolean> {
    const needs = Object.fromEntries(Object.entries(needsOf(details)).filter(([, v]) => v !== null))
    await em
      .createQueryBuilder()
      .update('customer')
      .set({ ...needs, lastContactAt: now, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id', { id: customerId })
      .execute()
    if (typeof needs.community === 'string') await this.customers.rememberCommunity(em, needs.community)
    return Object.keys(needs).length > 0
  }
}

/** The consultation needs a consult or measuring call carries, as customer profile fields. */
function needsOf(details: CallDetails | null): Pick<ProfileInput, 'community' | 'houseType' | 'areaSqm' | 'budgetMinFen' | 'budgetMaxFen' | 'style'> {
  if (details?.type === 'consult' || details?.type === 'measure') {
    const { community, houseType, areaSqm, budgetMinFen, budgetMaxFen, style } = details
    return { community, houseType, areaSqm, budgetMinFen, budgetMaxFen, style }
  }
  return { community: null, houseType: null, areaSqm: null, budgetMinFen: null, budgetMaxFen: null, style: null }
}

function callTimelineQuery(em: EntityManager, customerId: number | string) {
  return callListQuery(em).where('cl.customer_id = :customerId', { customerId }).orderBy('cl.started_at', 'DESC')
}

export function callEntry(r: CallRaw): TimelineEntry {
  const talkSec = r.talkSec === null ? null : toNumber(r.talkSec)
  return {
    kind: 'call',
    at: toIso(r.startedAt),
    refId: r.id,
    title: callTitle({ ...r, talkSec }),
    detail: [r.summary, r.outcome ? `结果：${r.outcome}` : ''].filter(Boolean).join(' · '),
    actor: r.agentName,
  }
}

interface AppointmentRaw {
  id: number
  scheduledAt: string | Date
  status: string
  address: string | null
  designerName: string
  createdByName: string
}

function appointmentQuery(em: EntityManager, customerId: number | string) {
  return em
    .createQueryBuilder()
    .from('measure_appointment', 'm')
    .innerJoin('person', 'd', 'd.id = m.designer_id')
    .innerJoin('staff_account', 's', 's.id = m.created_by')
    .select(['m.id AS id', 'm.scheduled_at AS "scheduledAt"', 'm.status AS status', 'm.address AS address', 'd.name AS "designerName"', 's.display_name AS "createdByName"'])
    .where('m.customer_id = :customerId', { customerId })
    .orderBy('m.scheduled_at', 'DESC')
}

const APPOINTMENT_STATUS_LABELS: Record<string, string> = { scheduled: '已预约', done: '已量房', cancelled: '已取消' }

function appointmentEntry(r: AppointmentRaw): TimelineEntry {
  return {
    kind: 'appointment',
    at: toIso(r.scheduledAt),
    refId: r.id,
    title: `预约量房（${APPOINTMENT_STATUS_LABELS[r.status] ?? r.status}）`,
    detail: [`设计师：${r.designerName}`, r.address ? `地址：${r.address}` : ''].filter(Boolean).join(' · '),
    actor: r.createdByName,
  }
}
