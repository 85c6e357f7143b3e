import type { EntityManager } from 'typeorm'
import { CALL_TYPE_LABELS, CALL_TYPES } from '../contract/calls.contract'
import { CALLBACK_KIND_LABELS, CALLBACK_KINDS, SATISFACTION_LABELS } from '../contract/callbacks.contract'
import type { DashboardKpis } from '../contract/dashboard.contract'
import type { DesignerStat } from '../contract/deposits.contract'
import type { WeeklyCounts } from '../contract/projects.contract'
import type { ReportColumn, ReportFormat, ReportSection, ReportValue } from '../contract/reports.contract'
import { TICKET_STATE_LABELS } from '../contract/tickets.contract'
import { namedSql } from '../../database/named-sql'
import { toNumber } from '../../database/raw-values'
import { agentLines, callGroups, callsByDay, complaintGroups, walkInsBySource } from './dashboard-figures'
import { ratio, type Period } from './period-sql'

/**
 * The sections of the manual's reports. Figures shared with the dashboard come from the same
 * functions (dashboard-figures.ts), so a report and the dashboard never disagree; the rest are
 * aggregates of their own, grouped in SQL.
 */

type Row = Record<string, ReportValue>
const col = (key: string, label: string, format: ReportFormat): ReportColumn => ({ key, label, format })
const section = (key: string, title: string, columns: ReportColumn[], rows: Row[], note?: string): ReportSection => ({ key, title, columns, rows, ...(note ? { note } : {}) })

const KPI_COLUMNS: ReportColumn[] = [
  col('period', '期间', 'text'),
  col('walkIns', '来访', 'int'),
  col('callsIn', '来电', 'int'),
  col('callsOut', '去电', 'int'),
  col('callsMissed', '未接来电', 'int'),
  col('answerRate', '接通率', 'percent'),
  col('avgHandleSec', '平均通话时长(秒)', 'seconds'),
  col('newCustomers', '新增客户', 'int'),
  col('consultations', '谈单量', 'int'),
  col('deposits', '定金数', 'int'),
  col('contracts', '签约数', 'int'),
  col('conversion', '达成率', 'percent'),
  col('complaintsNew', '新增投诉', 'int'),
  col('complaintsOpen', '未结投诉', 'int'),
  col('complaintsBreached', '超时投诉', 'int'),
  col('onTimeRate', '按时办结率', 'percent'),
  col('callbacksDue', '应回访', 'int'),
  col('callbacksDone', '已回访', 'int'),
  col('callbackCompletion', '回访完成率', 'percent'),
  col('satisfiedRate', '满意率', 'percent'),
  col('avgScore', '平均评分', 'score'),
]

export function overviewSection(rows: { label: string; kpis: DashboardKpis }[], note: string): ReportSection {
  return section(
    'overview',
    '工作概况',
    KPI_COLUMNS,
    rows.map(({ label, kpis }) => {
      const row: Row = { period: label }
      for (const c of KPI_COLUMNS.slice(1)) {
        const v = kpis[c.key as keyof DashboardKpis]
        // handle time is shown in whole seconds everywhere: round once, here
        row[c.key] = c.format === 'seconds' && v !== null ? Math.round(v) : v
      }
      return row
    }),
    note,
  )
}

export async function callTypeSection(em: EntityManager, p: Period): Promise<ReportSection> {
  const groups = await callGroups(em, p)
  const rows = [...CALL_TYPES, null].map((type) => {
    const of = groups.filter((g) => g.callType === (type ?? ''))
    const n = (pick: (g: (typeof groups)[number]) => boolean) => of.filter(pick).reduce((s, g) => s + g.calls, 0)
    return { type: type ? CALL_TYPE_LABELS[type] : '未分类', callsIn: n((g) => g.direction === 'in'), callsOut: n((g) => g.direction === 'out'), answered: n((g) => g.status === 'answered') }
  })
  return section(
    'callTypes',
    '来电分类',
    [col('type', '类型', 'text'), col('callsIn', '来电', 'int'), col('callsOut', '去电', 'int'), col('answered', '接通', 'int')],
    rows.filter((r) => r.callsIn + r.callsOut > 0),
  )
}

