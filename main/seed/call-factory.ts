import type { CallDirection, CallStatus, CallType } from '../contract/calls.contract'
import { sqlNumber, sqlText, sqlTime } from './bulk-insert'
import { logNormal, type CompanyDay } from './call-curve'
import { callContent, EDITED_OUTCOMES, HANDLED_NOTES, HANDLED_WITHHELD_NOTE, INBOUND_TYPES, OUTBOUND_TYPES, TALK_MEDIAN_SEC } from './call-texts'
import { CallerPicker, type Caller, type CustomerPool } from './call-callers'
import { FollowUpBook, type FollowUpRecord } from './call-follow-ups'
import type { DemoRota } from './agent-rota'
import type { Rng, Weighted } from './random'

/** The columns of one call_log row, in the order `CallFactory.make` writes them. */
export const CALL_COLUMNS = [
  'id', 'direction', 'raw_number', 'normalized', 'number_key', 'customer_id', 'agent_id', 'extension', 'external_id', 'source', 'status',
  'started_at', 'ringing_at', 'answered_at', 'ended_at', 'ring_sec', 'talk_sec', 'call_type', 'summary', 'outcome', 'follow_up_on',
  'details', 'follow_up_id', 'intake_saved_at', 'intake_saved_by', 'handled_at', 'handled_by', 'handled_note', 'created_at', 'updated_at', 'version',
] as const

export const APPOINTMENT_COLUMNS = ['customer_id', 'call_id', 'designer_id', 'scheduled_at', 'address', 'status', 'created_by', 'created_at', 'updated_at'] as const
export const EDIT_COLUMNS = ['call_id', 'edited_by', 'edited_at', 'changes'] as const
export const EVENT_COLUMNS = ['external_id', 'event', 'at', 'received_at', 'payload'] as const

/** Shares that make the call log look like a renovation company's. */
export const CALL_SHARES = {
  inbound: 0.8,
  /** inbound calls that arrive through the PBX; the rest an agent logs by hand */
  inboundCti: 0.96,
  inboundAnswered: 0.86,
  /** unanswered inbound calls that keep ringing ≥ 10 s (missed), the rest hang up sooner (abandoned) */
  unansweredLongRing: 0.62,
  outboundConnected: 0.78,
  withheld: 0.03,
  unknownInbound: 0.12,
  unknownOutbound: 0.04,
  /** a new number that calls again */
  unknownRepeat: 0.3,
  /** a known customer who called lately calls again (预约 after 咨询, 回访 …) */
  customerRepeat: 0.18,
  /** a caller among the customers registered in the last 60 days (new leads phone most) */
  recentLead: 0.45,
  followUp: 0.06,
  edited: 0.01,
} as const

const SECOND = 1000
const MINUTE = 60_000
const HOUR = 3_600_000

export interface CallFactoryOptions {
  rng: Rng
  now: number
  /** company-local days from the first one seeded to a few weeks past today */
  days: CompanyDay[]
  today: number
  customers: CustomerPool
  /** a number nobody in the customer file has */
  freshNumber: () => string
  agents: { id: number; extension: string | null }[]
  /** who is on shift (agent ids): calls go to them; without it, to any agent */
  rota?: Pick<DemoRota, 'agentsOn' | 'agentsAt'>
  designers: Weighted<number> | null
  missedRingSeconds: number
  lists: { complaintCategories: string[]; ticketSeverities: string[]; repairCategories: string[]; styles: string[]; houseTypes: string[] }
  /** chance of a follow-up for a call whose follow-up would fall in the last week or later (keeps the desk's lists short) */
  recentFollowUpChance: number
  /** missed calls from this instant on stay unhandled with this chance */
  unhandledFrom: number
  unhandledChance: number
  firstCallId: number
  firstFollowUpId: number
  /** the PBX's raw events are written for telephony calls from this instant on */
  eventsFrom: number
}

interface CallTimes {
  started: number
  ringingAt: number | null
  answeredAt: number | null
  ended: number
  /** when the agent saved the form, null for a call nobody took */
  intake: number | null
  ring: number
}

interface IntakeForm {
  summary: string
  outcome: string
  details: string | null
  followUpOn: string | null
}

const q = sqlText
const n = sqlNumber
const ts = sqlTime

/**
 * One call at a time, in order of time: the call_log row as SQL literal, and beside it the
 * follow-ups, measuring appointments and corrections the same calls made.
 */
