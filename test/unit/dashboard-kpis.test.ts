import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { namedSql } from '../../database/named-sql'
import { toIso } from '../../database/raw-values'
import type { PeriodRange } from '../../main/contract/dashboard.contract'
import { agentsNeeded, staffingWith } from '../../main/services/erlang-c'
import { Summaries } from '../../main/services/summaries'
import { callEvents, ingest, type CtiWireEvent } from '../support/cti'
import { agrees, buildDataset, clone, look, type Checkpoint } from '../support/dashboard-dataset'
import { canonical, days, expectedOverview, local, orderProblems, plusHours, sh, type Ledger } from '../support/dashboard-ledger'
import { expectedStaffing, type PresenceHour, type StaffingCall } from '../support/dashboard-staffing'
import { DashboardWorld } from '../support/dashboard-world'
import { forEachDialect } from '../support/dialects'
import { buildProjectOrg } from '../support/projects'
import { CJK, failure, openTestCore, type TestCore } from '../support/test-core'

/**
 * The dashboard's cards and series against counts made by the test from its own list of what it
 * created (test/support/dashboard-ledger.ts, data in test/support/dashboard-dataset.ts), and the
 * staffing plan with the presence hours it rests on. Company time is Shanghai (UTC+8), the machine's UTC.
 */
