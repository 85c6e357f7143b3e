import { expect } from 'vitest'
import type { CallDetail, CallDetails, CallDirection, CallType } from '../../main/contract/calls.contract'
import type { ScoreDimension } from '../../main/contract/callbacks.contract'
import type { TicketAction, TicketDetail, TicketKind } from '../../main/contract/tickets.contract'
import { callEvents, ingest } from './cti'
import { emptyLedger, local, plusHours, type Ledger, type LedgerTicket } from './dashboard-ledger'
import { registerDeposit, signProject, type ProjectOrg } from './projects'
import { changeFor } from './tickets'
import type { Session } from './test-core'

/** the default settings' deadlines: 24 h to respond, resolution hours by severity; the satisfaction callback falls due a day after resolving */
const RESPONSE_HOURS = 24
const RESOLUTION_HOURS: Record<string, number> = { 一般: 168, 较重: 72, 严重: 48, 紧急: 24 }
const MISSED_RING_SEC = 10
const NO_PLAN = { start: null, material: null, midterm: null, completion: null }

/**
 * Creates a dashboard test's data through the real API at the test clock's instant, and writes
 * down in the ledger what it did, so that the expected figures come from the test's own list.
 */
export class DashboardWorld {
  readonly ledger: Ledger = emptyLedger()
  private readonly agentOfExtension = new Map<string, number>()
  private contractNo = 0

  constructor(readonly org: ProjectOrg) {}

  get t() {
    return this.org.t
  }

  now(): string {
    return this.t.clock.now().toISOString()
  }

  at(instant: string): this {
    this.t.clock.set(instant)
    return this
  }

  extension(ext: string, agentId: number): void {
    this.agentOfExtension.set(ext, agentId)
  }

  /**
   * A call an agent handles by hand: started now, ended `talkSec` later by the intake (or never
   * ended with `leaveOpen`; the agent's next start would end it, so leave only an agent's last call open).
   */
  async manualCall(
    by: Session,
    o: { direction: CallDirection; phone: string; type: CallType; talkSec: number; connected?: boolean; newCustomerName?: string; measureFor?: number; leaveOpen?: boolean },
  ): Promise<CallDetail> {
    const startedAt = this.now()
    // an agent is on one call at a time: the call they left open ends, answered, when they start this one
    for (const open of this.ledger.calls.filter((c) => c.ref.startsWith('manual-') && c.agentId === by.user.id && c.status === 'talking')) {
      Object.assign(open, { status: 'answered', talkSec: Math.round((Date.parse(startedAt) - Date.parse(open.at)) / 1000) })
    }
    const call = await by.api.calls.start({ direction: o.direction, phone: o.phone })
    const ref = `manual-${call.id}`
    if (o.leaveOpen) {
      this.ledger.calls.push({ ref, at: startedAt, direction: o.direction, status: 'talking', talkSec: 0, agentId: by.user.id, type: null })
      return call
    }
    this.t.clock.advance({ seconds: o.talkSec })
    const connected = o.connected ?? true
    const saved = await by.api.calls.saveIntake({
      id: call.id,
      version: call.version,
      type: o.type,
      summary: `${o.type} 来电`,
      details: detailsFor(o.type, o.measureFor),
      connected,
      ...(o.newCustomerName ? { newCustomerName: o.newCustomerName } : {}),
    })
    expect(saved).toMatchObject({ status: connected ? 'answered' : 'missed', talkSec: connected ? o.talkSec : 0, startedAt })
    this.ledger.calls.push({ ref, at: startedAt, direction: o.direction, status: connected ? 'answered' : 'missed', talkSec: connected ? o.talkSec : 0, agentId: by.user.id, type: o.type })
    if (o.newCustomerName) this.ledger.customers.push(this.now())
    if (o.type === 'measure' && o.measureFor) this.ledger.measures.push({ callId: call.id, at: this.now(), designerId: o.measureFor, cancelled: false })
    return saved
  }

