import type { Satisfaction } from '../contract/callbacks.contract'
import { LEADER_COMPLAINT_LABELS, TICKET_OPEN_STATES, type LeaderComplaintTarget, type TicketState, type TicketTransition } from '../contract/tickets.contract'
import type { TicketRow } from '../../database/entities'
import { subjectOf } from '../services/ticket-dto'
import { breachAt } from '../services/ticket-clock'
import { proposedAssessmentFen } from '../services/ticket-rules'
import { planTransition, reopenChanges } from '../services/ticket-transitions'
import { Weighted } from './random'
import { StepTimes, type Fate } from './ticket-fates'
import { TicketRecord, type CallbackEntry, type LifeWorld } from './ticket-record'
import * as texts from './ticket-texts'

const HOUR = 3_600_000
const DAY = 86_400_000
const VERDICTS = [new Weighted<Satisfaction>([['satisfied', 70], ['fair', 22], ['unsatisfied', 8]]), new Weighted<Satisfaction>([['satisfied', 60], ['fair', 36], ['unsatisfied', 4]])]
const RATINGS: Record<Satisfaction, [number, number]> = { satisfied: [4, 5], fair: [3, 4], unsatisfied: [1, 2] }
const yuan = (fen: number): string => (fen / 100).toFixed(2)

/**
 * One ticket played out from its creation to the seeding's `now`, through the same pure rules the
 * services use (the transition planner, the clock, the watcher's review): whatever would happen
 * after now has not happened yet, and a fate may leave it stuck in a state earlier.
 */
export class TicketLife extends TicketRecord {
  private readonly times: StepTimes
  private stopped = false
  /** when the last transition happened */
  private lastAt = 0
  private openCallback: CallbackEntry | null = null

  constructor(
    w: LifeWorld,
    row: TicketRow,
    private readonly fate: Fate,
    private readonly designerId: number | null,
  ) {
    super(w, row)
    this.times = new StepTimes(w.rng, w.settings)
  }

  /** Opened at its creation; dispatched at once when the agent had the responsible person at hand. */
  play(dispatchAtOnce: boolean, repeatOf: { id: number; no: string } | null): this {
    const t = this.row
    const created = t.createdAt.getTime()
    const note = repeatOf ? `重复投诉：与 ${repeatOf.no} 同一客户、同一类别` : null
    this.log({ action: 'create', from: null, to: 'pending', note, actorId: t.createdBy, onBehalfOf: null, at: created, data: repeatOf ? { repeatOf: repeatOf.no } : null })
    if (this.fate.stopIn === 'pending') this.stopped = true
    else if (dispatchAtOnce) this.dispatch(created, null)
    this.lastAt = created
    this.story(created)
    // a stuck complaint is what makes customers go to the general manager
    if (this.fate.stopIn && TICKET_OPEN_STATES.includes(t.state)) this.maybeLeaderComplaint(this.lastAt, this.w.now, 0)
    this.watch(this.w.now)
    this.logs.sort((a, b) => a.at - b.at)
    fillDecisionStates(this.logs)
    return this
  }

