import type { DashboardKpis, DashboardOverview } from '@contract/dashboard.contract'
import type { DesignerStat } from '@contract/deposits.contract'
import { datesBetween } from '@contract/time'

/** Every card zero and every rate without a base: an empty period. */
export function zeroKpis(): DashboardKpis {
  return {
    walkIns: 0,
    callsIn: 0,
    callsOut: 0,
    callsMissed: 0,
    answerRate: null,
    avgHandleSec: null,
    newCustomers: 0,
    consultations: 0,
    deposits: 0,
    contracts: 0,
    conversion: null,
    depositRate: null,
    complaintsNew: 0,
    complaintsOpen: 0,
    complaintsBreached: 0,
    ticketsResolved: 0,
    onTimeRate: null,
    callbacksDue: 0,
    callbacksDone: 0,
    callbackCompletion: null,
    satisfactionResults: 0,
    satisfiedRate: null,
    avgScore: null,
  }
}

export function designerStat(id: number, name: string, consultations: number, deposits: number, signed: number): DesignerStat {
  return {
    designer: { id, name },
    consultations,
    visits: consultations,
    measures: 0,
    deposits,
    signed,
    lost: 0,
    conversion: consultations > 0 ? signed / consultations : null,
    depositRate: consultations > 0 ? deposits / consultations : null,
  }
}

/** An empty overview of a period: every date present with zeros, as the core sends it. */
export function emptyOverview(from = '2025-03-01', to = '2025-03-31'): DashboardOverview {
  const dates = datesBetween(from, to)
  return {
    period: { from, to },
    previous: { from: '2025-02-01', to: '2025-02-28' },
    kpis: zeroKpis(),
    previousKpis: zeroKpis(),
    callsByDay: dates.map((date) => ({ date, in: 0, out: 0, missed: 0 })),
    heatmap: [],
    walkInsBySource: [],
    funnel: [],
    complaints: [],
    onTimeTrend: dates.map((date) => ({ date, resolved: 0, onTime: 0, rate: null })),
    satisfactionTrend: dates.map((date) => ({ date, results: 0, satisfied: 0, rate: null, avgScore: null })),
    designers: [],
    agents: [],
    definitions: { consultationCountsMeasures: true, timeZone: 'Asia/Shanghai' },
  }
}

/** March 2025 with a little of everything, compared with February. */
export function busyOverview(): DashboardOverview {
  const base = emptyOverview()
  return {
    ...base,
    kpis: {
      ...zeroKpis(),
      walkIns: 42,
      callsIn: 120,
      callsOut: 30,
      callsMissed: 6,
      answerRate: 0.95,
      avgHandleSec: 154,
      newCustomers: 18,
      consultations: 50,
      deposits: 10,
      contracts: 5,
      conversion: 0.1,
      depositRate: 0.2,
      complaintsNew: 4,
      complaintsOpen: 2,
      complaintsBreached: 1,
      ticketsResolved: 8,
      onTimeRate: 0.75,
      callbacksDue: 20,
      callbacksDone: 15,
      callbackCompletion: 0.75,
      satisfactionResults: 12,
      satisfiedRate: 0.8333,
      avgScore: 4.52,
    },
    previousKpis: {
      ...zeroKpis(),
      walkIns: 40,
      callsIn: 100,
      callsOut: 30,
      callsMissed: 8,
      answerRate: 0.9,
      avgHandleSec: 140,
      newCustomers: 0,
      consultations: 40,
      deposits: 8,
      contracts: 5,
      conversion: 0.125,
      depositRate: 0.2,
      complaintsOpen: 1,
      complaintsBreached: 1,
      onTimeRate: 0.8,
      callbackCompletion: 0.5,
      satisfiedRate: 0.75,
      avgScore: 4.1,
    },
    callsByDay: base.callsByDay.map((d) => (d.date === '2025-03-03' ? { ...d, in: 12, out: 3, missed: 2 } : d)),
    heatmap: [
      { weekday: 1, hour: 9, calls: 7 },
      { weekday: 3, hour: 14, calls: 3 },
    ],
    walkInsBySource: [
      { source: '网络推广', count: 20 },
      { source: null, count: 4 },
      { source: '老客户介绍', count: 18 },
    ],
    funnel: [
      { stage: 'inquiry', count: 80 },
      { stage: 'walkIn', count: 42 },
      { stage: 'measure', count: 8 },
      { stage: 'deposit', count: 10 },
      { stage: 'contract', count: 5 },
    ],
    complaints: [
      { category: '工期', severity: '严重', count: 1 },
      { category: '工程质量', severity: '一般', count: 2 },
      { category: '工程质量', severity: '严重', count: 1 },
    ],
    onTimeTrend: base.onTimeTrend.map((d) => (d.date === '2025-03-05' ? { ...d, resolved: 4, onTime: 3, rate: 0.75 } : d)),
    satisfactionTrend: base.satisfactionTrend.map((d) => (d.date === '2025-03-06' ? { ...d, results: 6, satisfied: 5, rate: 5 / 6, avgScore: 4.5 } : d)),
    designers: [designerStat(11, '陈设计', 30, 6, 3), designerStat(12, '刘设计', 20, 4, 2)],
    agents: [
      { agent: { id: 5, name: '王客服' }, callsIn: 70, callsOut: 20, answered: 66, avgHandleSec: 160, callbacksDone: 9 },
      { agent: { id: 6, name: '赵客服' }, callsIn: 50, callsOut: 10, answered: 48, avgHandleSec: null, callbacksDone: 6 },
    ],
  }
}
