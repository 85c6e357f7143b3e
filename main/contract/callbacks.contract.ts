import { z } from 'zod'
import type { PersonRef } from './customers.contract'
import { defineMethod } from './define'
import { choice, id, input, intRange, isoDate, MAX_ID, optionalId, optionalText, pageInput, text, type Page } from './schema-kit'

/**
 * A Callback (回访) is one call the department owes a customer. Every reason to call back is a
 * kind of the same record, so one desk serves them all: a site's plan creates `construction`
 * (weekly while building), `milestone` (control points) and `aftercare` (after completion);
 * tickets create `ticketSatisfaction`. Holiday greetings are batch lists, not callbacks.
 */
export const CALLBACK_KINDS = ['construction', 'milestone', 'aftercare', 'ticketSatisfaction'] as const
export type CallbackKind = (typeof CALLBACK_KINDS)[number]
export const CALLBACK_KIND_LABELS: Record<CallbackKind, string> = {
  construction: '施工期回访',
  milestone: '节点回访',
  aftercare: '维保回访',
  ticketSatisfaction: '工单满意度回访',
}
/** the kinds a site's plan derives; only these are re-derived when its dates change */
export const PLAN_CALLBACK_KINDS: readonly CallbackKind[] = ['construction', 'milestone', 'aftercare']

/** what the customer is asked to score, 1–5 */
export const SCORE_DIMENSIONS = ['design', 'quality', 'tidiness', 'service', 'schedule'] as const
export type ScoreDimension = (typeof SCORE_DIMENSIONS)[number]
export const SCORE_DIMENSION_LABELS: Record<ScoreDimension, string> = { design: '设计', quality: '施工质量', tidiness: '现场文明', service: '服务态度', schedule: '工期' }
export type CallbackScores = Record<ScoreDimension, number | null>

export const ATTEMPT_OUTCOMES = ['noAnswer', 'busy', 'wrongNumber', 'inconvenient'] as const
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number]
export const ATTEMPT_OUTCOME_LABELS: Record<AttemptOutcome, string> = { noAnswer: '无人接听', busy: '占线', wrongNumber: '号码错误', inconvenient: '客户不便' }

export const CALLBACK_STATUSES = ['open', 'done', 'cancelled'] as const
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number]
export const CALLBACK_STATUS_LABELS: Record<CallbackStatus, string> = { open: '待回访', done: '已回访', cancelled: '已取消' }

export const SATISFACTION_LEVELS = ['satisfied', 'fair', 'unsatisfied'] as const
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number]
export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' }

export interface CallbackItem {
  id: number
  kind: CallbackKind
  status: CallbackStatus
  customer: PersonRef
  /** grouped, or masked for a role that may not see phones */
  phone: string
  ticket: { id: number; no: string } | null
  project: { id: number; contractNo: string } | null
  /** why we call, in words: the ticket's subject, the milestone… */
  reason: string
  dueOn: string
  overdue: boolean
  agent: PersonRef | null
  /** the date the plan gave it; differs from dueOn once an attempt rescheduled it */
  plannedOn: string | null
  attempts: number
  lastAttemptAt: string | null
  lastAttemptOutcome: AttemptOutcome | null
  lastAttemptNote: string | null
  result: Satisfaction | null
  scores: CallbackScores
  /** the customer's rating of a repair, 1–5 */
  rating: number | null
  comment: string | null
  doneAt: string | null
  doneBy: PersonRef | null
  callId: number | null
  /** the 回访联系单 raised when the callback found a problem */
  problemTicket: { id: number; no: string } | null
  version: number
}

export interface CallbackAttempt {
  at: string
  by: PersonRef
  outcome: AttemptOutcome
  note: string | null
  retryOn: string
}

export interface CallbackDetail extends CallbackItem {
  attemptLog: CallbackAttempt[]
}

/** A holiday's greeting list (节日问候): one batch per holiday, outside the callback completion rate. */
export interface GreetingBatch {
  /** e.g. `2027-春节`: the year and the holiday's name */
  key: string
  name: string
  /** the festival day, or the first day off */
  holidayOn: string
  /** when the greetings should go out: a few days ahead (a setting) */
  dueOn: string
  /** official: from the published holiday arrangement; derived: from the lunar calendar, not yet published */
  source: 'official' | 'derived'
  /** customers with a site under construction or in warranty on that day */
  audience: number
  doneAt: string | null
  doneBy: PersonRef | null
  sent: number | null
  note: string | null
}

