import { defineMethod } from './define'
import type { DesignerStat } from './deposits.contract'
import { input, intRange, isoDate } from './schema-kit'

/** Company dates, both inclusive. */
export interface PeriodRange {
  from: string
  to: string
}

/** The longest period a dashboard or report covers: a daily series of a year stays readable. */
export const MAX_PERIOD_DAYS = 366

/**
 * Every card of the dashboard. Rates are 0–1 and null when their base is zero (an empty period
 * shows "—", not 0 %). Definitions (the tests pin each one):
 * - calls: by start time; `callsMissed` = inbound missed + abandoned; `answerRate` = inbound
 *   answered ÷ inbound ended (calls still ringing or in talk are not judged yet);
 *   `avgHandleSec` = talk seconds ÷ answered calls, both directions;
 * - `consultations` (谈单量) = walk-ins received + measuring appointments made (not cancelled;
 *   the appointments only while the setting `consultationCountsMeasures` is on);
 *   `contracts` = sites signed in the period and not cancelled; `conversion` (达成率) =
 *   contracts ÷ consultations, `depositRate` = deposits ÷ consultations;
 * - complaints opened in the period (cancelled ones left out): `complaintsOpen` still open now,
 *   `complaintsBreached` missed the response or the resolution deadline (or are past it now);
 * - `onTimeRate`: complaints and repairs resolved in the period, share resolved within both
 *   deadlines;
 * - callbacks due in the period (not cancelled): `callbacksDone` of them done,
 *   `callbackCompletion` = done ÷ due;
 * - satisfaction: callbacks with a verdict done in the period: `satisfiedRate` = 满意 share,
 *   `avgScore` = mean of the 1–5 dimension scores given.
 */
export interface DashboardKpis {
  walkIns: number
  callsIn: number
  callsOut: number
  callsMissed: number
  answerRate: number | null
  avgHandleSec: number | null
  newCustomers: number
  consultations: number
  deposits: number
  contracts: number
  conversion: number | null
  depositRate: number | null
  complaintsNew: number
  complaintsOpen: number
  complaintsBreached: number
  ticketsResolved: number
  onTimeRate: number | null
  callbacksDue: number
  callbacksDone: number
  callbackCompletion: number | null
  satisfactionResults: number
  satisfiedRate: number | null
  avgScore: number | null
}

export interface CallsOnDay {
  date: string
  in: number
  out: number
  missed: number
}

/** Inbound calls started on that weekday (1 = Monday … 7 = Sunday) and hour of the company's day. */
export interface HeatCell {
  weekday: number
  hour: number
  calls: number
}

export const FUNNEL_STAGES = ['inquiry', 'walkIn', 'measure', 'deposit', 'contract'] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]
export const FUNNEL_STAGE_LABELS: Record<FunnelStage, string> = { inquiry: '咨询来电', walkIn: '到店', measure: '量房', deposit: '定金', contract: '签约' }

export interface FunnelStep {
  stage: FunnelStage
  count: number
}

export interface ComplaintCell {
  category: string
  severity: string
  count: number
}

export interface OnTimeOnDay {
  date: string
  resolved: number
  onTime: number
  rate: number | null
}

export interface SatisfactionOnDay {
  date: string
  results: number
  satisfied: number
  rate: number | null
  avgScore: number | null
}

export interface AgentLine {
  agent: { id: number; name: string }
  callsIn: number
  callsOut: number
  answered: number
  avgHandleSec: number | null
  callbacksDone: number
}

export interface DashboardOverview {
  period: PeriodRange
  /** the period it is compared with: the previous calendar month for a whole month, else the same number of days just before */
  previous: PeriodRange
  kpis: DashboardKpis
  previousKpis: DashboardKpis
  /** every date of the period, zeros included */
  callsByDay: CallsOnDay[]
  /** cells with at least one call */
  heatmap: HeatCell[]
  walkInsBySource: { source: string | null; count: number }[]
  funnel: FunnelStep[]
  complaints: ComplaintCell[]
  onTimeTrend: OnTimeOnDay[]
  satisfactionTrend: SatisfactionOnDay[]
  /** designers with any consultation, deposit or contract, most consultations first */
  designers: DesignerStat[]
  /** agents with calls or callbacks done in the period, most calls first */
  agents: AgentLine[]
  /** the definitions in force, to state beside the cards */
  definitions: { consultationCountsMeasures: boolean; timeZone: string }
}

/** One hour of the week in the staffing plan. */
export interface StaffingCell {
  weekday: number
  hour: number
  /** inbound calls per hour on that weekday and hour, averaged over the weeks looked at */
  callsPerHour: number
  /** average talk seconds of the answered inbound calls in that slot (the whole span's average when the slot has none) */
  handleSec: number | null
  /** Erlang C: agents needed to answer `targetPercent` of calls within `targetSeconds`; 0 without calls */
  agentsNeeded: number
  /** the service level those agents reach, 0–1; null without calls */
  serviceLevel: number | null
  /** agents logged in during that hour, averaged over the same weeks */
  loggedIn: number
}

export interface StaffingPlan {
  /** the whole weeks looked at (Monday to Sunday, company time), the last ending before this week */
  from: string
  to: string
  weeks: number
  targetPercent: number
  targetSeconds: number
  cells: StaffingCell[]
}

const period = {
  from: isoDate('起始日期'),
  to: isoDate('截止日期'),
}

export const dashboardContract = {
  /** All cards and series of one period with the comparison period's cards. */
  overview: defineMethod<DashboardOverview>()({
    input: input(period).refine((p) => p.to >= p.from, { error: '截止日期不能早于起始日期', path: ['to'] }),
    permission: 'dashboard.read',
  }),
  /** Agents needed per hour of the week from the call volume of the last weeks (Erlang C). */
  staffing: defineMethod<StaffingPlan>()({
    input: input({ weeks: intRange('参考周数', 1, 26).optional(), on: isoDate('日期').optional() }),
    permission: 'dashboard.read',
  }),
}

/** The period picker's choices. */
export const PERIOD_KINDS = ['today', 'week', 'month', 'custom'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { today: '今日', week: '本周', month: '本月', custom: '自定义' }
