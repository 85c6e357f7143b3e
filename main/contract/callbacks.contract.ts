import type { PersonRef } from './customers.contract'
import { defineMethod } from './define'
import { choice, id, input, intRange, isoDate, MAX_ID, optionalId, optionalText, pageInput, text, type Page } from './schema-kit'

/**
 * A Callback (回访) is one call the department owes a customer. Every reason to call back is a
 * kind of the same record, so one desk serves them all; tickets create `ticketSatisfaction`.
 */
export const CALLBACK_KINDS = ['ticketSatisfaction'] as const
export type CallbackKind = (typeof CALLBACK_KINDS)[number]
export const CALLBACK_KIND_LABELS: Record<CallbackKind, string> = { ticketSatisfaction: '工单满意度回访' }

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
  /** why we call, in words: the ticket's subject, the milestone… */
  reason: string
  dueOn: string
  overdue: boolean
  agent: PersonRef | null
  attempts: number
  lastAttemptAt: string | null
  lastAttemptNote: string | null
  result: Satisfaction | null
  /** the customer's rating of a repair, 1–5 */
  rating: number | null
  comment: string | null
  doneAt: string | null
  doneBy: PersonRef | null
  callId: number | null
  version: number
}

const version = intRange('版本号', 1, MAX_ID)

export const callbacksContract = {
  list: defineMethod<Page<CallbackItem>>()({
    input: input({
      scope: choice('范围', ['mine', 'all'] as const).default('mine'),
      status: choice('状态', CALLBACK_STATUSES).default('open'),
      kind: choice('回访类型', CALLBACK_KINDS).optional(),
      ticketId: id('工单').optional(),
      /** open callbacks due on or before this company date (default: all) */
      dueBy: isoDate('截止日期').optional(),
      ...pageInput(),
    }),
    permission: 'callbacks.read',
    audit: 'view',
  }),
  /** The customer answered: their verdict. For a ticket, 满意/基本满意 closes it and 不满意 reopens it. */
  complete: defineMethod<CallbackItem>()({
    input: input({
      id: id('回访'),
      version,
      result: choice('满意度', SATISFACTION_LEVELS),
      rating: intRange('评分', 1, 5).nullish().transform((v) => v ?? null),
      comment: optionalText('客户意见', 1000),
      callId: optionalId('通话记录'),
    }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
  /** Nobody answered or it was not convenient: counted, and due again on `retryOn`. */
  recordAttempt: defineMethod<CallbackItem>()({
    input: input({ id: id('回访'), version, note: text('未回访成功的原因', 200), retryOn: isoDate('再次回访日期') }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
  /** Gives the callback to another agent (or takes it). */
  assign: defineMethod<CallbackItem>()({
    input: input({ id: id('回访'), version, agentId: id('客服') }),
    permission: 'callbacks.write',
    audit: 'change',
  }),
}

export type { Page }
