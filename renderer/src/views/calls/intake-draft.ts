import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import type { CallDetail, CallDetails, CallType } from '@contract/calls.contract'
import type { CustomerDetail } from '@contract/customers.contract'
import type { BudgetRange } from '@contract/settings.contract'
import { normalizePhone } from '@contract/phone'
import type { SaveIntakeInput } from '../../stores/calls.store'
import { budgetBounds, budgetIndexOf, mapFieldErrors, orNull } from '../visits/walk-in-draft'

dayjs.extend(utc)
dayjs.extend(timezone)

/** The intake form (来电登记) as typed: strings stay strings until saving. */
export interface IntakeDraft {
  type: CallType
  /** an unknown caller becomes a customer under this name */
  newCustomerName: string
  /** for an outbound call: did the other side pick up */
  connected: boolean
  // 咨询 and 预约量房: the caller's needs
  community: string
  houseType: string
  areaSqm: number | null
  /** index into settings.budgetRanges */
  budget: number | null
  style: string
  /** 量房地址 or 维修地址: kept when the type changes between the two */
  address: string
  /** `YYYY-MM-DD HH:mm` in the company's time zone */
  scheduledAt: string | null
  designerId: number | null
  // 投诉 and 报修: kept as typed so that a ticket can take them over
  complaintCategory: string
  severity: string
  /** 投诉内容 or 故障描述 */
  description: string
  expectation: string
  repairCategory: string
  preferredTime: string
  summary: string
  outcome: string
  /** YYYY-MM-DD */
  followUpOn: string | null
}

export type IntakeField = keyof IntakeDraft
/** Where an error can show: a form field, or the number box above the form. */
export type IntakeErrorKey = IntakeField | 'phone'
export type IntakeErrors = Partial<Record<IntakeErrorKey, string>>

/** Each type's own fields, in the order Enter walks them; they match callDetailsSchema. */
export const DETAIL_FIELDS: Record<CallType, readonly IntakeField[]> = {
  consult: ['community', 'houseType', 'areaSqm', 'budget', 'style'],
  measure: ['community', 'houseType', 'areaSqm', 'budget', 'style', 'address', 'scheduledAt', 'designerId'],
  complaint: ['complaintCategory', 'severity', 'description', 'expectation'],
  repair: ['repairCategory', 'description', 'address', 'preferredTime'],
  callback: [],
  other: [],
}

/** What the details must have before the core is asked (its messages say the same). */
const REQUIRED_DETAILS: Record<CallType, readonly IntakeField[]> = {
  consult: [],
  measure: ['scheduledAt', 'designerId'],
  complaint: ['complaintCategory', 'severity', 'description'],
  repair: ['repairCategory', 'description'],
  callback: [],
  other: [],
}

/** The form's fields top to bottom, as Enter walks them. */
export function intakeFieldOrder(type: CallType, shown: { newCustomer: boolean; outbound: boolean }): IntakeField[] {
  return [
    ...(shown.newCustomer ? (['newCustomerName'] as const) : []),
    ...(shown.outbound ? (['connected'] as const) : []),
    'type',
    ...DETAIL_FIELDS[type],
    'summary',
    'outcome',
    'followUpOn',
  ]
}

export function emptyIntakeDraft(type: CallType = 'consult'): IntakeDraft {
  return {
    type,
    newCustomerName: '',
    connected: true,
    community: '',
    houseType: '',
    areaSqm: null,
    budget: null,
    style: '',
    address: '',
    scheduledAt: null,
    designerId: null,
    complaintCategory: '',
    severity: '',
    description: '',
    expectation: '',
    repairCategory: '',
    preferredTime: '',
    summary: '',
    outcome: '',
    followUpOn: null,
  }
}

/** A call started from a follow-up is a 回访; anything else most often a 咨询. */
export function defaultTypeOf(call: Pick<CallDetail, 'followUpId'> | null): CallType {
  return call?.followUpId ? 'callback' : 'consult'
}

/** Anything typed or picked beyond the state the form was opened in. */
export function isDraftChanged(draft: IntakeDraft, baseline: IntakeDraft): boolean {
  return (Object.keys(baseline) as IntakeField[]).some((key) => draft[key] !== baseline[key])
}

/** `YYYY-MM-DD HH:mm` read on the company's clock → the ISO instant the core stores. */
export function companyTimeToIso(local: string, timeZone: string): string {
  return dayjs.tz(local, 'YYYY-MM-DD HH:mm', timeZone).toISOString()
}