  private story(start: number): void {
    const { rng, clock } = this.w
    const t = this.row
    const fate = this.fate
    let at = start
    for (let cycle = 0; cycle < 3 && !this.stopped; cycle++) {
      if (t.state === 'pending' || t.state === 'reopened') {
        at = clock.later(rng, at, this.times.dispatch(fate, cycle) + (fate.stall === 'dispatch' && cycle === 0 ? fate.stallMs : 0))
        if (!this.dispatch(at, texts.dispatchNote(rng))) return
      }
      if (cycle === 0 && fate.cancel) {
        this.act(clock.later(rng, at, rng.int(1, 48) * HOUR), { action: 'cancel', note: texts.cancelNote(rng) })
        return
      }
      if (cycle === 0 && fate.reassign) {
        const other = this.w.org.responsible(rng, t.kind, t.category, null, { departmentId: t.departmentId!, personId: t.personId! })
        at = clock.later(rng, at, rng.int(30, 360) * 60_000)
        if (other && !this.act(at, { action: 'reassign', ...other, note: texts.reassignNote(rng) })) return
      }
      if (!(t.kind === 'repair' && fate.onSpot && cycle === 0)) {
        at = clock.later(rng, at, this.times.respond(fate) + (fate.stall === 'respond' && cycle === 0 ? fate.stallMs : 0))
        if (!this.act(at, { action: 'respond', note: texts.responseNote(rng, t.kind) })) return
      }
      if (!this.stopped && rng.chance(0.15)) {
        at = clock.later(rng, at, rng.int(1, 20) * HOUR)
        if (at > this.w.now) return
        const { note, onBehalf } = texts.followNote(rng)
        this.watch(at)
        this.log({ action: 'note', note, actorId: t.handlerId, onBehalfOf: onBehalf ? t.personId : null, at, data: null })
      }
      if (cycle === 0 && fate.suspend) {
        const reason = new Weighted([['customer', 45], ['supplier', 40], ['other', 15]] as const).draw(rng)
        at = clock.later(rng, at, this.times.suspendAfter(fate))
        if (!this.act(at, { action: 'suspend', reason, note: texts.suspendNote(rng, reason) })) return
        at = clock.later(rng, at, this.times.pause(fate))
        if (!this.act(at, { action: 'resume', note: texts.resumeNote(rng) })) return
      }
      const resolveAt = clock.later(rng, at, this.times.resolve(fate, t.severity) + (fate.stall === 'resolve' && cycle === 0 ? fate.stallMs : 0))
      this.maybeLeaderComplaint(at, resolveAt, cycle)
      if (!this.act(resolveAt, { action: 'resolve', note: texts.resultNote(rng, t.category) })) return
      const reopenedAt = this.callback(resolveAt, cycle)
      if (reopenedAt === null) return
      at = reopenedAt
    }
  }

  private dispatch(at: number, note: string | null): boolean {
    const t = this.row
    // a reopened ticket mostly goes back to whoever had it
    const again = t.departmentId !== null && t.personId !== null && this.w.rng.chance(0.8) ? { departmentId: t.departmentId, personId: t.personId } : null
    const responsible = again ?? this.w.org.responsible(this.w.rng, t.kind, t.category, this.designerId)
    if (!responsible) {
      this.stopped = true
      return false
    }
    // 限期解决: now and then the agent sets the resolution deadline by hand
    const dueAt = this.w.rng.chance(0.08) ? new Date(at + this.w.rng.int(2, 10) * DAY).toISOString() : null
    return this.act(at, { action: 'dispatch', ...responsible, dueAt, note })
  }

  /** A transition at `at` by the agent who follows the ticket, as `tickets.transition` does it; false when it has not happened (yet). */
  private act(at: number, change: TicketTransition): boolean {
    if (this.stopped || at > this.w.now) {
      this.stopped = true
      return false
    }
    this.watch(at)
    const from = this.row.state
    const plan = planTransition(this.row, change, new Date(at), this.w.settings)
    this.save(plan.changes, at)
    this.log({ action: change.action, from, to: plan.to, note: plan.note, actorId: this.row.handlerId, onBehalfOf: plan.onBehalf ? this.row.personId : null, at, data: plan.data })
    if (change.action === 'resolve') this.openCallbackAt(at)
    if (change.action === 'reopen' || change.action === 'cancel') this.cancelCallback(at)
    if (change.action === 'dispatch' || change.action === 'reassign') this.notifyAssigned(at)
    if (change.action === 'reopen') this.notifyReopened(change.note, at)
    if (this.row.state === this.fate.stopIn) this.stopped = true
    this.lastAt = at
    return true
  }

