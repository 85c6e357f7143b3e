import { EntitySchema } from 'typeorm'
import type { Role } from '../../main/contract/roles'
import type { ColumnKit } from './columns'

export interface StaffAccountRow {
  id: number
  username: string
  displayName: string
  role: Role
  /** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so they can be raised later */
  passwordHash: string
  active: boolean
  failedLogins: number
  lockedUntil: Date | null
  lastLoginAt: Date | null
  personId: number | null
  extension: string | null
  createdAt: Date
  updatedAt: Date
}

export const staffAccountEntity = (c: ColumnKit) =>
  new EntitySchema<StaffAccountRow>({
    name: 'staff_account',
    columns: {
      id: c.id(),
      username: c.text(32),
      displayName: c.text(32),
      role: c.text(20),
      passwordHash: c.text(255),
      active: c.bool(),
      failedLogins: c.int(),
      lockedUntil: c.time(true),
      lastLoginAt: c.time(true),
      personId: c.int(true),
      extension: c.text(20, true),
      createdAt: c.createdAt(),
      updatedAt: c.updatedAt(),
    },
  })
