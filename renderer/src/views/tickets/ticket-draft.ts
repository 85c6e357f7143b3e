import type { CallDetail } from '@contract/calls.contract'
import type { PersonRef } from '@contract/customers.contract'
import type { TicketDetail, TicketKind, TicketSource } from '@contract/tickets.contract'
import { formatInZone } from '@contract/time'
import type { TicketCreateInput, TicketUpdateInput } from '../../stores/tickets.store'
import { companyTimeToIso } from '../calls/intake-draft'
import { mapFieldErrors, orNull } from '../visits/walk-in-draft'

/** What a ticket records and an agent may correct later (`tickets.update`), as typed. */
export interface TicketFieldsDraft {
  category: string
  severity: string
  description: string
  expectation: string
  // repairs
  address: string
  preferredTime: string
  /** YYYY-MM-DD, or '' to keep the customer's */
  completionDate: string
  workerId: number | null
  /** `YYYY-MM-DD HH:mm` on the company's clock, or '' */
  appointmentAt: string
}

/** The create form (新建工单): where the ticket comes from, the customer, the fields, and an optional dispatch. */
export interface TicketDraft extends TicketFieldsDraft {
  kind: TicketKind
  source: TicketSource
  customer: PersonRef | null
  callId: number | null
  visitId: number | null
  /** 立即派单 */
  dispatchNow: boolean
  departmentId: number | null
  personId: number | null
  /** 解决期限, `YYYY-MM-DD HH:mm` on the company's clock; '' for the severity's default */
  dueAt: string
}

export type TicketField = keyof TicketFieldsDraft | 'kind' | 'source' | 'customerId' | 'callId' | 'visitId' | 'departmentId' | 'personId' | 'dueAt'
export type TicketErrors = Partial<Record<TicketField, string>>

/** Where a create dialog starts: the call or walk-in it comes from fixes the customer and the source. */
export interface TicketPreset {
  kind?: TicketKind
  source?: TicketSource
  customer?: PersonRef | null
  callId?: number | null
  visitId?: number | null
  fields?: Partial<TicketFieldsDraft>
}

export function emptyFields(): TicketFieldsDraft {
  return { category: '', severity: '', description: '', expectation: '', address: '', preferredTime: '', completionDate: '', workerId: null, appointmentAt: '' }
}

/**
 * A fresh form. A repair is rarely graded by the caller, so it starts at the first severity of
 * the company's list; a complaint's severity is the agent's call and starts empty.
 */
export function newTicketDraft(preset: TicketPreset, severities: readonly string[]): TicketDraft {
  const kind = preset.kind ?? 'complaint'
  const fields = { ...emptyFields(), ...preset.fields }
  if (!fields.severity && kind === 'repair') fields.severity = severities[0] ?? ''
  return {
    ...fields,
    kind,
    source: preset.source ?? 'phone',
    customer: preset.customer ?? null,
    callId: preset.callId ?? null,
    visitId: preset.visitId ?? null,
    dispatchNow: false,
    departmentId: null,
    personId: null,
    dueAt: '',
  }
}

/** A complaint or repair call turned into a ticket: what the intake form recorded is carried over. */
export function presetFromCall(call: Pick<CallDetail, 'id' | 'customer' | 'details'>): TicketPreset | null {
  const details = call.details
  if (details?.type === 'complaint') {
    return {
      kind: 'complaint',
      source: 'phone',
      customer: call.customer,
      callId: call.id,
      fields: { category: details.category, severity: details.severity, description: details.description, expectation: details.expectation ?? '' },
    }
  }
  if (details?.type === 'repair') {
    return {
      kind: 'repair',
      source: 'phone',
      customer: call.customer,
      callId: call.id,
      fields: { category: details.category, description: details.description, address: details.address ?? '', preferredTime: details.preferredTime ?? '' },
    }
  }
  return null
}

export function presetFromVisit(visit: { id: number; customerId: number; customerName: string }, kind: TicketKind): TicketPreset {
  return { kind, source: 'walkIn', customer: { id: visit.customerId, name: visit.customerName }, visitId: visit.id }
}

