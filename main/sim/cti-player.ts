import type { CtiEvent } from '../contract/cti.contract'
import { ctiEvent, type DayPlan, type Delivery, type PlannedCall } from './cti-plan'
import { describeCtiError, type CtiClient } from './cti-sender'

export interface PlayTotals {
  calls: number
  sent: number
  applied: number
  /** replays the listener recognised (`applied: false`) */
  duplicates: number
  errors: number
}

export interface PlayOptions {
  plan: DayPlan
  client: CtiClient
  /** wall-clock ms the plan's 0 maps to */
  startWall: number
  /** one line per finished call */
  log: (line: string) => void
  now?: () => number
  /** requests posted but not answered yet, at most (default 16) */
  maxInFlight?: number
  /** stops scheduling further events (Ctrl-C); what is in flight still completes */
  signal?: AbortSignal
}

/** Why playing stopped early: the first error, already described for a person. */
export class PlayAborted extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
    readonly totals: PlayTotals,
  ) {
    super(message)
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const clock = (ms: number) => {
  const d = new Date(ms)
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}
const minutes = (sec: number) => `${Math.floor(sec / 60)}m${pad(sec % 60)}s`

function callLine(call: PlannedCall, startWall: number, ids: Set<number>, replays: number, late: boolean): string {
  const who = call.number || '未显示号码'
  const how = call.answered ? `answered after ${call.ringSec}s, talked ${minutes(call.talkSec)}` : `not answered, rang ${call.ringSec}s`
  const notes = [call.repeat ? 'rang again' : '', replays ? `${replays} replay${replays > 1 ? 's' : ''} acknowledged` : '', late ? 'delivered out of order' : ''].filter(Boolean)
  return `${clock(startWall + call.startMs)} ${call.callId} ${call.direction === 'in' ? 'in ' : 'out'} ${who.padEnd(14)} ext ${call.extension}: ${how} → call log #${[...ids].join(',')}${notes.length ? ` (${notes.join(', ')})` : ''}`
}

/**
 * Posts the plan's deliveries at their times on the wall clock. An event's `at` is when it
 * happened on the wall clock, so it is never later than the moment it is posted; a replay carries
 * the `at` of the first copy. The first error stops the run (PlayAborted).
 */
export async function play(o: PlayOptions): Promise<PlayTotals> {
  const now = o.now ?? Date.now
  const totals: PlayTotals = { calls: o.plan.calls.length, sent: 0, applied: 0, duplicates: 0, errors: 0 }
  const left = new Map<number, number>()
  for (const d of o.plan.deliveries) left.set(d.call, (left.get(d.call) ?? 0) + 1)
  const seen = new Map<number, { ids: Set<number>; replays: number; late: boolean }>()
  const inFlight = new Set<Promise<void>>()
  let failure: unknown = null

  const send = async (d: Delivery): Promise<void> => {
    const call = o.plan.calls[d.call]
    const event: CtiEvent = ctiEvent(call, d.kind, new Date(Math.min(now(), o.startWall + d.happenMs)))
    totals.sent++
    try {
      const [result] = await o.client.post(event)
      const state = seen.get(d.call) ?? { ids: new Set<number>(), replays: 0, late: false }
      seen.set(d.call, state)
      if (result?.applied) totals.applied++
      else totals.duplicates++
      if (result?.id) state.ids.add(result.id)
      if (d.replay) state.replays++
      if (d.late) state.late = true
      const remaining = (left.get(d.call) ?? 1) - 1
      left.set(d.call, remaining)
      if (remaining === 0) o.log(callLine(call, o.startWall, state.ids, state.replays, state.late))
    } catch (error) {
      totals.errors++
      failure ??= error
    }
  }

  for (const d of o.plan.deliveries) {
    if (failure || o.signal?.aborted) break
    const wait = o.startWall + d.sendMs - now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    if (failure || o.signal?.aborted) break
    const job = send(d).finally(() => inFlight.delete(job))
    inFlight.add(job)
    if (inFlight.size >= (o.maxInFlight ?? 16)) await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  if (failure) throw new PlayAborted(describeCtiError(failure), failure, totals)
  return totals
}
