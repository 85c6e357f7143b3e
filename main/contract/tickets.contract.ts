import { z } from 'zod'
import type { CallbackItem } from './callbacks.contract'
import type { PersonRef } from './customers.contract'
import { defineMethod } from './define'
import { choice, fen, id, input, intRange, isoDate, MAX_ID, optionalId, optionalText, pageInput, text, type Page } from './schema-kit'

/** 投诉 follows the 客户投诉联系单, 维修 the 客户维修受理单. */
export const TICKET_KINDS = ['complaint', 'repair'] as const
export type TicketKind = (typeof TICKET_KINDS)[number]
export const TICKET_KIND_LABELS: Record<TicketKind, string> = { complaint: '投诉', repair: '维修' }
/** Prefix of the ticket number: TS20261127-001 for a complaint, WX20261127-001 for a repair. */
export const TICKET_NO_PREFIX: Record<TicketKind, string> = { complaint: 'TS', repair: 'WX' }

export const TICKET_SOURCES = ['phone', 'walkIn', 'callback', 'other'] as const
export type TicketSource = (typeof TICKET_SOURCES)[number]
export const TICKET_SOURCE_LABELS: Record<TicketSource, string> = { phone: '来电', walkIn: '到店', callback: '回访', other: '其他' }

export const TICKET_STATES = ['pending', 'dispatched', 'inProgress', 'awaitingCallback', 'closed', 'suspended', 'reopened', 'cancelled'] as const
export type TicketState = (typeof TICKET_STATES)[number]
export const TICKET_STATE_LABELS: Record<TicketState, string> = {
  pending: '待受理',
  dispatched: '已派单',
  inProgress: '处理中',
  awaitingCallback: '待回访',
  closed: '已结案',
  suspended: '挂起',
  reopened: '重开',
  cancelled: '已撤销',
}
/** States whose deadlines run (挂起 pauses them; 待回访 has met its resolution deadline). */
export const TICKET_OPEN_STATES: readonly TicketState[] = ['pending', 'dispatched', 'inProgress', 'suspended', 'reopened']

/** What a user may do to a ticket through `tickets.transition`. Closing happens only through the satisfaction callback. */
export const TICKET_ACTIONS = ['dispatch', 'respond', 'resolve', 'suspend', 'resume', 'reopen', 'cancel', 'reassign'] as const
export type TicketAction = (typeof TICKET_ACTIONS)[number]
export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  dispatch: '派单',
  respond: '记录回应',
  resolve: '处理完成',
  suspend: '挂起',
  resume: '恢复',
  reopen: '重开',
  cancel: '撤销',
  reassign: '改派',
}

/**
 * The state machine, one table for the core (which enforces it) and the screens (which offer
 * only what is allowed). `to: 'same'` keeps the state; `'previous'` returns to the state the
 * ticket was suspended from.
 */
export const TICKET_TRANSITIONS: Record<TicketAction, { from: readonly TicketState[]; to: TicketState | 'same' | 'previous' }> = {
  dispatch: { from: ['pending', 'reopened'], to: 'dispatched' },
  respond: { from: ['dispatched'], to: 'inProgress' },
  // the responsible person may fix it on the spot: resolving also counts as the response
  resolve: { from: ['dispatched', 'inProgress'], to: 'awaitingCallback' },
  suspend: { from: ['dispatched', 'inProgress'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'previous' },
  reopen: { from: ['awaitingCallback', 'closed'], to: 'reopened' },
  cancel: { from: ['pending', 'dispatched', 'inProgress', 'suspended', 'reopened'], to: 'cancelled' },
  reassign: { from: ['dispatched', 'inProgress', 'suspended'], to: 'same' },
}

export function allowedActions(state: TicketState): TicketAction[] {
  return TICKET_ACTIONS.filter((action) => TICKET_TRANSITIONS[action].from.includes(state))
}

/** Everything the handling log records; transitions plus what the system and the agent add. */
export type TicketLogAction = TicketAction | 'create' | 'close' | 'escalate' | 'note' | 'update' | 'leaderComplaint' | 'attach' | 'detach' | 'callback'

export const SUSPEND_REASONS = ['customer', 'supplier', 'other'] as const
export type SuspendReason = (typeof SUSPEND_REASONS)[number]
export const SUSPEND_REASON_LABELS: Record<SuspendReason, string> = { customer: '等待客户', supplier: '等待供应商', other: '其他' }

/** Escalation climbs these levels once a deadline is breached: 0 is where every ticket starts. */
export const ESCALATION_LEVEL_LABELS = ['责任人', '部门负责人', '客服经理', '总经理'] as const
export const MAX_ESCALATION_LEVEL = ESCALATION_LEVEL_LABELS.length - 1

/** Where the customer took the complaint (客户投诉到总经理处 / 公司领导). */
export const LEADER_COMPLAINT_TARGETS = ['generalManager', 'leaders'] as const
export type LeaderComplaintTarget = (typeof LEADER_COMPLAINT_TARGETS)[number]
export const LEADER_COMPLAINT_LABELS: Record<LeaderComplaintTarget, string> = { generalManager: '投诉到总经理', leaders: '投诉到公司领导' }

export const ASSESSMENT_STATUSES = ['proposed', 'confirmed', 'rejected'] as const
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number]
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus, string> = { proposed: '待确认', confirmed: '已确认', rejected: '已驳回' }