  /** A later correction of the call's type (the summary must move the call with it). */
  async retype(by: Session, call: CallDetail, type: CallType): Promise<CallDetail> {
    const current = await by.api.calls.get({ id: call.id })
    const saved = await by.api.calls.saveIntake({ id: call.id, version: current.version, type, summary: current.summary, details: detailsFor(type) })
    const entry = this.ledger.calls.find((c) => c.ref === `manual-${call.id}`)
    if (!entry) throw new Error(`call ${call.id} is not in the ledger`)
    entry.type = type
    return saved
  }

  /**
   * A call as the PBX reports it, at any instant (the events carry their own times): answered
   * with `talk`, unanswered without; without `hangup: false` it has ended. With `ringingLast`
   * the ringing event arrives after the others and moves the call's start earlier.
   */
  async ctiCall(o: { id: string; at: string; direction?: CallDirection; ring: number; talk?: number; ext: string; phone?: string; hangup?: boolean; ringingLast?: boolean }): Promise<void> {
    const direction = o.direction ?? 'in'
    const phone = o.phone ?? '13911112222'
    let events = callEvents({ callId: o.id, at: o.at, ring: o.ring, talk: o.talk, direction, extension: o.ext, ...(direction === 'in' ? { caller: phone } : { callee: phone }) })
    if (o.hangup === false) events = events.filter((e) => e.event !== 'hangup')
    if (o.ringingLast) {
      await ingest(this.t, events.filter((e) => e.event !== 'ringing'))
      await ingest(this.t, events.filter((e) => e.event === 'ringing'))
    } else await ingest(this.t, events)
    const ended = o.hangup !== false
    const status = o.talk !== undefined ? (ended ? 'answered' : 'talking') : !ended ? 'ringing' : direction === 'out' || o.ring >= MISSED_RING_SEC ? 'missed' : 'abandoned'
    this.ledger.calls.push({ ref: `cti-${o.id}`, at: o.at, direction, status, talkSec: status === 'answered' ? (o.talk ?? 0) : 0, agentId: this.agentOfExtension.get(o.ext) ?? null, type: null })
  }

  /** A walk-in registered by the receptionist now; `isNew` says whether the phone is unknown (a customer is created). */
  async walkIn(o: { name: string; phone: string; source: string | null; designerId: number | null; isNew: boolean }): Promise<number> {
    const reception = await this.org.as('receptionist')
    const result = await reception.api.visits.register({ name: o.name, phone: o.phone, designerId: o.designerId, sourceChannel: o.source })
    expect(result.customerCreated).toBe(o.isNew)
    this.ledger.visits.push({ at: this.now(), source: o.source, designerId: o.designerId })
    if (o.isNew) this.ledger.customers.push(this.now())
    return result.visit.customerId
  }

  async customer(name: string, phone: string): Promise<number> {
    const agent = await this.org.as('agent')
    const created = await agent.api.customers.create({ name, phone })
    this.ledger.customers.push(this.now())
    return created.id
  }

  /**
   * Cancels the measuring appointment a call made. No API cancels one yet (the appointment only
   * has a status column), so the row is changed the way a later cancel method would change it.
   */
  async cancelMeasure(callId: number): Promise<void> {
    const changed = await this.t.core.store.write((em) => em.createQueryBuilder().update('measure_appointment').set({ status: 'cancelled' }).where('call_id = :callId', { callId }).execute())
    expect(changed.affected).toBe(1)
    const entry = this.ledger.measures.find((m) => m.callId === callId)
    if (!entry) throw new Error(`no appointment of call ${callId} in the ledger`)
    entry.cancelled = true
  }

  async deposit(o: { customerId: number; designerId: number; paidOn: string }): Promise<number> {
    const d = await registerDeposit(this.org, { customerId: o.customerId, designerId: o.designerId, paidOn: o.paidOn })
    this.ledger.deposits.push({ id: d.id, paidOn: o.paidOn, designerId: o.designerId, lostOn: null })
    return d.id
  }

  async loseDeposit(id: number, on: string): Promise<void> {
    const agent = await this.org.as('agent')
    const d = await agent.api.deposits.get({ id })
    await agent.api.deposits.markLost({ id, version: d.version, reason: '选了别家', on })
    const entry = this.ledger.deposits.find((x) => x.id === id)
    if (entry) entry.lostOn = on
  }