export class CallFactory {
  nextCallId: number
  readonly followUps: FollowUpBook
  readonly appointments: string[] = []
  readonly edits: string[] = []
  /** call_event rows of recent telephony calls; the caller takes them away as they come */
  readonly callEvents: string[] = []
  /** per customer of the pool: when an intake about them was last saved (the service's last contact), 0 for never */
  readonly lastContact: Float64Array
  readonly counts = { in: 0, out: 0, answered: 0, missed: 0, abandoned: 0, withheld: 0, unknown: 0, unhandled: 0 }
  private readonly callers: CallerPicker
  private readonly customerIndex: Map<number, number>
  private readonly agentById: Map<number, { id: number; extension: string | null }>
  private todayTurn = 0

  constructor(private readonly o: CallFactoryOptions) {
    this.nextCallId = o.firstCallId
    this.lastContact = new Float64Array(o.customers.ids.length)
    this.followUps = new FollowUpBook({ rng: o.rng, days: o.days, today: o.today, recentChance: o.recentFollowUpChance, chance: CALL_SHARES.followUp, firstId: o.firstFollowUpId })
    this.callers = new CallerPicker(o.rng, o.customers, o.freshNumber, CALL_SHARES)
    this.customerIndex = new Map(Array.from(o.customers.ids, (id, index) => [id, index]))
    this.agentById = new Map(o.agents.map((a) => [a.id, a]))
  }

  /** The row of a call that starts (rings, or is started by hand) at `t` on day `day`. */
  make(t: number, day: number): string {
    const { rng } = this.o
    const id = this.nextCallId++
    const direction: CallDirection = rng.chance(CALL_SHARES.inbound) ? 'in' : 'out'
    const cti = direction === 'in' && rng.chance(CALL_SHARES.inboundCti)
    const followUp = direction === 'out' && rng.chance(0.9) ? this.followUps.takeDue(day) : null
    const { status, ring } = this.howItWent(direction, cti)
    const unhandled = direction === 'in' && status === 'missed' && t >= this.o.unhandledFrom && rng.chance(this.o.unhandledChance)
    const caller = followUp
      ? this.callers.forFollowUp(followUp.customerId === null ? -1 : (this.customerIndex.get(followUp.customerId) ?? -1), followUp.numberKey)
      : this.callers.pick(t, direction, cti, unhandled)
    const agent = (followUp && this.agentById.get(followUp.agentId)) || this.pickAgent(t, day)
    const drawn: CallType = followUp ? 'callback' : (direction === 'in' ? INBOUND_TYPES : OUTBOUND_TYPES).draw(rng)
    // a measuring appointment needs a customer on file
    const type: CallType = drawn === 'measure' && caller.customer < 0 ? 'consult' : drawn
    const talk = status === 'answered' ? logNormal(rng, TALK_MEDIAN_SEC[type], 0.55, 60, 900) : 0
    const when = this.timesOf(t, cti, status, ring, talk)
    this.count(direction, status, caller)
    if (unhandled) this.counts.unhandled++

    const form = when.intake === null ? null : this.intakeOf({ id, day, type, direction, status, caller, agentId: agent.id, when, followUp })
    let handledAt: number | null = null
    let handledBy: number | null = null
    let handledNote: string | null = null
    if (direction === 'in' && status === 'missed' && !unhandled) {
      handledAt = Math.min(this.o.now, when.ended + rng.int(5, 180) * MINUTE)
      handledBy = this.o.agents.length ? (this.o.rota ? rng.pick(this.o.rota.agentsAt(handledAt)) : rng.pick(this.o.agents).id) : null
      handledNote = caller.numberKey ? rng.pick(HANDLED_NOTES) : HANDLED_WITHHELD_NOTE
    }

    // the version guards what agents type: one for the row, one per save (the PBX's timings do not count)
    let version = 1 + (when.intake !== null ? 1 : 0)
    let updated = Math.max(when.ended, when.intake ?? 0, handledAt ?? 0)
    let outcome = form?.outcome ?? null
    if (when.intake !== null && outcome !== null && rng.chance(CALL_SHARES.edited)) {
      const editedAt = Math.min(this.o.now, when.intake + rng.int(2, 600) * MINUTE)
      const corrected = rng.pick(EDITED_OUTCOMES)
      this.edits.push(`(${id},${agent.id},${ts(editedAt)},${q(JSON.stringify({ 处理结果: [outcome, corrected] }))})`)
      outcome = corrected
      version++
      updated = Math.max(updated, editedAt)
    }

    const { started, intake } = when
    const externalId = cti ? `${Math.floor(started / SECOND)}.${id}` : null
    if (externalId && started >= this.o.eventsFrom) this.pbxEvents(externalId, direction, caller.raw, agent.extension, started, when.answeredAt, when.ended)
    // started, created and (for the PBX's calls) ringing are one instant: one text for the three
    const startedText = ts(started)
    const intakeText = ts(intake)
    // One array joined: a flat string at once, where a template literal would leave a rope of 60 pieces to flatten later.
    const values = [
      id, direction === 'in' ? "'in'" : "'out'", q(caller.raw), q(caller.normalized), q(caller.numberKey),
      caller.customer >= 0 ? this.o.customers.ids[caller.customer] : 'NULL', agent.id, q(cti ? agent.extension : null), q(externalId),
      cti ? "'cti'" : "'manual'", `'${status}'`, startedText, when.ringingAt === started ? startedText : ts(when.ringingAt), ts(when.answeredAt), ts(when.ended),
      cti || intake !== null ? when.ring : 'NULL', status === 'answered' ? talk : 0, q(intake === null ? null : type), q(form?.summary ?? null), q(outcome),
      q(form?.followUpOn ?? null), q(form?.details ?? null), n(followUp?.id ?? null), intakeText, intake !== null ? agent.id : 'NULL',
      ts(handledAt), n(handledBy), q(handledNote), startedText, updated === intake ? intakeText : ts(updated), version,
    ]
    return `(${values.join(',')})`
  }

