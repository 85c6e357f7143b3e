import { MILESTONES, PAYMENT_STAGES, type Milestone, type PaymentStage, type ProjectDetail } from '@contract/projects.contract'
import type { PersonRef } from '@contract/customers.contract'
import type { DepositDetail } from '@contract/deposits.contract'
import type { ProjectCreateInput, ProjectUpdateInput } from '../../stores/projects.store'
import { mapFieldErrors } from '../visits/walk-in-draft'
import { fenToYuan, yuanToFen } from '../../format'

/** What a new contract starts from: 签约 on a deposit brings the customer, the designer and the deposit. */
export interface ContractPreset {
  customer: PersonRef
  designerId: number | null
  depositId: number | null
  deposit: { amountFen: number; paidOn: string } | null
}

export function presetFromDeposit(deposit: Pick<DepositDetail, 'id' | 'customer' | 'designer' | 'amountFen' | 'paidOn'>): ContractPreset {
  return { customer: { ...deposit.customer }, designerId: deposit.designer.id, depositId: deposit.id, deposit: { amountFen: deposit.amountFen, paidOn: deposit.paidOn } }
}

/** 合同 as the form holds it: money in yuan, dates as `YYYY-MM-DD` or null. */
export interface ContractDraft {
  customer: PersonRef | null
  depositId: number | null
  contractNo: string
  address: string
  designerId: number | null
  projectManagerId: number | null
  supervisorId: number | null
  crewId: number | null
  agentId: number | null
  amountYuan: number | null
  signedOn: string
  planned: Record<Milestone, string | null>
  paymentsYuan: Record<PaymentStage, number | null>
  note: string
}

/** The form's fields in the order Enter walks them (and the first wrong one is focused). */
export const CONTRACT_FIELDS = [
  'customerId',
  'depositId',
  'contractNo',
  'address',
  'signedOn',
  'amountYuan',
  'designerId',
  'projectManagerId',
  'supervisorId',
  'crewId',
  'agentId',
  'planned.start',
  'planned.material',
  'planned.midterm',
  'planned.completion',
  'payments.first',
  'payments.midterm',
  'payments.final',
  /** the plan as a whole (its total), shown beside the three amounts */
  'payments',
  'note',
] as const
export type ContractField = (typeof CONTRACT_FIELDS)[number]
export type ContractErrors = Partial<Record<ContractField, string>>

export type ContractProblem =
  | { kind: 'required' }
  | { kind: 'positive' }
  | { kind: 'future' }
  | { kind: 'order'; previous: Milestone }
  | { kind: 'beforeSigning' }
  | { kind: 'beforeDeposit'; date: string }

const noDates = (): Record<Milestone, string | null> => ({ start: null, material: null, midterm: null, completion: null })
const noPayments = (): Record<PaymentStage, number | null> => ({ first: null, midterm: null, final: null })

export function newContractDraft(preset: ContractPreset | null, today: string): ContractDraft {
  return {
    customer: preset ? { ...preset.customer } : null,
    depositId: preset?.depositId ?? null,
    contractNo: '',
    address: '',
    designerId: preset?.designerId ?? null,
    projectManagerId: null,
    supervisorId: null,
    crewId: null,
    agentId: null,
    amountYuan: null,
    signedOn: today,
    planned: noDates(),
    paymentsYuan: noPayments(),
    note: '',
  }
}

export function draftOfProject(project: ProjectDetail): ContractDraft {
  const planned = noDates()
  for (const m of MILESTONES) planned[m] = project.milestones[m].plannedOn
  const paymentsYuan = noPayments()
  for (const p of project.payments) paymentsYuan[p.stage] = fenToYuan(p.amountFen)
  return {
    customer: { ...project.customer },
    depositId: project.deposit?.id ?? null,
    contractNo: project.contractNo,
    address: project.address,
    designerId: project.designer.id,
    projectManagerId: project.projectManager?.id ?? null,
    supervisorId: project.supervisor?.id ?? null,
    crewId: project.crew?.id ?? null,
    agentId: project.agent?.id ?? null,
    amountYuan: fenToYuan(project.amountFen),
    signedOn: project.signedOn,
    planned,
    paymentsYuan,
    note: project.note ?? '',
  }
}

export interface PaymentCheck {
  sumFen: number
  amountFen: number | null
  /** the plan asks for more than the contract is worth */
  over: boolean
  /** what the plan leaves out (positive) once the amount is known */
  leftFen: number | null
}