  async sign(o: { customerId: number; designerId: number; signedOn: string; depositId?: number }): Promise<number> {
    const p = await signProject(this.org, { contractNo: `HT-DB-${++this.contractNo}`, customerId: o.customerId, designerId: o.designerId, signedOn: o.signedOn, planned: NO_PLAN, ...(o.depositId ? { depositId: o.depositId } : {}) })
    this.ledger.projects.push({ id: p.id, signedOn: o.signedOn, designerId: o.designerId, cancelled: false })
    return p.id
  }

  async cancelProject(id: number, on: string): Promise<void> {
    const agent = await this.org.as('agent')
    const p = await agent.api.projects.get({ id })
    await agent.api.projects.cancel({ id, version: p.version, on, reason: '客户资金问题' })
    const entry = this.ledger.projects.find((x) => x.id === id)
    if (entry) entry.cancelled = true
  }

  /** A ticket of 张三's opened now by agent1 from the ticket list. */
  async ticket(o: { kind: TicketKind; category: string; severity: string }): Promise<number> {
    const agent = await this.org.as('agent')
    const created = await agent.api.tickets.create({
      kind: o.kind,
      source: 'phone',
      customerId: this.org.customers.zhang.id,
      category: o.category,
      severity: o.severity,
      description: o.kind === 'complaint' ? '客厅墙面开裂' : '厨房插座不通电',
    })
    const now = this.now()
    const entry: LedgerTicket = {
      id: created.id,
      ...o,
      createdAt: now,
      state: 'pending',
      responseDueAt: plusHours(now, RESPONSE_HOURS),
      resolutionDueAt: plusHours(now, RESOLUTION_HOURS[o.severity]),
      respondedAt: null,
      resolvedAt: null,
      suspendedAt: null,
      suspendedFrom: null,
    }
    this.ledger.tickets.push(entry)
    this.agree(created)
    return created.id
  }

  /** One transition by agent1 now, followed in the ledger as the manual's rules say it goes. */
  async act(id: number, action: TicketAction): Promise<TicketDetail> {
    const agent = await this.org.as('agent')
    const before = await agent.api.tickets.get({ id })
    const after = await agent.api.tickets.transition({ id, version: before.version, change: changeFor(this.org, action) })
    const t = this.ticketEntry(id)
    const now = this.now()
    switch (action) {
      case 'dispatch':
        t.state = 'dispatched'
        break
      case 'respond':
        Object.assign(t, { state: 'inProgress', respondedAt: now })
        break
      case 'resolve': {
        // resolving on the spot is the response as well
        Object.assign(t, { state: 'awaitingCallback', resolvedAt: now, respondedAt: t.respondedAt ?? now })
        const callback = after.callbacks.find((c) => c.status === 'open' && c.kind === 'ticketSatisfaction')
        if (!callback) throw new Error(`no satisfaction callback on ${after.no}`)
        expect(callback.dueOn).toBe(local(plusHours(now, 24)).date)
        this.ledger.callbacks.push({ id: callback.id, ticketId: id, dueOn: callback.dueOn, status: 'open', doneAt: null, doneBy: null, result: null, scores: [] })
        break
      }
      case 'suspend':
        Object.assign(t, { suspendedFrom: t.state, state: 'suspended', suspendedAt: now })
        break
      case 'resume': {
        // the clock stood still while suspended: the deadlines still owed move by the pause
        const paused = (Date.parse(now) - Date.parse(t.suspendedAt as string)) / 3_600_000
        if (!t.respondedAt) t.responseDueAt = plusHours(t.responseDueAt, paused)
        if (!t.resolvedAt) t.resolutionDueAt = plusHours(t.resolutionDueAt, paused)
        Object.assign(t, { state: t.suspendedFrom, suspendedAt: null, suspendedFrom: null })
        break
      }
      case 'reopen':
        this.reopened(t, now)
        break
      case 'cancel':
        t.state = 'cancelled'
        this.cancelOpenCallbacks(id)
        break
      default:
        throw new Error(`${action} is not followed by the ledger`)
    }
    this.agree(after)
    return after
  }