  /** How it went: a PBX call rings an extension until answered or given up; a hand-logged inbound call got through. */
  private howItWent(direction: CallDirection, cti: boolean): { status: CallStatus; ring: number } {
    const { rng } = this.o
    if (cti) {
      const answered = rng.chance(CALL_SHARES.inboundAnswered)
      const ring = answered ? logNormal(rng, 6, 0.5, 1, 40) : rng.chance(CALL_SHARES.unansweredLongRing) ? rng.int(10, 45) : rng.int(2, 9)
      return { status: answered ? 'answered' : ring >= this.o.missedRingSeconds ? 'missed' : 'abandoned', ring }
    }
    if (direction === 'in') return { status: 'answered', ring: 0 }
    return { status: this.o.rng.chance(CALL_SHARES.outboundConnected) ? 'answered' : 'missed', ring: 0 }
  }

  /**
   * When: a PBX call rings, is answered, hangs up, and the agent saves the form a little later; a
   * hand-started call runs from the start button to the save, which ends it. Nothing happens after
   * now: a call that would still be going is moved back.
   */
  private timesOf(t: number, cti: boolean, status: CallStatus, ringSec: number, talk: number): CallTimes {
    const { rng } = this.o
    let ring = ringSec
    let ringingAt: number | null = null
    let answeredAt: number | null
    let ended: number
    let intake: number | null = null
    if (cti) {
      ringingAt = t
      answeredAt = status === 'answered' ? t + ring * SECOND : null
      ended = (answeredAt ?? t + ring * SECOND) + talk * SECOND
      if (status === 'answered') intake = ended + rng.int(15, 240) * SECOND
    } else {
      if (status !== 'answered') ring = rng.int(15, 45)
      answeredAt = status === 'answered' ? t : null
      ended = t + (status === 'answered' ? talk : ring) * SECOND
      intake = ended
      ring = status === 'answered' ? 0 : ring
    }
    const shift = Math.max(0, (intake ?? ended) - this.o.now + SECOND)
    if (!shift) return { started: t, ringingAt, answeredAt, ended, intake, ring }
    const back = (ms: number | null) => (ms === null ? null : ms - shift)
    return { started: t - shift, ringingAt: back(ringingAt), answeredAt: back(answeredAt), ended: ended - shift, intake: back(intake), ring }
  }