forEachDialect(
  'dashboard.overview: every card and series against the test’s own counts (company time Shanghai, machine UTC)',
  (h) => {
    let t: TestCore
    let world: DashboardWorld
    let checkpoints: Checkpoint[]
    const manager = () => world.org.as('manager')
    const overview = async (range: PeriodRange) => (await manager()).api.dashboard.overview(range)
    const ledger = (): Ledger => world.ledger

    beforeAll(async () => {
      t = await openTestCore({ store: h.config })
      ;({ world, checkpoints } = await buildDataset(t))
    }, 240_000)
    afterAll(() => t?.close())

    it('the summaries the writes kept equal a rebuild from the tables, slot for slot', async () => {
      const read = async () =>
        Object.fromEntries(
          await Promise.all(
            ['call_stat', 'ticket_stat', 'callback_stat'].map(async (table) => {
              const rows = await namedSql<Record<string, unknown>>(t.core.store.read, `SELECT * FROM ${table}`, {})
              const slots = rows.map(({ id: _id, ...slot }) => JSON.stringify(Object.entries(slot).map(([k, v]) => [k, String(v)]))).sort()
              return [table, slots] as const
            }),
          ),
        )
      const kept = await read()
      expect(kept.ticket_stat.length).toBeGreaterThan(0)
      expect(kept.callback_stat.length).toBeGreaterThan(0)
      await new Summaries(t.core.store, () => t.core.settings.get().timeZone, () => new Date()).rebuild()
      expect(await read()).toEqual(kept)
    })

    it('the dataset is what the test meant to build (a guard on the ledger itself)', () => {
      const l = ledger()
      expect(l.calls.length).toBe(25)
      expect(l.visits.length).toBe(8)
      expect(l.tickets.map((x) => x.state).sort()).toEqual(['awaitingCallback', 'awaitingCallback', 'closed', 'closed', 'closed', 'closed', 'closed', 'cancelled', 'dispatched', 'reopened', 'suspended'].sort())
      expect(l.callbacks.map((c) => c.status).sort()).toEqual(['cancelled', 'done', 'done', 'done', 'done', 'done', 'done', 'open', 'open'])
    })

    const periods: [string, PeriodRange][] = [
      ['a whole month (November, compared with October)', { from: '2026-11-01', to: '2026-11-30' }],
      ['a whole month (October, compared with September)', { from: '2026-10-01', to: '2026-10-31' }],
      ['two whole months (compared with the two before)', { from: '2026-10-01', to: '2026-11-30' }],
      ['a custom 10-day range across the month end (compared with the 10 days before)', { from: '2026-10-27', to: '2026-11-05' }],
      ['a week, Monday to Sunday', { from: '2026-11-02', to: '2026-11-08' }],
      ['one day: Sunday 11-01 in Shanghai', { from: '2026-11-01', to: '2026-11-01' }],
      ['one day: Saturday 10-31 in Shanghai', { from: '2026-10-31', to: '2026-10-31' }],
      ['the longest period allowed, 366 days', { from: '2025-12-03', to: '2026-12-03' }],
      ['a period with nothing in it', { from: '2026-03-02', to: '2026-03-08' }],
    ]
    for (const [name, range] of periods) {
      it(`${name}: every card, the previous period's cards and every series`, async () => {
        agrees(await look(world, manager, range))
      })
    }

    it('a period with nothing in it, amid data: every count 0, every rate null, a zero row for each of its 7 days', async () => {
      const o = await overview({ from: '2026-03-02', to: '2026-03-08' })
      const rates = ['answerRate', 'avgHandleSec', 'conversion', 'depositRate', 'onTimeRate', 'callbackCompletion', 'satisfiedRate', 'avgScore']
      for (const kpis of [o.kpis, o.previousKpis]) {
        for (const [key, value] of Object.entries(kpis)) expect(value, key).toBe(rates.includes(key) ? null : 0)
      }
      expect(o.callsByDay).toEqual(days('2026-03-02', '2026-03-08').map((date) => ({ date, in: 0, out: 0, missed: 0 })))
      expect(o.onTimeTrend.map((d) => [d.resolved, d.onTime, d.rate])).toEqual(Array(7).fill([0, 0, null]))
      expect(o.satisfactionTrend.map((d) => [d.results, d.satisfied, d.rate, d.avgScore])).toEqual(Array(7).fill([0, 0, null, null]))
      expect(o.funnel.map((s) => s.count)).toEqual([0, 0, 0, 0, 0])
      expect([o.heatmap, o.walkInsBySource, o.complaints, o.designers, o.agents]).toEqual([[], [], [], [], []])
    })

    it('an open complaint becomes breached the moment its deadline passes, without any write', () => {
      const [before, after] = checkpoints
      agrees(before)
      agrees(after)
      expect(after.actual.kpis.complaintsBreached).toBe(before.actual.kpis.complaintsBreached + 1)
      expect(after.actual.kpis.complaintsOpen).toBe(before.actual.kpis.complaintsOpen)
    })

    it('November written out: the figures a manager would count by hand', async () => {
      const o = await overview({ from: '2026-11-01', to: '2026-11-30' })
      expect(o.period).toEqual({ from: '2026-11-01', to: '2026-11-30' })
      expect(o.previous).toEqual({ from: '2026-10-01', to: '2026-10-31' })
      expect(o.kpis).toEqual({
        // 客丁 at 00:00 on 11-01, 客己, 客庚, 张三, 客辛, 客癸 at 23:59 on 11-30 (客子 at 00:00 on 12-01 is December's)
        walkIns: 6,
        // 11-01 07:30 (CTI), 09:05, 09:30, 10:30 (not connected), 14:00, 11-06, 11-07, three on 11-16, and three not judged yet on 11-30
        callsIn: 13,
        callsOut: 2,
        callsMissed: 2,
        answerRate: 8 / 10,
        // answered: 90 + 120 + 200 + 45 + 180 + 60 + 90 + 100 + 50 seconds
        avgHandleSec: 935 / 9,
        // 客丁, 客戊, 客己, 客庚, 客辛, 客壬, 客癸
        newCustomers: 7,
        // 6 walk-ins + 2 measuring appointments (李四's was cancelled)
        consultations: 8,
        deposits: 4,
        // 客戊 and 客辛; 客丁's was cancelled
        contracts: 2,
        conversion: 2 / 8,
        depositRate: 4 / 8,
        // t1, t2, t3, t5, t6, t8; t4 was cancelled
        complaintsNew: 6,
        // t3 reopened, t5 suspended, t6 never answered
        complaintsOpen: 3,
        // t2 answered late, t3 resolved late then reopened and unanswered, t6 never answered
        complaintsBreached: 3,
        // the repair resolved 10-31T16:30Z, t1, t2, 10-31's complaint, the reopened repair, t8 (t3 was reopened: no longer resolved);
        // on time: the repair, t1, 10-31's complaint, t8 (its 48 h suspension moved the deadline)
        ticketsResolved: 6,
        onTimeRate: 4 / 6,
        // due 11-04 (t1, t3), 11-05 (t2), 11-07 (10-31's complaint, open; the repair's first one was cancelled), 11-09, 11-13
        callbacksDue: 6,
        callbacksDone: 5,
        callbackCompletion: 5 / 6,
        satisfactionResults: 5,
        satisfiedRate: 3 / 5,
        avgScore: (5 + 4 + 5 + 3 + 2 + 3) / 6,
      })
      expect(o.funnel).toEqual([
        // 09:05 was retyped as 其他: 09:30 measure, 10:30 consult, 11-06 and 11-07 measures
        { stage: 'inquiry', count: 4 },
        { stage: 'walkIn', count: 6 },
        { stage: 'measure', count: 2 },
        { stage: 'deposit', count: 4 },
        { stage: 'contract', count: 2 },
      ])
      // the ticket resolved at 2026-10-31T16:30Z is November 1st's
      expect(o.onTimeTrend[0]).toEqual({ date: '2026-11-01', resolved: 1, onTime: 1, rate: 1 })
      expect(o.callsByDay).toHaveLength(30)
      expect(o.callsByDay[0]).toEqual({ date: '2026-11-01', in: 1, out: 0, missed: 0 })
      expect(o.callsByDay[29]).toEqual({ date: '2026-11-30', in: 3, out: 0, missed: 0 })
      expect(canonical(o).walkInsBySource).toEqual([
        { source: '网络推广', count: 2 },
        { source: '自然到店', count: 2 },
        { source: null, count: 1 },
        { source: '老客户介绍', count: 1 },
      ])
    })

    it('a call at 23:30 UTC is the next Shanghai day, its weekday and hour 7; one at 23:59:59 stays on the day before', async () => {
      expect(local('2026-10-31T23:30:00.000Z')).toEqual({ date: '2026-11-01', hour: 7, weekday: 7 })
      const sunday = await overview({ from: '2026-11-01', to: '2026-11-01' })
      expect(sunday.heatmap).toEqual([{ weekday: 7, hour: 7, calls: 1 }])
      expect(sunday.callsByDay).toEqual([{ date: '2026-11-01', in: 1, out: 0, missed: 0 }])
      expect(sunday.kpis.walkIns).toBe(1)
      const saturday = await overview({ from: '2026-10-31', to: '2026-10-31' })
      // 23:59:59 and the call whose ringing (23:59:50) arrived after its answer (00:00:02)
      expect(saturday.heatmap).toEqual([{ weekday: 6, hour: 23, calls: 2 }])
      expect(saturday.kpis).toMatchObject({ callsIn: 2, walkIns: 0, ticketsResolved: 0, complaintsNew: 1 })
      expect(saturday.previous).toEqual({ from: '2026-10-30', to: '2026-10-30' })
    })

    it('comparison periods: a whole month with the calendar month before, a custom range with as many days just before', async () => {
      const custom = await overview({ from: '2026-10-27', to: '2026-11-05' })
      expect(custom.previous).toEqual({ from: '2026-10-17', to: '2026-10-26' })
      expect(custom.callsByDay.map((d) => d.date)).toEqual(days('2026-10-27', '2026-11-05'))
      // 10-20 is in the previous ten days: a missed and an abandoned CTI call, one out, and the two hand-started ones
      expect(custom.previousKpis).toMatchObject({ callsIn: 3, callsOut: 2, callsMissed: 2, answerRate: 1 / 3, avgHandleSec: (60 + 240 + 60) / 3, contracts: 0 })
      const march = await overview({ from: '2026-03-01', to: '2026-03-31' })
      expect(march.previous).toEqual({ from: '2026-02-01', to: '2026-02-28' })
      const quarter = await overview({ from: '2026-10-01', to: '2026-12-31' })
      expect(quarter.previous).toEqual({ from: '2026-07-01', to: '2026-09-30' })
    })

    it('cancelled items are left out: the contract, the complaint, the callback, the measuring appointment', async () => {
      const nov = await overview({ from: '2026-11-01', to: '2026-11-30' })
      const oct = await overview({ from: '2026-10-01', to: '2026-10-31' })
      expect(nov.kpis.contracts).toBe(2)
      // October's second contract was cancelled in November: it is not October's contract any more
      expect(oct.kpis.contracts).toBe(1)
      expect(nov.complaints.find((c) => c.category === '服务态度')).toBeUndefined()
      expect(nov.funnel.find((s) => s.stage === 'measure')?.count).toBe(2)
      const week = await overview({ from: '2026-11-07', to: '2026-11-07' })
      // 11-07: the reopened repair's first callback (cancelled) and 10-31's complaint's (open)
      expect(week.kpis).toMatchObject({ callbacksDue: 1, callbacksDone: 0, callbackCompletion: 0 })
    })

    it('with 谈单量 counting walk-ins only (the setting off), consultations, conversion and the designers change', async () => {
      const admin = await t.admin()
      await admin.api.settings.update({ changes: { consultationCountsMeasures: false } })
      try {
        for (const range of [
          { from: '2026-11-01', to: '2026-11-30' },
          { from: '2026-10-27', to: '2026-11-05' },
          { from: '2026-10-01', to: '2026-10-31' },
        ]) {
          agrees(await look(world, manager, range, false))
        }
        const nov = await overview({ from: '2026-11-01', to: '2026-11-30' })
        expect(nov.definitions).toEqual({ consultationCountsMeasures: false, timeZone: 'Asia/Shanghai' })
        expect(nov.kpis).toMatchObject({ consultations: 6, conversion: 2 / 6, depositRate: 4 / 6 })
        // the funnel still shows the appointments made
        expect(nov.funnel.find((s) => s.stage === 'measure')?.count).toBe(2)
        expect(nov.designers.every((d) => d.measures === 0 && d.consultations === d.visits)).toBe(true)
      } finally {
        await admin.api.settings.update({ changes: { consultationCountsMeasures: true } })
      }
    })

    it('the company time zone is a setting: in Tokyo (UTC+9) the summary is rebuilt and every day, hour and weekday follows', async () => {
      const admin = await t.admin()
      const tokyo = { name: 'Asia/Tokyo', offsetHours: 9 }
      await admin.api.settings.update({ changes: { timeZone: tokyo.name } })
      try {
        for (const range of [
          { from: '2026-11-01', to: '2026-11-30' },
          { from: '2026-10-27', to: '2026-11-05' },
          { from: '2026-10-31', to: '2026-10-31' },
          { from: '2026-11-01', to: '2026-11-01' },
        ]) {
          const actual = await overview(range)
          expect(orderProblems(actual)).toEqual([])
          expect(canonical(actual), `${range.from}..${range.to} in Tokyo`).toEqual(expectedOverview(clone(ledger()), range, { now: world.now(), countsMeasures: true, zone: tokyo }))
        }
        // 23:30 UTC is 08:30 in Tokyo; 15:59:59 UTC is already 11-01 there
        const sunday = await overview({ from: '2026-11-01', to: '2026-11-01' })
        expect(sunday.heatmap).toEqual(expect.arrayContaining([{ weekday: 7, hour: 8, calls: 1 }, { weekday: 7, hour: 0, calls: 2 }]))
      } finally {
        await admin.api.settings.update({ changes: { timeZone: 'Asia/Shanghai' } })
      }
      agrees(await look(world, manager, { from: '2026-11-01', to: '2026-11-30' }))
    })
  },
  { scope: 'suite' },
)