/** Where a ticket's clock stands: `met` once its last deadline was kept or the ticket left the open states. */
export type DeadlineStatus = 'ok' | 'atRisk' | 'breached' | 'paused' | 'met'
export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = { ok: '正常', atRisk: '即将超时', breached: '已超时', paused: '已暂停', met: '已完成' }

export type WarrantyStatus = 'inWarranty' | 'expired' | 'unknown'
export const WARRANTY_STATUS_LABELS: Record<WarrantyStatus, string> = { inWarranty: '保修期内', expired: '已过保', unknown: '未知（无完工日期）' }

export type TicketScope = 'mine' | 'department' | 'all'
export const TICKET_SCOPE_LABELS: Record<TicketScope, string> = { mine: '我的工单', department: '本部门', all: '全部' }

/** Attachments: photos and files of the complaint or the repair, stored beside the database by content hash. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
export const ATTACHMENT_TYPES: Record<string, string> = {
  'image/jpeg': 'JPEG 图片',
  'image/png': 'PNG 图片',
  'image/webp': 'WebP 图片',
  'application/pdf': 'PDF 文件',
}

export interface DeptRef {
  id: number
  name: string
}

/** The deadline that matters now: the response deadline until someone responded, then the resolution deadline. */
export interface TicketClock {
  kind: 'response' | 'resolution' | null
  dueAt: string | null
  status: DeadlineStatus
  /** share of the allowed time used, 0–1+ (null when no deadline runs) */
  used: number | null
}

export interface TicketListItem {
  id: number
  no: string
  kind: TicketKind
  state: TicketState
  source: TicketSource
  customer: PersonRef
  /** the customer's main phone, grouped, or masked for a role that may not see phones */
  phone: string
  category: string
  severity: string
  /** the first line of the description */
  subject: string
  department: DeptRef | null
  responsible: PersonRef | null
  /** the service agent who follows the ticket */
  handler: PersonRef | null
  createdAt: string
  responseDueAt: string
  respondedAt: string | null
  resolutionDueAt: string
  resolvedAt: string | null
  closedAt: string | null
  clock: TicketClock
  escalationLevel: number
  /** this ticket repeats an earlier complaint of the same customer and category */
  repeatOf: { id: number; no: string } | null
  satisfaction: string | null
  version: number
}

export interface TicketLogEntry {
  id: number
  at: string
  action: TicketLogAction
  from: TicketState | null
  to: TicketState | null
  note: string | null
  /** the staff member who recorded it; null for the system (escalations) */
  by: PersonRef | null
  /** the responsible person the agent recorded it for (most never log in) */
  onBehalfOf: PersonRef | null
  /** escalation level reached, notified people, changed fields… */
  data: Record<string, unknown> | null
}

export interface TicketAttachment {
  id: number
  name: string
  mime: string
  size: number
  hash: string
  uploadedAt: string
  uploadedBy: PersonRef
}

