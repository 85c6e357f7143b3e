import type { CallDirection, CallStatus } from '../contract/calls.contract'
import type { CtiEvent, CtiEventKind } from '../contract/cti.contract'
import { HOUR_WEIGHTS, logNormal } from '../seed/call-curve'
import { Rng, Weighted } from '../seed/random'

/**
 * A day at the call desk as a PBX reports it, planned ahead as a pure function of its options
 * (seeded): which calls arrive when, who takes them, how they end, and the event deliveries that
 * tell the app — including the PBX's retries (replays) and a few deliveries out of order. The
 * sender maps the plan's milliseconds onto the wall clock.
 */
export interface PlanOptions {
  calls: number
  /** the agents' extensions that ring */
  extensions: readonly string[]
  seed: string
  /** talk times and the gaps between calls are divided by this; rings stay real seconds, so that missed vs abandoned stays right */
  speed: number
  /** makes call ids unique across runs against the same database */
  callIdPrefix: string
  /** numbers of customers on file to draw most callers from; otherwise numbers are made up */
  knownNumbers?: readonly string[]
  /** company day the arrivals follow (hours of `HOUR_WEIGHTS`), [open, close) */
  openHour?: number
  closeHour?: number
  shares?: Partial<SimShares>
}

export interface SimShares {
  outbound: number
  withheld: number
  /** the agent picks up a call that rings a free extension */
  pickUp: number
  /** a missed caller who rings again later */
  ringAgain: number
  /** an event the PBX sends twice (its retry after a lost answer) */
  replay: number
  /** a call whose events arrive in the wrong order */
  reorder: number
  /** callers drawn from `knownNumbers` */
  known: number
}

export const DEFAULT_SHARES: SimShares = { outbound: 0.15, withheld: 0.04, pickUp: 0.88, ringAgain: 0.5, replay: 0.04, reorder: 0.05, known: 0.7 }

export interface PlannedCall {
  index: number
  callId: string
  direction: CallDirection
  /** the outside party as the PBX reports it; '' when withheld */
  number: string
  extension: string
  answered: boolean
  ringSec: number
  /** real seconds of the conversation; it lasts talkSec / speed on the wall clock */
  talkSec: number
  /** plan ms of the first ring and of the hang-up */
  startMs: number
  endMs: number
  /** this number missed a call earlier in the day and rings again */
  repeat: boolean
}

export interface Delivery {
  call: number
  kind: CtiEventKind
  /** plan ms when it happened (its `at`) and when it is posted (never before it happened) */
  happenMs: number
  sendMs: number
  /** a second copy of an event already posted */
  replay: boolean
  /** posted after an event that happened later */
  late: boolean
}

export interface DayPlan {
  calls: PlannedCall[]
  /** in order of sending */
  deliveries: Delivery[]
  spanMs: number
}

const SECOND = 1000
const HOUR = 3_600_000
const MOBILE_BLOCKS = ['139', '138', '137', '136', '135', '159', '158', '150', '151', '188', '187', '186', '185', '182', '183', '189', '180', '181', '177', '176', '133', '153', '199', '191', '130', '131', '132', '155', '156', '166', '173', '175', '178', '198']

/** A number as a PBX delivers it: mostly bare digits, sometimes +86, a trunk 0 before a mobile from another city, a landline with or without its area code. */
function madeUpNumber(rng: Rng): string {
  const r = rng.next()
  if (r < 0.1) return `021${rng.pick(['5', '6', '6', '3'])}${rng.digits(7)}`
  if (r < 0.14) return `${rng.pick(['5', '6'])}${rng.digits(7)}`
  const mobile = `${rng.pick(MOBILE_BLOCKS)}${rng.digits(8)}`
  if (r < 0.22) return `+86${mobile}`
  if (r < 0.3) return `0${mobile}`
  return mobile
}

