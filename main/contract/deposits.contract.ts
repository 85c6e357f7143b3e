import type { PersonRef } from './customers.contract'
import { defineMethod } from './define'
import { choice, fen, id, input, intRange, isoDate, MAX_ID, optionalId, optionalText, pageInput, text, type Page } from './schema-kit'

/**
 * A deposit (定金) is the client's first money: from then on the client is 待签 until a contract is
 * signed or the client is lost. The department follows every pending client (防止客户流失).
 */
export const DEPOSIT_STATUSES = ['pending', 'signed', 'lost'] as const
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number]
export const DEPOSIT_STATUS_LABELS: Record<DepositStatus, string> = { pending: '待签', signed: '已签约', lost: '已流失' }
/** what the list filters by: a status, or `all` of them (the dashboard's deposits of a period) */
export const DEPOSIT_LIST_STATUSES = [...DEPOSIT_STATUSES, 'all'] as const
export type DepositListStatus = (typeof DEPOSIT_LIST_STATUSES)[number]

export interface DepositFollowUp {
  id: number
  at: string
  by: PersonRef
  note: string
  /** when to follow up next, if set */
  nextOn: string | null
}

export interface DepositItem {
  id: number
  customer: PersonRef
  /** grouped, or masked for a role that may not see phones */
  phone: string
  designer: PersonRef
  consultant: PersonRef | null
  amountFen: number
  paidOn: string
  status: DepositStatus
  /** days from the deposit to today while pending, to the outcome otherwise */
  ageDays: number
  followUps: number
  lastFollowUpAt: string | null
  nextFollowUpOn: string | null
  outcomeOn: string | null
  lostReason: string | null
  project: { id: number; contractNo: string } | null
  note: string | null
  createdBy: PersonRef
  version: number
}

export interface DepositDetail extends DepositItem {
  followUpLog: DepositFollowUp[]
}

/** One designer's line on the weekly meeting's table (谈单量, 定金数, 达成率). */
export interface DesignerStat {
  designer: PersonRef
  /** walk-ins received plus measuring appointments made: 谈单量 */
  consultations: number
  visits: number
  measures: number
  deposits: number
  signed: number
  lost: number
  /** signed ÷ consultations, 0–1; null without consultations */
  conversion: number | null
  /** deposits ÷ consultations, 0–1; null without consultations */
  depositRate: number | null
}

const version = intRange('版本号', 1, MAX_ID)

export const depositsContract = {
  register: defineMethod<DepositDetail>()({
    input: input({
      customerId: id('客户'),
      designerId: id('设计师'),
      consultantId: optionalId('家居顾问'),
      amountFen: fen('定金金额').min(1, { error: '定金金额必须大于0' }),
      paidOn: isoDate('交定日期'),
      note: optionalText('备注', 500),
    }),
    permission: 'projects.write',
    audit: 'change',
  }),
  list: defineMethod<Page<DepositItem>>()({
    input: input({
      status: choice('状态', DEPOSIT_LIST_STATUSES).default('pending'),
      designerId: id('设计师').optional(),
      customerId: id('客户').optional(),
      /** pending at least this many days */
      minAgeDays: intRange('待签天数', 0, 3650).optional(),
      q: optionalText('客户姓名或电话', 40).optional(),
      /** paid on these company dates */
      paidFrom: isoDate('交定起始日期').optional(),
      paidTo: isoDate('交定截止日期').optional(),
      ...pageInput(),
    }),
    permission: 'projects.read',
    audit: 'view',
  }),
  get: defineMethod<DepositDetail>()({ input: input({ id: id('定金') }), permission: 'projects.read', audit: 'view' }),
  /** A call or visit to a pending client: what was said, and when to call again. */
  followUp: defineMethod<DepositDetail>()({
    input: input({ id: id('定金'), version, note: text('跟进情况', 1000), nextOn: isoDate('下次跟进日期').nullish().transform((v) => v ?? null) }),
    permission: 'projects.write',
    audit: 'change',
  }),
  markLost: defineMethod<DepositDetail>()({
    input: input({ id: id('定金'), version, reason: text('流失原因', 200), on: isoDate('流失日期') }),
    permission: 'projects.write',
    audit: 'change',
  }),
  /** Per designer over a period (company dates, inclusive): consultations, deposits, signed, conversion. */
  designerStats: defineMethod<DesignerStat[]>()({
    input: input({ from: isoDate('起始日期'), to: isoDate('截止日期') }),
    permission: 'projects.read',
  }),
}

export type { Page }