  private openCallbackAt(at: number): void {
    const { settings, clock } = this.w
    const t = this.row
    const cb: CallbackEntry = {
      id: this.w.nextId.callback++,
      status: 'open',
      reason: `${t.no} ${subjectOf(t.description)}`.slice(0, 200),
      dueOn: clock.date(at + settings.satisfactionCallbackDays * DAY),
      agentId: t.handlerId,
      attempts: 0,
      lastAttemptAt: null,
      lastAttemptNote: null,
      result: null,
      rating: null,
      comment: null,
      doneAt: null,
      doneBy: null,
      createdAt: at,
      updatedAt: at,
      version: 1,
    }
    this.callbacks.push(cb)
    this.openCallback = cb
  }

  private cancelCallback(at: number): void {
    const cb = this.openCallback
    if (!cb) return
    Object.assign(cb, { status: 'cancelled', updatedAt: at, version: cb.version + 1 })
    this.openCallback = null
  }

  /**
   * The satisfaction callback: attempts that reach nobody, then the verdict, which closes the
   * ticket or reopens it. Returns when it was reopened, or null when the story ends here.
   */
  private callback(resolvedAt: number, cycle: number): number | null {
    const { rng, clock, now } = this.w
    const cb = this.openCallback
    if (!cb || this.stopped) return null
    const firstDay = clock.date(clock.dayStart(cb.dueOn) + this.times.callbackLateDays() * DAY + 12 * HOUR)
    let call = clock.working(rng, Math.max(clock.officeHour(rng, firstDay), resolvedAt + HOUR))
    const misses = rng.chance(0.22) ? (rng.chance(0.25) ? 2 : 1) : 0
    for (let i = 0; i < misses; i++) {
      if (call > now) return null
      Object.assign(cb, { attempts: cb.attempts + 1, lastAttemptAt: call, lastAttemptNote: texts.attemptNote(rng), dueOn: clock.date(call + DAY), updatedAt: call, version: cb.version + 1 })
      call = clock.officeHour(rng, cb.dueOn)
    }
    // now and then the customer phones first: it is not fixed, and the agent reopens the ticket
    if (!this.fate.unsatisfied && rng.chance(0.012)) {
      const at = resolvedAt + Math.floor((Math.min(call, now) - resolvedAt) * rng.next())
      return this.act(at, { action: 'reopen', note: `客户来电反映问题未解决：${texts.callbackComment(rng, 'unsatisfied')}` }) && !this.stopped ? at : null
    }
    if (call > now || this.fate.stopIn === 'awaitingCallback') return null
    const result = this.fate.unsatisfied && cycle === 0 ? 'unsatisfied' : VERDICTS[Math.min(cycle, 1)].draw(rng)
    const rating = this.row.kind === 'repair' ? rng.int(...RATINGS[result]) : null
    const comment = texts.callbackComment(rng, result)
    Object.assign(cb, { status: 'done', result, rating, comment, doneAt: call, doneBy: this.w.rota?.deskAt(rng, cb.agentId, call) ?? cb.agentId, updatedAt: call, version: cb.version + 1 })
    this.openCallback = null
    return this.settle(call, result, rating, comment)
  }

  /** What the verdict does to the ticket, as `settleFromCallback`. */
  private settle(at: number, result: Satisfaction, rating: number | null, comment: string | null): number | null {
    const t = this.row
    const from = t.state
    const actorId = t.handlerId
    this.lastAt = at
    if (result === 'unsatisfied') {
      this.save({ ...reopenChanges(t, new Date(at), this.w.settings), satisfaction: result, rating, state: 'reopened' }, at)
      const note = `客户不满意${comment ? `：${comment}` : ''}`
      this.log({ action: 'reopen', from, to: 'reopened', note, actorId, onBehalfOf: null, at, data: { satisfaction: result } })
      this.notifyReopened(note, at)
      if (this.fate.stopIn === 'reopened') this.stopped = true
      return this.stopped ? null : at
    }
    this.save({ satisfaction: result, rating, state: 'closed', closedAt: new Date(at) }, at)
    this.log({ action: 'close', from, to: 'closed', note: comment, actorId, onBehalfOf: null, at, data: { satisfaction: result, rating } })
    return null
  }