export function planDay(o: PlanOptions): DayPlan {
  if (!Number.isInteger(o.calls) || o.calls < 0) throw new Error('calls must be a whole number ≥ 0')
  if (!(o.speed > 0)) throw new Error('speed must be > 0')
  if (o.extensions.length === 0) throw new Error('at least one extension is needed')
  const shares = { ...DEFAULT_SHARES, ...o.shares }
  const rng = new Rng(`cti-sim:${o.seed}`)
  const open = o.openHour ?? 8
  const close = o.closeHour ?? 21
  const hours = new Weighted(Array.from({ length: close - open }, (_, i) => [open + i, HOUR_WEIGHTS[open + i]] as const))
  // Company-day ms since opening, in order; the wall clock sees them divided by the speed.
  const arrivals = Array.from({ length: o.calls }, () => (hours.draw(rng) - open) * HOUR + Math.floor(rng.next() * HOUR)).sort((a, b) => a - b)

  // Who is free is decided on the company day's clock, so the answer rate does not depend on the speed.
  const busyUntil = new Map(o.extensions.map((e) => [e, 0]))
  const ringAgain: { number: string; notBefore: number }[] = []
  const calls: PlannedCall[] = []
  for (const [index, dayMs] of arrivals.entries()) {
    const startMs = Math.round(dayMs / o.speed)
    const direction: CallDirection = rng.chance(shares.outbound) ? 'out' : 'in'
    let number: string
    let repeat = false
    const again = direction === 'in' ? ringAgain.findIndex((c) => c.notBefore <= dayMs) : -1
    if (again >= 0 && rng.chance(0.8)) {
      number = ringAgain.splice(again, 1)[0].number
      repeat = true
    } else if (direction === 'in' && rng.chance(shares.withheld)) number = ''
    else number = o.knownNumbers?.length && rng.chance(shares.known) ? rng.pick(o.knownNumbers) : madeUpNumber(rng)

    // A free extension (the longest idle) rings; when all are talking the caller waits on a busy one.
    const free = o.extensions.filter((e) => (busyUntil.get(e) ?? 0) <= dayMs)
    const extension = free.length ? free.reduce((a, b) => ((busyUntil.get(a) ?? 0) <= (busyUntil.get(b) ?? 0) ? a : b)) : rng.pick(o.extensions)
    const answered = free.length > 0 && rng.chance(direction === 'out' ? 0.78 : shares.pickUp)
    const ringSec = answered ? logNormal(rng, 6, 0.5, 1, 30) : rng.chance(0.62) ? rng.int(10, 40) : rng.int(2, 9)
    const talkSec = answered ? logNormal(rng, 240, 0.55, 60, 900) : 0
    const endMs = startMs + ringSec * SECOND + Math.round((talkSec * SECOND) / o.speed)
    // after the hang-up the agent fills in the intake form for a minute or so
    const dayEnd = dayMs + (ringSec + talkSec) * SECOND
    if (answered || direction === 'out') busyUntil.set(extension, Math.max(busyUntil.get(extension) ?? 0, dayEnd + 60 * SECOND))
    if (!answered && direction === 'in' && number && rng.chance(shares.ringAgain)) {
      ringAgain.push({ number, notBefore: dayEnd + rng.int(5, 40) * 60 * SECOND })
    }
    calls.push({ index, callId: `${o.callIdPrefix}-${index + 1}`, direction, number, extension, answered, ringSec, talkSec, startMs, endMs, repeat })
  }

  const deliveries: Delivery[] = []
  for (const call of calls) {
    const happened: [CtiEventKind, number][] = [['ringing', call.startMs]]
    if (call.answered) happened.push(['answered', call.startMs + call.ringSec * SECOND])
    happened.push(['hangup', call.endMs])
    const own: Delivery[] = happened.map(([kind, at]) => ({ call: call.index, kind, happenMs: at, sendMs: at, replay: false, late: false }))
    // Out of order: the answer (or the ring) reaches the app only after the event that followed it.
    if (own.length === 3 && rng.chance(shares.reorder)) {
      const delayed = rng.chance(0.5) ? own[1] : own[0]
      delayed.sendMs = own[2].sendMs + rng.int(200, 1500)
      delayed.late = true
    }
    for (const d of [...own]) {
      if (rng.chance(shares.replay)) own.push({ ...d, sendMs: d.sendMs + rng.int(300, 3000), replay: true, late: false })
    }
    deliveries.push(...own)
  }
  deliveries.sort((a, b) => a.sendMs - b.sendMs || a.call - b.call)
  return { calls, deliveries, spanMs: deliveries.length ? deliveries[deliveries.length - 1].sendMs : 0 }
}

/** The wire event of a delivery; `at` is when it happened on the wall clock. */
export function ctiEvent(call: PlannedCall, kind: CtiEventKind, at: Date): CtiEvent {
  const outside = call.number
  return {
    event: kind,
    callId: call.callId,
    direction: call.direction,
    caller: call.direction === 'in' ? outside : call.extension,
    callee: call.direction === 'in' ? call.extension : outside,
    extension: call.extension,
    at: at.toISOString(),
  }
}

/** How the app should log the call once all its events are in. */
export function expectedStatus(call: PlannedCall, missedRingSeconds: number): CallStatus {
  if (call.answered) return 'answered'
  return call.direction === 'out' || call.ringSec >= missedRingSeconds ? 'missed' : 'abandoned'
}
