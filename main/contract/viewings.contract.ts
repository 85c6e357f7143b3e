import { z } from 'zod'
import type { PersonRef } from './customers.contract'
import { defineMethod } from './define'
import { choice, id, input, intRange, isoDate, MAX_ID, optionalId, optionalText, pageInput, text, type Page } from './schema-kit'

/** 看房班车: prospective clients taken to sites under construction; the 看房汇报 says how it went. */
export const VIEWING_OUTCOMES = ['interested', 'deposit', 'undecided', 'notInterested'] as const
export type ViewingOutcome = (typeof VIEWING_OUTCOMES)[number]
export const VIEWING_OUTCOME_LABELS: Record<ViewingOutcome, string> = { interested: '有意向', deposit: '当场交定', undecided: '考虑中', notInterested: '无意向' }

export interface ViewingTrip {
  id: number
  tripOn: string
  /** e.g. 09:30 — as arranged */
  departAt: string | null
  guide: PersonRef | null
  clients: { customer: PersonRef; outcome: ViewingOutcome | null }[]
  sites: { id: number; contractNo: string; address: string }[]
  note: string | null
  /** the 看房汇报, once written */
  report: string | null
  reportedAt: string | null
  version: number
}

const version = intRange('版本号', 1, MAX_ID)
const ids = (label: string, max: number) => z.array(id(label), { error: `${label}必须是列表` }).max(max, { error: `${label}最多${max}个` })

export const viewingsContract = {
  list: defineMethod<Page<ViewingTrip>>()({
    input: input({ from: isoDate('起始日期').optional(), to: isoDate('截止日期').optional(), ...pageInput() }),
    permission: 'projects.read',
    audit: 'view',
  }),
  get: defineMethod<ViewingTrip>()({ input: input({ id: id('看房安排') }), permission: 'projects.read', audit: 'view' }),
  /** Arranges a trip or changes it (`id` and `version` given). */
  save: defineMethod<ViewingTrip>()({
    input: input({
      id: optionalId('看房安排'),
      version: version.nullish().transform((v) => v ?? null),
      tripOn: isoDate('看房日期'),
      departAt: z
        .string({ error: '发车时间格式应为 HH:mm' })
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '发车时间格式应为 HH:mm' })
        .nullish()
        .transform((v) => v ?? null),
      guideId: optionalId('带队客服'),
      customerIds: ids('看房客户', 60).min(1, { error: '至少选择一位看房客户' }),
      projectIds: ids('参观工地', 20).min(1, { error: '至少选择一个参观工地' }),
      note: optionalText('备注', 500),
    }),
    permission: 'projects.write',
    audit: 'change',
  }),
  /** 看房汇报: how it went, and each client's outcome. */
  report: defineMethod<ViewingTrip>()({
    input: input({
      id: id('看房安排'),
      version,
      report: text('看房汇报', 2000),
      outcomes: z
        .array(z.strictObject({ customerId: id('客户'), outcome: choice('看房结果', VIEWING_OUTCOMES) }, { error: '看房结果无效' }), { error: '看房结果必须是列表' })
        .max(60, { error: '看房结果最多60条' }),
    }),
    permission: 'projects.write',
    audit: 'change',
  }),
}

export type { Page }
