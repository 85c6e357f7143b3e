import { defineMethod } from './define'
import { ROLES, type Role } from './roles'
import { choice, id, input, optionalId, password, text } from './schema-kit'
import { usernameSchema } from './auth.contract'
import { z } from 'zod'

const extension = z
  .string({ error: '分机号必须是文字' })
  .trim()
  .regex(/^(\d{2,8})?$/, { error: '分机号应为 2–8 位数字' })
  .nullish()
  .transform((v) => (v ? v : null))

export interface StaffAccount {
  id: number
  username: string
  displayName: string
  role: Role
  active: boolean
  lockedUntil: string | null
  failedLogins: number
  personId: number | null
  /** the phone extension (分机) whose ringing calls pop this account's intake screen */
  extension: string | null
  lastLoginAt: string | null
  createdAt: string
}

export const staffContract = {
  list: defineMethod<StaffAccount[]>()({ input: input({}), permission: 'staff.manage' }),
  create: defineMethod<StaffAccount>()({
    input: input({
      username: usernameSchema,
      displayName: text('姓名', 32),
      role: choice('角色', ROLES),
      password: password('初始密码'),
      personId: optionalId('关联人员'),
      extension,
    }),
    permission: 'staff.manage',
    audit: 'change',
  }),
  update: defineMethod<StaffAccount>()({
    input: input({
      id: id('账号'),
      displayName: text('姓名', 32).optional(),
      role: choice('角色', ROLES).optional(),
      active: z.boolean({ error: '启用状态无效' }).optional(),
      personId: optionalId('关联人员').optional(),
      extension: extension.optional(),
    }),
    permission: 'staff.manage',
    audit: 'change',
  }),
  resetPassword: defineMethod<void>()({
    input: input({ id: id('账号'), password: password('新密码') }),
    permission: 'staff.manage',
    audit: 'change',
  }),
  unlock: defineMethod<StaffAccount>()({ input: input({ id: id('账号') }), permission: 'staff.manage', audit: 'change' }),
}