export interface GreetingRecipient {
  customer: PersonRef
  phone: string
  project: { id: number; contractNo: string; status: string }
}

const version = intRange('版本号', 1, MAX_ID)
const score = (label: string) => intRange(label, 1, 5)

export const callbacksContract = {
  list: defineMethod<Page<CallbackItem>>()({
    input: input({
      /** unassigned: the pool any agent may claim from */
      scope: choice('范围', ['mine', 'unassigned', 'all'] as const).default('mine'),
      status: choice('状态', CALLBACK_STATUSES).default('open'),
      kind: choice('回访类型', CALLBACK_KINDS).optional(),
      ticketId: id('工单').optional(),
      projectId: id('工地').optional(),
      customerId: id('客户').optional(),
      agentId: id('客服').optional(),
      /** open callbacks due on or before this company date (default: all) */
      dueBy: isoDate('截止日期').optional(),
      /** due on these company dates (the dashboard's callback completion) */
      dueFrom: isoDate('应回访起始日期').optional(),
      dueTo: isoDate('应回访截止日期').optional(),
      /** done on these company dates (the dashboard's satisfaction trend; with status done) */
      doneFrom: isoDate('完成起始日期').optional(),
      doneTo: isoDate('完成截止日期').optional(),
      ...pageInput(),
    }),
    permission: 'callbacks.read',
    audit: 'view',
  }),
  get: defineMethod<CallbackDetail>()({ input: input({ id: id('回访') }), permission: 'callbacks.read', audit: 'view' }),
  /**
   * The customer answered: their verdict, scores per dimension and comments. For a ticket,
   * 满意/基本满意 closes it and 不满意 reopens it. A `problem` raises a 回访联系单: a complaint
   * ticket dispatched to the responsible person with a deadline, in the same step.
   */
  complete: defineMethod<CallbackItem>()({
    input: input({
      id: id('回访'),
      version,
      result: choice('满意度', SATISFACTION_LEVELS),
      rating: intRange('评分', 1, 5).nullish().transform((v) => v ?? null),
      /** the dimensions the customer scored; the rest stay empty */
      scores: z
        .strictObject(
          { design: score('设计评分'), quality: score('施工质量评分'), tidiness: score('现场文明评分'), service: score('服务态度评分'), schedule: score('工期评分') },
          { error: '评分无效' },
        )
        .partial()
        .nullish()
        .transform((v) => v ?? null),
      comment: optionalText('客户意见', 1000),
      callId: optionalId('通话记录'),
      problem: z
        .strictObject(
          {
            description: text('问题描述', 2000),
            category: text('问题类别', 30),
            severity: text('严重程度', 30),
            departmentId: id('责任部门'),
            personId: id('责任人'),
            dueAt: z.iso.datetime({ offset: true, error: '处理期限格式无效' }).nullish().transform((v) => v ?? null),
          },
          { error: '回访联系单无效' },
        )
        .nullish()
        .transform((v) => v ?? null),
    }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
  /** Nobody answered, the line was busy, the number was wrong: counted, and due again on `retryOn`. */
  recordAttempt: defineMethod<CallbackItem>()({
    input: input({ id: id('回访'), version, outcome: choice('未接通原因', ATTEMPT_OUTCOMES), note: optionalText('说明', 200), retryOn: isoDate('再次回访日期') }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
  /** Takes an unassigned callback (or one of a colleague's) onto my desk. */
  claim: defineMethod<CallbackItem>()({
    input: input({ id: id('回访'), version }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
  /** Gives the callback to another agent. */
  assign: defineMethod<CallbackItem>()({
    input: input({ id: id('回访'), version, agentId: id('客服') }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
  /** Re-derives every site's plan (after the plan rules changed): idempotent, done callbacks stay. */
  replan: defineMethod<{ projects: number; created: number; moved: number; cancelled: number; reopened: number }>()({
    input: input({}),
    permission: 'settings.manage',
    audit: 'change',
  }),
  greetings: defineMethod<GreetingBatch[]>()({
    input: input({ year: intRange('年份', 2000, 2100).optional() }),
    permission: 'callbacks.read',
  }),
  greetingRecipients: defineMethod<Page<GreetingRecipient>>()({
    input: input({ key: text('节日', 40), ...pageInput() }),
    permission: 'callbacks.read',
    audit: 'view',
  }),
  /** The batch went out (SMS or calls): recorded once per holiday. */
  markGreetingDone: defineMethod<GreetingBatch>()({
    input: input({ key: text('节日', 40), note: optionalText('说明', 500) }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
}

export type { Page }
