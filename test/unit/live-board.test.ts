import { afterEach, beforeEach, expect, it } from 'vitest'
import type { LiveBoard } from '../../main/contract/calls.contract'
import { after, ingest, type CtiWireEvent } from '../support/cti'
import { forEachDialect } from '../support/dialects'
import { openTestCore, type Session, type TestCore } from '../support/test-core'

const NOW = '2025-06-02T06:00:00.000Z' // Monday 2025-06-02 14:00 in Shanghai
const SHANGHAI_MS = 8 * 3_600_000

/** One hand-made call; `talk` absent = never answered; `open` = still ringing/talking now. */
interface Made {
  id: string
  start: string
  direction: 'in' | 'out'
  ext?: string
  ring: number
  talk?: number
  open?: 'ringing' | 'talking'
}

/** ringing, then answered / hangup as the call went, from the hand-made description. */
function eventsOf(c: Made): CtiWireEvent[] {
  const base = { callId: c.id, direction: c.direction, ...(c.direction === 'in' ? { caller: '13800138000' } : { callee: '13900139000' }), ...(c.ext ? { extension: c.ext } : {}) }
  const events: CtiWireEvent[] = [{ ...base, event: 'ringing', at: c.start }]
  if (c.open === 'ringing') return events
  if (c.talk !== undefined || c.open === 'talking') events.push({ ...base, event: 'answered', at: after(c.start, c.ring) })
  if (c.open === 'talking') return events
  events.push({ ...base, event: 'hangup', at: after(c.start, c.ring + (c.talk ?? 0)) })
  return events
}

// Shanghai's calendar worked out by hand: UTC+8 all year (no daylight saving).
const shanghaiDate = (iso: string): string => new Date(new Date(iso).getTime() + SHANGHAI_MS).toISOString().slice(0, 10)
const shanghaiHour = (iso: string): number => new Date(new Date(iso).getTime() + SHANGHAI_MS).getUTCHours()

type Outcome = 'answered' | 'missed' | 'abandoned' | 'ringing' | 'talking'
function outcomeOf(c: Made, missedRingSeconds: number): Outcome {
  if (c.open) return c.open
  if (c.talk !== undefined) return 'answered'
  return c.direction === 'out' || c.ring >= missedRingSeconds ? 'missed' : 'abandoned'
}