export async function callsByDaySection(em: EntityManager, p: Period): Promise<ReportSection> {
  return section(
    'callsByDay',
    '每日来电',
    [col('date', '日期', 'date'), col('in', '来电', 'int'), col('out', '去电', 'int'), col('missed', '未接', 'int')],
    callsByDay(await callGroups(em, p), p).map((d) => ({ ...d })),
  )
}

export async function walkInSourceSection(em: EntityManager, p: Period): Promise<ReportSection> {
  return section('walkInSources', '来访来源', [col('source', '来源渠道', 'text'), col('count', '来访', 'int')], (await walkInsBySource(em, p)).map((s) => ({ source: s.source ?? '未填写', count: s.count })))
}

export async function complaintSection(em: EntityManager, p: Period, now: Date): Promise<ReportSection> {
  const groups = await complaintGroups(em, p, now)
  return section(
    'complaints',
    '投诉分类',
    [col('category', '类别', 'text'), col('severity', '严重程度', 'text'), col('count', '新增', 'int'), col('open', '未结', 'int'), col('breached', '超时', 'int')],
    groups.sort((a, b) => a.category.localeCompare(b.category, 'zh-CN') || a.severity.localeCompare(b.severity, 'zh-CN')).map((g) => ({ ...g })),
    '本期受理的投诉（已取消的除外）；超时 = 超过响应或办结时限。',
  )
}

export function designerSection(stats: DesignerStat[], countsMeasures: boolean): ReportSection {
  return section(
    'designers',
    '设计师谈单统计',
    [
      col('designer', '设计师', 'text'),
      col('visits', '到店接待', 'int'),
      col('measures', '量房预约', 'int'),
      col('consultations', '谈单量', 'int'),
      col('deposits', '定金数', 'int'),
      col('signed', '签约数', 'int'),
      col('lost', '流失', 'int'),
      col('conversion', '达成率', 'percent'),
      col('depositRate', '定金率', 'percent'),
    ],
    stats.map((s) => ({ designer: s.designer.name, visits: s.visits, measures: s.measures, consultations: s.consultations, deposits: s.deposits, signed: s.signed, lost: s.lost, conversion: s.conversion, depositRate: s.depositRate })),
    `达成率 = 签约数 ÷ 谈单量；谈单量 = 到店接待${countsMeasures ? ' + 量房预约' : ''}；定金率 = 定金数 ÷ 谈单量。`,
  )
}

export function siteCountSection(c: WeeklyCounts): ReportSection {
  return section(
    'sites',
    '工地统计',
    [col('building', '在施工地', 'int'), col('dueMidterm', '应交中期款', 'int'), col('dueFinal', '应交尾款', 'int'), col('toSettle', '待交财务结算', 'int'), col('completed', '本周竣工', 'int')],
    [{ building: c.building, dueMidterm: c.dueMidterm, dueFinal: c.dueFinal, toSettle: c.toSettle, completed: c.completedThisWeek }],
  )
}

export async function agentSection(em: EntityManager, p: Period): Promise<ReportSection> {
  return section(
    'agents',
    '客服工作量',
    [col('agent', '客服', 'text'), col('callsIn', '来电', 'int'), col('callsOut', '去电', 'int'), col('answered', '接通', 'int'), col('avgHandleSec', '平均通话时长(秒)', 'seconds'), col('callbacksDone', '完成回访', 'int')],
    (await agentLines(em, p)).map((a) => ({ agent: a.agent.name, callsIn: a.callsIn, callsOut: a.callsOut, answered: a.answered, avgHandleSec: a.avgHandleSec === null ? null : Math.round(a.avgHandleSec), callbacksDone: a.callbacksDone })),
  )
}