export interface Assessment {
  id: number
  ticket: { id: number; no: string }
  person: PersonRef
  department: DeptRef | null
  reason: LeaderComplaintTarget
  proposedFen: number
  /** the amount the manager confirmed */
  amountFen: number | null
  status: AssessmentStatus
  note: string | null
  proposedAt: string
  proposedBy: PersonRef
  decidedAt: string | null
  decidedBy: PersonRef | null
  decisionNote: string | null
}

export interface TicketDetail extends TicketListItem {
  description: string
  expectation: string | null
  customerAddress: string | null
  callId: number | null
  visitId: number | null
  // repairs
  address: string | null
  preferredTime: string | null
  completionDate: string | null
  warranty: { status: WarrantyStatus; until: string | null; years: number } | null
  worker: PersonRef | null
  appointmentAt: string | null
  /** what was done (处理结果), recorded when resolved */
  result: string | null
  suspendedAt: string | null
  suspendReason: SuspendReason | null
  /** seconds the clock stood still so far */
  pausedSec: number
  repeats: { id: number; no: string; createdAt: string; state: TicketState }[]
  leaderComplaint: LeaderComplaintTarget | null
  log: TicketLogEntry[]
  attachments: TicketAttachment[]
  assessments: Assessment[]
  callbacks: CallbackItem[]
  allowedActions: TicketAction[]
}

export interface TicketRiskBoard {
  breached: TicketListItem[]
  atRisk: TicketListItem[]
  /** the lists are capped; the counts are not */
  counts: { breached: number; atRisk: number; open: number; paused: number }
}

