import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../main/contract/settings.contract'
import { companyDate } from '../../main/contract/time'
import { TICKET_STATES, type TicketState } from '../../main/contract/tickets.contract'
import { repo, type TicketRow } from '../../database/entities'
import { DEMO_PASSWORD } from '../../main/seed/demo-org'
import { seedDemo, type SeedDemoResult } from '../../main/seed/seed-demo'
import { freshDeadlines, nextAlertAt, reviewTicket } from '../../main/services/ticket-clock'
import { openTestCore, type TestCore } from '../support/test-core'

// 11:30 in Shanghai on a Wednesday
const NOW = new Date('2025-06-04T03:30:00.000Z')
const TZ = 'Asia/Shanghai'
const TICKETS = 1500
const DAY = 86_400_000
const S = DEFAULT_SETTINGS
/** Log actions that change the row through the service's `save` (each one a version). */
const VERSIONED = ['dispatch', 'respond', 'resolve', 'suspend', 'resume', 'reopen', 'cancel', 'reassign', 'close', 'leaderComplaint']
const stamp = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

describe('seed-demo: complaint and repair tickets', () => {
  let t: TestCore
  let seeded: SeedDemoResult
  let tickets: TicketRow[]
  type Log = { id: number; ticketId: number; action: string; from: TicketState | null; to: TicketState | null; at: string; actorId: number | null; data: string | null }
  let logs: Map<number, Log[]>
  const rows = <T>(sql: string, params: unknown[] = []): Promise<T[]> => t.core.store.read.query(sql, params)
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await rows<T>(sql, params))[0]

  beforeAll(async () => {
    t = await openTestCore({ now: NOW })
    seeded = await seedDemo({ core: t.core, customers: 600, calls: 5000, tickets: TICKETS, seed: 'tickets-test', now: NOW, log: () => undefined })
    tickets = await repo(t.core.store.read, 'ticket').find({ order: { id: 'ASC' } })
    logs = new Map()
    for (const l of await rows<Log>('SELECT id, ticket_id AS ticketId, action, from_state AS "from", to_state AS "to", at, actor_id AS actorId, data FROM ticket_log ORDER BY id')) {
      logs.set(l.ticketId, [...(logs.get(l.ticketId) ?? []), l])
    }
  }, 120_000)
  afterAll(() => t.close())

  it('writes the tickets asked for, complaints a little over half, none after now, no dangling reference', async () => {
    expect(tickets).toHaveLength(TICKETS)
    expect(seeded.tickets?.tickets).toBe(TICKETS)
    const complaints = tickets.filter((x) => x.kind === 'complaint').length
    expect(complaints / TICKETS).toBeCloseTo(0.55, 1)
    for (const x of tickets) expect(x.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime())
    expect(Math.min(...tickets.map((x) => x.createdAt.getTime()))).toBeGreaterThanOrEqual(NOW.getTime() - 91 * DAY)
    expect(await rows('PRAGMA foreign_key_check')).toEqual([])
    const lastLog = await one<{ at: string }>('SELECT MAX(at) AS at FROM ticket_log')
    expect(lastLog.at <= stamp(NOW.getTime())).toBe(true)
  })

  it('numbers them TS/WX + company date + the day’s sequence per kind, unique and without gaps', () => {
    expect(new Set(tickets.map((x) => x.no)).size).toBe(TICKETS)
    const byPrefix = new Map<string, number[]>()
    for (const x of tickets) {
      const prefix = `${x.kind === 'complaint' ? 'TS' : 'WX'}${companyDate(x.createdAt, TZ).replaceAll('-', '')}-`
      expect(x.no.startsWith(prefix)).toBe(true)
      byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), Number(x.no.slice(prefix.length))])
    }
    for (const sequences of byPrefix.values()) expect(sequences).toEqual(sequences.map((_, i) => i + 1))
  })

  it('has every state, about a tenth still open, and the skew of the settings’ lists', () => {
    const states = new Map<TicketState, number>()
    for (const x of tickets) states.set(x.state, (states.get(x.state) ?? 0) + 1)
    for (const state of TICKET_STATES) expect(states.get(state) ?? 0, state).toBeGreaterThan(0)
    const unfinished = TICKETS - (states.get('closed') ?? 0) - (states.get('cancelled') ?? 0)
    expect(unfinished / TICKETS).toBeGreaterThan(0.05)
    expect(unfinished / TICKETS).toBeLessThan(0.2)
    const top = (kind: string, field: 'category' | 'severity') => {
      const counts = new Map<string, number>()
      for (const x of tickets) if (x.kind === kind || kind === 'any') counts.set(x[field], (counts.get(x[field]) ?? 0) + 1)
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value)
    }
    expect(top('complaint', 'category').slice(0, 2).sort()).toEqual(['工期', '工程质量'])
    expect(top('repair', 'category').slice(0, 2).sort()).toEqual(['水电', '防水'])
    expect(top('any', 'severity')[0]).toBe('一般')
    expect(top('any', 'severity').at(-1)).toBe('紧急')
    for (const x of tickets) {
      expect((x.kind === 'complaint' ? S.complaintCategories : S.repairCategories).includes(x.category)).toBe(true)
      expect(S.ticketSeverities.includes(x.severity)).toBe(true)
    }
  })

  it('carries complaint and repair calls over to tickets of the same customer, once each', async () => {
    const check = await one<{ n: number; wrong: number }>(
      `SELECT COUNT(*) AS n, SUM(c.customer_id <> t.customer_id OR c.call_type <> t.kind OR t.source <> 'phone' OR c.intake_saved_at > t.created_at) AS wrong
        FROM ticket t JOIN call_log c ON c.id = t.call_id`,
    )
    expect(check.n).toBe(seeded.tickets?.fromCalls)
    expect(check.n).toBeGreaterThan(100)
    expect(check.wrong).toBe(0)
    expect(new Set(tickets.map((x) => x.source))).toEqual(new Set(['phone', 'walkIn', 'callback', 'other']))
  })

  it('keeps deadlines as the ticket clock sets them, and leaves the watcher nothing to do at now', async () => {
    let fresh = 0
    for (const x of tickets) {
      const own = logs.get(x.id) ?? []
      const reopens = own.filter((l) => l.action === 'reopen')
      const byHand = own.some((l) => l.action === 'dispatch' && l.data?.includes('dueAt'))
      const start = reopens.length ? Date.parse(`${reopens.at(-1)!.at.replace(' ', 'T')}Z`) : x.createdAt.getTime()
      if (x.pausedSec === 0 && x.state !== 'suspended' && !byHand) {
        const d = freshDeadlines(new Date(start), x.severity, S)
        expect([x.responseDueAt, x.responseRiskAt, x.resolutionDueAt, x.resolutionRiskAt]).toEqual([d.response.dueAt, d.response.riskAt, d.resolution.dueAt, d.resolution.riskAt])
        fresh++
      } else if (x.pausedSec > 0 && !byHand && !reopens.length) {
        // resumed: the owed deadlines moved later by the paused time, never earlier
        expect(x.resolutionDueAt.getTime()).toBeGreaterThanOrEqual(freshDeadlines(new Date(start), x.severity, S).resolution.dueAt.getTime())
      }
      expect(x.alertAt?.getTime() ?? null, x.no).toBe(nextAlertAt(x, S)?.getTime() ?? null)
      if (x.alertAt) expect(x.alertAt.getTime()).toBeGreaterThan(NOW.getTime())
      const review = reviewTicket(x, NOW, S)
      expect([review.escalateTo, review.riskNoticed, review.atRisk], x.no).toEqual([x.escalationLevel, x.riskNoticed, []])
      // one escalation log per level reached since the last reopen
      const since = reopens.length ? reopens.at(-1)!.id : 0
      expect(own.filter((l) => l.action === 'escalate' && l.id > since).length, x.no).toBe(x.escalationLevel)
    }
    expect(fresh).toBeGreaterThan(TICKETS / 2)
    expect(await t.core.sweep()).toBe(0)
    const open = tickets.filter((x) => ['pending', 'dispatched', 'inProgress', 'reopened'].includes(x.state))
    expect(open.filter((x) => x.escalationLevel > 0).length).toBeGreaterThan(0)
    expect(open.filter((x) => x.escalationLevel === 3).length).toBeGreaterThan(0)
  })

  it('logs every ticket’s life: created first, each transition from the state the last one left, versions counted', () => {
    for (const x of tickets) {
      const own = logs.get(x.id) ?? []
      expect(own[0], x.no).toMatchObject({ action: 'create', from: null, to: 'pending', at: stamp(x.createdAt.getTime()) })
      let state: TicketState = 'pending'
      for (const l of own.slice(1)) {
        if (l.action === 'escalate' || l.action === 'note' || l.action === 'leaderComplaint') {
          expect([l.from, l.to], `${x.no} ${l.action}`).toEqual([state, state])
          continue
        }
        expect(l.from, `${x.no} ${l.action}`).toBe(state)
        state = l.to as TicketState
      }
      expect(state, x.no).toBe(x.state)
      expect(x.version, x.no).toBe(1 + own.filter((l) => VERSIONED.includes(l.action)).length)
      expect(own.map((l) => l.at), x.no).toEqual(own.map((l) => l.at).sort())
      if (x.state !== 'pending') expect(x.departmentId === null || x.personId !== null).toBe(true)
    }
  })

  it('owes a satisfaction callback for each ticket 待回访 and no other, due the day after it was resolved', async () => {
    const open = await rows<{ ticketId: number; dueOn: string; agentId: number; attempts: number }>(
      "SELECT ticket_id AS ticketId, due_on AS dueOn, agent_id AS agentId, attempts FROM callback WHERE status = 'open' AND kind = 'ticketSatisfaction'",
    )
    const waiting = tickets.filter((x) => x.state === 'awaitingCallback')
    expect(open.map((c) => c.ticketId).sort((a, b) => a - b)).toEqual(waiting.map((x) => x.id))
    for (const c of open) {
      const x = waiting.find((w) => w.id === c.ticketId)!
      expect(c.agentId).toBe(x.handlerId)
      if (c.attempts === 0) expect(c.dueOn).toBe(companyDate(new Date(x.resolvedAt!.getTime() + S.satisfactionCallbackDays * DAY), TZ))
    }
    const verdicts = await rows<{ result: string; n: number }>("SELECT result, COUNT(*) AS n FROM callback WHERE status = 'done' GROUP BY result ORDER BY n DESC")
    expect(verdicts.map((v) => v.result)).toEqual(['satisfied', 'fair', 'unsatisfied'])
    const closed = await one<{ n: number; wrong: number }>(
      `SELECT COUNT(*) AS n, SUM(t.satisfaction IS NULL OR t.satisfaction = 'unsatisfied' OR NOT EXISTS
        (SELECT 1 FROM callback c WHERE c.ticket_id = t.id AND c.status = 'done' AND c.result = t.satisfaction)) AS wrong FROM ticket t WHERE t.state = 'closed'`,
    )
    expect(closed.n).toBeGreaterThan(TICKETS / 2)
    expect(closed.wrong).toBe(0)
  })

  it('links repeats to the latest earlier ticket of the same customer, kind and category within the window, and misses none', () => {
    const window = S.repeatComplaintDays * DAY
    const cancelledBy = (e: TicketRow, at: number) => e.cancelledAt !== null && e.cancelledAt.getTime() <= at
    let repeats = 0
    for (const [i, x] of tickets.entries()) {
      const at = x.createdAt.getTime()
      const candidates = tickets
        .slice(0, i)
        .filter((e) => e.customerId === x.customerId && e.kind === x.kind && e.category === x.category && e.createdAt.getTime() >= at - window && !cancelledBy(e, at))
      expect(x.repeatOfId, x.no).toBe(candidates.at(-1)?.id ?? null)
      if (x.repeatOfId) repeats++
    }
    expect(repeats).toBeGreaterThan(10)
  })

  it('repairs carry completion dates in and out of warranty, kept on the customer too', async () => {
    const repairs = tickets.filter((x) => x.kind === 'repair')
    const today = companyDate(NOW, TZ)
    const until = (x: TicketRow) => {
      const years = S.warrantyYearsByCategory[x.category] ?? S.warrantyDefaultYears
      return `${Number(x.completionDate!.slice(0, 4)) + years}${x.completionDate!.slice(4)}`
    }
    const dated = repairs.filter((x) => x.completionDate)
    expect(dated.filter((x) => until(x) >= today).length).toBeGreaterThan(0)
    expect(dated.filter((x) => until(x) < today).length).toBeGreaterThan(0)
    expect(repairs.some((x) => !x.completionDate)).toBe(true)
    const mismatch = await one<{ n: number }>("SELECT COUNT(*) AS n FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE t.kind = 'repair' AND t.completion_date IS NOT NULL AND t.completion_date <> c.completed_on")
    expect(mismatch.n).toBe(0)
    expect(repairs.filter((x) => x.workerId).length).toBeGreaterThan(repairs.length / 2)
  })

  it('records leader complaints with assessments, some decided by a manager, and notifications for the demo staff', async () => {
    const assessments = await rows<{ status: string; reason: string; ticketId: number; personId: number }>('SELECT status, reason, ticket_id AS ticketId, person_id AS personId FROM assessment')
    expect(assessments.length).toBeGreaterThanOrEqual(3)
    for (const a of assessments) {
      const x = tickets.find((y) => y.id === a.ticketId)!
      expect(x.kind).toBe('complaint')
      expect(x.leaderComplaint).not.toBeNull()
    }
    expect(assessments.some((a) => a.status !== 'proposed')).toBe(true)
    const notices = await one<{ n: number; unread: number; future: number }>('SELECT COUNT(*) AS n, SUM(read_at IS NULL) AS unread, SUM(created_at > ?) AS future FROM notification', [stamp(NOW.getTime())])
    expect(notices.n).toBeGreaterThan(0)
    expect(notices.unread).toBeGreaterThan(0)
    expect(notices.future).toBe(0)
  })

  it('gives the screens content through the API, and a seeded ticket takes the next transition', async () => {
    const manager = await t.login('manager', DEMO_PASSWORD)
    const agent = await t.login('agent', DEMO_PASSWORD)
    const board = await manager.api.tickets.risk({ scope: 'all', limit: 50 })
    expect(board.counts.breached).toBeGreaterThan(0)
    expect(board.counts.paused).toBe(tickets.filter((x) => x.state === 'suspended').length)
    expect((await agent.api.callbacks.list({ scope: 'mine', status: 'open', page: 1, pageSize: 20 })).total).toBeGreaterThan(0)
    const closed = tickets.find((x) => x.state === 'closed' && x.callId)!
    const detail = await manager.api.tickets.get({ id: closed.id })
    expect(detail.log.map((l) => l.action)).toEqual(expect.arrayContaining(['create', 'dispatch', 'resolve', 'close']))
    expect(detail.callbacks.some((c) => c.status === 'done')).toBe(true)
    const working = tickets.find((x) => x.state === 'inProgress')!
    const suspended = await agent.api.tickets.transition({ id: working.id, version: working.version, change: { action: 'suspend', reason: 'customer', note: '客户出差' } })
    expect(suspended).toMatchObject({ state: 'suspended', version: working.version + 1 })
  })
})