const SCORE_SUM = 'COALESCE(c.score_design, 0) + COALESCE(c.score_quality, 0) + COALESCE(c.score_tidiness, 0) + COALESCE(c.score_service, 0) + COALESCE(c.score_schedule, 0)'
const SCORE_COUNT = ['score_design', 'score_quality', 'score_tidiness', 'score_service', 'score_schedule'].map((s) => `CASE WHEN c.${s} IS NULL THEN 0 ELSE 1 END`).join(' + ')

/** 每周客户回访情况汇报: due and done per kind, verdicts, attempts. */
export async function callbackKindSection(em: EntityManager, p: Period): Promise<ReportSection> {
  const due = await namedSql<{ k: string; s: string; n: unknown }>(
    em,
    "SELECT kind AS k, status AS s, COUNT(*) AS n FROM callback WHERE status IN ('open', 'done') AND due_on BETWEEN :from AND :to GROUP BY kind, status",
    { from: p.from, to: p.to },
  )
  const verdicts = await namedSql<{ k: string; r: string; n: unknown; ss: unknown; sc: unknown }>(
    em,
    `SELECT kind AS k, result AS r, SUM(callbacks) AS n, SUM(score_sum) AS ss, SUM(score_count) AS sc
       FROM callback_stat WHERE stat_date BETWEEN :from AND :to AND result <> '' GROUP BY kind, result`,
    { from: p.from, to: p.to },
  )
  const attempts = await namedSql<{ k: string; n: unknown }>(
    em,
    'SELECT c.kind AS k, COUNT(*) AS n FROM callback_attempt a JOIN callback c ON c.id = a.callback_id WHERE a.at >= :fromAt AND a.at < :toAt GROUP BY c.kind',
    { fromAt: p.fromAt, toAt: p.toAt },
  )
  const rows = CALLBACK_KINDS.map((kind) => {
    const n = <R extends { k: string; n: unknown }>(rows: R[], pick: (r: R) => boolean = () => true) => rows.filter((r) => r.k === kind && pick(r)).reduce((s, r) => s + toNumber(r.n), 0)
    const dueN = n(due)
    const doneN = n(due, (r) => r.s === 'done')
    const v = verdicts.filter((r) => r.k === kind)
    const verdict = (result: string) => v.filter((r) => r.r === result).reduce((s, r) => s + toNumber(r.n), 0)
    const scoreSum = v.reduce((s, r) => s + toNumber(r.ss), 0)
    const scoreCount = v.reduce((s, r) => s + toNumber(r.sc), 0)
    return {
      kind: CALLBACK_KIND_LABELS[kind],
      due: dueN,
      done: doneN,
      completion: ratio(doneN, dueN),
      failedAttempts: n(attempts),
      satisfied: verdict('satisfied'),
      fair: verdict('fair'),
      unsatisfied: verdict('unsatisfied'),
      avgScore: ratio(scoreSum, scoreCount),
    }
  })
  return section(
    'callbackKinds',
    '回访完成情况',
    [
      col('kind', '回访类型', 'text'),
      col('due', '应回访', 'int'),
      col('done', '已完成', 'int'),
      col('completion', '完成率', 'percent'),
      col('failedAttempts', '未接通次数', 'int'),
      col('satisfied', SATISFACTION_LABELS.satisfied, 'int'),
      col('fair', SATISFACTION_LABELS.fair, 'int'),
      col('unsatisfied', SATISFACTION_LABELS.unsatisfied, 'int'),
      col('avgScore', '平均评分', 'score'),
    ],
    rows,
    '应回访 = 本期到期的回访（已取消的除外），已完成为其中已回访的；满意度与评分按本期完成的回访统计。',
  )
}

