import type { CallbackKind } from '../contract/callbacks.contract'
import type { AppSettings } from '../contract/settings.contract'
import { MILESTONE_LABELS, type Milestone } from '../contract/projects.contract'
import { shiftDate, shiftMonths, weekStartOf } from '../contract/time'

/** The dates of a site the plan is derived from; company dates (YYYY-MM-DD). */
export interface PlanSite {
  contractNo: string
  startOn: string | null
  materialOn: string | null
  midtermOn: string | null
  completionOn: string | null
  completionPlannedOn: string | null
  cancelledOn: string | null
  stops: { fromOn: string; toOn: string | null }[]
}

export type PlanRules = Pick<AppSettings, 'callbackWeeklyDays' | 'callbackMilestoneDelayDays' | 'callbackMonthlyMonths' | 'callbackQuarterlyUntilMonths' | 'callbackPlanAheadDays'>

/** One callback the plan wants: the key is stable across re-derivations, the date may move. */
export interface PlannedCallback {
  key: string
  kind: Extract<CallbackKind, 'construction' | 'milestone' | 'aftercare'>
  dueOn: string
  reason: string
}

const CONTROL_POINTS: readonly Milestone[] = ['material', 'midterm', 'completion']


/**
 * The return-visit plan of one site, as the manual states it: nothing before the start notice;
 * from it, a routine callback every `callbackWeeklyDays` while under construction (not while
 * stopped); a control-point callback after material entry, mid-term and completion acceptance,
 * which replaces the routine one of its week; from completion, monthly for `callbackMonthlyMonths`
 * months, then quarterly to month `callbackQuarterlyUntilMonths`. A cancelled site wants nothing.
 *
 * While completion is not recorded the weekly plan runs to the planned completion or
 * `callbackPlanAheadDays` past today, whichever is later; the daily sweep extends it.
 * Pure: the same site, rules and day give the same plan.
 */
export function derivePlan(site: PlanSite, rules: PlanRules, today: string): PlannedCallback[] {
  if (site.cancelledOn || !site.startOn) return []
  const milestones: PlannedCallback[] = []
  for (const m of CONTROL_POINTS) {
    const on = site[`${m}On`]
    if (!on) continue
    milestones.push({ key: `milestone:${m}`, kind: 'milestone', dueOn: shiftDate(on, rules.callbackMilestoneDelayDays), reason: `${site.contractNo} ${MILESTONE_LABELS[m]}回访（${on}）` })
  }
  const controlWeeks = new Set(milestones.map((c) => weekStartOf(c.dueOn)))

  const weekly: PlannedCallback[] = []
  const horizon = site.completionOn ?? maxDate(site.completionPlannedOn, shiftDate(today, rules.callbackPlanAheadDays))
  for (let k = 1; ; k++) {
    const dueOn = shiftDate(site.startOn, k * rules.callbackWeeklyDays)
    // a routine callback on completion day itself is the completion callback's job
    if (site.completionOn ? dueOn >= site.completionOn : dueOn > horizon) break
    if (stoppedOn(site.stops, dueOn) || controlWeeks.has(weekStartOf(dueOn))) continue
    weekly.push({ key: `weekly:${k}`, kind: 'construction', dueOn, reason: `${site.contractNo} 施工期第${k}次回访` })
  }

  const aftercare: PlannedCallback[] = []
  if (site.completionOn) {
    for (let m = 1; m <= rules.callbackMonthlyMonths; m++) {
      aftercare.push({ key: `aftercare:m${m}`, kind: 'aftercare', dueOn: shiftMonths(site.completionOn, m), reason: `${site.contractNo} 竣工后第${m}个月回访` })
    }
    for (let m = rules.callbackMonthlyMonths + 3; m <= rules.callbackQuarterlyUntilMonths; m += 3) {
      aftercare.push({ key: `aftercare:m${m}`, kind: 'aftercare', dueOn: shiftMonths(site.completionOn, m), reason: `${site.contractNo} 竣工后第${m}个月（季度）回访` })
    }
  }
  return [...weekly, ...milestones, ...aftercare].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.key < b.key ? -1 : 1))
}

function maxDate(a: string | null, b: string): string {
  return a && a > b ? a : b
}

function stoppedOn(stops: PlanSite['stops'], date: string): boolean {
  return stops.some((s) => s.fromOn <= date && (s.toOn === null || date < s.toOn))
}

/** An existing plan row of the site, as the reconciler needs it. */
export interface ExistingPlanRow {
  id: number
  planKey: string
  status: 'open' | 'done' | 'cancelled'
  plannedOn: string | null
  dueOn: string
}

export interface PlanChanges {
  create: PlannedCallback[]
  /** open rows whose planned date changed: both dates move to the plan's */
  move: { id: number; dueOn: string; reason: string }[]
  /** open rows the plan no longer wants */
  cancel: number[]
  /** rows the plan had dropped and wants again */
  reopen: { id: number; dueOn: string; reason: string }[]
}

/**
 * What to write so that the stored rows match the plan: done rows never change, open rows move
 * only when the plan's date for them changed (an attempt's rescheduling is kept otherwise), and a
 * routine callback already in the past when first planned is not created (a late start notice
 * does not fill the desk with overdue calls; control points are always created).
 */
export function reconcilePlan(wanted: PlannedCallback[], existing: ExistingPlanRow[], today: string): PlanChanges {
  const byKey = new Map(existing.map((r) => [r.planKey, r]))
  const changes: PlanChanges = { create: [], move: [], cancel: [], reopen: [] }
  const wantedKeys = new Set<string>()
  for (const w of wanted) {
    wantedKeys.add(w.key)
    const row = byKey.get(w.key)
    if (!row) {
      if (w.kind === 'milestone' || w.dueOn >= today) changes.create.push(w)
    } else if (row.status === 'open') {
      if (row.plannedOn !== w.dueOn) changes.move.push({ id: row.id, dueOn: w.dueOn, reason: w.reason })
    } else if (row.status === 'cancelled' && (w.kind === 'milestone' || w.dueOn >= today)) {
      changes.reopen.push({ id: row.id, dueOn: w.dueOn, reason: w.reason })
    }
  }
  for (const row of existing) if (row.status === 'open' && !wantedKeys.has(row.planKey)) changes.cancel.push(row.id)
  return changes
}

export function isEmptyChange(c: PlanChanges): boolean {
  return c.create.length + c.move.length + c.cancel.length + c.reopen.length === 0
}
