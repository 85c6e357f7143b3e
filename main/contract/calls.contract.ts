import { z } from 'zod'
import { defineMethod } from './define'
import type { CustomerListItem, Following, PersonRef, TimelineEntry } from './customers.contract'
import type { PhoneKind } from './phone'
import { choice, decimalRange, fen, id, input, intRange, isoDate, MAX_ID, optionalId, optionalText, pageInput, text, type Page } from './schema-kit'
import { MAX_PERIOD_DAYS } from './dashboard.contract'
import { daysBetween } from './time'

export const CALL_DIRECTIONS = ['in', 'out'] as const
export type CallDirection = (typeof CALL_DIRECTIONS)[number]
export const CALL_DIRECTION_LABELS: Record<CallDirection, string> = { in: '呼入', out: '呼出' }

/** ringing and talking while the call lasts; answered, missed or abandoned once it has ended. */
export const CALL_STATUSES = ['ringing', 'talking', 'answered', 'missed', 'abandoned'] as const
export type CallStatus = (typeof CALL_STATUSES)[number]
export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  ringing: '振铃中',
  talking: '通话中',
  answered: '已接通',
  missed: '未接',
  abandoned: '放弃',
}

export const CALL_TYPES = ['consult', 'measure', 'complaint', 'repair', 'callback', 'other'] as const
export type CallType = (typeof CALL_TYPES)[number]
export const CALL_TYPE_LABELS: Record<CallType, string> = {
  consult: '咨询',
  measure: '预约量房',
  complaint: '投诉',
  repair: '报修',
  callback: '回访',
  other: '其他',
}

export type CallSource = 'manual' | 'cti'