forEachDialect('dashboard.overview: an empty store, bad input and who may look', (h) => {
  let t: TestCore
  beforeAll(async () => {
    t = await openTestCore({ store: h.config, now: sh('2026-11-18 10:00') })
  })
  afterAll(() => t?.close())

  it('an empty store: every count 0, every rate null, a zero row for every day, no cells, slices or lines', async () => {
    const manager = await t.as('manager')
    const range = { from: '2026-11-10', to: '2026-11-16' }
    const o = await manager.api.dashboard.overview(range)
    const zero = {
      walkIns: 0, callsIn: 0, callsOut: 0, callsMissed: 0, answerRate: null, avgHandleSec: null, newCustomers: 0, consultations: 0, deposits: 0, contracts: 0,
      conversion: null, depositRate: null, complaintsNew: 0, complaintsOpen: 0, complaintsBreached: 0, ticketsResolved: 0, onTimeRate: null, callbacksDue: 0,
      callbacksDone: 0, callbackCompletion: null, satisfactionResults: 0, satisfiedRate: null, avgScore: null,
    }
    const dates = days('2026-11-10', '2026-11-16')
    expect(o).toEqual({
      period: range,
      previous: { from: '2026-11-03', to: '2026-11-09' },
      kpis: zero,
      previousKpis: zero,
      callsByDay: dates.map((date) => ({ date, in: 0, out: 0, missed: 0 })),
      heatmap: [],
      walkInsBySource: [],
      funnel: ['inquiry', 'walkIn', 'measure', 'deposit', 'contract'].map((stage) => ({ stage, count: 0 })),
      complaints: [],
      onTimeTrend: dates.map((date) => ({ date, resolved: 0, onTime: 0, rate: null })),
      satisfactionTrend: dates.map((date) => ({ date, results: 0, satisfied: 0, rate: null, avgScore: null })),
      designers: [],
      agents: [],
      definitions: { consultationCountsMeasures: true, timeZone: 'Asia/Shanghai' },
    })
  })

  it('refuses a period ending before it starts, longer than 366 days or with malformed dates, naming the field', async () => {
    const manager = await t.as('manager')
    const refused = async (input: unknown, field: string) => {
      const result = await t.dispatch('dashboard.overview', [input], manager.token)
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { [field]: expect.stringMatching(CJK) } } })
    }
    await refused({ from: '2026-11-10', to: '2026-11-09' }, 'to')
    await refused({ from: '2025-11-29', to: '2026-11-30' }, 'to')
    await refused({ from: '2026-02-30', to: '2026-03-01' }, 'from')
    await refused({ from: '2026/11/01', to: '2026-11-30' }, 'from')
    await refused({ from: '2026-11-01', to: '20261130' }, 'to')
    await refused({ from: '2026-11-01' }, 'to')
    await refused({ from: 20261101, to: '2026-11-30' }, 'from')
    // 366 days is the limit, and allowed
    expect((await manager.api.dashboard.overview({ from: '2025-12-01', to: '2026-11-30' })).callsByDay).toHaveLength(365)
    expect((await manager.api.dashboard.overview({ from: '2025-11-30', to: '2026-11-30' })).callsByDay).toHaveLength(366)
    expect(await failure(manager.api.dashboard.staffing({ weeks: 0 }))).toMatchObject({ code: 'VALIDATION', fields: { weeks: expect.stringMatching(CJK) } })
    expect(await failure(manager.api.dashboard.staffing({ weeks: 27 }))).toMatchObject({ code: 'VALIDATION', fields: { weeks: expect.stringMatching(CJK) } })
    expect(await failure(manager.api.dashboard.staffing({ on: '2026-13-01' }))).toMatchObject({ code: 'VALIDATION', fields: { on: expect.stringMatching(CJK) } })
  })

  it('an agent or a receptionist may not look (FORBIDDEN); a shift lead and a manager may', async () => {
    for (const role of ['agent', 'receptionist'] as const) {
      const s = await t.as(role)
      expect((await failure(s.api.dashboard.overview({ from: '2026-11-01', to: '2026-11-30' }))).code, role).toBe('FORBIDDEN')
      expect((await failure(s.api.dashboard.staffing({}))).code, role).toBe('FORBIDDEN')
    }
    for (const role of ['shiftLead', 'manager'] as const) {
      const s = await t.as(role)
      expect((await s.api.dashboard.overview({ from: '2026-11-01', to: '2026-11-30' })).period, role).toEqual({ from: '2026-11-01', to: '2026-11-30' })
    }
    expect((await t.dispatch('dashboard.overview', [{ from: '2026-11-01', to: '2026-11-30' }], null)).ok).toBe(false)
  })
}, { scope: 'suite' })

