import { EntitySchema } from 'typeorm'
import type { PhoneKind } from '../../main/contract/phone'
import type { ColumnKit } from './columns'

export interface CustomerRow {
  id: number
  name: string
  /** toneless pinyin without spaces: the sort key of every customer list */
  namePinyin: string
  /** first letters of the pinyin syllables: `zs` finds 张三 */
  nameInitials: string
  community: string | null
  address: string | null
  houseType: string | null
  areaSqm: number | null
  budgetMinFen: number | null
  budgetMaxFen: number | null
  style: string | null
  sourceChannel: string | null
  grade: string | null
  /** JSON array of strings */
  tags: string
  notes: string | null
  /** YYYY-MM-DD the fit-out was completed: repairs measure their warranty from it */
  completedOn: string | null
  ownerAgentId: number | null
  followingDesignerId: number | null
  followingSince: Date | null
  lastContactAt: Date | null
  referrerId: number | null
  createdBy: number | null
  createdAt: Date
  updatedAt: Date
  version: number
}

export interface CustomerPhoneRow {
  id: number
  customerId: number
  /** unique across all customers: one number is one customer */
  normalized: string
  /** the digits reversed, so that a 尾号 search is an indexed prefix search */
  reversed: string
  raw: string
  kind: PhoneKind
  region: string | null
  carrier: string | null
  isPrimary: boolean
  createdAt: Date
}

/** Distinct community names, so that a search by part of a name scans hundreds of rows, not every customer. */
export interface CommunityRow {
  id: number
  name: string
}

export const customerEntity = (c: ColumnKit) =>
  new EntitySchema<CustomerRow>({
    name: 'customer',
    columns: {
      id: c.id(),
      name: c.text(32),
      namePinyin: c.text(200),
      nameInitials: c.text(40),
      community: c.text(60, true),
      address: c.text(120, true),
      houseType: c.text(30, true),
      areaSqm: c.real(),
      budgetMinFen: c.money(),
      budgetMaxFen: c.money(),
      style: c.text(30, true),
      sourceChannel: c.text(30, true),
      grade: c.text(30, true),
      tags: c.longText(false),
      notes: c.longText(),
      completedOn: c.text(10, true),
      ownerAgentId: c.int(true),
      followingDesignerId: c.int(true),
      followingSince: c.time(true),
      lastContactAt: c.time(true),
      referrerId: c.int(true),
      createdBy: c.int(true),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
      version: c.version(),
    },
  })

export const customerPhoneEntity = (c: ColumnKit) =>
  new EntitySchema<CustomerPhoneRow>({
    name: 'customer_phone',
    columns: {
      id: c.id(),
      customerId: c.int(),
      normalized: c.text(20),
      reversed: c.text(20),
      raw: c.text(30),
      kind: c.text(10),
      region: c.text(40, true),
      carrier: c.text(20, true),
      isPrimary: c.bool(),
      createdAt: c.createdAt(),
    },
  })

export const communityEntity = (c: ColumnKit) =>
  new EntitySchema<CommunityRow>({
    name: 'community',
    columns: { id: c.id(), name: c.text(60) },
  })