const dateTime = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式无效` }).transform((v) => new Date(v).toISOString())

/** Consultation needs (咨询): what the caller wants; they also update the customer's profile. */
const consultNeeds = {
  community: optionalText('小区', 60),
  houseType: optionalText('房型', 30),
  areaSqm: decimalRange('面积（㎡）', 1, 100000).nullish().transform((v) => v ?? null),
  budgetMinFen: fen('预算下限').nullish().transform((v) => v ?? null),
  budgetMaxFen: fen('预算上限').nullish().transform((v) => v ?? null),
  style: optionalText('装修风格', 30),
}

/**
 * The type-specific part of the intake form. Complaint and repair details are kept as typed so
 * that the tickets area can take them over without asking the caller again.
 */
export const callDetailsSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('consult'), ...consultNeeds }),
    z.strictObject({
      type: z.literal('measure'),
      ...consultNeeds,
      address: optionalText('量房地址', 120),
      scheduledAt: dateTime('量房时间'),
      designerId: id('量房设计师'),
    }),
    z.strictObject({
      type: z.literal('complaint'),
      category: text('投诉类别', 30),
      severity: text('严重程度', 30),
      description: text('投诉内容', 2000),
      expectation: optionalText('客户诉求', 500),
    }),
    z.strictObject({
      type: z.literal('repair'),
      category: text('报修项目', 30),
      description: text('故障描述', 2000),
      address: optionalText('维修地址', 120),
      preferredTime: optionalText('期望上门时间', 60),
    }),
  ],
  { error: '来电详情无效' },
)
export type CallDetails = z.output<typeof callDetailsSchema>

export interface CallEdit {
  at: string
  by: PersonRef
  /** field → [before, after], as shown */
  changes: Record<string, [unknown, unknown]>
}

export interface CallListItem {
  id: number
  direction: CallDirection
  /** as received or typed; empty for a withheld caller */
  rawNumber: string
  /** grouped for display, or masked for a role that may not see phones; '' when withheld */
  display: string
  customer: PersonRef | null
  agent: PersonRef | null
  status: CallStatus
  type: CallType | null
  startedAt: string
  /** seconds from answer to hang-up; null until the call has ended, 0 if never answered */
  talkSec: number | null
  ringSec: number | null
  summary: string | null
  outcome: string | null
  source: CallSource
}

export interface CallDetail extends CallListItem {
  normalized: string | null
  extension: string | null
  externalId: string | null
  ringingAt: string | null
  answeredAt: string | null
  endedAt: string | null
  followUpOn: string | null
  details: CallDetails | null
  /** the follow-up this call carries out, if it was started from one */
  followUpId: number | null
  intakeSavedAt: string | null
  version: number
  edits: CallEdit[]
}

export type OpenItemKind = 'followUp' | 'missedCall' | 'appointment'

/** Something still to be done for this caller, shown on the screen pop. */
export interface OpenItem {
  kind: OpenItemKind | string
  refId: number
  title: string
  detail: string
  /** when it is due or happened */
  at: string
  overdue: boolean
}

export interface ScreenPop {
  /** what arrived, as typed or received */
  raw: string
  /** null for a withheld caller or something that is not a phone number */
  normalized: string | null
  display: string
  kind: PhoneKind | null
  region: string | null
  carrier: string | null
  customer: (CustomerListItem & { visitCount: number; callCount: number; ownerAgent: PersonRef | null }) | null
  following: Following | null
  /** the last interactions across visits, calls (and later tickets), newest first */
  recent: TimelineEntry[]
  openItems: OpenItem[]
}

export type FollowUpStatus = 'open' | 'done' | 'cancelled'

export interface FollowUp {
  id: number
  dueOn: string
  overdue: boolean
  status: FollowUpStatus
  note: string | null
  customer: PersonRef | null
  display: string
  agent: PersonRef
  sourceCallId: number
  doneAt: string | null
  doneCallId: number | null
}

export interface MissedItem {
  /** the number that called (normalized), as received if it is no number, '' when withheld */
  numberKey: string
  display: string
  customer: PersonRef | null
  count: number
  firstAt: string
  lastAt: string
  lastCallId: number
  handledAt: string | null
  handledBy: PersonRef | null
  handledNote: string | null
}

/** A staff account that takes calls, for filters and assignment. */
export interface CallAgent {
  id: number
  name: string
  extension: string | null
  active: boolean
}

export interface LiveCall {
  id: number
  direction: CallDirection
  status: 'ringing' | 'talking'
  display: string
  customer: PersonRef | null
  agent: PersonRef | null
  extension: string | null
  since: string
}

export interface AgentLoad {
  agent: PersonRef
  extension: string | null
  calls: number
  answered: number
  /** average talk time of answered calls, seconds */
  avgHandleSec: number | null
  onCall: boolean
}

export interface LiveBoard {
  date: string
  inProgress: LiveCall[]
  /** 24 company-local hours */
  byHour: { hour: number; inbound: number; outbound: number; missed: number; abandoned: number }[]
  totals: { inbound: number; outbound: number; answered: number; missed: number; abandoned: number; answerRate: number | null; avgHandleSec: number | null }
  agents: AgentLoad[]
}

/** A number as an agent types or pastes it; withheld callers have none. */
const typedNumber = (label: string) =>
  z
    .string({ error: `${label}必须是文字` })
    .trim()
    .max(40, { error: `${label}不能超过40个字符` })
    .regex(/^[0-9+\-()（）\s.#*]*$/, { error: `${label}只能包含数字、空格和 + - ( ) # *` })

/**
 * A weekday or hour is a set of hours spread over the period: without from and to it would mean
 * every such hour ever, so both are required, and at most a dashboard period apart.
 */
function hoursNeedPeriod(v: { from?: string; to?: string; weekday?: number; hour?: number }, ctx: z.RefinementCtx): void {
  if (v.weekday === undefined && v.hour === undefined) return
  if (!v.from) ctx.addIssue({ code: 'custom', path: ['from'], message: '按星期或小时筛选时请填写起始日期' })
  else if (!v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '按星期或小时筛选时请填写截止日期' })
  else if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' })
  else if (daysBetween(v.from, v.to) + 1 > MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `按星期或小时筛选时日期范围不能超过${MAX_PERIOD_DAYS}天` })
}

