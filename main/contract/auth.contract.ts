import { defineMethod } from './define'
import type { Permission, Role } from './roles'
import { input, password, text } from './schema-kit'

export interface SessionUser {
  id: number
  username: string
  displayName: string
  role: Role
  permissions: Permission[]
}

export interface LoginResult {
  token: string
  user: SessionUser
}

export interface AuthStatus {
  needsSetup: boolean
  companyName: string
}

const username = text('用户名', 32).regex(/^[A-Za-z0-9_.-]+$/, { error: '用户名只能包含字母、数字和 _ . -' })

export const authContract = {
  status: defineMethod<AuthStatus>()({ input: input({}), permission: 'public' }),
  /** Only while no account exists: the first start asks for the admin's password. */
  setupAdmin: defineMethod<LoginResult>()({
    input: input({ username, displayName: text('姓名', 32), password: password('密码') }),
    permission: 'public',
  }),
  login: defineMethod<LoginResult>()({
    input: input({ username: text('用户名', 32), password: text('密码', 128) }),
    permission: 'public',
  }),
  logout: defineMethod<void>()({ input: input({}), permission: 'session' }),
  me: defineMethod<SessionUser>()({ input: input({}), permission: 'session' }),
  changePassword: defineMethod<void>()({
    input: input({ oldPassword: text('原密码', 128), newPassword: password('新密码') }),
    permission: 'session',
    audit: 'change',
  }),
}

export { username as usernameSchema }
