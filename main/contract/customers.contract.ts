import { z } from 'zod'
import { defineMethod } from './define'
import type { PhoneKind } from './phone'
import { decimalRange, fen, id, input, isoDate, MAX_ID, optionalId, optionalText, pageInput, phoneText, text, type Page } from './schema-kit'

export interface PersonRef {
  id: number
  name: string
}

export interface PhoneDto {
  id: number
  /** `138 0013 8000`, or `138****8000` for a role that may not see phones */
  display: string
  masked: boolean
  kind: PhoneKind
  region: string | null
  carrier: string | null
  isPrimary: boolean
}

export interface CustomerListItem {
  id: number
  name: string
  phone: string
  community: string | null
  grade: string | null
  sourceChannel: string | null
  followingDesigner: PersonRef | null
  lastContactAt: string | null
  createdAt: string
}

export interface Following {
  designer: PersonRef
  since: string
  protectedUntil: string
  /** false once the protection period has run out: the client is back in the shared pool */
  active: boolean
}

export interface CustomerDetail {
  id: number
  name: string
  community: string | null
  address: string | null
  houseType: string | null
  areaSqm: number | null
  budgetMinFen: number | null
  budgetMaxFen: number | null
  style: string | null
  sourceChannel: string | null
  grade: string | null
  tags: string[]
  notes: string | null
  ownerAgent: PersonRef | null
  following: Following | null
  referrer: PersonRef | null
  lastContactAt: string | null
  phones: PhoneDto[]
  createdAt: string
  updatedAt: string
  version: number
}

export type TimelineKind = 'visit' | 'call' | 'appointment' | 'ticket' | 'callback' | 'deposit' | 'project' | 'inspection'

export interface TimelineEntry {
  kind: TimelineKind
  at: string
  refId: number
  title: string
  detail: string
  actor: string | null
}

export interface VisitBrief {
  id: number
  arrivedAt: string
  designer: PersonRef | null
  status: string
}

export interface PhoneLookup {
  /** null when what was typed is not a phone number yet */
  normalized: string | null
  display: string | null
  kind: PhoneKind | null
  region: string | null
  carrier: string | null
  customer: (CustomerListItem & { visitCount: number }) | null
  recentVisits: VisitBrief[]
  following: Following | null
}

/** Profile fields shared by create, update and walk-in registration. */
export const profileFields = {
  community: optionalText('小区', 60),
  address: optionalText('地址', 120),
  houseType: optionalText('房型', 30),
  areaSqm: decimalRange('面积（㎡）', 1, 100000).nullish().transform((v) => v ?? null),
  budgetMinFen: fen('预算下限').nullish().transform((v) => v ?? null),
  budgetMaxFen: fen('预算上限').nullish().transform((v) => v ?? null),
  style: optionalText('装修风格', 30),
  sourceChannel: optionalText('来源渠道', 30),
  notes: optionalText('备注', 1000),
}

const profileSchema = z.object(profileFields)
/** Profile fields as the core receives them after parsing. */
export type ProfileInput = z.output<typeof profileSchema>

const tags = z.array(text('标签', 20), { error: '标签必须是列表' }).max(20, { error: '标签最多20个' })

export const customersContract = {
  lookupByPhone: defineMethod<PhoneLookup>()({
    input: input({ phone: phoneText('电话') }),
    permission: 'customers.read',
    audit: 'view',
  }),
  search: defineMethod<Page<CustomerListItem>>()({
    input: input({
      q: optionalText('搜索内容', 40),
      community: optionalText('小区', 60),
      sourceChannel: optionalText('来源渠道', 30),
      grade: optionalText('客户分类', 30),
      createdFrom: isoDate('登记起始日期').optional(),
      createdTo: isoDate('登记截止日期').optional(),
      ...pageInput(),
    }),
    permission: 'customers.read',
    audit: 'view',
  }),
  get: defineMethod<CustomerDetail>()({ input: input({ id: id('客户') }), permission: 'customers.read', audit: 'view' }),
  timeline: defineMethod<TimelineEntry[]>()({ input: input({ id: id('客户') }), permission: 'customers.read', audit: 'view' }),
  create: defineMethod<CustomerDetail>()({
    input: input({ name: text('姓名', 32), phone: phoneText('电话'), grade: optionalText('客户分类', 30), ...profileFields }),
    permission: 'customers.write',
    audit: 'change',
  }),
  update: defineMethod<CustomerDetail>()({
    input: input({
      id: id('客户'),
      version: z.number({ error: '版本号无效' }).int({ error: '版本号无效' }).min(1, { error: '版本号无效' }).max(MAX_ID, { error: '版本号无效' }),
      name: text('姓名', 32).optional(),
      grade: optionalText('客户分类', 30).optional(),
      tags: tags.optional(),
      referrerId: optionalId('介绍人').optional(),
      ...profileSchema.partial().shape,
    }),
    permission: 'customers.write',
    audit: 'change',
  }),
  addPhone: defineMethod<CustomerDetail>()({
    input: input({ customerId: id('客户'), phone: phoneText('电话') }),
    permission: 'customers.write',
    audit: 'change',
  }),
  removePhone: defineMethod<CustomerDetail>()({
    input: input({ customerId: id('客户'), phoneId: id('电话') }),
    permission: 'customers.write',
    audit: 'change',
  }),
  setPrimaryPhone: defineMethod<CustomerDetail>()({
    input: input({ customerId: id('客户'), phoneId: id('电话') }),
    permission: 'customers.write',
    audit: 'change',
  }),
}

export type { Page }