export async function scoreSection(em: EntityManager, p: Period): Promise<ReportSection> {
  const [row] = await namedSql<Record<string, unknown>>(
    em,
    `SELECT COUNT(*) AS n, AVG(c.score_design) AS design, AVG(c.score_quality) AS quality, AVG(c.score_tidiness) AS tidiness,
            AVG(c.score_service) AS service, AVG(c.score_schedule) AS schedule
       FROM callback c WHERE c.done_at >= :fromAt AND c.done_at < :toAt AND c.result IS NOT NULL`,
    { fromAt: p.fromAt, toAt: p.toAt },
  )
  const avg = (v: unknown) => (v === null || v === undefined ? null : toNumber(v))
  return section(
    'scores',
    '各项评分',
    [col('results', '回访数', 'int'), col('design', '设计', 'score'), col('quality', '施工质量', 'score'), col('tidiness', '现场文明', 'score'), col('service', '服务态度', 'score'), col('schedule', '工期', 'score')],
    [{ results: toNumber(row.n), design: avg(row.design), quality: avg(row.quality), tidiness: avg(row.tidiness), service: avg(row.service), schedule: avg(row.schedule) }],
  )
}

/** The problems callbacks found in the period and where their 回访联系单 stands. */
export async function problemSection(em: EntityManager, p: Period): Promise<ReportSection> {
  const rows = await namedSql<{ no: string; customer: string; address: string | null; kind: string; person: string | null; state: string; category: string }>(
    em,
    `SELECT t.no AS no, cu.name AS customer, pr.address AS address, c.kind AS kind, pe.name AS person, t.state AS state, t.category AS category
       FROM callback c JOIN ticket t ON t.id = c.problem_ticket_id JOIN customer cu ON cu.id = c.customer_id
       LEFT JOIN project pr ON pr.id = c.project_id LEFT JOIN person pe ON pe.id = t.person_id
      WHERE c.done_at >= :fromAt AND c.done_at < :toAt ORDER BY c.done_at, c.id`,
    { fromAt: p.fromAt, toAt: p.toAt },
  )
  return section(
    'problems',
    '回访发现的问题',
    [col('no', '联系单号', 'text'), col('customer', '客户', 'text'), col('address', '工地地址', 'text'), col('kind', '回访类型', 'text'), col('category', '问题类别', 'text'), col('person', '责任人', 'text'), col('state', '处理状态', 'text')],
    rows.map((r) => ({
      no: r.no,
      customer: r.customer,
      address: r.address,
      kind: CALLBACK_KIND_LABELS[r.kind as keyof typeof CALLBACK_KIND_LABELS] ?? r.kind,
      category: r.category,
      person: r.person,
      state: TICKET_STATE_LABELS[r.state as keyof typeof TICKET_STATE_LABELS] ?? r.state,
    })),
  )
}

