import type { EntityManager } from 'typeorm'
import type { DashboardOverview, FunnelStep, HeatCell, PeriodRange, StaffingCell, StaffingPlan } from '../contract/dashboard.contract'
import { companyDate, companyHour, shiftDate, weekdayOf, weekStartOf } from '../contract/time'
import { namedSql } from '../../database/named-sql'
import { toIso, toNumber } from '../../database/raw-values'
import type { Store } from '../../database/store'
import {
  agentLines,
  callbacksDue,
  callGroups,
  callsByDay,
  callTotals,
  complaintGroups,
  inboundByHour,
  kpisOf,
  onTimeByDay,
  salesCounts,
  satisfactionByDay,
  walkInsBySource,
} from './dashboard-figures'
import type { DepositsService } from './deposits.service'
import { agentsNeeded } from './erlang-c'
import { periodOf, previousRange, ratio, type Period } from './period-sql'
import type { SettingsService } from './settings.service'

/** The manager's dashboard and the staffing plan: every figure an aggregate on the read connection. */
export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly deposits: DepositsService,
    private readonly now: () => Date,
  ) {}

  async overview(range: PeriodRange): Promise<DashboardOverview> {
    const { timeZone, consultationCountsMeasures } = this.settings.get()
    const period = periodOf(range, timeZone)
    const previous = periodOf(previousRange(range), timeZone)
    const now = this.now()
    // two read connections, two halves of about the same weight: the period's own figures, and the
    // comparison period's cards with the designers' table
    const [current, [previousKpis, designers]] = await Promise.all([
      this.periodFigures(this.store.read, period, now),
      Promise.all([this.kpisOnly(previous, now, this.store.readAlongside), this.deposits.designerStats(range, this.store.readAlongside)]),
    ])
    const { groups, sources, sales, complaints, onTime, satisfaction, callbacks, heatmap, agents } = current
    const kpis = kpisOf({ calls: callTotals(groups), sales, consultationCountsMeasures, complaints, onTime, callbacks, satisfaction })

    const funnel: FunnelStep[] = [
      { stage: 'inquiry', count: groups.filter((g) => g.direction === 'in' && (g.callType === 'consult' || g.callType === 'measure')).reduce((n, g) => n + g.calls, 0) },
      { stage: 'walkIn', count: sales.walkIns },
      { stage: 'measure', count: sales.measures },
      { stage: 'deposit', count: sales.deposits },
      { stage: 'contract', count: sales.contracts },
    ]

    return {
      period: { from: period.from, to: period.to },
      previous: { from: previous.from, to: previous.to },
      kpis,
      previousKpis,
      callsByDay: callsByDay(groups, period),
      heatmap,
      walkInsBySource: sources,
      funnel,
      complaints: complaints.map(({ category, severity, count }) => ({ category, severity, count })).sort((a, b) => b.count - a.count),
      onTimeTrend: onTime,
      satisfactionTrend: satisfaction.map(({ date, results, satisfied, rate, avgScore }) => ({ date, results, satisfied, rate, avgScore })),
      designers: designers.filter((d) => d.consultations + d.deposits + d.signed > 0).sort((a, b) => b.consultations - a.consultations || b.signed - a.signed),
      agents,
      definitions: { consultationCountsMeasures, timeZone },
    }
  }

  private async periodFigures(em: EntityManager, period: Period, now: Date) {
    return {
      groups: await callGroups(em, period),
      sources: await walkInsBySource(em, period),
      sales: await salesCounts(em, period),
      complaints: await complaintGroups(em, period, now),
      onTime: await onTimeByDay(em, period),
      satisfaction: await satisfactionByDay(em, period),
      callbacks: await callbacksDue(em, period),
      heatmap: await this.heatmap(em, period),
      agents: await agentLines(em, period),
    }
  }

  /** The cards of a period alone (the comparison period's, a report's). */
  async kpisOnly(period: Period, now: Date, em: EntityManager = this.store.read) {
    const { consultationCountsMeasures } = this.settings.get()
    return kpisOf({
      calls: callTotals(await callGroups(em, period)),
      sales: await salesCounts(em, period),
      consultationCountsMeasures,
      complaints: await complaintGroups(em, period, now),
      onTime: await onTimeByDay(em, period),
      callbacks: await callbacksDue(em, period),
      satisfaction: await satisfactionByDay(em, period),
    })
  }

  private async heatmap(em: EntityManager, period: Period): Promise<HeatCell[]> {
    const cells = new Map<string, HeatCell>()
    for (const slot of await inboundByHour(em, period)) {
      const weekday = weekdayOf(slot.date)
      const key = `${weekday}|${slot.hour}`
      const cell = cells.get(key) ?? { weekday, hour: slot.hour, calls: 0 }
      cell.calls += slot.calls
      cells.set(key, cell)
    }
    return [...cells.values()].filter((c) => c.calls > 0).sort((a, b) => a.weekday - b.weekday || a.hour - b.hour)
  }

  /**
   * Agents needed per hour of the week: the arrival rate of that weekday and hour over the last
   * whole weeks, the handle time of those calls, Erlang C for the target service level; beside
   * it the agents who were logged in during those hours, on average.
   */
  async staffing(input: { weeks?: number; on?: string }): Promise<StaffingPlan> {
    const { timeZone, staffingWeeks, staffingTargetPercent, staffingTargetSeconds } = this.settings.get()
    const weeks = input.weeks ?? staffingWeeks
    const thisWeek = weekStartOf(input.on ?? companyDate(this.now(), timeZone))
    const range = { from: shiftDate(thisWeek, -7 * weeks), to: shiftDate(thisWeek, -1) }
    const period = periodOf(range, timeZone)
    const slots = await inboundByHour(this.store.read, range)

    const totals = new Map<string, { calls: number; talkSec: number; answered: number }>()
    let allTalk = 0
    let allAnswered = 0
    for (const s of slots) {
      const key = `${weekdayOf(s.date)}|${s.hour}`
      const t = totals.get(key) ?? { calls: 0, talkSec: 0, answered: 0 }
      t.calls += s.calls
      t.talkSec += s.talkSec
      t.answered += s.answered
      totals.set(key, t)
      allTalk += s.talkSec
      allAnswered += s.answered
    }
    const overallHandle = ratio(allTalk, allAnswered)
    const presence = await this.presenceBySlot(period)

    const cells: StaffingCell[] = []
    for (let weekday = 1; weekday <= 7; weekday++) {
      for (let hour = 0; hour < 24; hour++) {
        const key = `${weekday}|${hour}`
        const t = totals.get(key)
        const callsPerHour = (t?.calls ?? 0) / weeks
        const handleSec = (t && ratio(t.talkSec, t.answered)) ?? overallHandle
        const plan = callsPerHour > 0 && handleSec ? agentsNeeded({ calls: callsPerHour, intervalSec: 3600, ahtSec: handleSec }, staffingTargetPercent / 100, staffingTargetSeconds) : null
        cells.push({
          weekday,
          hour,
          callsPerHour: Math.round(callsPerHour * 100) / 100,
          handleSec: handleSec === null ? null : Math.round(handleSec),
          agentsNeeded: plan?.agents ?? 0,
          serviceLevel: plan ? plan.serviceLevel : null,
          loggedIn: Math.round(((presence.get(key) ?? 0) / weeks) * 100) / 100,
        })
      }
    }
    return { from: range.from, to: range.to, weeks, targetPercent: staffingTargetPercent, targetSeconds: staffingTargetSeconds, cells }
  }

  /** Logged-in staff-hours per weekday and company hour over the period. */
  private async presenceBySlot(period: Period): Promise<Map<string, number>> {
    const { timeZone } = this.settings.get()
    const rows = await namedSql<{ h: string | Date; n: unknown }>(
      this.store.read,
      'SELECT hour_start AS h, COUNT(*) AS n FROM staff_presence WHERE hour_start >= :fromAt AND hour_start < :toAt GROUP BY hour_start',
      { fromAt: period.fromAt, toAt: period.toAt },
    )
    const bySlot = new Map<string, number>()
    for (const r of rows) {
      const { date, hour } = companyHour(new Date(toIso(r.h)), timeZone)
      const key = `${weekdayOf(date)}|${hour}`
      bySlot.set(key, (bySlot.get(key) ?? 0) + toNumber(r.n))
    }
    return bySlot
  }
}