/** The live check under 付款计划: first + midterm + final may not exceed the contract amount. */
export function paymentCheck(draft: Pick<ContractDraft, 'amountYuan' | 'paymentsYuan'>): PaymentCheck {
  const sumFen = PAYMENT_STAGES.reduce((sum, stage) => sum + (yuanToFen(draft.paymentsYuan[stage]) ?? 0), 0)
  const amountFen = yuanToFen(draft.amountYuan)
  return { sumFen, amountFen, over: amountFen !== null && sumFen > amountFen, leftFen: amountFen === null ? null : amountFen - sumFen }
}

/**
 * What is wrong before asking the core (which checks the same): the payment plan's total is
 * `paymentCheck`'s. `depositPaidOn`: a contract signed on a deposit is not signed before it.
 */
export function contractProblems(draft: ContractDraft, today: string, depositPaidOn: string | null = null): Partial<Record<ContractField, ContractProblem>> {
  const problems: Partial<Record<ContractField, ContractProblem>> = {}
  const required = { kind: 'required' } as const
  if (!draft.customer) problems.customerId = required
  if (!draft.contractNo.trim()) problems.contractNo = required
  if (!draft.address.trim()) problems.address = required
  if (!draft.signedOn) problems.signedOn = required
  else if (draft.signedOn > today) problems.signedOn = { kind: 'future' }
  else if (depositPaidOn && draft.signedOn < depositPaidOn) problems.signedOn = { kind: 'beforeDeposit', date: depositPaidOn }
  const amountFen = yuanToFen(draft.amountYuan)
  if (amountFen === null) problems.amountYuan = required
  else if (amountFen <= 0) problems.amountYuan = { kind: 'positive' }
  if (draft.designerId === null) problems.designerId = required
  let latest: { milestone: Milestone; on: string } | null = null
  for (const m of MILESTONES) {
    const on = draft.planned[m]
    if (!on) continue
    if (draft.signedOn && on < draft.signedOn) problems[`planned.${m}`] = { kind: 'beforeSigning' }
    else if (latest && on < latest.on) problems[`planned.${m}`] = { kind: 'order', previous: latest.milestone }
    else latest = { milestone: m, on }
  }
  for (const stage of PAYMENT_STAGES) if (yuanToFen(draft.paymentsYuan[stage]) === null) problems[`payments.${stage}`] = required
  return problems
}

function contractFieldsOf(draft: ContractDraft): Omit<ProjectUpdateInput, 'id' | 'version'> {
  const fen = (stage: PaymentStage): number => yuanToFen(draft.paymentsYuan[stage]) ?? 0
  return {
    contractNo: draft.contractNo.trim(),
    address: draft.address.trim(),
    designerId: draft.designerId ?? 0,
    projectManagerId: draft.projectManagerId,
    supervisorId: draft.supervisorId,
    crewId: draft.crewId,
    agentId: draft.agentId,
    amountFen: yuanToFen(draft.amountYuan) ?? 0,
    signedOn: draft.signedOn,
    planned: { ...draft.planned },
    payments: { first: fen('first'), midterm: fen('midterm'), final: fen('final') },
    note: draft.note.trim() || null,
  }
}

export function toCreateInput(draft: ContractDraft): ProjectCreateInput {
  return { customerId: draft.customer?.id ?? 0, depositId: draft.depositId, ...contractFieldsOf(draft) }
}

export function toUpdateInput(project: Pick<ProjectDetail, 'id' | 'version'>, draft: ContractDraft): ProjectUpdateInput {
  return { id: project.id, version: project.version, ...contractFieldsOf(draft) }
}

/** Server field → form field: money typed in yuan, a whole object's error at its first part. */
export function contractFieldOf(serverField: string): ContractField | null {
  const [head, part] = serverField.split('.')
  if (head === 'amountFen') return 'amountYuan'
  if (head === 'payments') return (PAYMENT_STAGES as readonly string[]).includes(part) ? (`payments.${part}` as ContractField) : 'payments'
  if (head === 'planned') return (MILESTONES as readonly string[]).includes(part) ? (`planned.${part}` as ContractField) : 'planned.start'
  return (CONTRACT_FIELDS as readonly string[]).includes(head) ? (head as ContractField) : null
}

export function mapContractErrors(fields: Record<string, string> | undefined): ContractErrors {
  return mapFieldErrors(fields, contractFieldOf)
}