/** 工程月报表: signings, milestones, payments and the state at the month's end. */
export async function projectSummarySections(em: EntityManager, p: Period): Promise<ReportSection[]> {
  const within = (column: string) => `${column} BETWEEN :from AND :to`
  const [row] = await namedSql<Record<string, unknown>>(
    em,
    `SELECT SUM(CASE WHEN ${within('signed_on')} AND cancelled_on IS NULL THEN 1 ELSE 0 END) AS signed,
            SUM(CASE WHEN ${within('signed_on')} AND cancelled_on IS NULL THEN amount_fen ELSE 0 END) AS "signedFen",
            SUM(CASE WHEN ${within('start_on')} THEN 1 ELSE 0 END) AS started,
            SUM(CASE WHEN ${within('material_on')} THEN 1 ELSE 0 END) AS material,
            SUM(CASE WHEN ${within('midterm_on')} THEN 1 ELSE 0 END) AS midterm,
            SUM(CASE WHEN ${within('completion_on')} THEN 1 ELSE 0 END) AS completed,
            SUM(CASE WHEN ${within('cancelled_on')} THEN 1 ELSE 0 END) AS cancelled,
            SUM(CASE WHEN start_on <= :to AND (completion_on IS NULL OR completion_on > :to) AND (cancelled_on IS NULL OR cancelled_on > :to) THEN 1 ELSE 0 END) AS building,
            SUM(CASE WHEN ${within('first_paid_on')} THEN 1 ELSE 0 END) AS "firstN", SUM(CASE WHEN ${within('first_paid_on')} THEN first_fen ELSE 0 END) AS "firstFen",
            SUM(CASE WHEN ${within('midterm_paid_on')} THEN 1 ELSE 0 END) AS "midN", SUM(CASE WHEN ${within('midterm_paid_on')} THEN midterm_fen ELSE 0 END) AS "midFen",
            SUM(CASE WHEN ${within('final_paid_on')} THEN 1 ELSE 0 END) AS "finalN", SUM(CASE WHEN ${within('final_paid_on')} THEN final_fen ELSE 0 END) AS "finalFen",
            SUM(CASE WHEN ${within('settlement_sent_on')} THEN 1 ELSE 0 END) AS settled
       FROM project`,
    { from: p.from, to: p.to },
  )
  const [stops] = await namedSql<{ n: unknown }>(
    em,
    `SELECT COUNT(DISTINCT s.project_id) AS n FROM project_stop s JOIN project pr ON pr.id = s.project_id
      WHERE s.from_on <= :to AND (s.to_on IS NULL OR s.to_on > :to) AND (pr.cancelled_on IS NULL OR pr.cancelled_on > :to)`,
    { to: p.to },
  )
  const [insp] = await namedSql<Record<string, unknown>>(
    em,
    `SELECT (SELECT COUNT(*) FROM inspection WHERE inspected_on BETWEEN :from AND :to) AS inspections,
            (SELECT COUNT(*) FROM inspection WHERE inspected_on BETWEEN :from AND :to AND result = 'issues') AS issues,
            (SELECT COUNT(*) FROM rectification WHERE created_at >= :fromAt AND created_at < :toAt) AS notices,
            (SELECT COUNT(*) FROM rectification WHERE closed_on BETWEEN :from AND :to) AS closed,
            (SELECT COUNT(*) FROM rectification WHERE deadline_on < :to AND created_at < :toAt AND (closed_on IS NULL OR closed_on > :to)) AS overdue`,
    { from: p.from, to: p.to, fromAt: p.fromAt, toAt: p.toAt },
  )
  const n = (v: unknown) => toNumber(v)
  return [
    section(
      'projectFlow',
      '工地进度',
      [
        col('signed', '新签合同', 'int'),
        col('signedFen', '合同金额', 'fen'),
        col('started', '开工', 'int'),
        col('material', '材料进场', 'int'),
        col('midterm', '中期验收', 'int'),
        col('completed', '竣工', 'int'),
        col('cancelled', '取消', 'int'),
        col('settled', '交财务结算', 'int'),
        col('building', '月末在施工地', 'int'),
        col('stopped', '月末停工', 'int'),
      ],
      [{ signed: n(row.signed), signedFen: n(row.signedFen), started: n(row.started), material: n(row.material), midterm: n(row.midterm), completed: n(row.completed), cancelled: n(row.cancelled), settled: n(row.settled), building: n(row.building), stopped: n(stops.n) }],
      '新签合同不含已取消的；月末在施工地 = 月末已开工、未竣工、未取消（含停工）。',
    ),
    section(
      'payments',
      '工程收款',
      [col('stage', '款项', 'text'), col('count', '笔数', 'int'), col('amount', '金额', 'fen')],
      [
        { stage: '首期款', count: n(row.firstN), amount: n(row.firstFen) },
        { stage: '中期款', count: n(row.midN), amount: n(row.midFen) },
        { stage: '尾款', count: n(row.finalN), amount: n(row.finalFen) },
      ],
    ),
    section(
      'inspections',
      '工地巡检',
      [col('inspections', '巡检次数', 'int'), col('issues', '需整改', 'int'), col('notices', '整改通知书', 'int'), col('closed', '整改完成', 'int'), col('overdue', '逾期未整改', 'int')],
      [{ inspections: n(insp.inspections), issues: n(insp.issues), notices: n(insp.notices), closed: n(insp.closed), overdue: n(insp.overdue) }],
    ),
  ]
}

