import type { PersonRef } from '@contract/customers.contract'
import type { DepositRegisterInput } from '../../stores/deposits.store'
import { mapFieldErrors } from '../visits/walk-in-draft'
import { yuanToFen } from '../../format'

/** 登记定金 as the form holds it: the amount in yuan, as people say it. */
export interface DepositDraft {
  customer: PersonRef | null
  designerId: number | null
  consultantId: number | null
  amountYuan: number | null
  paidOn: string
  note: string
}

/** The form's fields in the order Enter walks them (and the first wrong one is focused). */
export const DEPOSIT_FIELDS = ['customerId', 'designerId', 'consultantId', 'amountYuan', 'paidOn', 'note'] as const
export type DepositField = (typeof DEPOSIT_FIELDS)[number]
export type DepositErrors = Partial<Record<DepositField, string>>

export type DepositProblem = 'required' | 'positive' | 'future'

export function newDepositDraft(today: string, customer: PersonRef | null = null): DepositDraft {
  return { customer, designerId: null, consultantId: null, amountYuan: null, paidOn: today, note: '' }
}

/** What is wrong before asking the core: missing picks, no amount, a deposit paid tomorrow. */
export function depositProblems(draft: DepositDraft, today: string): Partial<Record<DepositField, DepositProblem>> {
  const problems: Partial<Record<DepositField, DepositProblem>> = {}
  if (!draft.customer) problems.customerId = 'required'
  if (draft.designerId === null) problems.designerId = 'required'
  const fen = yuanToFen(draft.amountYuan)
  if (fen === null) problems.amountYuan = 'required'
  else if (fen <= 0) problems.amountYuan = 'positive'
  if (!draft.paidOn) problems.paidOn = 'required'
  else if (draft.paidOn > today) problems.paidOn = 'future'
  return problems
}

export function toRegisterInput(draft: DepositDraft): DepositRegisterInput {
  return {
    customerId: draft.customer?.id ?? 0,
    designerId: draft.designerId ?? 0,
    consultantId: draft.consultantId,
    amountFen: yuanToFen(draft.amountYuan) ?? 0,
    paidOn: draft.paidOn,
    note: draft.note.trim() || null,
  }
}

/** Server field → form field (`amountFen` is typed in yuan here). */
export function depositFieldOf(serverField: string): DepositField | null {
  const head = serverField.split('.')[0]
  if (head === 'amountFen') return 'amountYuan'
  return (DEPOSIT_FIELDS as readonly string[]).includes(head) ? (head as DepositField) : null
}

export function mapDepositErrors(fields: Record<string, string> | undefined): DepositErrors {
  return mapFieldErrors(fields, depositFieldOf)
}
