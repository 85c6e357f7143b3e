import { z } from 'zod'
import type { CallbackItem } from './callbacks.contract'
import type { PersonRef } from './customers.contract'
import { defineMethod } from './define'
import { choice, fen, id, input, intRange, isoDate, MAX_ID, optionalId, optionalText, pageInput, text, type Page } from './schema-kit'

/**
 * A signed contract is a site (工地). Its milestones drive the department's return visits: the start
 * notice (开工通知单) opens weekly callbacks, each control point gets its own, and completion
 * (完工通知单) opens the maintenance archive with monthly then quarterly callbacks.
 */
export const MILESTONES = ['start', 'material', 'midterm', 'completion'] as const
export type Milestone = (typeof MILESTONES)[number]
export const MILESTONE_LABELS: Record<Milestone, string> = { start: '开工', material: '材料进场', midterm: '中期验收', completion: '竣工验收' }

export const PAYMENT_STAGES = ['first', 'midterm', 'final'] as const
export type PaymentStage = (typeof PAYMENT_STAGES)[number]
export const PAYMENT_STAGE_LABELS: Record<PaymentStage, string> = { first: '首期款', midterm: '中期款', final: '尾款' }
/** the milestone after which a payment stage falls due; the first payment is due at signing */
export const PAYMENT_DUE_AT: Record<PaymentStage, Milestone | 'signed'> = { first: 'signed', midterm: 'midterm', final: 'completion' }

/**
 * Derived from the dates and the recorded stops and cancellation, never set by hand:
 * 已竣工 until the final payment is in (the site goes to finance for settlement), then 保修中
 * until the warranty runs out.
 */
export const PROJECT_STATUSES = ['pending', 'building', 'stopped', 'completed', 'warranty', 'expired', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]
export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  pending: '待开工',
  building: '施工中',
  stopped: '停工',
  completed: '已竣工',
  warranty: '保修中',
  expired: '保修期满',
  cancelled: '已取消',
}

export interface MilestoneDates {
  plannedOn: string | null
  actualOn: string | null
}

export interface ProjectPayment {
  stage: PaymentStage
  amountFen: number
  /** the date it fell or falls due: signing, or the milestone's actual (else planned) date; null while unknown */
  dueOn: string | null
  paidOn: string | null
}

export interface ProjectStop {
  id: number
  fromOn: string
  /** null while the site is still stopped */
  toOn: string | null
  reason: string
}

export interface ProjectLogEntry {
  id: number
  at: string
  by: PersonRef | null
  action: string
  /** in words, for the log on screen */
  text: string
}

export interface ProjectItem {
  id: number
  contractNo: string
  customer: PersonRef
  /** grouped, or masked for a role that may not see phones */
  phone: string
  address: string
  designer: PersonRef
  projectManager: PersonRef | null
  supervisor: PersonRef | null
  crew: PersonRef | null
  /** the 客服专员 who owns the site's callbacks */
  agent: PersonRef | null
  amountFen: number
  signedOn: string
  status: ProjectStatus
  milestones: Record<Milestone, MilestoneDates>
  /** the next milestone not yet reached, with its planned date */
  nextMilestone: { milestone: Milestone; plannedOn: string | null } | null
  /** sum of stages due by today and not paid */
  owedFen: number
  warrantyEndsOn: string | null
  settlementSentOn: string | null
  version: number
}

export interface ProjectDetail extends ProjectItem {
  deposit: { id: number; amountFen: number; paidOn: string } | null
  payments: ProjectPayment[]
  stops: ProjectStop[]
  cancelledOn: string | null
  cancelReason: string | null
  note: string | null
  /** the return-visit plan and every callback done: open first by due date */
  callbacks: CallbackItem[]
  log: ProjectLogEntry[]
}

/** 每周统计: what the department reports every week. */
export interface WeeklyCounts {
  weekStart: string
  weekEnd: string
  /** 在施工地: started by the week's end, not completed or cancelled before it began */
  building: number
  /** 应交中期款工地: mid-term acceptance reached (or planned) by the week's end, mid-term payment not in */
  dueMidterm: number
  /** 应交尾款工地: completed by the week's end, final payment not in */
  dueFinal: number
  /** 待结算: completed, not yet handed to materials and finance for final settlement */
  toSettle: number
  /** completed within the week */
  completedThisWeek: number
}

/** What the weekly counts list: the filter `projects.list` takes to show the sites behind a count. */
export const WEEKLY_LISTS = ['building', 'dueMidterm', 'dueFinal', 'toSettle', 'completedThisWeek'] as const
export type WeeklyList = (typeof WEEKLY_LISTS)[number]
export const WEEKLY_LIST_LABELS: Record<WeeklyList, string> = {
  building: '在施工地',
  dueMidterm: '应交中期款',
  dueFinal: '应交尾款',
  toSettle: '待交财务结算',
  completedThisWeek: '本周竣工',
}

export const EVALUATION_ROLES = ['designer', 'projectManager', 'supervisor', 'crew', 'overall'] as const
export type EvaluationRole = (typeof EVALUATION_ROLES)[number]
export const EVALUATION_ROLE_LABELS: Record<EvaluationRole, string> = { designer: '设计师', projectManager: '项目经理', supervisor: '监理', crew: '施工队', overall: '总体评价' }
export type EvaluationScores = Record<EvaluationRole, number>

/** 客户评价表: one per site completed in a month; its scores feed the staff assessment. */
export interface EvaluationRow {
  project: { id: number; contractNo: string; address: string; completedOn: string }
  customer: PersonRef
  designer: PersonRef
  projectManager: PersonRef | null
  supervisor: PersonRef | null
  crew: PersonRef | null
  evaluation: {
    id: number
    scores: EvaluationScores
    comment: string | null
    sentOn: string | null
    returnedOn: string | null
    recordedBy: PersonRef
    version: number
  } | null
}