  /** What was said: the intake form, saved by the agent who took the call, and what it set going. */
  private intakeOf(c: { id: number; day: number; type: CallType; direction: CallDirection; status: CallStatus; caller: Caller; agentId: number; when: CallTimes; followUp: FollowUpRecord | null }): IntakeForm {
    const { rng } = this.o
    const intake = c.when.intake as number
    let form: IntakeForm
    if (c.status === 'answered') {
      const customer = c.caller.customer
      const content = callContent({
        rng, type: c.type, direction: c.direction, profile: customer >= 0 ? this.o.customers.profile[customer] : null,
        address: customer >= 0 ? this.o.customers.address[customer] : null, endedAt: c.when.ended, dayStart: this.o.days[c.day].start,
        designerId: this.designerFor(customer), ...this.o.lists, severities: this.o.lists.ticketSeverities,
      })
      if (content.appointment && customer >= 0) this.appointment(c.id, this.o.customers.ids[customer], content.appointment, c.agentId, intake)
      const customerId = customer >= 0 ? this.o.customers.ids[customer] : null
      const followUpOn = c.type === 'other' ? null : this.followUps.maybeCreate({ callId: c.id, day: c.day, customerId, numberKey: c.caller.numberKey, agentId: c.agentId, at: intake, outcome: content.outcome })
      form = { summary: content.summary, outcome: content.outcome, details: content.details, followUpOn }
    } else {
      form = { summary: '未接通', outcome: rng.chance(0.5) ? '无人接听，稍后再拨' : '对方忙线', details: null, followUpOn: null }
    }
    if (c.caller.customer >= 0 && intake > this.lastContact[c.caller.customer]) this.lastContact[c.caller.customer] = intake
    if (c.followUp) {
      c.followUp.status = 'done'
      c.followUp.doneAt = intake
      c.followUp.doneCallId = c.id
    }
    return form
  }

  /** What the PBX posted for a call, as the telephony service keeps it (payload as received). */
  private pbxEvents(callId: string, direction: CallDirection, number: string, extension: string | null, ringingAt: number, answeredAt: number | null, endedAt: number): void {
    const events: [string, number][] = answeredAt === null ? [['ringing', ringingAt], ['hangup', endedAt]] : [['ringing', ringingAt], ['answered', answeredAt], ['hangup', endedAt]]
    for (const [event, at] of events) {
      const payload = JSON.stringify({ event, callId, direction, caller: number, callee: extension ?? '', ...(extension ? { extension } : {}), at: new Date(at).toISOString() })
      this.callEvents.push(`(${q(callId)},'${event}',${ts(at)},${ts(at + this.o.rng.int(20, 400))},${q(payload)})`)
    }
  }

  private pickAgent(t: number, day: number): { id: number; extension: string | null } {
    // Today's calls go round the agents, so that every demo agent has some on the live board.
    if (day === this.o.today) return this.o.agents[this.todayTurn++ % this.o.agents.length]
    if (!this.o.rota) return this.o.rng.pick(this.o.agents)
    const { date, start } = this.o.days[day]
    const onShift = this.o.rota.agentsOn(date, Math.min(23, Math.floor((t - start) / HOUR)))
    return this.agentById.get(this.o.rng.pick(onShift)) ?? this.o.rng.pick(this.o.agents)
  }

  private designerFor(customer: number): number | null {
    const following = customer >= 0 ? this.o.customers.designer[customer] : 0
    if (following && this.o.rng.chance(0.8)) return following
    return this.o.designers ? this.o.designers.draw(this.o.rng) : null
  }

  private appointment(callId: number, customerId: number, a: { scheduledAt: number; designerId: number; address: string | null }, agentId: number, at: number): void {
    const { rng, now } = this.o
    const status = a.scheduledAt < now ? (rng.chance(0.85) ? 'done' : 'cancelled') : rng.chance(0.93) ? 'scheduled' : 'cancelled'
    const updated = status === 'scheduled' ? at : Math.max(at, Math.min(now, a.scheduledAt))
    this.appointments.push(`(${customerId},${callId},${a.designerId},${ts(a.scheduledAt)},${q(a.address)},'${status}',${agentId},${ts(at)},${ts(updated)})`)
  }

  private count(direction: CallDirection, status: CallStatus, caller: Caller): void {
    const c = this.counts
    if (direction === 'in') c.in++
    else c.out++
    if (status === 'answered') c.answered++
    else if (status === 'missed') c.missed++
    else c.abandoned++
    if (!caller.numberKey) c.withheld++
    else if (caller.customer < 0) c.unknown++
  }
}
