import type { AuthStatus, LoginResult, SessionUser } from '../contract/auth.contract'
import { AppError } from '../contract/errors'
import { ROLE_PERMISSIONS } from '../contract/roles'
import { formatInZone } from '../contract/time'
import { repo, type StaffAccountRow } from '../../database/entities'
import type { Store } from '../../database/store'
import type { AuditService } from './audit.service'
import { OrgService } from './org.service'
import { actor, type CallContext } from './call-context'
import { hashPassword, verifyPassword, type ScryptParams } from './password-hasher'
import type { SessionStore } from './session-store'
import type { SettingsService } from './settings.service'

export function sessionUserOf(account: StaffAccountRow): SessionUser {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    permissions: [...ROLE_PERMISSIONS[account.role]],
  }
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase()
}

export interface AuthDeps {
  store: Store
  now: () => Date
  sessions: SessionStore
  settings: SettingsService
  audit: AuditService
  scrypt: ScryptParams
}

export class AuthService {
  /** Verified against when the username is unknown, so both failures take the same time. */
  private dummyHash: Promise<string> | null = null

  constructor(private readonly deps: AuthDeps) {}

  async status(): Promise<AuthStatus> {
    const count = await repo(this.deps.store.read, 'staff_account').count()
    return { needsSetup: count === 0, companyName: this.deps.settings.get().companyName }
  }

  async setupAdmin(input: { username: string; displayName: string; password: string }): Promise<LoginResult> {
    const passwordHash = await hashPassword(input.password, this.deps.scrypt)
    const account = await this.deps.store.write(async (em) => {
      const accounts = repo(em, 'staff_account')
      // Checked inside the write transaction: two first-start screens cannot both create an admin.
      if ((await accounts.count()) > 0) throw new AppError('FORBIDDEN', '系统已完成初始设置，请直接登录')
      await OrgService.createDefaultDepartments(em)
      return accounts.save({
        username: normalizeUsername(input.username),
        displayName: input.displayName,
        role: 'admin',
        passwordHash,
        active: true,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: this.deps.now(),
        personId: null,
      })
    })
    const user = sessionUserOf(account)
    this.deps.audit.record({ actorId: user.id, action: 'login', method: 'auth.setupAdmin', entityId: user.id })
    return { token: this.deps.sessions.create(user), user }
  }

  async login(input: { username: string; password: string }): Promise<LoginResult> {
    const { loginMaxFailures, loginLockMinutes, timeZone } = this.deps.settings.get()
    const username = normalizeUsername(input.username)
    const account = await repo(this.deps.store.read, 'staff_account').findOneBy({ username })
    const wrong = new AppError('UNAUTHENTICATED', '用户名或密码错误', { password: '用户名或密码错误' })
    if (!account) {
      await verifyPassword(input.password, await this.dummy())
      throw wrong
    }
    const now = this.deps.now()
    if (account.lockedUntil && account.lockedUntil > now) {
      throw new AppError('LOCKED', `密码错误次数过多，账号已锁定至 ${formatInZone(account.lockedUntil, timeZone, 'HH:mm')}，请稍后再试或联系管理员解锁`)
    }
    const ok = await verifyPassword(input.password, account.passwordHash)
    if (!ok) {
      const failures = account.failedLogins + 1
      const locks = failures >= loginMaxFailures
      const lockedUntil = locks ? new Date(now.getTime() + loginLockMinutes * 60_000) : null
      await this.deps.store.write((em) =>
        repo(em, 'staff_account').update({ id: account.id }, { failedLogins: locks ? 0 : failures, lockedUntil }),
      )
      this.deps.audit.record({ actorId: account.id, action: 'loginFailed', method: 'auth.login', entityId: account.id })
      if (lockedUntil) {
        throw new AppError('LOCKED', `密码错误次数过多，账号已锁定至 ${formatInZone(lockedUntil, timeZone, 'HH:mm')}，请稍后再试或联系管理员解锁`)
      }
      const left = loginMaxFailures - failures
      throw new AppError('UNAUTHENTICATED', `用户名或密码错误，再错 ${left} 次账号将被锁定`, { password: '用户名或密码错误' })
    }
    if (!account.active) throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员')
    await this.deps.store.write((em) =>
      repo(em, 'staff_account').update({ id: account.id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: now }),
    )
    const user = sessionUserOf(account)
    this.deps.audit.record({ actorId: user.id, action: 'login', method: 'auth.login', entityId: user.id })
    return { token: this.deps.sessions.create(user), user }
  }

  async logout(ctx: CallContext): Promise<void> {
    if (ctx.token) this.deps.sessions.end(ctx.token)
    this.deps.audit.record({ actorId: actor(ctx).id, action: 'logout', method: 'auth.logout' })
  }

  async me(ctx: CallContext): Promise<SessionUser> {
    return actor(ctx)
  }

  async changePassword(input: { oldPassword: string; newPassword: string }, ctx: CallContext): Promise<void> {
    const user = actor(ctx)
    const account = await repo(this.deps.store.read, 'staff_account').findOneByOrFail({ id: user.id })
    if (!(await verifyPassword(input.oldPassword, account.passwordHash))) {
      throw AppError.field('oldPassword', '原密码不正确')
    }
    const passwordHash = await hashPassword(input.newPassword, this.deps.scrypt)
    await this.deps.store.write((em) => repo(em, 'staff_account').update({ id: user.id }, { passwordHash }))
    this.deps.sessions.endAllFor(user.id, ctx.token)
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-password', this.deps.scrypt)
    return this.dummyHash
  }
}