const version = intRange('版本号', 1, MAX_ID)
const optionalDate = (label: string) =>
  isoDate(label)
    .nullish()
    .transform((v) => v ?? null)
const plannedDates = z.strictObject(
  { start: optionalDate('计划开工日期'), material: optionalDate('计划材料进场日期'), midterm: optionalDate('计划中期验收日期'), completion: optionalDate('计划竣工日期') },
  { error: '计划日期无效' },
)
const payments = z.strictObject(
  { first: fen('首期款'), midterm: fen('中期款'), final: fen('尾款') },
  { error: '付款计划无效' },
)
const score = (label: string) => intRange(label, 1, 5)

/** What the contract says; corrected later with `update`. */
const contractFields = {
  contractNo: text('合同编号', 30),
  address: text('工地地址', 120),
  designerId: id('设计师'),
  projectManagerId: optionalId('项目经理'),
  supervisorId: optionalId('监理'),
  crewId: optionalId('施工队'),
  agentId: optionalId('跟进客服'),
  amountFen: fen('合同金额').min(1, { error: '合同金额必须大于0' }),
  signedOn: isoDate('签约日期'),
  planned: plannedDates,
  payments,
  note: optionalText('备注', 1000),
}

export const projectsContract = {
  /** Signs a contract into a site; with `depositId` the pending deposit becomes signed in the same step. */
  create: defineMethod<ProjectDetail>()({
    input: input({ customerId: id('客户'), depositId: optionalId('定金'), ...contractFields }),
    permission: 'projects.write',
    audit: 'change',
  }),
  update: defineMethod<ProjectDetail>()({
    input: input({ id: id('工地'), version, ...contractFields }),
    permission: 'projects.write',
    audit: 'change',
  }),
  get: defineMethod<ProjectDetail>()({ input: input({ id: id('工地') }), permission: 'projects.read', audit: 'view' }),
  list: defineMethod<Page<ProjectItem>>()({
    input: input({
      status: choice('状态', PROJECT_STATUSES).optional(),
      /** the sites behind one of the weekly counts, for the week containing `weekOf` */
      weekly: choice('每周统计', WEEKLY_LISTS).optional(),
      weekOf: isoDate('统计周').optional(),
      designerId: id('设计师').optional(),
      projectManagerId: id('项目经理').optional(),
      supervisorId: id('监理').optional(),
      agentId: id('跟进客服').optional(),
      customerId: id('客户').optional(),
      q: optionalText('合同编号、客户或地址', 40).optional(),
      /** signed on these dates; cancelled contracts are left out, as the dashboard's 签约 counts them */
      signedFrom: isoDate('签约起始日期').optional(),
      signedTo: isoDate('签约截止日期').optional(),
      ...pageInput(),
    }),
    permission: 'projects.read',
    audit: 'view',
  }),
  /** Records a milestone's actual date (开工通知单, 完工通知单…); the callback plan follows. */
  recordMilestone: defineMethod<ProjectDetail>()({
    input: input({ id: id('工地'), version, milestone: choice('节点', MILESTONES), on: isoDate('实际日期'), note: optionalText('说明', 500) }),
    permission: 'projects.write',
    audit: 'change',
  }),
  recordPayment: defineMethod<ProjectDetail>()({
    input: input({ id: id('工地'), version, stage: choice('款项', PAYMENT_STAGES), paidOn: isoDate('到账日期') }),
    permission: 'projects.write',
    audit: 'change',
  }),
  stop: defineMethod<ProjectDetail>()({
    input: input({ id: id('工地'), version, on: isoDate('停工日期'), reason: text('停工原因', 200) }),
    permission: 'projects.write',
    audit: 'change',
  }),
  resume: defineMethod<ProjectDetail>()({
    input: input({ id: id('工地'), version, on: isoDate('复工日期'), note: optionalText('说明', 500) }),
    permission: 'projects.write',
    audit: 'change',
  }),
  cancel: defineMethod<ProjectDetail>()({
    input: input({ id: id('工地'), version, on: isoDate('取消日期'), reason: text('取消原因', 200) }),
    permission: 'projects.write',
    audit: 'change',
  }),
  /** The completed site went to materials and finance for final settlement (尾款结算). */
  markSettlementSent: defineMethod<ProjectDetail>()({
    input: input({ id: id('工地'), version, on: isoDate('移交日期') }),
    permission: 'projects.write',
    audit: 'change',
  }),
  weeklyCounts: defineMethod<WeeklyCounts>()({
    input: input({ weekOf: isoDate('统计周').optional() }),
    permission: 'projects.read',
  }),
  /** 客户评价表 of one month: the sites completed in it, with their scores where entered. */
  evaluations: defineMethod<EvaluationRow[]>()({
    input: input({ month: z.string({ error: '月份格式应为 YYYY-MM' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' }) }),
    permission: 'projects.read',
    audit: 'view',
  }),
  saveEvaluation: defineMethod<EvaluationRow>()({
    input: input({
      projectId: id('工地'),
      version: version.nullish().transform((v) => v ?? null),
      scores: z.strictObject(
        { designer: score('设计师评分'), projectManager: score('项目经理评分'), supervisor: score('监理评分'), crew: score('施工队评分'), overall: score('总体评价') },
        { error: '评分无效' },
      ),
      comment: optionalText('客户意见', 1000),
      sentOn: optionalDate('寄出日期'),
      returnedOn: optionalDate('收回日期'),
    }),
    permission: 'projects.write',
    audit: 'change',
  }),
}

export type { Page }