  /** The customer's verdict on a callback, taken by `by` now; a ticket closes (满意, 基本满意) or reopens (不满意). */
  async completeCallback(id: number, by: Session, result: 'satisfied' | 'fair' | 'unsatisfied', scores: Partial<Record<ScoreDimension, number>> = {}): Promise<void> {
    const current = await by.api.callbacks.get({ id })
    await by.api.callbacks.complete({ id, version: current.version, result, scores: Object.keys(scores).length ? scores : null })
    const cb = this.ledger.callbacks.find((c) => c.id === id)
    if (!cb) throw new Error(`callback ${id} is not in the ledger`)
    Object.assign(cb, { status: 'done', doneAt: this.now(), doneBy: by.user.id, result, scores: Object.values(scores) })
    if (cb.ticketId !== null) {
      const t = this.ticketEntry(cb.ticketId)
      if (result === 'unsatisfied') this.reopened(t, this.now())
      else t.state = 'closed'
      this.agree(await by.api.tickets.get({ id: cb.ticketId }))
    }
  }

  /** Nobody answered: the callback is due again on `retryOn`. */
  async missCallback(id: number, retryOn: string): Promise<void> {
    const agent = await this.org.as('agent')
    const current = await agent.api.callbacks.get({ id })
    const after = await agent.api.callbacks.recordAttempt({ id, version: current.version, outcome: 'noAnswer', note: null, retryOn })
    expect(after.dueOn).toBe(retryOn)
    const cb = this.ledger.callbacks.find((c) => c.id === id)
    if (cb) cb.dueOn = retryOn
  }

  callbacksOf(ticketId: number) {
    return this.ledger.callbacks.filter((c) => c.ticketId === ticketId)
  }

  private reopened(t: LedgerTicket, now: string): void {
    // a new cycle: fresh deadlines from now, nothing responded or resolved yet
    Object.assign(t, {
      state: 'reopened',
      respondedAt: null,
      resolvedAt: null,
      responseDueAt: plusHours(now, RESPONSE_HOURS),
      resolutionDueAt: plusHours(now, RESOLUTION_HOURS[t.severity]),
    })
    this.cancelOpenCallbacks(t.id)
  }

  private cancelOpenCallbacks(ticketId: number): void {
    for (const cb of this.ledger.callbacks) if (cb.ticketId === ticketId && cb.status === 'open') cb.status = 'cancelled'
  }

  private ticketEntry(id: number): LedgerTicket {
    const t = this.ledger.tickets.find((x) => x.id === id)
    if (!t) throw new Error(`ticket ${id} is not in the ledger`)
    return t
  }

  /** The ledger's account of a ticket must be what the tickets area says, or the expected figures would rest on a wrong model. */
  private agree(detail: TicketDetail): void {
    const t = this.ticketEntry(detail.id)
    const { state, createdAt, responseDueAt, resolutionDueAt, respondedAt, resolvedAt } = detail
    expect({ state, createdAt, responseDueAt, resolutionDueAt, respondedAt, resolvedAt }, detail.no).toEqual({
      state: t.state,
      createdAt: t.createdAt,
      responseDueAt: t.responseDueAt,
      resolutionDueAt: t.resolutionDueAt,
      respondedAt: t.respondedAt,
      resolvedAt: t.resolvedAt,
    })
  }
}

/** A form that passes the intake's checks for `type`. */
function detailsFor(type: CallType, designerId?: number): CallDetails | null {
  switch (type) {
    case 'measure':
      if (!designerId) throw new Error('a measuring appointment needs its designer')
      return { type, community: '翠湖天地', houseType: null, areaSqm: null, budgetMinFen: null, budgetMaxFen: null, style: null, address: '翠湖天地 1-101', scheduledAt: '2027-01-20T02:00:00.000Z', designerId }
    case 'complaint':
      return { type, category: '工程质量', severity: '一般', description: '墙面开裂', expectation: null }
    case 'repair':
      return { type, category: '水电', description: '插座不通电', address: null, preferredTime: null }
    default:
      return null
  }
}
