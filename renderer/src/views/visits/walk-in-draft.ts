import type { BudgetRange } from '@contract/settings.contract'
import type { CustomerDetail } from '@contract/customers.contract'
import type { IntentLevel } from '@contract/visits.contract'
import { normalizePhone } from '@contract/phone'
import type { RegisterInput } from '../../stores/visits.store'

/** The walk-in form as typed: strings stay strings until saving. */
export interface WalkInDraft {
  customerId: number | null
  phone: string
  name: string
  community: string
  address: string
  houseType: string
  areaSqm: number | null
  /** index into settings.budgetRanges */
  budget: number | null
  style: string
  sourceChannel: string
  intentLevel: IntentLevel
  partySize: number
  designerId: number | null
  notes: string
}

export type WalkInField = Exclude<keyof WalkInDraft, 'customerId'>

/** Enter walks the fields in this order (the order of the paper 来访登记表). */
export const WALK_IN_FIELDS: readonly WalkInField[] = [
  'phone',
  'name',
  'community',
  'address',
  'houseType',
  'areaSqm',
  'budget',
  'style',
  'sourceChannel',
  'intentLevel',
  'partySize',
  'designerId',
  'notes',
]

/** Nothing typed or picked yet: the state the form rests in between clients. */
export function isPristine(draft: WalkInDraft): boolean {
  const empty = emptyDraft()
  return (Object.keys(empty) as (keyof WalkInDraft)[]).every((key) => draft[key] === empty[key])
}

export function emptyDraft(): WalkInDraft {
  return {
    customerId: null,
    phone: '',
    name: '',
    community: '',
    address: '',
    houseType: '',
    areaSqm: null,
    budget: null,
    style: '',
    sourceChannel: '',
    intentLevel: 'medium',
    partySize: 1,
    designerId: null,
    notes: '',
  }
}

/** Trimmed text, or null when nothing was typed (what optional text fields send). */
export const orNull = (value: string): string | null => (value.trim() ? value.trim() : null)

/** The picked budget range (an index into settings.budgetRanges) as the fen bounds the core stores. */
export function budgetBounds(budgetRanges: readonly BudgetRange[], index: number | null): { budgetMinFen: number | null; budgetMaxFen: number | null } {
  const range = index === null ? undefined : budgetRanges[index]
  return { budgetMinFen: range ? range.minFen : null, budgetMaxFen: range ? range.maxFen : null }
}

export function toRegisterInput(draft: WalkInDraft, budgetRanges: readonly BudgetRange[]): RegisterInput {
  return {
    customerId: draft.customerId,
    phone: draft.phone.trim(),
    name: draft.name.trim(),
    community: orNull(draft.community),
    address: orNull(draft.address),
    houseType: orNull(draft.houseType),
    areaSqm: draft.areaSqm,
    ...budgetBounds(budgetRanges, draft.budget),
    style: orNull(draft.style),
    sourceChannel: orNull(draft.sourceChannel),
    intentLevel: draft.intentLevel,
    partySize: draft.partySize,
    designerId: draft.designerId,
    notes: orNull(draft.notes),
  }
}

/** Which form field shows a server field error (`budgetMinFen` → the budget select). */
export function formFieldOf(serverField: string): WalkInField | null {
  const head = serverField.split('.')[0]
  if (head === 'budgetMinFen' || head === 'budgetMaxFen') return 'budget'
  if (head === 'customerId') return 'phone'
  return (WALK_IN_FIELDS as readonly string[]).includes(head) ? (head as WalkInField) : null
}

/** A server's field messages under the form's own fields; the first message for a field wins, unknown fields drop out. */
export function mapFieldErrors<F extends string>(fields: Record<string, string> | undefined, fieldOf: (serverField: string) => F | null): Partial<Record<F, string>> {
  const mapped: Partial<Record<F, string>> = {}
  for (const [key, message] of Object.entries(fields ?? {})) {
    const field = fieldOf(key)
    if (field && !mapped[field]) mapped[field] = message
  }
  return mapped
}

export function mapServerFields(fields: Record<string, string> | undefined): Partial<Record<WalkInField, string>> {
  return mapFieldErrors(fields, formFieldOf)
}

/** Cheap checks made while typing; the server has the last word. */
export function clientErrors(draft: WalkInDraft, localAreaCode: string, messages: { required: (field: WalkInField) => string; phoneInvalid: string }): Partial<Record<WalkInField, string>> {
  const errors: Partial<Record<WalkInField, string>> = {}
  if (!draft.phone.trim()) errors.phone = messages.required('phone')
  else if (!normalizePhone(draft.phone, localAreaCode)) errors.phone = messages.phoneInvalid
  if (!draft.name.trim()) errors.name = messages.required('name')
  return errors
}

/** The budget range a stored min/max falls in, by exact bounds. */
export function budgetIndexOf(ranges: readonly BudgetRange[], minFen: number | null, maxFen: number | null): number | null {
  if (minFen === null && maxFen === null) return null
  const index = ranges.findIndex((r) => r.minFen === minFen && r.maxFen === maxFen)
  return index >= 0 ? index : null
}

/** Fills what the archive knows into the fields still empty; the archived name wins. */
export function fillFromCustomer(draft: WalkInDraft, customer: Pick<CustomerDetail, 'id' | 'name'> & Partial<CustomerDetail>, ranges: readonly BudgetRange[]): void {
  draft.customerId = customer.id
  draft.name = customer.name
  const keep = (current: string, incoming: string | null | undefined): string => (current.trim() ? current : (incoming ?? ''))
  draft.community = keep(draft.community, customer.community)
  draft.address = keep(draft.address, customer.address)
  draft.houseType = keep(draft.houseType, customer.houseType)
  draft.style = keep(draft.style, customer.style)
  draft.sourceChannel = keep(draft.sourceChannel, customer.sourceChannel)
  if (draft.areaSqm === null && customer.areaSqm) draft.areaSqm = customer.areaSqm
  if (draft.budget === null) draft.budget = budgetIndexOf(ranges, customer.budgetMinFen ?? null, customer.budgetMaxFen ?? null)
}
