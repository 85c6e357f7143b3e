import { AppError } from '../contract/errors'
import type { Role } from '../contract/roles'
import type { StaffAccount } from '../contract/staff.contract'
import { repo, type StaffAccountRow } from '../../database/entities'
import type { Store } from '../../database/store'
import { normalizeUsername } from './auth.service'
import { actor, type CallContext } from './call-context'
import { hashPassword, type ScryptParams } from './password-hasher'
import type { EventBus } from './event-bus'
import type { SessionStore } from './session-store'
import type { EntityManager } from 'typeorm'

function toDto(row: StaffAccountRow): StaffAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    lockedUntil: row.lockedUntil ? row.lockedUntil.toISOString() : null,
    failedLogins: row.failedLogins,
    personId: row.personId,
    extension: row.extension,
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  }
}

export class StaffService {
  constructor(
    private readonly store: Store,
    private readonly sessions: SessionStore,
    private readonly scrypt: ScryptParams,
    private readonly events: EventBus,
  ) {}

  async list(): Promise<StaffAccount[]> {
    const rows = await repo(this.store.read, 'staff_account').find({ order: { active: 'DESC', id: 'ASC' } })
    return rows.map(toDto)
  }

  async create(input: { username: string; displayName: string; role: Role; password: string; personId: number | null; extension: string | null }): Promise<StaffAccount> {
    const passwordHash = await hashPassword(input.password, this.scrypt)
    const username = normalizeUsername(input.username)
    const row = await this.store.write(async (em) => {
      const accounts = repo(em, 'staff_account')
      if (await accounts.existsBy({ username })) throw AppError.field('username', `用户名「${username}」已被使用`)
      await this.checkPerson(em, input.personId)
      await this.checkExtension(em, input.extension)
      return accounts.save({
        username,
        displayName: input.displayName,
        role: input.role,
        passwordHash,
        active: true,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        personId: input.personId,
        extension: input.extension,
      })
    })
    // the org screen shows which people have a login
    if (input.personId !== null) this.events.emit({ type: 'dataChanged', area: 'org' })
    return toDto(row)
  }

  async update(
    input: { id: number; displayName?: string; role?: Role; active?: boolean; personId?: number | null; extension?: string | null },
    ctx: CallContext,
  ): Promise<StaffAccount> {
    const me = actor(ctx)
    if (input.id === me.id && (input.active === false || (input.role && input.role !== 'admin'))) {
      throw AppError.field(input.active === false ? 'active' : 'role', '不能停用自己的账号或取消自己的管理员角色')
    }
    const row = await this.store.write(async (em) => {
      const accounts = repo(em, 'staff_account')
      const existing = await this.find(em, input.id)
      if (input.personId !== undefined) await this.checkPerson(em, input.personId, input.id)
      if (input.extension !== undefined) await this.checkExtension(em, input.extension, input.id)
      const { id, ...changes } = input
      await accounts.update({ id }, changes)
      return { ...existing, ...changes }
    })
    if (input.active === false || input.role !== undefined) this.sessions.endAllFor(input.id)
    if (input.personId !== undefined) this.events.emit({ type: 'dataChanged', area: 'org' })
    return toDto(row)
  }

  async resetPassword(input: { id: number; password: string }): Promise<void> {
    const passwordHash = await hashPassword(input.password, this.scrypt)
    await this.store.write(async (em) => {
      await this.find(em, input.id)
      await repo(em, 'staff_account').update({ id: input.id }, { passwordHash, failedLogins: 0, lockedUntil: null })
    })
    this.sessions.endAllFor(input.id)
  }

  async unlock(input: { id: number }): Promise<StaffAccount> {
    const row = await this.store.write(async (em) => {
      const existing = await this.find(em, input.id)
      await repo(em, 'staff_account').update({ id: input.id }, { failedLogins: 0, lockedUntil: null })
      return { ...existing, failedLogins: 0, lockedUntil: null }
    })
    return toDto(row)
  }

  private async find(em: EntityManager, id: number): Promise<StaffAccountRow> {
    const row = await repo(em, 'staff_account').findOneBy({ id })
    if (!row) throw new AppError('NOT_FOUND', '账号不存在', { id: '账号不存在' })
    return row
  }

  /** A ringing call pops one agent's screen: an extension belongs to one active account. */
  private async checkExtension(em: EntityManager, extension: string | null | undefined, accountId: number | null = null): Promise<void> {
    if (!extension) return
    const holder = await repo(em, 'staff_account').findOneBy({ extension, active: true })
    if (holder && holder.id !== accountId) throw AppError.field('extension', `分机号 ${extension} 已分配给「${holder.displayName}」`)
  }

  /** A person has at most one login. */
  private async checkPerson(em: EntityManager, personId: number | null, accountId: number | null = null): Promise<void> {
    if (personId === null) return
    if (!(await repo(em, 'person').existsBy({ id: personId }))) throw AppError.field('personId', '关联人员不存在')
    const holder = await repo(em, 'staff_account').findOneBy({ personId })
    if (holder && holder.id !== accountId) throw AppError.field('personId', `该人员已关联账号「${holder.username}」`)
  }
}