const dateTime = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式无效` }).transform((v) => new Date(v).toISOString())

const ticketNote = (label: string) => text(label, 2000)

/** Fields a ticket is created with and an agent may correct later. */
const ticketFields = {
  category: text('类别', 30),
  severity: text('严重程度', 30),
  description: text('问题描述', 2000),
  expectation: optionalText('客户诉求', 500),
  address: optionalText('维修地址', 120),
  preferredTime: optionalText('期望上门时间', 60),
  completionDate: isoDate('完工日期').nullish().transform((v) => v ?? null),
  workerId: optionalId('维修工'),
  appointmentAt: dateTime('上门时间').nullish().transform((v) => v ?? null),
}

/** Who must act: a department and a person in it (the 联系单 goes to them). */
const responsibleFields = {
  departmentId: id('责任部门'),
  personId: id('责任人'),
}

export const ticketTransitionSchema = z.discriminatedUnion(
  'action',
  [
    z.strictObject({
      action: z.literal('dispatch'),
      ...responsibleFields,
      /** 限期解决: an explicit resolution deadline instead of the severity's default */
      dueAt: dateTime('解决期限').nullish().transform((v) => v ?? null),
      note: optionalText('派单说明', 2000),
    }),
    z.strictObject({ action: z.literal('respond'), note: ticketNote('回应内容') }),
    z.strictObject({ action: z.literal('resolve'), note: ticketNote('处理结果') }),
    z.strictObject({ action: z.literal('suspend'), reason: choice('挂起原因', SUSPEND_REASONS), note: ticketNote('挂起说明') }),
    z.strictObject({ action: z.literal('resume'), note: optionalText('恢复说明', 2000) }),
    z.strictObject({ action: z.literal('reopen'), note: ticketNote('重开原因') }),
    z.strictObject({ action: z.literal('cancel'), note: ticketNote('撤销原因') }),
    z.strictObject({ action: z.literal('reassign'), ...responsibleFields, note: optionalText('改派说明', 2000) }),
  ],
  { error: '操作无效' },
)
export type TicketTransition = z.output<typeof ticketTransitionSchema>

const version = intRange('版本号', 1, MAX_ID)

export const ticketsContract = {
  /**
   * Opens a ticket: from a call (its complaint or repair form carried over), a walk-in, or the
   * ticket list. With `responsible` it is dispatched at once.
   */
  create: defineMethod<TicketDetail>()({
    input: input({
      kind: choice('工单类型', TICKET_KINDS),
      source: choice('来源', TICKET_SOURCES),
      customerId: id('客户'),
      callId: optionalId('来电记录'),
      visitId: optionalId('来访记录'),
      ...ticketFields,
      dispatch: z
        .strictObject({ ...responsibleFields, dueAt: dateTime('解决期限').nullish().transform((v) => v ?? null) }, { error: '派单信息无效' })
        .nullish()
        .transform((v) => v ?? null),
    }),
    permission: 'tickets.create',
    audit: 'change',
  }),
  get: defineMethod<TicketDetail>()({ input: input({ id: id('工单') }), permission: 'tickets.read', audit: 'view' }),
  list: defineMethod<Page<TicketListItem>>()({
    input: input({
      scope: choice('范围', ['mine', 'department', 'all'] as const).default('mine'),
      kind: choice('工单类型', TICKET_KINDS).optional(),
      state: choice('状态', TICKET_STATES).optional(),
      /** open = every state whose clock runs or is paused */
      open: z.boolean({ error: '是否未结无效' }).optional(),
      severity: text('严重程度', 30).optional(),
      category: text('类别', 30).optional(),
      departmentId: id('责任部门').optional(),
      personId: id('责任人').optional(),
      customerId: id('客户').optional(),
      overdue: z.boolean({ error: '是否超时无效' }).optional(),
      /** 即将超时: a risk moment has passed, no deadline yet; most urgent first */
      atRisk: z.boolean({ error: '是否即将超时无效' }).optional(),
      q: optionalText('工单号或客户', 40).optional(),
      from: isoDate('起始日期').optional(),
      to: isoDate('截止日期').optional(),
      /** resolved on these company dates (the dashboard's on-time trend) */
      resolvedFrom: isoDate('解决起始日期').optional(),
      resolvedTo: isoDate('解决截止日期').optional(),
      ...pageInput(),
    }),
    permission: 'tickets.read',
    audit: 'view',
  }),
  /** Breached and at-risk tickets, paused time honoured: what a shift lead watches. */
  risk: defineMethod<TicketRiskBoard>()({
    input: input({ scope: choice('范围', ['mine', 'department', 'all'] as const).default('mine'), limit: intRange('条数', 1, 200).default(50) }),
    permission: 'tickets.read',
    audit: 'view',
  }),
  transition: defineMethod<TicketDetail>()({
    input: input({ id: id('工单'), version, change: ticketTransitionSchema }),
    permission: 'tickets.write',
    audit: 'change',
  }),
  /** Corrects what was recorded; a changed severity moves the resolution deadline. */
  update: defineMethod<TicketDetail>()({
    input: input({ id: id('工单'), version, ...ticketFields }),
    permission: 'tickets.write',
    audit: 'change',
  }),
  /** A line in the handling log, optionally on behalf of the responsible person. */
  addNote: defineMethod<TicketDetail>()({
    input: input({ id: id('工单'), note: ticketNote('跟进记录'), onBehalf: z.boolean({ error: '是否代记无效' }).default(false) }),
    permission: 'tickets.write',
    audit: 'change',
  }),
  /** The customer took the complaint to the general manager or company leaders: proposes an assessment. */
  recordLeaderComplaint: defineMethod<TicketDetail>()({
    input: input({ id: id('工单'), version, target: choice('投诉对象', LEADER_COMPLAINT_TARGETS), note: ticketNote('情况说明') }),
    permission: 'tickets.write',
    audit: 'change',
  }),
  assessments: defineMethod<Assessment[]>()({
    input: input({ status: choice('状态', ASSESSMENT_STATUSES).optional() }),
    permission: 'tickets.assess',
    audit: 'view',
  }),
  decideAssessment: defineMethod<Assessment>()({
    input: input({
      id: id('考核记录'),
      decision: choice('处理决定', ['confirm', 'reject'] as const),
      amountFen: fen('考核金额').optional(),
      note: optionalText('处理意见', 500),
    }),
    permission: 'tickets.assess',
    audit: 'change',
  }),
  removeAttachment: defineMethod<TicketDetail>()({ input: input({ id: id('附件') }), permission: 'tickets.write', audit: 'change' }),
}

export type { Page }
