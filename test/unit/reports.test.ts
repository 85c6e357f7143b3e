import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AppEvent } from '../../main/contract/events'
import { CALL_TYPE_LABELS, CALL_TYPES, type CallListItem } from '../../main/contract/calls.contract'
import { CALLBACK_KIND_LABELS, CALLBACK_KINDS, CALLBACK_STATUSES, type CallbackItem } from '../../main/contract/callbacks.contract'
import type { DashboardKpis, DashboardOverview } from '../../main/contract/dashboard.contract'
import type { Inspection } from '../../main/contract/inspections.contract'
import type { ProjectDetail } from '../../main/contract/projects.contract'
import { REPORT_KINDS, type Report, type ReportKind, type ReportValue } from '../../main/contract/reports.contract'
import { TICKET_OPEN_STATES, TICKET_STATE_LABELS, type Assessment, type TicketListItem } from '../../main/contract/tickets.contract'
import { forEachDialect } from '../support/dialects'
import type { ProjectOrg } from '../support/projects'
import { buildReportHistory, sh } from '../support/report-history'
import { failure, openTestCore, type Session, type TestCore } from '../support/test-core'

/**
 * The five reports over a small hand-made company history (May to early July 2025, Shanghai
 * time), every figure checked against what the test counts itself from what the API lists:
 * the overview against the dashboard (the report and the dashboard must agree), the rest from
 * the calls, tickets, callbacks, sites, inspections, evaluations and assessments the test made.
 */

type Row = Record<string, ReportValue>

/** The UTC instants bounding a span of Shanghai dates: [from 00:00, the day after `to` 00:00). */
const bounds = (from: string, to: string) => ({ fromAt: Date.parse(`${from}T00:00:00+08:00`), toAt: Date.parse(`${to}T00:00:00+08:00`) + 86_400_000 })
const within = (iso: string | null | undefined, b: { fromAt: number; toAt: number }): boolean => !!iso && Date.parse(iso) >= b.fromAt && Date.parse(iso) < b.toAt
const between = (date: string | null | undefined, from: string, to: string): boolean => !!date && date >= from && date <= to
const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole)
/** Means from SQL come back as doubles or as PostgreSQL numerics: compare to 9 places. */
const approx = (rows: Row[]): Row[] => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v])))
const byName = (a: Row, b: Row): number => String(a.name ?? a.designer ?? a.agent).localeCompare(String(b.name ?? b.designer ?? b.agent))
const sectionOf = (report: Report, key: string) => {
  const found = report.sections.find((s) => s.key === key)
  if (!found) throw new Error(`${report.kind} has no section ${key}: ${report.sections.map((s) => s.key).join(', ')}`)
  return found
}

const KPI_KEYS: (keyof DashboardKpis)[] = [
  'walkIns',
  'callsIn',
  'callsOut',
  'callsMissed',
  'answerRate',
  'avgHandleSec',
  'newCustomers',
  'consultations',
  'deposits',
  'contracts',
  'conversion',
  'complaintsNew',
  'complaintsOpen',
  'complaintsBreached',
  'onTimeRate',
  'callbacksDue',
  'callbacksDone',
  'callbackCompletion',
  'satisfiedRate',
  'avgScore',
]
const kpiRow = (period: string, k: DashboardKpis): Row => ({ period, ...Object.fromEntries(KPI_KEYS.map((key) => [key, key === 'avgHandleSec' && k[key] !== null ? Math.round(k[key]) : k[key]])) })

/** The week and month the tests report on, and the weeks around them. */
const WEEK = { from: '2025-06-02', to: '2025-06-08' }
const PROBLEM_WEEK = { from: '2025-06-16', to: '2025-06-22' }
const MONTH = { from: '2025-06-01', to: '2025-06-30' }