/** A ticket's recorded fields back into the edit form. */
export function fieldsFromTicket(ticket: TicketDetail, timeZone: string): TicketFieldsDraft {
  return {
    category: ticket.category,
    severity: ticket.severity,
    description: ticket.description,
    expectation: ticket.expectation ?? '',
    address: ticket.address ?? '',
    preferredTime: ticket.preferredTime ?? '',
    completionDate: ticket.completionDate ?? '',
    workerId: ticket.worker?.id ?? null,
    appointmentAt: ticket.appointmentAt ? formatInZone(ticket.appointmentAt, timeZone) : '',
  }
}

const blank = (value: string): boolean => !value.trim()

/** Cheap checks made before saving, in the order the fields appear; the core has the last word. */
export function missingFields(draft: TicketDraft): TicketField[] {
  const missing: TicketField[] = []
  if (!draft.customer) missing.push('customerId')
  if (blank(draft.category)) missing.push('category')
  if (blank(draft.severity)) missing.push('severity')
  if (blank(draft.description)) missing.push('description')
  if (draft.dispatchNow && draft.departmentId === null) missing.push('departmentId')
  if (draft.dispatchNow && draft.personId === null) missing.push('personId')
  return missing
}

/** A 解决期限 or 上门时间 typed on the company's clock that is not later than now. */
export function isPast(local: string | null, timeZone: string, nowMs: number): boolean {
  return !!local && new Date(companyTimeToIso(local, timeZone)).getTime() <= nowMs
}

function fieldsInput(draft: TicketFieldsDraft, kind: TicketKind, timeZone: string) {
  const repair = kind === 'repair'
  return {
    category: draft.category.trim(),
    severity: draft.severity.trim(),
    description: draft.description.trim(),
    expectation: orNull(draft.expectation),
    // what belongs to a repair alone is not sent with a complaint, even if typed before the kind changed
    address: repair ? orNull(draft.address) : null,
    preferredTime: repair ? orNull(draft.preferredTime) : null,
    completionDate: repair && draft.completionDate ? draft.completionDate : null,
    workerId: repair ? draft.workerId : null,
    appointmentAt: repair && draft.appointmentAt ? companyTimeToIso(draft.appointmentAt, timeZone) : null,
  }
}

export function toCreateInput(draft: TicketDraft, timeZone: string): TicketCreateInput {
  if (!draft.customer) throw new Error('toCreateInput: no customer')
  const dispatch =
    draft.dispatchNow && draft.departmentId !== null && draft.personId !== null
      ? { departmentId: draft.departmentId, personId: draft.personId, dueAt: draft.dueAt ? companyTimeToIso(draft.dueAt, timeZone) : null }
      : null
  return {
    kind: draft.kind,
    source: draft.source,
    customerId: draft.customer.id,
    callId: draft.callId,
    visitId: draft.visitId,
    ...fieldsInput(draft, draft.kind, timeZone),
    dispatch,
  }
}

export function toUpdateInput(ticket: Pick<TicketDetail, 'id' | 'version' | 'kind'>, draft: TicketFieldsDraft, timeZone: string): TicketUpdateInput {
  return { id: ticket.id, version: ticket.version, ...fieldsInput(draft, ticket.kind, timeZone) }
}

/** The create form's fields in the order Enter walks them (and the first with an error gets the cursor). */
export const TICKET_FIELD_ORDER: readonly TicketField[] = [
  'customerId',
  'category',
  'severity',
  'description',
  'expectation',
  'address',
  'preferredTime',
  'completionDate',
  'workerId',
  'appointmentAt',
  'departmentId',
  'personId',
  'dueAt',
]
/** what only a repair records */
export const REPAIR_FIELDS: readonly TicketField[] = ['address', 'preferredTime', 'completionDate', 'workerId', 'appointmentAt']
/** what only an immediate dispatch asks */
export const DISPATCH_FIELDS: readonly TicketField[] = ['departmentId', 'personId', 'dueAt']

const FORM_FIELDS: readonly TicketField[] = ['kind', 'source', 'callId', 'visitId', ...TICKET_FIELD_ORDER]

/** `dispatch.personId` → personId: the field a server message belongs under. */
export function ticketFieldOf(serverField: string): TicketField | null {
  const name = serverField.replace(/^(dispatch|change)\./, '').split('.')[0]
  return (FORM_FIELDS as readonly string[]).includes(name) ? (name as TicketField) : null
}

export function mapTicketErrors(fields: Record<string, string> | undefined): TicketErrors {
  return mapFieldErrors(fields, ticketFieldOf)
}