  /**
   * The customer took the complaint to the general manager or company leaders: likelier when the
   * ticket breaches or comes back. Recorded between the last step and the resolution.
   */
  private maybeLeaderComplaint(after: number, resolveAt: number, cycle: number): void {
    const { rng, now, org, settings } = this.w
    const t = this.row
    if (t.kind !== 'complaint' || !t.personId) return
    const late = (breachAt(t)?.getTime() ?? Infinity) < resolveAt
    const target: LeaderComplaintTarget | null =
      this.fate.leader ?? (rng.chance(late || cycle > 0 ? 0.2 : 0.003) ? (rng.chance(0.3) ? 'generalManager' : 'leaders') : null)
    if (!target) return
    const at = after + Math.floor((Math.min(resolveAt, now) - after) * rng.next())
    if (at > now) return
    this.watch(at)
    const personName = org.nameOf(t.personId) ?? ''
    const proposedFen = proposedAssessmentFen(target, t.severity, settings)
    const note = texts.leaderComplaintNote(rng, target)
    const assessment = {
      id: this.w.nextId.assessment++,
      personId: t.personId,
      departmentId: t.departmentId,
      reason: target,
      proposedFen,
      amountFen: null as number | null,
      status: 'proposed' as 'proposed' | 'confirmed' | 'rejected',
      note,
      proposedBy: t.handlerId ?? t.createdBy,
      proposedAt: at,
      decidedBy: null as number | null,
      decidedAt: null as number | null,
      decisionNote: null as string | null,
    }
    this.assessments.push(assessment)
    this.save({ leaderComplaint: t.leaderComplaint === 'generalManager' ? 'generalManager' : target }, at)
    this.log({ action: 'leaderComplaint', note, actorId: assessment.proposedBy, onBehalfOf: null, at, data: { target, person: personName, proposedFen } })
    this.notify(org.managers.map((m) => m.id), 'assessment', () => [`待确认考核：工单 ${t.no}`, `${LEADER_COMPLAINT_LABELS[target]}，拟对 ${personName} 考核 ¥${yuan(proposedFen)}`], at)

    // a manager decides within a few days, unless it is too recent
    const decidedAt = this.w.clock.later(rng, at, rng.int(20, 96) * HOUR)
    if (decidedAt > now || org.managers.length === 0 || rng.chance(0.1)) return
    const decision = rng.chance(0.75) ? 'confirm' : 'reject'
    const amountFen = decision === 'reject' ? null : target === 'leaders' && rng.chance(0.3) ? rng.int(settings.assessmentLeadersMinFen / 1000, settings.assessmentLeadersMaxFen / 1000) * 1000 : proposedFen
    const decisionNote = texts.decisionNote(rng, decision)
    const manager = rng.pick(org.managers)
    Object.assign(assessment, { status: decision === 'confirm' ? 'confirmed' : 'rejected', amountFen, decidedBy: manager.id, decidedAt, decisionNote })
    this.logs.push({
      action: 'note',
      // the state the ticket is in by then is filled in once its whole story is known
      from: null,
      to: null,
      note: decision === 'confirm' ? `考核已确认：¥${yuan(amountFen!)}${decisionNote ? `（${decisionNote}）` : ''}` : `考核已驳回${decisionNote ? `：${decisionNote}` : ''}`,
      actorId: manager.id,
      onBehalfOf: null,
      at: decidedAt,
      data: { assessmentId: assessment.id, decision, amountFen },
    })
  }
}

/** A manager's decision is logged in whatever state the ticket is in at that moment. */
function fillDecisionStates(logs: TicketRecord['logs']): void {
  let state: TicketState | null = null
  for (const entry of logs) {
    if (entry.action === 'note' && entry.from === null && entry.data && 'assessmentId' in entry.data) {
      entry.from = state
      entry.to = state
    } else if (entry.to !== null) state = entry.to
  }
}