forEachDialect(
  'reports: the five reports',
  (h) => {
    let t: TestCore
    let org: ProjectOrg
    let manager: Session
    let agent: Session
    let sites: Record<string, ProjectDetail>
    let left: { id: number; name: string }[]

    beforeAll(async () => {
      t = await openTestCore({ store: h.config, now: sh('2025-05-28 10:00') })
      ;({ org, sites, left } = await buildReportHistory(t))
      manager = await org.as('manager')
      agent = await org.as('agent')
    }, 240_000)
    afterAll(async () => {
      await t?.close()
    })

    // ---- what the API lists, counted by the test

    const allCallbacks = async (): Promise<CallbackItem[]> => {
      const out: CallbackItem[] = []
      for (const status of CALLBACK_STATUSES) {
        for (let page = 1; ; page++) {
          const { items, total } = await manager.api.callbacks.list({ scope: 'all', status, page, pageSize: 200 })
          out.push(...items)
          if (page * 200 >= total) break
        }
      }
      return out
    }
    const allTickets = async (): Promise<TicketListItem[]> => {
      const out: TicketListItem[] = []
      for (let page = 1; ; page++) {
        const { items, total } = await manager.api.tickets.list({ scope: 'all', page, pageSize: 200 })
        out.push(...items)
        if (page * 200 >= total) break
      }
      return out
    }
    const callsOf = async (from: string, to: string): Promise<CallListItem[]> => {
      const { items, total } = await manager.api.calls.list({ from, to, page: 1, pageSize: 200 })
      expect(items.length).toBe(total)
      return items
    }
    const allProjects = async (): Promise<ProjectDetail[]> => Promise.all(Object.values(sites).map((p) => manager.api.projects.get({ id: p.id })))
    const allInspections = async (): Promise<Inspection[]> => (await manager.api.inspections.list({ page: 1, pageSize: 200 })).items

    const build = (kind: ReportKind, on: string, who?: Session) => (who ?? manager).api.reports.build({ kind, on })

    it('a week is Monday to Sunday containing `on`, a month the calendar month, in Shanghai time; title, company and time of building', async () => {
      for (const on of ['2025-06-02', '2025-06-04', '2025-06-08']) {
        for (const kind of ['serviceWeekly', 'callbackWeekly'] as const) {
          expect(await build(kind, on), `${kind} ${on}`).toMatchObject({ kind, from: '2025-06-02', to: '2025-06-08', periodLabel: '2025-06-02 至 2025-06-08' })
        }
      }
      expect(await build('serviceWeekly', '2025-06-09')).toMatchObject({ from: '2025-06-09', to: '2025-06-15' })
      expect(await build('callbackWeekly', '2025-06-01')).toMatchObject({ from: '2025-05-26', to: '2025-06-01' })
      // a week across the turn of the year runs Monday to Sunday all the same
      expect(await build('serviceWeekly', '2025-01-01')).toMatchObject({ from: '2024-12-30', to: '2025-01-05' })
      for (const on of ['2025-06-01', '2025-06-18', '2025-06-30']) {
        for (const kind of ['serviceMonthly', 'projectMonthly', 'performanceMonthly'] as const) {
          expect(await build(kind, on), `${kind} ${on}`).toMatchObject({ kind, from: '2025-06-01', to: '2025-06-30', periodLabel: '2025年6月' })
        }
      }
      expect(await build('serviceMonthly', '2024-02-10')).toMatchObject({ from: '2024-02-01', to: '2024-02-29', periodLabel: '2024年2月' })
      const titles: Record<ReportKind, string> = {
        serviceWeekly: '客服服务部周报表',
        callbackWeekly: '每周客户回访情况汇报',
        serviceMonthly: '客服月报表',
        projectMonthly: '工程月报表',
        performanceMonthly: '月业绩考核表',
      }
      for (const kind of REPORT_KINDS) {
        const report = await build(kind, '2025-06-18')
        expect(report).toMatchObject({ title: titles[kind], companyName: t.core.settings.get().companyName, generatedAt: sh('2025-07-03 10:00') })
        // every row has exactly the section's columns
        for (const s of report.sections) for (const row of s.rows) expect(Object.keys(row).sort(), `${kind}/${s.key}`).toEqual(s.columns.map((c) => c.key).sort())
      }
    })

    it('客服服务部周报表 and 客服月报表: the overview rows are the dashboard’s for the period and the one before; the other sections match the dashboard and the test’s own counts', async () => {
      for (const [kind, period, labels] of [
        ['serviceWeekly', WEEK, ['本周', '上周']],
        ['serviceMonthly', MONTH, ['本月', '上月']],
      ] as const) {
        const report = await build(kind, period.from)
        const dashboard: DashboardOverview = await manager.api.dashboard.overview(period)
        const overview = sectionOf(report, 'overview')
        expect(overview.rows, kind).toEqual([kpiRow(labels[0], dashboard.kpis), kpiRow(labels[1], dashboard.previousKpis)])
        expect(overview.note).toContain(`${dashboard.previous.from} 至 ${dashboard.previous.to}`)

        // the call type table from the call log's own list
        const calls = await callsOf(period.from, period.to)
        const typeRows = [...CALL_TYPES, null]
          .map((type) => {
            const of = calls.filter((c) => c.type === type)
            return { type: type ? CALL_TYPE_LABELS[type] : '未分类', callsIn: of.filter((c) => c.direction === 'in').length, callsOut: of.filter((c) => c.direction === 'out').length, answered: of.filter((c) => c.status === 'answered').length }
          })
          .filter((r) => r.callsIn + r.callsOut > 0)
        expect(sectionOf(report, 'callTypes').rows, kind).toEqual(typeRows)
        expect(dashboard.kpis.callsIn + dashboard.kpis.callsOut).toBe(calls.length)

        // complaints opened in the period by category and severity, from the ticket list
        const b = bounds(period.from, period.to)
        const now = Date.parse(sh('2025-07-03 10:00'))
        const late = (iso: string | null, due: string) => iso !== null && Date.parse(iso) > Date.parse(due)
        const cells = new Map<string, Row & { count: number; open: number; breached: number }>()
        for (const tk of (await allTickets()).filter((x) => x.kind === 'complaint' && x.state !== 'cancelled' && within(x.createdAt, b))) {
          const cell = cells.get(`${tk.category}|${tk.severity}`) ?? { category: tk.category, severity: tk.severity, count: 0, open: 0, breached: 0 }
          cell.count++
          if ((TICKET_OPEN_STATES as readonly string[]).includes(tk.state)) cell.open++
          const breached =
            late(tk.respondedAt, tk.responseDueAt) ||
            late(tk.resolvedAt, tk.resolutionDueAt) ||
            (tk.respondedAt === null && Date.parse(tk.responseDueAt) <= now && ['pending', 'dispatched', 'reopened'].includes(tk.state)) ||
            (tk.resolvedAt === null && Date.parse(tk.resolutionDueAt) <= now && ['pending', 'dispatched', 'inProgress', 'reopened'].includes(tk.state))
          if (breached) cell.breached++
          cells.set(`${tk.category}|${tk.severity}`, cell)
        }
        const key = (r: Row) => `${String(r.category)}|${String(r.severity)}`
        expect([...sectionOf(report, 'complaints').rows].sort((x, y) => key(x).localeCompare(key(y))), kind).toEqual([...cells.values()].sort((x, y) => key(x).localeCompare(key(y))))

        // designers: the deposits area's statistics for the same dates
        const stats = await manager.api.deposits.designerStats(period)
        expect(approx(sectionOf(report, 'designers').rows), kind).toEqual(
          approx(stats.map((s) => ({ designer: s.designer.name, visits: s.visits, measures: s.measures, consultations: s.consultations, deposits: s.deposits, signed: s.signed, lost: s.lost, conversion: s.conversion, depositRate: s.depositRate }))),
        )
        // agents: the dashboard's agent table
        expect(approx(sectionOf(report, 'agents').rows), kind).toEqual(
          approx(dashboard.agents.map((a) => ({ agent: a.agent.name, callsIn: a.callsIn, callsOut: a.callsOut, answered: a.answered, avgHandleSec: a.avgHandleSec === null ? null : Math.round(a.avgHandleSec), callbacksDone: a.callbacksDone }))),
        )
      }

      // the week's figures, as the test made them (Monday 2 June 00:00 to Sunday 8 June 23:59 in Shanghai)
      const week = (await build('serviceWeekly', '2025-06-05')).sections[0].rows[0]
      // walk-ins on Tuesday, Friday and at 23:50 on Sunday; six calls in (two unanswered) and one out; a measuring appointment
      expect(week).toMatchObject({ walkIns: 3, callsIn: 6, callsOut: 1, callsMissed: 2, answerRate: 4 / 6, newCustomers: 4, consultations: 4, deposits: 1, contracts: 1, complaintsNew: 1 })
      // the week before holds the first half hour of June, the one before that the last of May
      const before = (await build('serviceWeekly', '2025-06-05')).sections[0].rows[1]
      expect(before).toMatchObject({ period: '上周', walkIns: 2, callsIn: 3, complaintsNew: 2 })
      expect(sectionOf(await build('serviceWeekly', '2025-06-05'), 'sites').rows).toEqual([await siteCounts('2025-06-02')])

      // the month: every day listed, zeros included, as on the dashboard
      const month = await build('serviceMonthly', '2025-06-18')
      const dashboard = await manager.api.dashboard.overview(MONTH)
      expect(sectionOf(month, 'callsByDay').rows).toEqual(dashboard.callsByDay.map((d) => ({ ...d })))
      expect(sectionOf(month, 'callsByDay').rows).toHaveLength(30)
      expect(sectionOf(month, 'callsByDay').rows[0]).toEqual({ date: '2025-06-01', in: 1, out: 0, missed: 0 })
      expect(sectionOf(month, 'callsByDay').rows[29]).toEqual({ date: '2025-06-30', in: 1, out: 0, missed: 0 })
      expect(sectionOf(month, 'walkInSources').rows).toEqual(dashboard.walkInsBySource.map((s) => ({ source: s.source ?? '未填写', count: s.count })))
      expect([...sectionOf(month, 'walkInSources').rows].sort((a, b) => String(a.source).localeCompare(String(b.source)))).toEqual(
        [
          { source: '网络推广', count: 1 },
          { source: '自然到店', count: 1 },
          { source: '老客户介绍', count: 1 },
          { source: '小区活动', count: 1 },
          { source: '未填写', count: 1 },
        ].sort((a, b) => a.source.localeCompare(b.source)),
      )
      expect(month.sections[0].rows[0]).toMatchObject({ period: '本月', walkIns: 5, contracts: 2, complaintsNew: 5 })
      expect(month.sections[0].rows[1]).toMatchObject({ period: '上月', walkIns: 1, contracts: 2 })
    })

    async function siteCounts(weekOf: string): Promise<Row> {
      const c = await manager.api.projects.weeklyCounts({ weekOf })
      return { building: c.building, dueMidterm: c.dueMidterm, dueFinal: c.dueFinal, toSettle: c.toSettle, completed: c.completedThisWeek }
    }

    /** 回访完成情况 as the test counts it from the callback lists and their attempt logs. */
    async function callbackKindRows(from: string, to: string): Promise<Row[]> {
      const b = bounds(from, to)
      const callbacks = await allCallbacks()
      const attempts = new Map<number, string[]>()
      for (const cb of callbacks.filter((c) => c.attempts > 0)) attempts.set(cb.id, (await manager.api.callbacks.get({ id: cb.id })).attemptLog.map((a) => a.at))
      return CALLBACK_KINDS.map((kind) => {
        const of = callbacks.filter((c) => c.kind === kind)
        const due = of.filter((c) => c.status !== 'cancelled' && between(c.dueOn, from, to))
        const doneNow = due.filter((c) => c.status === 'done')
        const verdicts = of.filter((c) => c.result !== null && within(c.doneAt, b))
        const scores = verdicts.flatMap((c) => Object.values(c.scores).filter((s): s is number => s !== null))
        return {
          kind: CALLBACK_KIND_LABELS[kind],
          due: due.length,
          done: doneNow.length,
          completion: ratio(doneNow.length, due.length),
          failedAttempts: of.reduce((n, c) => n + (attempts.get(c.id) ?? []).filter((a) => within(a, b)).length, 0),
          satisfied: verdicts.filter((c) => c.result === 'satisfied').length,
          fair: verdicts.filter((c) => c.result === 'fair').length,
          unsatisfied: verdicts.filter((c) => c.result === 'unsatisfied').length,
          avgScore: ratio(
            scores.reduce((n, s) => n + s, 0),
            scores.length,
          ),
        }
      })
    }

    it('每周客户回访情况汇报: due, done, verdicts and failed attempts by kind, the mean scores, the problems callbacks found, the agents', async () => {
      for (const period of [WEEK, PROBLEM_WEEK, MONTH]) {
        const weekly = period !== MONTH
        const report = weekly ? await build('callbackWeekly', period.to) : await build('serviceMonthly', period.from)
        const expected = await callbackKindRows(period.from, period.to)
        expect(approx(sectionOf(report, 'callbackKinds').rows), period.from).toEqual(approx(expected))
        // the dataset is not empty where it matters
        expect(expected.reduce((n, r) => n + Number(r.due), 0), period.from).toBeGreaterThan(0)
        if (!weekly) continue

        const b = bounds(period.from, period.to)
        const verdicts = (await allCallbacks()).filter((c) => c.result !== null && within(c.doneAt, b))
        const mean = (dim: keyof CallbackItem['scores']) => {
          const given = verdicts.map((c) => c.scores[dim]).filter((s): s is number => s !== null)
          return given.length ? given.reduce((n, s) => n + s, 0) / given.length : null
        }
        expect(approx(sectionOf(report, 'scores').rows)).toEqual(
          approx([{ results: verdicts.length, design: mean('design'), quality: mean('quality'), tidiness: mean('tidiness'), service: mean('service'), schedule: mean('schedule') }]),
        )

        const problems: Row[] = []
        for (const cb of verdicts.filter((c) => c.problemTicket !== null).sort((x, y) => x.doneAt!.localeCompare(y.doneAt!) || x.id - y.id)) {
          const ticket = await manager.api.tickets.get({ id: cb.problemTicket!.id })
          const project = cb.project ? await manager.api.projects.get({ id: cb.project.id }) : null
          problems.push({ no: ticket.no, customer: cb.customer.name, address: project?.address ?? null, kind: CALLBACK_KIND_LABELS[cb.kind], category: ticket.category, person: ticket.responsible?.name ?? null, state: TICKET_STATE_LABELS[ticket.state] })
        }
        expect(sectionOf(report, 'problems').rows, period.from).toEqual(problems)

        const dashboard = await manager.api.dashboard.overview(period)
        expect(approx(sectionOf(report, 'agents').rows)).toEqual(
          approx(dashboard.agents.map((a) => ({ agent: a.agent.name, callsIn: a.callsIn, callsOut: a.callsOut, answered: a.answered, avgHandleSec: a.avgHandleSec === null ? null : Math.round(a.avgHandleSec), callbacksDone: a.callbacksDone }))),
        )
      }

      // what the test made, in plain numbers
      const week = await build('callbackWeekly', '2025-06-04')
      const row = (r: Report, label: string) => sectionOf(r, 'callbackKinds').rows.find((x) => x.kind === label)!
      // 张三's complaint callback (done, 满意) and 吴九's site visit of 5 June (done, 满意)
      expect(row(week, '工单满意度回访')).toMatchObject({ satisfied: 1, fair: 0, unsatisfied: 0 })
      expect(row(week, '施工期回访')).toMatchObject({ satisfied: 1, failedAttempts: 0 })
      expect(sectionOf(week, 'problems').rows).toEqual([])
      const problemWeek = await build('callbackWeekly', '2025-06-17')
      expect(row(problemWeek, '施工期回访')).toMatchObject({ failedAttempts: 1, fair: 1, unsatisfied: 0, avgScore: 3 })
      expect(row(problemWeek, '节点回访')).toMatchObject({ failedAttempts: 0, satisfied: 0, unsatisfied: 1, avgScore: 2.5 })
      expect(sectionOf(problemWeek, 'problems').rows).toEqual([
        { no: expect.any(String), customer: '张三', address: '阳光花园 3 栋 1201', kind: '施工期回访', category: '工程质量', person: '钱工', state: '已派单' },
      ])
      expect(sectionOf(problemWeek, 'scores').rows).toEqual([{ results: 2, design: 2, quality: 3, tidiness: null, service: 3, schedule: null }])
    })

    it('工程月报表: contracts signed (cancelled left out) in fen, milestones and payments in the month, sites building and stopped at its end, inspections and rectifications, per project manager', async () => {
      const report = await build('projectMonthly', '2025-06-15')
      const { from, to } = MONTH
      const projects = await allProjects()
      const inMonth = (d: string | null | undefined) => between(d, from, to)
      const actual = (p: ProjectDetail, m: 'start' | 'material' | 'midterm' | 'completion') => p.milestones[m].actualOn
      const building = (p: ProjectDetail) => !!actual(p, 'start') && actual(p, 'start')! <= to && !(actual(p, 'completion') && actual(p, 'completion')! <= to) && !(p.cancelledOn && p.cancelledOn <= to)
      const signed = projects.filter((p) => inMonth(p.signedOn) && p.cancelledOn === null)
      const paid = (stage: 'first' | 'midterm' | 'final') => projects.flatMap((p) => p.payments.filter((x) => x.stage === stage && inMonth(x.paidOn)))
      const flow = {
        signed: signed.length,
        signedFen: signed.reduce((n, p) => n + p.amountFen, 0),
        started: projects.filter((p) => inMonth(actual(p, 'start'))).length,
        material: projects.filter((p) => inMonth(actual(p, 'material'))).length,
        midterm: projects.filter((p) => inMonth(actual(p, 'midterm'))).length,
        completed: projects.filter((p) => inMonth(actual(p, 'completion'))).length,
        cancelled: projects.filter((p) => inMonth(p.cancelledOn)).length,
        settled: projects.filter((p) => inMonth(p.settlementSentOn)).length,
        building: projects.filter(building).length,
        stopped: projects.filter((p) => !(p.cancelledOn && p.cancelledOn <= to) && p.stops.some((s) => s.fromOn <= to && (s.toOn === null || s.toOn > to))).length,
      }
      expect(sectionOf(report, 'projectFlow').rows).toEqual([flow])
      // as the test made them: 李四's (¥200,000) on 5 June and 赵六's (¥100,000) on the last evening of June;
      // 王五's cancelled, 孙七's signed at 00:30 on 1 July
      expect(flow).toEqual({ signed: 2, signedFen: 300_000_00, started: 2, material: 2, midterm: 1, completed: 2, cancelled: 1, settled: 2, building: 2, stopped: 1 })

      const stageRows = (['first', 'midterm', 'final'] as const).map((stage, i) => ({ stage: ['首期款', '中期款', '尾款'][i], count: paid(stage).length, amount: paid(stage).reduce((n, x) => n + x.amountFen, 0) }))
      expect(sectionOf(report, 'payments').rows).toEqual(stageRows)
      expect(stageRows).toEqual([
        { stage: '首期款', count: 2, amount: 150_000_00 },
        { stage: '中期款', count: 1, amount: 100_000_00 },
        { stage: '尾款', count: 1, amount: 40_000_00 },
      ])

      // each inspection was recorded on its own day, so its notice was issued that day
      const inspections = await allInspections()
      const notices = inspections.filter((i) => i.rectification && inMonth(i.inspectedOn)).map((i) => i.rectification!)
      const everyNotice = inspections.filter((i) => i.rectification && i.inspectedOn <= to).map((i) => i.rectification!)
      const insp = {
        inspections: inspections.filter((i) => inMonth(i.inspectedOn)).length,
        issues: inspections.filter((i) => inMonth(i.inspectedOn) && i.result === 'issues').length,
        notices: notices.length,
        closed: inspections.filter((i) => i.rectification && inMonth(i.rectification.closedOn)).length,
        overdue: everyNotice.filter((r) => r.deadlineOn < to && (r.closedOn === null || r.closedOn > to)).length,
      }
      expect(sectionOf(report, 'inspections').rows).toEqual([insp])
      expect(insp).toEqual({ inspections: 4, issues: 3, notices: 3, closed: 1, overdue: 1 })

      // per project manager: their sites, inspections, notices and the complaints against them
      const b = bounds(from, to)
      const tickets = await allTickets()
      const pms = [org.people.worksHead, org.site.pm]
      const pmRows = pms
        .map((pm) => {
          const theirs = projects.filter((p) => p.projectManager?.id === pm.id)
          const ids = new Set(theirs.map((p) => p.id))
          const theirInspections = inspections.filter((i) => ids.has(i.project.id) && inMonth(i.inspectedOn))
          return {
            name: pm.name,
            building: theirs.filter(building).length,
            completed: theirs.filter((p) => inMonth(actual(p, 'completion'))).length,
            inspections: theirInspections.length,
            notices: theirInspections.filter((i) => i.rectification).length,
            complaints: tickets.filter((x) => x.kind === 'complaint' && x.state !== 'cancelled' && x.responsible?.id === pm.id && within(x.createdAt, b)).length,
          }
        })
        .filter((r) => r.building + r.completed + r.inspections + r.notices + r.complaints > 0)
      expect([...sectionOf(report, 'projectManagers').rows].sort(byName)).toEqual(pmRows.sort(byName))
      expect(pmRows.find((r) => r.name === '钱工')).toEqual({ name: '钱工', building: 2, completed: 1, inspections: 4, notices: 3, complaints: 3 })
      expect(pmRows.find((r) => r.name === '赵经理')).toEqual({ name: '赵经理', building: 0, completed: 1, inspections: 0, notices: 0, complaints: 0 })
    })

    it('月业绩考核表: per designer, project manager and supervisor the complaints against them, on-time rate, callbacks on their sites, evaluations and confirmed assessment amounts of the month', async () => {
      const report = await build('performanceMonthly', '2025-06-30')
      const { from, to } = MONTH
      const b = bounds(from, to)
      const tickets = await allTickets()
      const projects = new Map((await allProjects()).map((p) => [p.id, p]))
      const callbacks = (await allCallbacks()).filter((c) => c.result !== null && within(c.doneAt, b) && c.project)
      const evaluations = await manager.api.projects.evaluations({ month: '2025-06' })
      const assessments: Assessment[] = await manager.api.tickets.assessments({})
      const roles = [
        { key: 'designer', people: [org.people.designHead, org.site.designer, org.site.designer2, left[0]], of: (p: ProjectDetail) => p.designer.id },
        { key: 'projectManager', people: [org.people.worksHead, org.site.pm], of: (p: ProjectDetail) => p.projectManager?.id },
        { key: 'supervisor', people: [org.people.floating, org.site.supervisor], of: (p: ProjectDetail) => p.supervisor?.id },
      ] as const
      expect(report.sections.map((s) => s.key)).toEqual(roles.map((r) => `performance-${r.key}`))
      for (const role of roles) {
        const rows = role.people.map((person): Row & { name: string; complaints: number; resolved: number; callbacks: number; evaluations: number; assessments: number } => {
          const resolved = tickets.filter((x) => x.responsible?.id === person.id && within(x.resolvedAt, b))
          const onTime = resolved.filter((x) => Date.parse(x.resolvedAt!) <= Date.parse(x.resolutionDueAt) && Date.parse(x.respondedAt ?? x.resolvedAt!) <= Date.parse(x.responseDueAt))
          const cbs = callbacks.filter((c) => role.of(projects.get(c.project!.id)!) === person.id)
          const scores = cbs.flatMap((c) => Object.values(c.scores).filter((s): s is number => s !== null))
          const evals = evaluations.filter((e) => e.evaluation && role.of(projects.get(e.project.id)!) === person.id).map((e) => e.evaluation!.scores[role.key])
          const confirmed = assessments.filter((a) => a.person.id === person.id && a.status === 'confirmed' && within(a.decidedAt, b))
          return {
            name: person.name,
            complaints: tickets.filter((x) => x.kind === 'complaint' && x.state !== 'cancelled' && x.responsible?.id === person.id && within(x.createdAt, b)).length,
            resolved: resolved.length,
            onTimeRate: resolved.length ? onTime.length / resolved.length : null,
            callbacks: cbs.length,
            satisfiedRate: cbs.length ? cbs.filter((c) => c.result === 'satisfied').length / cbs.length : null,
            callbackScore: ratio(
              scores.reduce((n, s) => n + s, 0),
              scores.length,
            ),
            evaluations: evals.length,
            evaluationScore: ratio(
              evals.reduce((n, s) => n + s, 0),
              evals.length,
            ),
            assessments: confirmed.length,
            assessmentFen: confirmed.reduce((n, a) => n + (a.amountFen ?? 0), 0),
          }
        })
        // people who left are listed only while they have something to assess
        const listed = rows.filter((r) => !left.some((p) => p.name === r.name) || r.complaints + r.resolved + r.callbacks + r.evaluations + r.assessments > 0)
        expect(approx([...sectionOf(report, `performance-${role.key}`).rows].sort(byName)), role.key).toEqual(approx(listed.sort(byName)))
      }

      // as the test made them
      const person = (key: string, name: string) => approx([sectionOf(report, key).rows.find((r) => r.name === name)!])[0]
      expect(person('performance-projectManager', '钱工')).toEqual(
        approx([{ name: '钱工', complaints: 3, resolved: 2, onTimeRate: 1, callbacks: 5, satisfiedRate: 4 / 5, callbackScore: 33 / 8, evaluations: 1, evaluationScore: 4, assessments: 1, assessmentFen: 200_00 }])[0],
      )
      expect(person('performance-designer', '周设计')).toEqual(
        approx([{ name: '周设计', complaints: 1, resolved: 1, onTimeRate: 0, callbacks: 3, satisfiedRate: 2 / 3, callbackScore: 33 / 8, evaluations: 1, evaluationScore: 5, assessments: 1, assessmentFen: 150_00 }])[0],
      )
      expect(person('performance-designer', '吴总监')).toEqual({ name: '吴总监', complaints: 0, resolved: 0, onTimeRate: null, callbacks: 0, satisfiedRate: null, callbackScore: null, evaluations: 0, evaluationScore: null, assessments: 0, assessmentFen: 0 })
      expect(person('performance-supervisor', '陈监理')).toEqual(
        approx([{ name: '陈监理', complaints: 0, resolved: 0, onTimeRate: null, callbacks: 3, satisfiedRate: 2 / 3, callbackScore: 5 / 2, evaluations: 1, evaluationScore: 5, assessments: 0, assessmentFen: 0 }])[0],
      )
      expect(sectionOf(report, 'performance-designer').rows.map((r) => r.name)).not.toContain('郭设计')
      // the rejected assessment and the one confirmed in July count for nobody
      expect(person('performance-supervisor', '杨监理')).toMatchObject({ complaints: 1, assessments: 0, assessmentFen: 0 })
      expect(sectionOf(report, 'performance-designer').columns.find((c) => c.key === 'assessmentFen')).toEqual({ key: 'assessmentFen', label: '考核金额', format: 'fen' })
    })

    it('月业绩考核表 is the manager’s alone; the other four are open to agents and shift leads; nobody without reports.read reads any', async () => {
      const lead = await org.as('shiftLead')
      const receptionist = await org.as('receptionist')
      const admin = await t.admin()
      for (const who of [agent, lead]) {
        expect(await failure(build('performanceMonthly', '2025-06-18', who)), who.user.role).toMatchObject({ code: 'FORBIDDEN' })
        expect(await failure(who.api.reports.exportXlsx({ kind: 'performanceMonthly', on: '2025-06-18' })), who.user.role).toMatchObject({ code: 'FORBIDDEN' })
        for (const kind of REPORT_KINDS.filter((k) => k !== 'performanceMonthly')) {
          const mine = await build(kind, '2025-06-18', who)
          expect(mine.sections, `${who.user.role} ${kind}`).toEqual((await build(kind, '2025-06-18')).sections)
        }
      }
      for (const who of [receptionist, admin]) {
        for (const kind of REPORT_KINDS) expect(await failure(build(kind, '2025-06-18', who)), `${who.user.role} ${kind}`).toMatchObject({ code: 'FORBIDDEN' })
      }
      expect(await failure(t.anon.reports.build({ kind: 'serviceWeekly', on: '2025-06-18' }))).toMatchObject({ code: 'UNAUTHENTICATED' })
    })

    it('bad input is refused with VALIDATION naming the field', async () => {
      const bad: [unknown, string][] = [
        [{ kind: 'yearly', on: '2025-06-18' }, 'kind'],
        [{ on: '2025-06-18' }, 'kind'],
        [{ kind: 'serviceWeekly', on: '2025-13-01' }, 'on'],
        [{ kind: 'serviceWeekly', on: '2025-02-30' }, 'on'],
        [{ kind: 'serviceWeekly', on: '2025/06/18' }, 'on'],
        [{ kind: 'serviceWeekly', on: '' }, 'on'],
        [{ kind: 'serviceWeekly' }, 'on'],
        [{ kind: 'serviceWeekly', on: 20250618 }, 'on'],
        [{ kind: 'serviceWeekly', on: '2025-06-18', extra: 1 }, 'extra'],
      ]
      for (const method of ['reports.build', 'reports.exportXlsx']) {
        for (const [input, field] of bad) {
          const result = await t.dispatch(method, [input], manager.token)
          expect(result, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { [field]: expect.any(String) } } })
        }
      }
    })

    it('exportXlsx reports its progress to the caller alone, ending at done = total, and is audited as an export', async () => {
      const seen: AppEvent[] = []
      const stop = manager.client.onEvent((e) => seen.push(e))
      let result: Awaited<ReturnType<typeof manager.api.reports.exportXlsx>> | undefined
      try {
        result = await manager.api.reports.exportXlsx({ kind: 'serviceMonthly', on: '2025-06-18' })
      } finally {
        stop()
      }
      expect(result).toMatchObject({ exportId: expect.any(Number), fileName: '客服月报表_2025-06-01_2025-06-30.xlsx', size: expect.any(Number) })
      expect(result!.size).toBeGreaterThan(1000)
      const progress = seen.filter((e): e is Extract<AppEvent, { type: 'progress' }> => e.type === 'progress')
      expect(progress.length).toBeGreaterThanOrEqual(3)
      for (const p of progress) expect(p).toMatchObject({ staffId: manager.user.id, task: 'report-export', total: expect.any(Number), label: expect.any(String) })
      for (let i = 1; i < progress.length; i++) expect(progress[i].done, `step ${i}`).toBeGreaterThanOrEqual(progress[i - 1].done)
      for (const p of progress) expect(p.done).toBeLessThanOrEqual(p.total)
      expect(progress[0].done).toBe(0)
      expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total)

      // an agent's export reports to the agent
      const agentSeen: AppEvent[] = []
      const stopAgent = agent.client.onEvent((e) => agentSeen.push(e))
      try {
        await agent.api.reports.exportXlsx({ kind: 'callbackWeekly', on: '2025-06-17' })
      } finally {
        stopAgent()
      }
      const agentProgress = agentSeen.filter((e): e is Extract<AppEvent, { type: 'progress' }> => e.type === 'progress')
      expect(agentProgress.length).toBeGreaterThan(0)
      expect(new Set(agentProgress.map((p) => p.staffId))).toEqual(new Set([agent.user.id]))
      expect(agentProgress.at(-1)).toMatchObject({ done: agentProgress.at(-1)!.total })

      // a refused export builds nothing and reports nothing
      const refusedSeen: AppEvent[] = []
      const stopRefused = agent.client.onEvent((e) => refusedSeen.push(e))
      try {
        expect(await failure(agent.api.reports.exportXlsx({ kind: 'performanceMonthly', on: '2025-06-17' }))).toMatchObject({ code: 'FORBIDDEN' })
      } finally {
        stopRefused()
      }
      expect(refusedSeen.filter((e) => e.type === 'progress')).toEqual([])

      await t.core.audit.flush()
      const audit = await (await t.admin()).api.audit.list({ action: 'export', page: 1, pageSize: 50 })
      const exports = audit.items.filter((a) => a.method === 'reports.exportXlsx')
      expect(exports.map((a) => [a.actorId, a.action, JSON.parse(a.detail ?? '{}')])).toEqual([
        [agent.user.id, 'export', { kind: 'callbackWeekly', on: '2025-06-17' }],
        [manager.user.id, 'export', { kind: 'serviceMonthly', on: '2025-06-18' }],
      ])
      // building a report is a view, not an export
      const views = await (await t.admin()).api.audit.list({ method: 'reports.build', page: 1, pageSize: 5 })
      expect(views.items.every((a) => a.action === 'view')).toBe(true)
      expect(views.total).toBeGreaterThan(0)
    })
  },
  { scope: 'suite' },
)