forEachDialect('dashboard.overview: a complaint suspended after its deadline had passed', (h) => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: sh('2026-11-02 09:00') })
  })
  afterEach(() => t.close())

  // 挂起 stops the clock from the moment of suspension; it does not undo a deadline missed before it
  it('still counts as breached: the deadline was missed before the clock stopped', async () => {
    const org = await buildProjectOrg(t)
    const world = new DashboardWorld(org)
    const late = await world.ticket({ kind: 'complaint', category: '工程质量', severity: '一般' })
    await world.act(late, 'dispatch')
    world.at(sh('2026-11-02 09:30'))
    const early = await world.ticket({ kind: 'complaint', category: '材料', severity: '一般' })
    await world.act(early, 'dispatch')
    world.at(sh('2026-11-02 10:00'))
    // suspended well before its response was due: not breached
    await world.act(early, 'suspend')
    // 25 h after it was opened, nobody has answered: then it is suspended
    world.at(sh('2026-11-03 10:00'))
    await world.act(late, 'suspend')
    world.at(sh('2026-11-04 10:00'))
    const manager = await org.as('manager')
    const o = await manager.api.dashboard.overview({ from: '2026-11-02', to: '2026-11-02' })
    expect(o.kpis).toMatchObject({ complaintsNew: 2, complaintsOpen: 2 })
    const expected = expectedOverview(world.ledger, { from: '2026-11-02', to: '2026-11-02' }, { now: world.now(), countsMeasures: true })
    expect(expected.kpis.complaintsBreached).toBe(1)
    expect(o.kpis.complaintsBreached).toBe(1)
  })
})

