import type { CallDirection, CallStatus } from '../contract/calls.contract'
import type { CtiEventKind } from '../contract/cti.contract'

export interface TimedEvent {
  event: CtiEventKind
  at: Date
}

export interface CallTiming {
  status: CallStatus
  startedAt: Date
  ringingAt: Date | null
  answeredAt: Date | null
  endedAt: Date | null
  ringSec: number | null
  talkSec: number | null
}

const seconds = (from: Date, to: Date): number => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000))

/**
 * A call's state from the telephony events received so far, in any order: the same set of
 * events always gives the same answer, so replays and late arrivals cannot corrupt a call.
 * An unanswered inbound call that rang at least `missedRingSeconds` was missed (we owe a
 * callback); a shorter one the caller abandoned. An unanswered outbound call did not connect.
 */
export function deriveCallTiming(events: readonly TimedEvent[], direction: CallDirection, missedRingSeconds: number): CallTiming {
  const at = (kind: CtiEventKind): Date | null => events.find((e) => e.event === kind)?.at ?? null
  const ringingAt = at('ringing')
  const answeredAt = at('answered')
  const endedAt = at('hangup')
  const known = [ringingAt, answeredAt, endedAt].filter((d): d is Date => d !== null)
  if (known.length === 0) throw new Error('deriveCallTiming needs at least one event')
  const startedAt = new Date(Math.min(...known.map((d) => d.getTime())))

  if (answeredAt) {
    const ringSec = ringingAt ? seconds(ringingAt, answeredAt) : 0
    if (!endedAt) return { status: 'talking', startedAt, ringingAt, answeredAt, endedAt, ringSec, talkSec: null }
    return { status: 'answered', startedAt, ringingAt, answeredAt, endedAt, ringSec, talkSec: seconds(answeredAt, endedAt) }
  }
  if (!endedAt) return { status: 'ringing', startedAt, ringingAt, answeredAt, endedAt, ringSec: null, talkSec: null }
  const ringSec = ringingAt ? seconds(ringingAt, endedAt) : 0
  const status: CallStatus = direction === 'out' || ringSec >= missedRingSeconds ? 'missed' : 'abandoned'
  return { status, startedAt, ringingAt, answeredAt, endedAt, ringSec, talkSec: 0 }
}
