import { z } from 'zod'
import { defineMethod } from './define'
import type { PersonRef } from './customers.contract'
import { profileFields } from './customers.contract'
import { choice, id, input, intRange, isoDate, optionalId, optionalText, pageInput, phoneText, text, type Page } from './schema-kit'

export const VISIT_STATUSES = ['waiting', 'withDesigner', 'left'] as const
export type VisitStatus = (typeof VISIT_STATUSES)[number]
export const VISIT_STATUS_LABELS: Record<VisitStatus, string> = { waiting: '等待中', withDesigner: '洽谈中', left: '已离开' }

export const INTENT_LEVELS = ['high', 'medium', 'low'] as const
export type IntentLevel = (typeof INTENT_LEVELS)[number]
export const INTENT_LEVEL_LABELS: Record<IntentLevel, string> = { high: '高', medium: '中', low: '低' }

export interface Visit {
  id: number
  customerId: number
  customerName: string
  phone: string
  arrivedAt: string
  status: VisitStatus
  withDesignerAt: string | null
  leftAt: string | null
  partySize: number
  intentLevel: IntentLevel
  sourceChannel: string | null
  community: string | null
  houseType: string | null
  areaSqm: number | null
  budgetMinFen: number | null
  budgetMaxFen: number | null
  style: string | null
  notes: string | null
  outcome: string | null
  designer: PersonRef | null
  receptionist: PersonRef
  /** registered while another designer's protection period was running (撞单) */
  collision: boolean
}

export interface RegisterResult {
  visit: Visit
  customerCreated: boolean
}

export const visitsContract = {
  register: defineMethod<RegisterResult>()({
    input: input({
      customerId: optionalId('客户'),
      name: text('姓名', 32),
      phone: phoneText('电话'),
      intentLevel: choice('意向等级', INTENT_LEVELS).default('medium'),
      partySize: intRange('来访人数', 1, 50).default(1),
      designerId: optionalId('接待设计师'),
      acknowledgeCollision: z.boolean({ error: '撞单确认无效' }).default(false),
      ...profileFields,
    }),
    permission: 'visits.write',
    audit: 'change',
  }),
  today: defineMethod<Visit[]>()({ input: input({ date: isoDate('日期').optional() }), permission: 'visits.read' }),
  /** 来访记录: walk-ins of any days, latest first (the dashboard's walk-ins by source open it). */
  list: defineMethod<Page<Visit>>()({
    input: input({
      from: isoDate('起始日期').optional(),
      to: isoDate('截止日期').optional(),
      source: optionalText('来源渠道', 30).optional(),
      /** walk-ins whose source channel was not filled in */
      noSource: z.boolean({ error: '是否未填来源无效' }).optional(),
      ...pageInput(),
    }),
    permission: 'visits.read',
    audit: 'view',
  }),
  setStatus: defineMethod<Visit>()({
    input: input({
      id: id('来访记录'),
      status: choice('状态', VISIT_STATUSES),
      designerId: optionalId('接待设计师').optional(),
      outcome: optionalText('接待结果', 200).optional(),
    }),
    permission: 'visits.write',
    audit: 'change',
  }),
}

export type { Page }