export const callsContract = {
  /** Who is calling: the card an agent sees the moment a number is typed or rings. */
  screenPop: defineMethod<ScreenPop>()({ input: input({ phone: typedNumber('电话') }), permission: 'calls.read', audit: 'view' }),
  /** Starts a call the agent handles by hand (typed number, callback, follow-up); the timer runs from now. */
  start: defineMethod<CallDetail>()({
    input: input({
      direction: choice('呼叫方向', CALL_DIRECTIONS),
      phone: typedNumber('电话').default(''),
      followUpId: optionalId('跟进任务'),
    }),
    permission: 'calls.write',
    audit: 'change',
  }),
  /**
   * Saves the intake form. The first save of a hand-started call also ends it; every later save is
   * a correction and is kept as an edit with who and when.
   */
  saveIntake: defineMethod<CallDetail>()({
    input: input({
      id: id('通话记录'),
      version: intRange('版本号', 1, MAX_ID),
      type: choice('来电类型', CALL_TYPES),
      summary: optionalText('通话摘要', 2000),
      outcome: optionalText('处理结果', 200),
      followUpOn: isoDate('下次跟进日期').nullish().transform((v) => v ?? null),
      details: callDetailsSchema.nullish().transform((v) => v ?? null),
      customerId: optionalId('客户').optional(),
      /** a new caller becomes a customer with the form's number and needs */
      newCustomerName: optionalText('客户姓名', 32),
      /** for a hand-started call: did the other side pick up */
      connected: z.boolean({ error: '是否接通无效' }).default(true),
      /** corrects a mistyped number */
      phone: typedNumber('电话').optional(),
    }),
    permission: 'calls.write',
    audit: 'change',
  }),
  get: defineMethod<CallDetail>()({ input: input({ id: id('通话记录') }), permission: 'calls.read', audit: 'view' }),
  list: defineMethod<Page<CallListItem>>()({
    input: input({
      from: isoDate('起始日期').optional(),
      to: isoDate('截止日期').optional(),
      direction: choice('呼叫方向', CALL_DIRECTIONS).optional(),
      status: choice('状态', CALL_STATUSES).optional(),
      type: choice('来电类型', CALL_TYPES).optional(),
      agentId: id('客服').optional(),
      customerId: id('客户').optional(),
      phone: typedNumber('电话').optional(),
      /** calls started on this weekday of the company's calendar (1 = Monday … 7 = Sunday), within from–to */
      weekday: intRange('星期', 1, 7).optional(),
      /** calls started in this hour of the company's day (0–23), within from–to */
      hour: intRange('小时', 0, 23).optional(),
      /** inbound calls nobody answered: missed or abandoned */
      missed: z.boolean({ error: '是否未接无效' }).optional(),
      ...pageInput(),
    }).superRefine(hoursNeedPeriod),
    permission: 'calls.read',
    audit: 'view',
  }),
  /** Due today and overdue (and, with `upcoming`, later ones); `all` is for shift leads and managers. */
  followUps: defineMethod<FollowUp[]>()({
    input: input({
      scope: choice('范围', ['mine', 'all'] as const).default('mine'),
      upcoming: z.boolean({ error: '是否包含以后的无效' }).default(false),
    }),
    permission: 'calls.write',
    audit: 'view',
  }),
  startFollowUp: defineMethod<CallDetail>()({ input: input({ id: id('跟进任务') }), permission: 'calls.write', audit: 'change' }),
  rescheduleFollowUp: defineMethod<FollowUp>()({
    input: input({ id: id('跟进任务'), dueOn: isoDate('跟进日期'), note: optionalText('跟进说明', 200).optional() }),
    permission: 'calls.write',
    audit: 'change',
  }),
  missed: defineMethod<MissedItem[]>()({
    input: input({ handled: z.boolean({ error: '是否已处理无效' }).default(false) }),
    permission: 'calls.write',
    audit: 'view',
  }),
  handleMissed: defineMethod<MissedItem>()({
    input: input({
      // as listed by `missed`: the normalized number, digits as received, or '' for withheld callers
      numberKey: z.string({ error: '号码无效' }).max(40, { error: '号码无效' }).regex(/^[0-9+*#]*$/, { error: '号码无效' }),
      note: optionalText('处理说明', 200),
    }),
    permission: 'calls.write',
    audit: 'change',
  }),
  liveBoard: defineMethod<LiveBoard>()({ input: input({}), permission: 'calls.monitor' }),
  /** Everyone who takes calls (agents, shift leads, managers), also former ones: the call log filters by them. */
  agents: defineMethod<CallAgent[]>()({ input: input({}), permission: 'calls.read' }),
}

export type { Page }