/** Per project manager: sites under way at the month's end, completed, inspections, notices, complaints. */
export async function projectManagerSection(em: EntityManager, p: Period): Promise<ReportSection> {
  const rows = await namedSql<Record<string, unknown>>(
    em,
    `SELECT pe.id AS id, pe.name AS name,
            (SELECT COUNT(*) FROM project pr WHERE pr.project_manager_id = pe.id AND pr.start_on <= :to AND (pr.completion_on IS NULL OR pr.completion_on > :to)
               AND (pr.cancelled_on IS NULL OR pr.cancelled_on > :to)) AS building,
            (SELECT COUNT(*) FROM project pr WHERE pr.project_manager_id = pe.id AND pr.completion_on BETWEEN :from AND :to) AS completed,
            (SELECT COUNT(*) FROM inspection i JOIN project pr ON pr.id = i.project_id WHERE pr.project_manager_id = pe.id AND i.inspected_on BETWEEN :from AND :to) AS inspections,
            (SELECT COUNT(*) FROM rectification r JOIN project pr ON pr.id = r.project_id WHERE pr.project_manager_id = pe.id AND r.created_at >= :fromAt AND r.created_at < :toAt) AS notices,
            (SELECT COUNT(*) FROM ticket t WHERE t.person_id = pe.id AND t.kind = 'complaint' AND t.state <> 'cancelled' AND t.created_at >= :fromAt AND t.created_at < :toAt) AS complaints
       FROM person pe WHERE pe.kind = 'projectManager' ORDER BY pe.name`,
    { from: p.from, to: p.to, fromAt: p.fromAt, toAt: p.toAt },
  )
  const n = (v: unknown) => toNumber(v)
  return section(
    'projectManagers',
    '项目经理工地情况',
    [col('name', '项目经理', 'text'), col('building', '在施工地', 'int'), col('completed', '本月竣工', 'int'), col('inspections', '巡检次数', 'int'), col('notices', '整改通知书', 'int'), col('complaints', '投诉', 'int')],
    rows
      .map((r) => ({ name: String(r.name), building: n(r.building), completed: n(r.completed), inspections: n(r.inspections), notices: n(r.notices), complaints: n(r.complaints) }))
      .filter((r) => r.building + r.completed + r.inspections + r.notices + r.complaints > 0),
  )
}

const ROLE_COLUMNS = {
  designer: { site: 'designer_id', evaluation: 'score_designer', title: '设计师' },
  projectManager: { site: 'project_manager_id', evaluation: 'score_project_manager', title: '项目经理' },
  supervisor: { site: 'supervisor_id', evaluation: 'score_supervisor', title: '监理' },
} as const
export type AssessedRole = keyof typeof ROLE_COLUMNS
export const ASSESSED_ROLES = Object.keys(ROLE_COLUMNS) as AssessedRole[]

/**
 * 月业绩考核表 for one role: per person the complaints against them, how many of their tickets
 * were resolved on time, the callbacks on their sites (满意率, mean score), the customers'
 * evaluations of them for the month, and the assessment amounts confirmed in the month.
 */