forEachDialect('the shift lead’s live board', (h) => {
  let t: TestCore
  let lead: Session
  let agent1: Session
  let agent2: Session
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: NOW })
    lead = await t.as('shiftLead')
    const admin = await t.admin()
    agent1 = await t.as('agent')
    await t.createStaff('agent', { username: 'agent2', displayName: '客服小王' })
    agent2 = await t.login('agent2')
    await admin.api.staff.update({ id: agent1.user.id, extension: '8001' })
    await admin.api.staff.update({ id: agent2.user.id, extension: '8002' })
  })
  afterEach(() => t.close())

  it('buckets the company day’s calls by Shanghai hour, lists what is on the line, and sums totals and per-agent handle time', async () => {
    const made: Made[] = [
      // the day before in Shanghai (23:59:59 on the 1st): not on today's board
      { id: 'yesterday', start: '2025-06-01T15:59:59.000Z', direction: 'in', ext: '8001', ring: 5, talk: 600 },
      // 00:00:00 on the 2nd: hour 0
      { id: 'midnight', start: '2025-06-01T16:00:00.000Z', direction: 'in', ext: '8001', ring: 20 },
      // 23:30 UTC is 07:30 the next day in Shanghai: hour 7
      { id: 'early', start: '2025-06-01T23:30:00.000Z', direction: 'in', ext: '8001', ring: 5, talk: 120 },
      { id: 'nine-sharp', start: '2025-06-02T01:00:00.000Z', direction: 'in', ext: '8002', ring: 3, talk: 300 },
      { id: 'nine-59', start: '2025-06-02T01:59:59.000Z', direction: 'in', ext: '8001', ring: 4 },
      // rang at 09:30 and its hang-up never came: today's, but not "in progress" four hours later
      { id: 'stale', start: '2025-06-02T01:30:00.000Z', direction: 'in', ext: '8002', ring: 0, open: 'ringing' },
      { id: 'ten-out', start: '2025-06-02T02:00:00.000Z', direction: 'out', ext: '8002', ring: 8, talk: 61 },
      { id: 'eleven-out-missed', start: '2025-06-02T03:15:00.000Z', direction: 'out', ext: '8001', ring: 30 },
      { id: 'one-pm', start: '2025-06-02T05:00:00.000Z', direction: 'in', ext: '8001', ring: 2, talk: 45 },
      { id: 'one-pm-missed', start: '2025-06-02T05:10:00.000Z', direction: 'in', ext: '8002', ring: 12 },
      { id: 'talking-now', start: '2025-06-02T05:55:00.000Z', direction: 'in', ext: '8002', ring: 10, open: 'talking' },
      { id: 'ringing-now', start: '2025-06-02T05:59:30.000Z', direction: 'in', ext: '8001', ring: 0, open: 'ringing' },
    ]
    const agentOf: Record<string, number> = { '8001': agent1.user.id, '8002': agent2.user.id }
    for (const c of made) await ingest(t, eventsOf(c))
    // a call an agent handled by hand: 13:30, saved 3 min 20 s later
    t.clock.set('2025-06-02T05:30:00.000Z')
    const manual = await agent1.api.calls.start({ direction: 'in', phone: '13700137000' })
    t.clock.set('2025-06-02T05:33:20.000Z')
    await agent1.api.calls.saveIntake({ id: manual.id, version: manual.version, type: 'consult' })
    made.push({ id: 'manual', start: '2025-06-02T05:30:00.000Z', direction: 'in', ext: '8001', ring: 0, talk: 200 })
    t.clock.set(NOW)

    const board = await lead.api.calls.liveBoard()
    const missedRing = t.core.settings.get().missedRingSeconds
    const today = made.filter((c) => shanghaiDate(c.start) === '2025-06-02')
    expect(today).toHaveLength(made.length - 1)

    // byHour, worked out from the list
    const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, inbound: 0, outbound: 0, missed: 0, abandoned: 0 }))
    for (const c of today) {
      const slot = hours[shanghaiHour(c.start)]
      const outcome = outcomeOf(c, missedRing)
      if (c.direction === 'in') slot.inbound++
      else slot.outbound++
      if (outcome === 'missed' && c.direction === 'in') slot.missed++
      if (outcome === 'abandoned') slot.abandoned++
    }
    expect(board.date).toBe('2025-06-02')
    expect(board.byHour).toEqual(hours)
    expect(board.byHour[7]).toEqual({ hour: 7, inbound: 1, outbound: 0, missed: 0, abandoned: 0 })
    expect(board.byHour[0]).toEqual({ hour: 0, inbound: 1, outbound: 0, missed: 1, abandoned: 0 })
    expect(board.byHour[9]).toEqual({ hour: 9, inbound: 3, outbound: 0, missed: 0, abandoned: 1 })

    // totals
    const answered = today.filter((c) => outcomeOf(c, missedRing) === 'answered')
    const inbound = today.filter((c) => c.direction === 'in')
    const inboundAnswered = inbound.filter((c) => outcomeOf(c, missedRing) === 'answered').length
    const inboundMissed = inbound.filter((c) => outcomeOf(c, missedRing) === 'missed').length
    const abandoned = today.filter((c) => outcomeOf(c, missedRing) === 'abandoned').length
    const talkSum = answered.reduce((sum, c) => sum + (c.talk ?? 0), 0)
    expect(board.totals).toEqual({
      inbound: inbound.length,
      outbound: today.length - inbound.length,
      answered: answered.length,
      missed: inboundMissed,
      abandoned,
      answerRate: inboundAnswered / (inboundAnswered + inboundMissed + abandoned),
      avgHandleSec: Math.round(talkSum / answered.length),
    })
    expect(board.totals).toMatchObject({ inbound: 10, outbound: 2, answered: 5, missed: 2, abandoned: 1, answerRate: 4 / 7, avgHandleSec: Math.round((120 + 300 + 61 + 45 + 200) / 5) })

    // per agent
    const perAgent = Object.entries(agentOf).map(([ext, id]) => {
      const mine = today.filter((c) => c.ext === ext)
      const done = mine.filter((c) => outcomeOf(c, missedRing) === 'answered')
      const talk = done.reduce((sum, c) => sum + (c.talk ?? 0), 0)
      return { id, ext, calls: mine.length, answered: done.length, avgHandleSec: done.length ? Math.round(talk / done.length) : null, onCall: mine.some((c) => c.open === 'talking') }
    })
    expect([...board.agents].sort((a, b) => a.agent.id - b.agent.id)).toEqual(
      perAgent.map((a) => ({ agent: { id: a.id, name: a.id === agent1.user.id ? agent1.user.displayName : '客服小王' }, extension: a.ext, calls: a.calls, answered: a.answered, avgHandleSec: a.avgHandleSec, onCall: a.onCall })),
    )
    expect(board.agents.find((a) => a.agent.id === agent1.user.id)).toMatchObject({ calls: 7, answered: 3, avgHandleSec: Math.round((120 + 45 + 200) / 3), onCall: false })
    expect(board.agents.find((a) => a.agent.id === agent2.user.id)).toMatchObject({ calls: 5, answered: 2, avgHandleSec: Math.round((300 + 61) / 2), onCall: true })

    // on the line now: the ringing and the talking call, not the stale one
    expect(board.inProgress).toEqual([
      { id: expect.any(Number), direction: 'in', status: 'talking', display: '138 0013 8000', customer: null, agent: { id: agent2.user.id, name: '客服小王' }, extension: '8002', since: after('2025-06-02T05:55:00.000Z', 10) },
      { id: expect.any(Number), direction: 'in', status: 'ringing', display: '138 0013 8000', customer: null, agent: { id: agent1.user.id, name: agent1.user.displayName }, extension: '8001', since: '2025-06-02T05:59:30.000Z' },
    ])
  })

  it('a hand-started call in progress is on the line and puts its agent on a call; the board is empty on a new company day', async () => {
    const call = await agent1.api.calls.start({ direction: 'out', phone: '13900139000' })
    const board = await lead.api.calls.liveBoard()
    expect(board.inProgress).toEqual([expect.objectContaining({ id: call.id, status: 'talking', direction: 'out', agent: { id: agent1.user.id, name: agent1.user.displayName }, since: NOW })])
    expect(board.agents).toEqual([expect.objectContaining({ agent: expect.objectContaining({ id: agent1.user.id }), calls: 1, answered: 0, avgHandleSec: null, onCall: true })])
    expect(board.totals).toMatchObject({ outbound: 1, inbound: 0, answered: 0, answerRate: null, avgHandleSec: null })
    expect(board.byHour[14]).toMatchObject({ outbound: 1 })

    // 2025-06-02 16:00 UTC is midnight in Shanghai: a new day with nothing on it yet
    t.clock.set('2025-06-02T16:00:00.000Z')
    const tomorrow = await (await t.as('shiftLead')).api.calls.liveBoard()
    expect(tomorrow.date).toBe('2025-06-03')
    expect(tomorrow.totals).toEqual({ inbound: 0, outbound: 0, answered: 0, missed: 0, abandoned: 0, answerRate: null, avgHandleSec: null })
    expect(tomorrow.byHour.every((slot) => slot.inbound + slot.outbound + slot.missed + slot.abandoned === 0)).toBe(true)
    expect(tomorrow.agents).toEqual([])
  })

  it('the time zone is the setting: a company in Urumqi time sees the same calls in other hours and days', async () => {
    await ingest(t, eventsOf({ id: 'x', start: '2025-06-01T23:30:00.000Z', direction: 'in', ext: '8001', ring: 5, talk: 100 }))
    expect((await lead.api.calls.liveBoard()).byHour[7].inbound).toBe(1)
    await (await t.as('manager')).api.settings.update({ changes: { timeZone: 'Asia/Urumqi' } }) // UTC+6
    const board = await lead.api.calls.liveBoard()
    expect(board.date).toBe('2025-06-02')
    expect(board.byHour[5].inbound).toBe(1)
    expect(board.byHour.reduce((sum, s) => sum + s.inbound, 0)).toBe(1)
  })

  // Regression: totals.avgHandleSec was summed from the per-agent rows (an inner join on the
  // accounts), so an answered call at an extension no account has counted in totals.answered but
  // not in the average.
  it('the day’s average handle time covers every answered call, also one answered at an extension no account has', async () => {
    await ingest(t, eventsOf({ id: 'mapped', start: '2025-06-02T01:00:00.000Z', direction: 'in', ext: '8001', ring: 2, talk: 100 }))
    await ingest(t, eventsOf({ id: 'unmapped', start: '2025-06-02T01:10:00.000Z', direction: 'in', ext: '8099', ring: 2, talk: 300 }))
    const board: LiveBoard = await lead.api.calls.liveBoard()
    expect(board.totals.answered).toBe(2)
    expect(board.agents.map((a) => [a.agent.id, a.avgHandleSec])).toEqual([[agent1.user.id, 100]])
    expect(board.totals.avgHandleSec).toBe(200)
  })
})
