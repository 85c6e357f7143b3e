import { describe, expect, it } from 'vitest'
import { deriveCallTiming, type TimedEvent } from '../../main/services/call-timing'

const T0 = '2025-06-02T02:00:00.000Z'
const at = (seconds: number): Date => new Date(new Date(T0).getTime() + seconds * 1000)

const ringing: TimedEvent = { event: 'ringing', at: at(0) }
const answered: TimedEvent = { event: 'answered', at: at(7) }
const hangup: TimedEvent = { event: 'hangup', at: at(7 + 185) }

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

describe('deriveCallTiming (pure)', () => {
  it('ringing → answered → hangup: ring and talk seconds from the event times', () => {
    expect(deriveCallTiming([ringing, answered, hangup], 'in', 10)).toEqual({
      status: 'answered',
      startedAt: at(0),
      ringingAt: at(0),
      answeredAt: at(7),
      endedAt: at(192),
      ringSec: 7,
      talkSec: 185,
    })
  })

  it('gives the same answer for every order of the same three events', () => {
    const orders = permutations([ringing, answered, hangup])
    expect(orders).toHaveLength(6)
    const expected = deriveCallTiming([ringing, answered, hangup], 'in', 10)
    for (const order of orders) expect(deriveCallTiming(order, 'in', 10), order.map((e) => e.event).join('→')).toEqual(expected)
  })

  it('is still ringing with only a ringing event, talking once answered', () => {
    expect(deriveCallTiming([ringing], 'in', 10)).toMatchObject({ status: 'ringing', ringSec: null, talkSec: null, endedAt: null, startedAt: at(0) })
    expect(deriveCallTiming([answered, ringing], 'in', 10)).toMatchObject({ status: 'talking', ringSec: 7, talkSec: null, endedAt: null })
  })

  it('rounds to whole seconds', () => {
    const timing = deriveCallTiming([{ event: 'ringing', at: at(0) }, { event: 'answered', at: new Date(at(3).getTime() + 600) }, { event: 'hangup', at: new Date(at(64).getTime() + 200) }], 'in', 10)
    expect(timing).toMatchObject({ ringSec: 4, talkSec: 61 })
  })

  it('unanswered inbound: ring ≥ missedRingSeconds is missed, shorter is abandoned; the threshold moves with the setting', () => {
    const rang = (seconds: number): TimedEvent[] => [ringing, { event: 'hangup', at: at(seconds) }]
    expect(deriveCallTiming(rang(10), 'in', 10)).toMatchObject({ status: 'missed', ringSec: 10, talkSec: 0, answeredAt: null, endedAt: at(10) })
    expect(deriveCallTiming(rang(9), 'in', 10)).toMatchObject({ status: 'abandoned', ringSec: 9, talkSec: 0 })
    expect(deriveCallTiming(rang(9), 'in', 5)).toMatchObject({ status: 'missed' })
    expect(deriveCallTiming(rang(10), 'in', 30)).toMatchObject({ status: 'abandoned' })
    expect(deriveCallTiming(rang(30), 'in', 30)).toMatchObject({ status: 'missed' })
  })

  it('unanswered outbound is missed (did not connect), however short', () => {
    expect(deriveCallTiming([ringing, { event: 'hangup', at: at(2) }], 'out', 10)).toMatchObject({ status: 'missed', ringSec: 2, talkSec: 0 })
  })

  it('a hang-up alone: the call starts and ends at it', () => {
    expect(deriveCallTiming([hangup], 'in', 10)).toMatchObject({ status: 'abandoned', startedAt: at(192), endedAt: at(192), ringSec: 0, talkSec: 0 })
  })

  it('answered without a ringing event rang for 0 seconds; clocks out of order never give negative durations', () => {
    expect(deriveCallTiming([answered, hangup], 'in', 10)).toMatchObject({ status: 'answered', startedAt: at(7), ringSec: 0, talkSec: 185 })
    // the PBX reports the answer before the ring
    const skewed = deriveCallTiming([{ event: 'ringing', at: at(5) }, { event: 'answered', at: at(3) }, { event: 'hangup', at: at(1) }], 'in', 10)
    expect(skewed).toMatchObject({ status: 'answered', startedAt: at(1), ringSec: 0, talkSec: 0 })
  })

  it('needs at least one event', () => {
    expect(() => deriveCallTiming([], 'in', 10)).toThrow()
  })
})
