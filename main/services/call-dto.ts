import type { EntityManager } from 'typeorm'
import type { SessionUser } from '../contract/auth.contract'
import { CALL_DIRECTION_LABELS, CALL_STATUS_LABELS, CALL_TYPE_LABELS, type CallDetail, type CallDetails, type CallDirection, type CallListItem, type CallSource, type CallStatus, type CallType } from '../contract/calls.contract'
import { maskPhone, normalizePhone, type PhoneKind } from '../contract/phone'
import { toIso, toIsoOrNull, toNumber } from '../../database/raw-values'
import { phoneForUser, canSeePhones } from './customer-dto'

export interface NumberFields {
  rawNumber: string
  normalized: string | null
  /** what calls from one number share: the normalized number, else the digits received, else '' (withheld) */
  numberKey: string
}

/** A number as received or typed, kept beside its normalised form; short codes and withheld callers are still calls. */
export function parseNumber(raw: string, localAreaCode: string): { fields: NumberFields; kind: PhoneKind | null } {
  const rawNumber = raw.trim().slice(0, 40)
  const parsed = rawNumber ? normalizePhone(rawNumber, localAreaCode) : null
  const digits = rawNumber.replace(/[^\d+*#]/g, '')
  return { fields: { rawNumber, normalized: parsed?.normalized ?? null, numberKey: parsed?.normalized ?? digits }, kind: parsed?.kind ?? null }
}

export function numberFields(raw: string, localAreaCode: string): NumberFields {
  return parseNumber(raw, localAreaCode).fields
}

/** A number key shown as this user may see it: grouped when it is a phone number, as received otherwise. */
export function keyForUser(numberKey: string, user: SessionUser): string {
  const normalized = numberKey && normalizePhone(numberKey)?.normalized === numberKey ? numberKey : null
  return numberForUser(normalized, numberKey, user)
}

/** The number as this user may see it; a short code or other non-phone is shown as received. */
export function numberForUser(normalized: string | null, numberKey: string, user: SessionUser): string {
  if (normalized) return phoneForUser(normalized, user)
  if (!numberKey) return ''
  return canSeePhones(user) ? numberKey : maskPhone(numberKey)
}

export function formatTalk(seconds: number): string {
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return `${m}分${String(s).padStart(2, '0')}秒`
}

/** The one-line title of a call on the timeline and the screen pop. */
export function callTitle(r: { direction: CallDirection; callType: CallType | null; status: CallStatus; talkSec: number | null }): string {
  const type = r.callType ? ` · ${CALL_TYPE_LABELS[r.callType]}` : ''
  const talk = r.status === 'answered' && r.talkSec ? ` ${formatTalk(r.talkSec)}` : ''
  return `${CALL_DIRECTION_LABELS[r.direction]}${type}（${CALL_STATUS_LABELS[r.status]}${talk}）`
}

export interface CallRaw {
  id: number
  direction: CallDirection
  rawNumber: string
  normalized: string | null
  numberKey: string
  customerId: number | null
  customerName: string | null
  agentId: number | null
  agentName: string | null
  status: CallStatus
  callType: CallType | null
  startedAt: string | Date
  talkSec: number | null
  ringSec: number | null
  summary: string | null
  outcome: string | null
  source: CallSource
}

export interface CallDetailRaw extends CallRaw {
  extension: string | null
  externalId: string | null
  ringingAt: string | Date | null
  answeredAt: string | Date | null
  endedAt: string | Date | null
  followUpOn: string | null
  details: string | null
  followUpId: number | null
  intakeSavedAt: string | Date | null
  version: number
}

/** The columns of a call list row, with customer and agent names. */
export function callListQuery(em: EntityManager) {
  return em
    .createQueryBuilder()
    .from('call_log', 'cl')
    .leftJoin('customer', 'c', 'c.id = cl.customer_id')
    .leftJoin('staff_account', 'a', 'a.id = cl.agent_id')
    .select(['cl.id AS id', 'cl.direction AS direction', 'cl.raw_number AS "rawNumber"', 'cl.normalized AS normalized', 'cl.number_key AS "numberKey"'])
    .addSelect(['cl.customer_id AS "customerId"', 'c.name AS "customerName"', 'cl.agent_id AS "agentId"', 'a.display_name AS "agentName"'])
    .addSelect(['cl.status AS status', 'cl.call_type AS "callType"', 'cl.started_at AS "startedAt"', 'cl.talk_sec AS "talkSec"', 'cl.ring_sec AS "ringSec"'])
    .addSelect(['cl.summary AS summary', 'cl.outcome AS outcome', 'cl.source AS source'])
}

export function callDetailQuery(em: EntityManager) {
  return callListQuery(em)
    .addSelect(['cl.extension AS extension', 'cl.external_id AS "externalId"', 'cl.ringing_at AS "ringingAt"', 'cl.answered_at AS "answeredAt"'])
    .addSelect(['cl.ended_at AS "endedAt"', 'cl.follow_up_on AS "followUpOn"', 'cl.details AS details', 'cl.follow_up_id AS "followUpId"'])
    .addSelect(['cl.intake_saved_at AS "intakeSavedAt"', 'cl.version AS version'])
}

export function toCallListItem(r: CallRaw, user: SessionUser): CallListItem {
  const display = numberForUser(r.normalized, r.numberKey, user)
  return {
    id: r.id,
    direction: r.direction,
    rawNumber: canSeePhones(user) ? r.rawNumber : display,
    display,
    customer: r.customerId ? { id: r.customerId, name: r.customerName ?? '' } : null,
    agent: r.agentId ? { id: r.agentId, name: r.agentName ?? '' } : null,
    status: r.status,
    type: r.callType,
    startedAt: toIso(r.startedAt),
    talkSec: r.talkSec === null ? null : toNumber(r.talkSec),
    ringSec: r.ringSec === null ? null : toNumber(r.ringSec),
    summary: r.summary,
    outcome: r.outcome,
    source: r.source,
  }
}

export function toCallDetail(r: CallDetailRaw, user: SessionUser, edits: CallDetail['edits']): CallDetail {
  return {
    ...toCallListItem(r, user),
    normalized: canSeePhones(user) ? r.normalized : null,
    extension: r.extension,
    externalId: r.externalId,
    ringingAt: toIsoOrNull(r.ringingAt),
    answeredAt: toIsoOrNull(r.answeredAt),
    endedAt: toIsoOrNull(r.endedAt),
    followUpOn: r.followUpOn,
    details: r.details ? (JSON.parse(r.details) as CallDetails) : null,
    followUpId: r.followUpId,
    intakeSavedAt: toIsoOrNull(r.intakeSavedAt),
    version: toNumber(r.version),
    edits,
  }
}