export async function performanceSection(em: EntityManager, p: Period, role: AssessedRole): Promise<ReportSection> {
  const { site, evaluation, title } = ROLE_COLUMNS[role]
  const month = p.from.slice(0, 7)
  const byPerson = async (sql: string, params: Record<string, unknown>) => {
    const rows = await namedSql<{ id: unknown; a: unknown; b: unknown; c: unknown }>(em, sql, params)
    return new Map(rows.map((r) => [toNumber(r.id), { a: toNumber(r.a), b: toNumber(r.b), c: r.c === null || r.c === undefined ? null : toNumber(r.c) }]))
  }
  const range = { fromAt: p.fromAt, toAt: p.toAt }
  const complaints = await byPerson(
    "SELECT person_id AS id, COUNT(*) AS a, 0 AS b, NULL AS c FROM ticket WHERE kind = 'complaint' AND state <> 'cancelled' AND created_at >= :fromAt AND created_at < :toAt AND person_id IS NOT NULL GROUP BY person_id",
    range,
  )
  const resolved = await byPerson(
    'SELECT person_id AS id, SUM(resolved) AS a, SUM(on_time) AS b, NULL AS c FROM ticket_stat WHERE stat_date BETWEEN :from AND :to AND person_id <> 0 GROUP BY person_id',
    { from: p.from, to: p.to },
  )
  const callbacks = await byPerson(
    `SELECT pr.${site} AS id, COUNT(*) AS a, SUM(CASE WHEN c.result = 'satisfied' THEN 1 ELSE 0 END) AS b, SUM(${SCORE_SUM}) * 1.0 / NULLIF(SUM(${SCORE_COUNT}), 0) AS c
       FROM callback c JOIN project pr ON pr.id = c.project_id
      WHERE c.done_at >= :fromAt AND c.done_at < :toAt AND c.result IS NOT NULL AND pr.${site} IS NOT NULL GROUP BY pr.${site}`,
    range,
  )
  const evaluations = await byPerson(
    `SELECT pr.${site} AS id, COUNT(*) AS a, 0 AS b, AVG(e.${evaluation} * 1.0) AS c FROM evaluation e JOIN project pr ON pr.id = e.project_id
      WHERE e.month = :month AND pr.${site} IS NOT NULL GROUP BY pr.${site}`,
    { month },
  )
  const assessments = await byPerson(
    `SELECT person_id AS id, COUNT(*) AS a, SUM(COALESCE(amount_fen, 0)) AS b, NULL AS c FROM assessment
      WHERE status = 'confirmed' AND decided_at >= :fromAt AND decided_at < :toAt GROUP BY person_id`,
    range,
  )
  const people = await namedSql<{ id: unknown; name: string; active: unknown }>(em, 'SELECT id, name, active FROM person WHERE kind = :role ORDER BY name', { role })
  const rows = people
    .map((person) => {
      const id = toNumber(person.id)
      const cb = callbacks.get(id)
      const ev = evaluations.get(id)
      const rs = resolved.get(id)
      const as = assessments.get(id)
      return {
        active: person.active === true || toNumber(person.active) === 1,
        row: {
          name: person.name,
          complaints: complaints.get(id)?.a ?? 0,
          resolved: rs?.a ?? 0,
          onTimeRate: rs ? ratio(rs.b, rs.a) : null,
          callbacks: cb?.a ?? 0,
          satisfiedRate: cb ? ratio(cb.b, cb.a) : null,
          callbackScore: cb?.c ?? null,
          evaluations: ev?.a ?? 0,
          evaluationScore: ev?.c ?? null,
          assessments: as?.a ?? 0,
          assessmentFen: as?.b ?? 0,
        } satisfies Row,
      }
    })
    .filter(({ active, row }) => active || row.complaints + row.resolved + row.callbacks + row.evaluations + row.assessments > 0)
    .map(({ row }) => row)
  return section(
    `performance-${role}`,
    `${title}考核`,
    [
      col('name', title, 'text'),
      col('complaints', '被投诉', 'int'),
      col('resolved', '办结工单', 'int'),
      col('onTimeRate', '按时办结率', 'percent'),
      col('callbacks', '回访数', 'int'),
      col('satisfiedRate', '回访满意率', 'percent'),
      col('callbackScore', '回访平均分', 'score'),
      col('evaluations', '客户评价', 'int'),
      col('evaluationScore', '评价平均分', 'score'),
      col('assessments', '考核笔数', 'int'),
      col('assessmentFen', '考核金额', 'fen'),
    ],
    rows,
    '被投诉：本月受理、责任人为其本人的投诉；回访：本月完成、其负责工地的回访；客户评价：本月客户评价表；考核金额：本月确认的考核。',
  )
}