export function detailsOf(draft: IntakeDraft, ranges: readonly BudgetRange[], timeZone: string): CallDetails | null {
  const needs = {
    community: orNull(draft.community),
    houseType: orNull(draft.houseType),
    areaSqm: draft.areaSqm,
    ...budgetBounds(ranges, draft.budget),
    style: orNull(draft.style),
  }
  switch (draft.type) {
    case 'consult':
      return { type: 'consult', ...needs }
    case 'measure':
      return {
        type: 'measure',
        ...needs,
        address: orNull(draft.address),
        // an empty time or designer reaches the core as such, and its field message comes back
        scheduledAt: draft.scheduledAt ? companyTimeToIso(draft.scheduledAt, timeZone) : '',
        designerId: draft.designerId ?? 0,
      }
    case 'complaint':
      return { type: 'complaint', category: draft.complaintCategory.trim(), severity: draft.severity.trim(), description: draft.description.trim(), expectation: orNull(draft.expectation) }
    case 'repair':
      return { type: 'repair', category: draft.repairCategory.trim(), description: draft.description.trim(), address: orNull(draft.address), preferredTime: orNull(draft.preferredTime) }
    default:
      return null
  }
}

export interface IntakeContext {
  call: Pick<CallDetail, 'id' | 'version' | 'direction' | 'rawNumber' | 'normalized'>
  /** what the number box holds now: sent when it corrects the call's number */
  number: string
  /** the caller as the screen pop knows them */
  customerId: number | null
  budgetRanges: readonly BudgetRange[]
  timeZone: string
  localAreaCode: string
}

/** The number box, when it now says something else than the call was started with (a mistyped number corrected). */
function correctedNumber(ctx: IntakeContext): string | undefined {
  const typed = ctx.number.trim()
  if (!typed || typed === ctx.call.rawNumber) return undefined
  const normalized = normalizePhone(typed, ctx.localAreaCode)?.normalized ?? typed
  return normalized === ctx.call.normalized ? undefined : typed
}

export function toSaveIntakeInput(draft: IntakeDraft, ctx: IntakeContext): SaveIntakeInput {
  const input: SaveIntakeInput = {
    id: ctx.call.id,
    version: ctx.call.version,
    type: draft.type,
    summary: orNull(draft.summary),
    outcome: orNull(draft.outcome),
    followUpOn: draft.followUpOn,
    details: detailsOf(draft, ctx.budgetRanges, ctx.timeZone),
    connected: ctx.call.direction === 'out' ? draft.connected : true,
  }
  const phone = correctedNumber(ctx)
  if (phone !== undefined) input.phone = phone
  if (ctx.customerId !== null) input.customerId = ctx.customerId
  // a corrected number nobody has: the customer found by the mistyped one no longer applies
  else if (phone !== undefined) input.customerId = null
  if (ctx.customerId === null && orNull(draft.newCustomerName)) input.newCustomerName = orNull(draft.newCustomerName)
  return input
}

/** Which field shows a server field error (`details.description` → 描述, `details.budgetMinFen` → 预算). */
export function intakeFieldOf(serverField: string, type: CallType): IntakeErrorKey | null {
  const [head, sub] = serverField.split('.')
  if (head === 'details') {
    if (!sub || sub === 'type') return 'type'
    if (sub === 'category') return type === 'complaint' ? 'complaintCategory' : 'repairCategory'
    if (sub === 'budgetMinFen' || sub === 'budgetMaxFen') return 'budget'
    return sub in emptyIntakeDraft() ? (sub as IntakeField) : null
  }
  if (head === 'customerId') return 'newCustomerName'
  if (head === 'phone') return 'phone'
  return head in emptyIntakeDraft() ? (head as IntakeField) : null
}

export function mapIntakeErrors(fields: Record<string, string> | undefined, type: CallType): IntakeErrors {
  return mapFieldErrors(fields, (key) => intakeFieldOf(key, type))
}

/** Cheap checks made before saving; the core has the last word. */
export function missingDetails(draft: IntakeDraft): IntakeField[] {
  return REQUIRED_DETAILS[draft.type].filter((field) => {
    const value = draft[field]
    return value === null || (typeof value === 'string' && !value.trim())
  })
}

/** Fills what the archive knows about the caller's needs into the fields still empty. */
export function fillNeedsFromCustomer(draft: IntakeDraft, customer: Partial<CustomerDetail>, ranges: readonly BudgetRange[]): void {
  const keep = (current: string, incoming: string | null | undefined): string => (current.trim() ? current : (incoming ?? ''))
  draft.community = keep(draft.community, customer.community)
  draft.houseType = keep(draft.houseType, customer.houseType)
  draft.style = keep(draft.style, customer.style)
  draft.address = keep(draft.address, customer.address)
  if (draft.areaSqm === null && customer.areaSqm) draft.areaSqm = customer.areaSqm
  if (draft.budget === null) draft.budget = budgetIndexOf(ranges, customer.budgetMinFen ?? null, customer.budgetMaxFen ?? null)
}