forEachDialect('dashboard.staffing: Erlang C per hour of the week from the last weeks, beside the agents logged in', (h) => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore({ store: h.config, now: sh('2026-10-01 10:00') })
  })
  afterEach(() => t.close())

  /** The presence rows as stored, oldest hour first. */
  const presenceRows = async (): Promise<PresenceHour[]> => {
    await t.core.store.queue.drain()
    const rows = await t.core.store.read.query('SELECT staff_id AS "staffId", hour_start AS "hourStart" FROM staff_presence')
    return (rows as { staffId: unknown; hourStart: string | Date }[])
      .map((r) => ({ staffId: Number(r.staffId), hourStart: toIso(r.hourStart) }))
      .sort((a, b) => a.hourStart.localeCompare(b.hourStart) || a.staffId - b.staffId)
  }

  it('calls per hour = calls ÷ weeks, the slot’s handle time, agents needed by Erlang C for 80 % in 20 s, logged-in hours ÷ weeks', async () => {
    const agent1 = await t.createStaff('agent', { username: 'agent1' })
    const agent2 = await t.createStaff('agent', { username: 'agent2' })
    const lead = await t.createStaff('shiftLead', { username: 'lead1' })
    await t.createStaff('manager', { username: 'boss' })
    const manager = async () => t.login('boss')
    const calls: StaffingCall[] = []
    const events: CtiWireEvent[] = []
    let n = 0
    const call = (at: string, o: { talk?: number; direction?: 'in' | 'out' } = {}) => {
      const direction = o.direction ?? 'in'
      events.push(...callEvents({ callId: `s-${++n}`, at, ring: o.talk === undefined ? 15 : 3, talk: o.talk, direction, ...(direction === 'in' ? { caller: '13911112222' } : { callee: '13911112222' }) }))
      calls.push({ at, direction, answered: o.talk !== undefined, talkSec: o.talk ?? 0 })
    }
    // Tuesday 10:00–11:00 in Shanghai: 35 calls in the first week, 25 in the second, one in seven unanswered
    for (const [date, count] of [['2026-11-03', 35], ['2026-11-10', 25]] as const) {
      for (let i = 0; i < count; i++) call(plusHours(sh(`${date} 10:00`), i / 40), i % 7 === 6 ? {} : { talk: 200 + (i % 3) * 40 })
      call(sh(`${date} 10:30`), { direction: 'out', talk: 300 })
    }
    // Monday 09:00: three calls, none answered: the handle time is the whole span's
    for (const minute of ['05', '25', '45']) call(sh(`2026-11-02 09:${minute}`))
    // the last hour of the span, Sunday 23:30 in Shanghai (15:30 UTC)
    call(sh('2026-11-15 23:30'), { talk: 600 })
    // outside the two weeks: the Sunday before, and this week's Monday
    call(sh('2026-11-01 23:30'), { talk: 100 })
    call(sh('2026-11-16 10:00'), { talk: 100 })
    // the PBX reports them by the 16th (events may be up to 30 days old)
    t.clock.set(sh('2026-11-16 12:00'))
    await ingest(t, events)

    const presence: PresenceHour[] = []
    const loginAt = async (local: string, staff: { id: number; username: string }, counted = true) => {
      t.clock.set(sh(local))
      await t.login(staff.username)
      const hour = new Date(Math.floor(t.clock.now().getTime() / 3_600_000) * 3_600_000).toISOString()
      if (counted) presence.push({ staffId: staff.id, hourStart: hour })
    }
    await loginAt('2026-11-03 10:15', agent1)
    await loginAt('2026-11-03 10:20', agent2)
    await loginAt('2026-11-10 10:40', agent1)
    await loginAt('2026-11-10 10:45', lead)
    await loginAt('2026-11-02 09:10', agent1)
    await loginAt('2026-11-16 10:00', agent2)
    t.clock.set(sh('2026-11-18 10:00'))
    expect(await presenceRows()).toEqual([...presence].sort((a, b) => a.hourStart.localeCompare(b.hourStart) || a.staffId - b.staffId))

    const plan = await (await manager()).api.dashboard.staffing({ weeks: 2, on: '2026-11-18' })
    expect(plan).toEqual(expectedStaffing({ calls, presence, on: '2026-11-18', weeks: 2, targetPercent: 80, targetSeconds: 20 }))
    const cell = (weekday: number, hour: number) => plan.cells.find((c) => c.weekday === weekday && c.hour === hour)!
    // written out for the busy hour: 60 calls in two weeks, 52 answered
    const tuesday = cell(2, 10)
    const talks = calls.filter((c) => c.direction === 'in' && c.answered && local(c.at).weekday === 2).map((c) => c.talkSec)
    expect(talks).toHaveLength(52)
    const handle = talks.reduce((a, b) => a + b, 0) / 52
    const erlang = agentsNeeded({ calls: 30, intervalSec: 3600, ahtSec: handle }, 0.8, 20)
    expect(tuesday).toEqual({ weekday: 2, hour: 10, callsPerHour: 30, handleSec: Math.round(handle), agentsNeeded: erlang.agents, serviceLevel: erlang.serviceLevel, loggedIn: 2 })
    expect(erlang.serviceLevel).toBeGreaterThanOrEqual(0.8)
    expect(staffingWith({ calls: 30, intervalSec: 3600, ahtSec: handle }, erlang.agents - 1, 20).serviceLevel).toBeLessThan(0.8)
    const spanHandle = (talks.reduce((a, b) => a + b, 0) + 600) / 53
    expect(cell(1, 9)).toMatchObject({ callsPerHour: 1.5, handleSec: Math.round(spanHandle), loggedIn: 0.5 })
    expect(cell(7, 23)).toMatchObject({ callsPerHour: 0.5, handleSec: 600, agentsNeeded: 1 })
    expect(cell(3, 3)).toEqual({ weekday: 3, hour: 3, callsPerHour: 0, handleSec: Math.round(spanHandle), agentsNeeded: 0, serviceLevel: null, loggedIn: 0 })
    expect(plan.cells).toHaveLength(168)

    // the targets and the default span come from the settings
    const admin = await t.admin()
    await admin.api.settings.update({ changes: { staffingTargetPercent: 90, staffingTargetSeconds: 15, staffingWeeks: 3 } })
    const strict = await (await manager()).api.dashboard.staffing({})
    expect(strict).toEqual(expectedStaffing({ calls, presence, on: '2026-11-18', weeks: 3, targetPercent: 90, targetSeconds: 15 }))
    expect(strict).toMatchObject({ from: '2026-10-26', to: '2026-11-15', weeks: 3 })
    // a span with nothing in it
    const empty = await (await manager()).api.dashboard.staffing({ weeks: 1, on: '2026-10-07' })
    expect(empty).toEqual({ from: '2026-09-28', to: '2026-10-04', weeks: 1, targetPercent: 90, targetSeconds: 15, cells: expect.any(Array) })
    expect(empty.cells.every((c) => c.callsPerHour === 0 && c.handleSec === null && c.agentsNeeded === 0 && c.serviceLevel === null && c.loggedIn === 0)).toBe(true)
  })

  it('a login and every request record the hour once per person; the minute sweep records sessions still open; managers and receptionists are not counted', async () => {
    const admin = await t.admin()
    await admin.api.settings.update({ changes: { sessionIdleMinutes: 30 } })
    const agent1 = await t.createStaff('agent', { username: 'agent1' })
    const agent2 = await t.createStaff('agent', { username: 'agent2' })
    const lead = await t.createStaff('shiftLead', { username: 'lead1' })
    await t.createStaff('manager', { username: 'boss' })
    await t.createStaff('receptionist', { username: 'front1' })
    expect(await presenceRows()).toEqual([])

    // Tuesday 2026-11-03, 10:15 in Shanghai (02:15 UTC)
    t.clock.set('2026-11-03T02:15:00.000Z')
    const s1 = await t.login('agent1')
    await t.login('lead1')
    await t.login('front1')
    t.clock.set('2026-11-03T02:40:00.000Z')
    await s1.api.calls.agents({})
    t.clock.set('2026-11-03T02:50:00.000Z')
    const s2 = await t.login('agent2')
    const boss = await t.login('boss')
    // a request in a new hour
    t.clock.set('2026-11-03T03:05:00.000Z')
    await s1.api.calls.agents({})
    await boss.api.dashboard.overview({ from: '2026-11-03', to: '2026-11-03' })
    // agent2 made no request in this hour but is still logged in (20 min idle); the shift lead idled out (55 min)
    t.clock.set('2026-11-03T03:10:00.000Z')
    await t.core.sweep()
    // later nobody is live: agent2's session ended while idle, and a request on it is refused
    t.clock.set('2026-11-03T04:30:00.000Z')
    expect((await t.dispatch('calls.agents', [{}], s2.token)).ok).toBe(false)
    await t.core.sweep()

    expect(await presenceRows()).toEqual([
      { staffId: agent1.id, hourStart: '2026-11-03T02:00:00.000Z' },
      { staffId: agent2.id, hourStart: '2026-11-03T02:00:00.000Z' },
      { staffId: lead.id, hourStart: '2026-11-03T02:00:00.000Z' },
      { staffId: agent1.id, hourStart: '2026-11-03T03:00:00.000Z' },
      { staffId: agent2.id, hourStart: '2026-11-03T03:00:00.000Z' },
    ])
    // and the plan for that week shows them at 10:00 and 11:00 on Tuesday
    t.clock.set(sh('2026-11-10 10:00'))
    const plan = await (await t.login('boss')).api.dashboard.staffing({ weeks: 1 })
    expect(plan).toMatchObject({ from: '2026-11-02', to: '2026-11-08' })
    expect(plan.cells.filter((c) => c.loggedIn > 0).map(({ weekday, hour, loggedIn }) => ({ weekday, hour, loggedIn }))).toEqual([
      { weekday: 2, hour: 10, loggedIn: 3 },
      { weekday: 2, hour: 11, loggedIn: 2 },
    ])
  })
})
