import type { SessionUser } from '../contract/auth.contract'
import type { CustomerDetail, Following, PersonRef, PhoneDto } from '../contract/customers.contract'
import { formatPhone, maskPhone } from '../contract/phone'
import { addDays } from '../contract/time'
import type { CustomerPhoneRow, CustomerRow } from '../../database/entities'
import { toIsoOrNull } from '../../database/raw-values'

export function canSeePhones(user: SessionUser): boolean {
  return user.permissions.includes('customers.viewPhone')
}

/** The number as this user may see it: grouped in full, or masked (保密制度). */
export function phoneForUser(normalized: string | null | undefined, user: SessionUser): string {
  if (!normalized) return ''
  return canSeePhones(user) ? formatPhone(normalized) : maskPhone(normalized)
}

export function phoneDto(row: CustomerPhoneRow, user: SessionUser): PhoneDto {
  return {
    id: row.id,
    display: phoneForUser(row.normalized, user),
    masked: !canSeePhones(user),
    kind: row.kind,
    region: row.region,
    carrier: row.carrier,
    isPrimary: row.isPrimary,
  }
}

/** The following designer and the end of their protection period (撞单 rule). */
export function followingOf(
  designer: PersonRef | null,
  since: Date | string | null,
  protectionDays: number,
  now: Date,
): Following | null {
  if (!designer || !since) return null
  const sinceDate = new Date(since instanceof Date ? since : toIsoOrNull(since) ?? since)
  const protectedUntil = addDays(sinceDate, protectionDays)
  return { designer, since: sinceDate.toISOString(), protectedUntil: protectedUntil.toISOString(), active: protectedUntil > now }
}

export function customerDetail(args: {
  row: CustomerRow
  phones: CustomerPhoneRow[]
  designer: PersonRef | null
  ownerAgent: PersonRef | null
  referrer: PersonRef | null
  user: SessionUser
  protectionDays: number
  now: Date
}): CustomerDetail {
  const { row } = args
  return {
    id: row.id,
    name: row.name,
    community: row.community,
    address: row.address,
    houseType: row.houseType,
    areaSqm: row.areaSqm,
    budgetMinFen: row.budgetMinFen,
    budgetMaxFen: row.budgetMaxFen,
    style: row.style,
    sourceChannel: row.sourceChannel,
    grade: row.grade,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    ownerAgent: args.ownerAgent,
    following: followingOf(args.designer, row.followingSince, args.protectionDays, args.now),
    referrer: args.referrer,
    lastContactAt: toIsoOrNull(row.lastContactAt),
    phones: [...args.phones].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.id - b.id).map((p) => phoneDto(p, args.user)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  }
}
