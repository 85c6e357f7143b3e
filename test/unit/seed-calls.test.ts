import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ctiEventSchema } from '../../main/contract/cti.contract'
import { companyDate, companyDayRange } from '../../main/contract/time'
import { DEMO_PASSWORD } from '../../main/seed/demo-org'
import { Summaries } from '../../main/services/summaries'
import { seedDemo, type SeedDemoResult } from '../../main/seed/seed-demo'
import { openTestCore, type TestCore } from '../support/test-core'

// 11:30 in Shanghai on a Wednesday: the morning peak is behind, today's board has calls.
const NOW = new Date('2025-06-04T03:30:00.000Z')
const TZ = 'Asia/Shanghai'
const CALLS = 4000

describe('seed-demo: the call log', () => {
  let t: TestCore
  let seeded: SeedDemoResult
  const rows = <T>(sql: string, params: unknown[] = []): Promise<T[]> => t.core.store.read.query(sql, params)
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await rows<T>(sql, params))[0]

  beforeAll(async () => {
    t = await openTestCore({ now: NOW })
    seeded = await seedDemo({ core: t.core, customers: 400, calls: CALLS, seed: 'calls-test', now: NOW, log: () => undefined })
  }, 120_000)
  afterAll(() => t.close())

  it('writes exactly the calls asked for, within the last 90 days and never after now', async () => {
    expect(seeded.calls?.calls).toBe(CALLS)
    const span = await one<{ n: number; first: string; last: string; lastEnd: string; lastSave: string; lastHandled: string }>(
      'SELECT COUNT(*) AS n, MIN(started_at) AS first, MAX(started_at) AS last, MAX(ended_at) AS lastEnd, MAX(intake_saved_at) AS lastSave, MAX(handled_at) AS lastHandled FROM call_log',
    )
    expect(span.n).toBe(CALLS)
    const stamp = (iso: string) => iso.replace('T', ' ').replace('Z', '')
    expect(span.first >= stamp(new Date(NOW.getTime() - 90 * 86_400_000).toISOString())).toBe(true)
    for (const last of [span.last, span.lastEnd, span.lastSave, span.lastHandled]) expect(last <= stamp(NOW.toISOString())).toBe(true)
  })

  it('leaves no dangling reference (foreign keys were off while inserting)', async () => {
    expect(await rows('PRAGMA foreign_key_check')).toEqual([])
    expect(await one<{ n: number }>('SELECT COUNT(*) AS n FROM call_log WHERE follow_up_id IS NOT NULL AND follow_up_id NOT IN (SELECT id FROM follow_up)')).toEqual({ n: 0 })
  })

  it('has peaks at 10–11 and 14–16 company time and hardly a call at night', async () => {
    const byHour = await rows<{ hour: number; n: number }>("SELECT CAST(strftime('%H', started_at, '+8 hours') AS INTEGER) AS hour, COUNT(*) AS n FROM call_log GROUP BY 1")
    const count = (h: number) => byHour.find((r) => r.hour === h)?.n ?? 0
    const peak = [10, 11, 14, 15, 16].map(count)
    expect(Math.min(...peak)).toBeGreaterThan(count(8))
    expect(Math.min(...peak)).toBeGreaterThan(count(12))
    expect(Math.min(...peak)).toBeGreaterThan(count(19))
    expect([0, 1, 2, 3, 4, 5].map(count).reduce((a, b) => a + b, 0)).toBeLessThan(CALLS * 0.01)
  })

  it('splits directions and outcomes as a call desk sees them; missed vs abandoned follows the ring time', async () => {
    const { inbound } = await one<{ inbound: number }>("SELECT AVG(direction = 'in') AS inbound FROM call_log")
    expect(inbound).toBeGreaterThan(0.75)
    expect(inbound).toBeLessThan(0.85)
    const unanswered = await rows<{ status: string; minRing: number; maxRing: number; n: number }>(
      "SELECT status, MIN(ring_sec) AS minRing, MAX(ring_sec) AS maxRing, COUNT(*) AS n FROM call_log WHERE direction = 'in' AND status <> 'answered' GROUP BY status ORDER BY status",
    )
    expect(unanswered.map((r) => r.status)).toEqual(['abandoned', 'missed'])
    expect(unanswered[0].maxRing).toBeLessThan(10)
    expect(unanswered[1].minRing).toBeGreaterThanOrEqual(10)
    const talk = await one<{ min: number; max: number; median: number }>(
      "SELECT MIN(talk_sec) AS min, MAX(talk_sec) AS max, (SELECT talk_sec FROM call_log WHERE status = 'answered' ORDER BY talk_sec LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM call_log WHERE status = 'answered')) AS median FROM call_log WHERE status = 'answered'",
    )
    expect(talk.min).toBeGreaterThanOrEqual(60)
    expect(talk.max).toBeLessThanOrEqual(900)
    expect(talk.median).toBeGreaterThan(120)
    expect(talk.median).toBeLessThan(420)
    const unsaved = await one<{ n: number }>("SELECT COUNT(*) AS n FROM call_log WHERE status = 'answered' AND (call_type IS NULL OR summary IS NULL OR intake_saved_at IS NULL)")
    expect(unsaved.n).toBe(0)
  })

  it('puts 咨询 first among the types, with zh-CN summaries', async () => {
    const types = await rows<{ type: string; n: number }>('SELECT call_type AS type, COUNT(*) AS n FROM call_log WHERE call_type IS NOT NULL GROUP BY 1 ORDER BY 2 DESC')
    expect(types[0].type).toBe('consult')
    expect(types.map((r) => r.type).sort()).toEqual(['callback', 'complaint', 'consult', 'measure', 'other', 'repair'])
    const sample = await one<{ summary: string }>("SELECT summary FROM call_log WHERE call_type = 'complaint' LIMIT 1")
    expect(sample.summary).toMatch(/^投诉/)
  })

  it('links most calls to customers by their number, some to unknown numbers and a few to withheld callers', async () => {
    const kinds = await one<{ known: number; unknown: number; withheld: number; badKey: number; wrongCustomer: number }>(`SELECT
        AVG(customer_id IS NOT NULL) AS known,
        AVG(customer_id IS NULL AND number_key <> '') AS unknown,
        AVG(number_key = '') AS withheld,
        SUM(number_key <> '' AND number_key <> normalized) + SUM(number_key = '' AND (raw_number <> '' OR normalized IS NOT NULL)) AS badKey,
        SUM(customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customer_phone p WHERE p.customer_id = call_log.customer_id AND p.normalized = call_log.number_key)) AS wrongCustomer
      FROM call_log`)
    expect(kinds.known).toBeGreaterThan(0.75)
    expect(kinds.unknown).toBeGreaterThan(0.05)
    expect(kinds.withheld).toBeGreaterThan(0.005)
    expect(kinds.withheld).toBeLessThan(0.06)
    expect(kinds.badKey).toBe(0)
    expect(kinds.wrongCustomer).toBe(0)
    const strangers = await one<{ n: number }>("SELECT COUNT(*) AS n FROM call_log c JOIN customer_phone p ON p.normalized = c.number_key WHERE c.customer_id IS NULL")
    expect(strangers.n).toBe(0)
  })

  it('gives the demo agents extensions 8001… and each of them calls today', async () => {
    expect(seeded.agents.map((a) => [a.username, a.extension])).toEqual([['agent', '8001'], ['agent2', '8002'], ['agent3', '8003']])
    const today = companyDayRange(companyDate(NOW, TZ), TZ)
    const perAgent = await rows<{ agentId: number; n: number }>('SELECT agent_id AS agentId, COUNT(*) AS n FROM call_log WHERE started_at >= ? GROUP BY agent_id', [
      today.from.toISOString().replace('T', ' ').replace('Z', ''),
    ])
    for (const agent of seeded.agents) expect(perAgent.find((r) => r.agentId === agent.id)?.n ?? 0).toBeGreaterThanOrEqual(4)
    const ctiExtensions = await rows<{ extension: string }>("SELECT DISTINCT extension FROM call_log WHERE source = 'cti' ORDER BY 1")
    expect(ctiExtensions.map((r) => r.extension)).toEqual(['8001', '8002', '8003'])
  })

  it('leaves the desk something to do: open follow-ups around today, some overdue, and missed calls not yet called back', async () => {
    const today = companyDate(NOW, TZ)
    const open = await rows<{ dueOn: string; agentId: number }>("SELECT due_on AS dueOn, agent_id AS agentId FROM follow_up WHERE status = 'open'")
    expect(open.some((f) => f.dueOn < today)).toBe(true)
    expect(open.some((f) => f.dueOn >= today)).toBe(true)
    expect(open.length).toBeLessThan(80)
    const done = await one<{ n: number; linked: number }>(
      "SELECT COUNT(*) AS n, SUM(done_call_id IN (SELECT id FROM call_log WHERE follow_up_id = follow_up.id)) AS linked FROM follow_up WHERE status = 'done'",
    )
    expect(done.n).toBeGreaterThan(0)
    expect(done.linked).toBeGreaterThan(done.n / 2)
    const due = await one<{ n: number }>('SELECT COUNT(*) AS n FROM follow_up f JOIN call_log c ON c.id = f.source_call_id WHERE c.follow_up_on = f.due_on')
    expect(due.n).toBe(seeded.calls?.followUps)

    const missed = await rows<{ numberKey: string; n: number; lastAt: string }>(
      "SELECT number_key AS numberKey, COUNT(*) AS n, MAX(started_at) AS lastAt FROM call_log WHERE status = 'missed' AND direction = 'in' AND handled_at IS NULL GROUP BY number_key",
    )
    expect(missed.length).toBeGreaterThan(2)
    // the last 36 hours, or up to a week for a call log this small
    const since = new Date(NOW.getTime() - 7 * 86_400_000).toISOString().replace('T', ' ')
    for (const m of missed) expect(m.lastAt >= since).toBe(true)
    // an answered call from the same number afterwards would have settled them
    const settled = await one<{ n: number }>(`SELECT COUNT(*) AS n FROM call_log m WHERE m.status = 'missed' AND m.direction = 'in' AND m.handled_at IS NULL
      AND EXISTS (SELECT 1 FROM call_log a WHERE a.number_key = m.number_key AND a.number_key <> '' AND a.status = 'answered' AND a.started_at > m.started_at)`)
    expect(settled.n).toBe(0)
  })

  it('books measuring appointments for 预约量房 calls of known customers, with the designer the intake names', async () => {
    const check = await one<{ n: number; mismatched: number; upcoming: number }>(`SELECT COUNT(*) AS n,
        SUM(c.call_type <> 'measure' OR c.customer_id <> m.customer_id OR json_extract(c.details, '$.designerId') <> m.designer_id) AS mismatched,
        SUM(m.status = 'scheduled') AS upcoming
      FROM measure_appointment m JOIN call_log c ON c.id = m.call_id`)
    expect(check.n).toBe(seeded.calls?.appointments)
    expect(check.n).toBeGreaterThan(50)
    expect(check.mismatched).toBe(0)
    expect(check.upcoming).toBeGreaterThan(0)
  })

  it('keeps the PBX events of the last week’s telephony calls, as the listener would have stored them', async () => {
    const weekAgo = new Date(NOW.getTime() - 7 * 86_400_000).toISOString().replace('T', ' ').replace('Z', '')
    const check = await one<{ calls: number; withEvents: number; wrongCount: number; wrongTime: number; wrongVersion: number }>(`SELECT COUNT(*) AS calls,
        SUM(e.n > 0) AS withEvents,
        SUM(e.n <> CASE WHEN c.answered_at IS NULL THEN 2 ELSE 3 END) AS wrongCount,
        SUM(e.ringing <> c.ringing_at OR e.hangup <> c.ended_at) AS wrongTime,
        SUM(c.version <> 1 + (c.intake_saved_at IS NOT NULL) + (SELECT COUNT(*) FROM call_edit x WHERE x.call_id = c.id)) AS wrongVersion
      FROM call_log c JOIN (SELECT external_id, COUNT(*) AS n, MAX(CASE WHEN event = 'ringing' THEN at END) AS ringing, MAX(CASE WHEN event = 'hangup' THEN at END) AS hangup
        FROM call_event GROUP BY external_id) e ON e.external_id = c.external_id
      WHERE c.source = 'cti' AND c.started_at >= ?`, [weekAgo])
    expect(check.calls).toBeGreaterThan(100)
    expect(check).toMatchObject({ withEvents: check.calls, wrongCount: 0, wrongTime: 0, wrongVersion: 0 })
    const orphans = await one<{ n: number }>('SELECT COUNT(*) AS n FROM call_event e WHERE NOT EXISTS (SELECT 1 FROM call_log c WHERE c.external_id = e.external_id)')
    expect(orphans.n).toBe(0)
    const [payload] = await rows<{ payload: string }>("SELECT payload FROM call_event WHERE event = 'answered' LIMIT 1")
    expect(ctiEventSchema.safeParse(JSON.parse(payload.payload)).success).toBe(true)
  })

  it('gives the call desk, the screen pop and the live board content through the API', async () => {
    const agent = await t.login('agent', DEMO_PASSWORD)
    const lead = await t.login('shiftlead', DEMO_PASSWORD)
    expect((await agent.api.calls.missed({})).length).toBeGreaterThan(0)
    expect((await lead.api.calls.followUps({ scope: 'all', upcoming: true })).length).toBeGreaterThan(0)
    const board = await lead.api.calls.liveBoard({})
    for (const a of seeded.agents) expect(board.agents.find((l) => l.agent.id === a.id)?.calls ?? 0).toBeGreaterThan(0)
    expect(board.totals.inbound).toBeGreaterThan(0)
    const [busiest] = await rows<{ numberKey: string }>("SELECT number_key AS numberKey FROM call_log WHERE customer_id IS NOT NULL GROUP BY number_key ORDER BY COUNT(*) DESC LIMIT 1")
    const pop = await agent.api.calls.screenPop({ phone: busiest.numberKey })
    expect(pop.customer?.callCount).toBeGreaterThan(1)
    expect(pop.recent.some((entry) => entry.kind === 'call')).toBe(true)
  })

  it('logs the desk in on its shifts and in every hour someone took a call, up to now', async () => {
    expect(seeded.presence.rows).toBeGreaterThan(0)
    const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')
    const span = await one<{ n: number; first: string; last: string; staff: number; odd: number }>(
      "SELECT COUNT(*) AS n, MIN(hour_start) AS first, MAX(hour_start) AS last, COUNT(DISTINCT staff_id) AS staff, SUM(substr(hour_start, 15) <> '00:00.000') AS odd FROM staff_presence",
    )
    expect(span.n).toBe(seeded.presence.rows)
    expect(span.odd).toBe(0)
    expect(span.first >= stamp(NOW.getTime() - 90 * 86_400_000)).toBe(true)
    expect(span.last <= stamp(NOW.getTime())).toBe(true)
    // the three agents and the shift lead
    const roles = await rows<{ role: string; n: number }>('SELECT s.role, COUNT(DISTINCT p.staff_id) AS n FROM staff_presence p JOIN staff_account s ON s.id = p.staff_id GROUP BY s.role ORDER BY s.role')
    expect(roles).toEqual([{ role: 'agent', n: 3 }, { role: 'shiftLead', n: 1 }])
    const unlogged = await one<{ n: number }>(`SELECT COUNT(*) AS n FROM call_log c WHERE NOT EXISTS
      (SELECT 1 FROM staff_presence p WHERE p.staff_id = c.agent_id AND p.hour_start = substr(c.started_at, 1, 13) || ':00:00.000')`)
    expect(unlogged.n).toBe(0)
    // shifts, not round the clock: office hours full, nights nearly empty
    const byHour = await rows<{ hour: number; n: number }>("SELECT CAST(strftime('%H', hour_start, '+8 hours') AS INTEGER) AS hour, COUNT(*) AS n FROM staff_presence GROUP BY 1")
    const at = (h: number) => byHour.find((r) => r.hour === h)?.n ?? 0
    expect(at(10)).toBeGreaterThan(at(3) * 10)
    expect(at(10)).toBeGreaterThan(at(12))
    // an agent is on about five days a week, not seven
    const [agent] = seeded.agents
    const days = await one<{ n: number }>("SELECT COUNT(DISTINCT date(hour_start, '+8 hours')) AS n FROM staff_presence WHERE staff_id = ?", [agent.id])
    expect(days.n).toBeGreaterThan(45)
    expect(days.n).toBeLessThan(85)
  })

  it('counts the calls into call_stat as a rebuild from call_log would, so the next start does not rebuild', async () => {
    const SLOTS = 'SELECT stat_date, stat_hour, agent_id, direction, status, call_type, calls, talk_sec, ring_sec FROM call_stat ORDER BY stat_date, stat_hour, agent_id, direction, status, call_type'
    const before = await rows<Record<string, unknown>>(SLOTS)
    expect(seeded.summaries.calls).toEqual({ rows: CALLS, slots: before.length })
    expect(await one<{ n: number }>('SELECT SUM(calls) AS n FROM call_stat')).toEqual({ n: CALLS })
    const stats = new Summaries(t.core.store, () => TZ, () => NOW)
    expect(await stats.ensureBuilt()).toBe(false)
    await stats.rebuild()
    expect(await rows(SLOTS)).toEqual(before)
  })

  it('is repeatable: the same seed and instant give the same call log', async () => {
    const again = await openTestCore({ now: NOW })
    try {
      await seedDemo({ core: again.core, customers: 400, calls: CALLS, seed: 'calls-test', now: NOW, log: () => undefined })
      const digest = (rowsOf: TestCore) =>
        rowsOf.core.store.read.query("SELECT COUNT(*) AS n, SUM(id * talk_sec) AS a, SUM(length(summary)) AS b, group_concat(substr(number_key, -2), '') AS c FROM call_log WHERE id % 97 = 0")
      expect(await digest(again)).toEqual(await digest(t))
    } finally {
      await again.close()
    }
  }, 120_000)
})
