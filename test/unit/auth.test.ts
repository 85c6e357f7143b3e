import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { repo } from '../../database/entities'
import { ROLE_PERMISSIONS } from '../../main/contract/roles'
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from '../../main/services/password-hasher'
import { snapshotDb } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, failure, openTestCore, TEST_PASSWORD, type TestCore } from '../support/test-core'

forEachDialect('accounts and login', (h) => {
  let t: TestCore
  beforeEach(async () => {
    // 2025-06-02 10:00 in Shanghai
    t = await openTestCore({ store: h.config, now: '2025-06-02T02:00:00.000Z' })
  })
  afterEach(() => t.close())

  const passwordHashOf = async (username: string): Promise<string> =>
    (await repo(t.core.store.read, 'staff_account').findOneByOrFail({ username })).passwordHash

  it('first start: needs setup, creates the admin and the default departments once, then refuses a second setup', async () => {
    expect(await t.anon.auth.status()).toEqual({ needsSetup: true, companyName: '某某装饰工程有限公司' })
    const admin = await t.admin()
    expect(admin.user).toMatchObject({ username: 'admin', displayName: '系统管理员', role: 'admin', permissions: [...ROLE_PERMISSIONS.admin] })
    expect(await admin.api.auth.me()).toEqual(admin.user)
    expect(await t.anon.auth.status()).toEqual({ needsSetup: false, companyName: '某某装饰工程有限公司' })
    expect((await admin.api.org.chart()).departments.map((d) => d.name)).toEqual(['客服部', '工程部', '设计部', '材料部', '财务部'])

    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    const again = await failure(t.anon.auth.setupAdmin({ username: 'intruder', displayName: '入侵者', password: 'another-password' }))
    expect(again.code).toBe('FORBIDDEN')
    expect(again.message).toContain('已完成初始设置')
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store)).toEqual(before)
    expect((await failure(t.login('intruder', 'another-password'))).code).toBe('UNAUTHENTICATED')
  })

  it('logs staff in by username in any case, and logout ends the session', async () => {
    await t.createStaff('agent', { username: 'Xiao.Li' })
    const session = await t.login('XIAO.LI')
    expect(session.user).toMatchObject({ username: 'xiao.li', role: 'agent' })
    expect(session.user.permissions).toContain('customers.viewPhone')
    expect(await session.api.auth.me()).toEqual(session.user)
    await session.api.auth.logout()
    expect((await failure(session.api.auth.me())).code).toBe('UNAUTHENTICATED')
  })

  it('counts wrong passwords down, locks with the unlock time, and the admin unlocks', async () => {
    const account = await t.createStaff('receptionist', { username: 'qiantai' })
    const unknown = await failure(t.login('nobody', 'whatever-123'))
    expect(unknown).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' })

    for (const left of [4, 3, 2, 1]) {
      const error = await failure(t.login('qiantai', 'wrong-password'))
      expect(error.code).toBe('UNAUTHENTICATED')
      expect(error.message).toBe(`用户名或密码错误，再错 ${left} 次账号将被锁定`)
      expect(error.fields).toEqual({ password: '用户名或密码错误' })
    }
    const locked = await failure(t.login('qiantai', 'wrong-password'))
    expect(locked.code).toBe('LOCKED')
    // locked for 15 minutes from 10:00 Shanghai time
    expect(locked.message).toContain('10:15')
    expect(locked.message).toMatch(CJK)
    // the right password does not help while locked
    expect((await failure(t.login('qiantai'))).code).toBe('LOCKED')

    const admin = await t.admin()
    const listed = (await admin.api.staff.list()).find((a) => a.id === account.id)
    expect(listed?.lockedUntil).toBe('2025-06-02T02:15:00.000Z')
    const unlocked = await admin.api.staff.unlock({ id: account.id })
    expect(unlocked).toMatchObject({ lockedUntil: null, failedLogins: 0 })
    expect((await t.login('qiantai')).user.username).toBe('qiantai')
  })

  it('lets a lock run out, and follows the loginMaxFailures setting', async () => {
    const admin = await t.admin()
    await admin.api.settings.update({ changes: { loginMaxFailures: 3, loginLockMinutes: 30 } })
    await t.createStaff('agent', { username: 'kefu' })
    await failure(t.login('kefu', 'wrong-password'))
    expect((await failure(t.login('kefu', 'wrong-password'))).message).toContain('再错 1 次')
    const locked = await failure(t.login('kefu', 'wrong-password'))
    expect(locked).toMatchObject({ code: 'LOCKED' })
    expect(locked.message).toContain('10:30')
    t.clock.advance({ minutes: 29 })
    expect((await failure(t.login('kefu'))).code).toBe('LOCKED')
    t.clock.advance({ minutes: 2 })
    expect((await t.login('kefu')).user.role).toBe('agent')
  })

  it('refuses a deactivated account and ends its sessions; reactivation lets it back in', async () => {
    const admin = await t.admin()
    const agent = await t.as('agent')
    const second = await t.login(agent.user.username)
    await admin.api.staff.update({ id: agent.user.id, active: false })
    expect((await failure(agent.api.auth.me())).code).toBe('UNAUTHENTICATED')
    expect((await failure(second.api.customers.search({}))).code).toBe('UNAUTHENTICATED')
    const refused = await failure(t.login(agent.user.username))
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '该账号已停用，请联系管理员' })
    await admin.api.staff.update({ id: agent.user.id, active: true })
    expect((await t.login(agent.user.username)).user.id).toBe(agent.user.id)
  })

  it('ends sessions when the role changes, and the next login carries the new role', async () => {
    const admin = await t.admin()
    const agent = await t.as('agent')
    const other = await t.as('receptionist')
    await admin.api.staff.update({ id: agent.user.id, role: 'manager' })
    expect((await failure(agent.api.auth.me())).code).toBe('UNAUTHENTICATED')
    expect((await other.api.auth.me()).role).toBe('receptionist')
    const again = await t.login(agent.user.username)
    expect(again.user.role).toBe('manager')
    expect(again.user.permissions).toContain('audit.read')
  })

  it('will not let the admin deactivate or demote themselves', async () => {
    const admin = await t.admin()
    const deactivate = await failure(admin.api.staff.update({ id: admin.user.id, active: false }))
    expect(deactivate.code).toBe('VALIDATION')
    expect(deactivate.fields?.active).toMatch(CJK)
    expect((await failure(admin.api.staff.update({ id: admin.user.id, role: 'agent' }))).fields?.role).toMatch(CJK)
    expect((await admin.api.auth.me()).role).toBe('admin')
  })

  it('ends an idle session after sessionIdleMinutes, and each call restarts the idle time', async () => {
    const admin = await t.admin()
    await admin.api.settings.update({ changes: { sessionIdleMinutes: 30 } })
    const agent = await t.as('agent')
    t.clock.advance({ minutes: 29 })
    expect((await agent.api.auth.me()).role).toBe('agent')
    t.clock.advance({ minutes: 29 })
    expect((await agent.api.auth.me()).role).toBe('agent')
    t.clock.advance({ minutes: 31 })
    expect((await failure(agent.api.auth.me())).code).toBe('UNAUTHENTICATED')
    // the admin, idle just as long, is out as well
    expect((await failure(admin.api.auth.me())).code).toBe('UNAUTHENTICATED')
  })

  it('changes a password only with the old one; an admin reset ends sessions and clears a lock', async () => {
    const agent = await t.as('agent')
    const otherSeat = await t.login(agent.user.username)
    const wrongOld = await failure(agent.api.auth.changePassword({ oldPassword: 'not-my-password', newPassword: 'brand-new-pass' }))
    expect(wrongOld).toMatchObject({ code: 'VALIDATION', fields: { oldPassword: '原密码不正确' } })
    await agent.api.auth.changePassword({ oldPassword: TEST_PASSWORD, newPassword: 'brand-new-pass' })
    // the session that changed the password goes on; the account's other sessions end
    expect((await agent.api.auth.me()).id).toBe(agent.user.id)
    expect((await failure(otherSeat.api.auth.me())).code).toBe('UNAUTHENTICATED')
    expect((await failure(t.login(agent.user.username))).code).toBe('UNAUTHENTICATED')
    const fresh = await t.login(agent.user.username, 'brand-new-pass')

    for (let i = 0; i < 5; i++) await failure(t.login(agent.user.username, 'wrong-password'))
    const admin = await t.admin()
    await admin.api.staff.resetPassword({ id: agent.user.id, password: 'reset-by-admin' })
    expect((await failure(fresh.api.auth.me())).code).toBe('UNAUTHENTICATED')
    expect((await t.login(agent.user.username, 'reset-by-admin')).user.id).toBe(agent.user.id)
  })

  it('stores passwords as scrypt hashes with their parameters, never in clear', async () => {
    await t.createStaff('agent', { username: 'hashme', password: 'my-secret-pw' })
    const stored = await passwordHashOf('hashme')
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/)
    expect(stored).not.toContain('my-secret-pw')
    await t.createStaff('shiftLead', { username: 'hashme2', password: 'my-secret-pw' })
    expect(await passwordHashOf('hashme2')).not.toBe(stored)
  })

  it('refuses a username already taken, whatever its case, and writes nothing', async () => {
    await t.createStaff('agent', { username: 'zhangsan' })
    await t.core.audit.flush()
    const before = await snapshotDb(t.core.store)
    const taken = await failure(t.createStaff('agent', { username: 'ZhangSan' }))
    expect(taken).toMatchObject({ code: 'VALIDATION', fields: { username: '用户名「zhangsan」已被使用' } })
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store)).toEqual(before)
  })
})

describe('scrypt at the default cost (2^17)', () => {
  let t: TestCore
  beforeEach(async () => {
    t = await openTestCore({ scrypt: DEFAULT_SCRYPT })
  })
  afterEach(() => t.close())

  it('hashes the first admin as scrypt$17$8$1$…, verifies it at login, and refuses a wrong password', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ logN: 17, r: 8, p: 1 })
    await t.admin()
    const stored = (await repo(t.core.store.read, 'staff_account').findOneByOrFail({ username: 'admin' })).passwordHash
    const [scheme, logN, r, p, salt, key] = stored.split('$')
    expect([scheme, logN, r, p]).toEqual(['scrypt', '17', '8', '1'])
    expect(Buffer.from(salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(key, 'base64')).toHaveLength(32)
    expect((await t.login('admin')).user.role).toBe('admin')
    expect((await failure(t.login('admin', 'not-the-password'))).code).toBe('UNAUTHENTICATED')
  })

  it('verifies a hash by the parameters stored with it, not the current default', async () => {
    const cheap = await hashPassword('口令-password', { logN: 10, r: 8, p: 1 })
    expect(cheap.startsWith('scrypt$10$8$1$')).toBe(true)
    expect(await verifyPassword('口令-password', cheap)).toBe(true)
    expect(await verifyPassword('口令-passworD', cheap)).toBe(false)
    expect(await verifyPassword('口令-password', 'bcrypt$whatever')).toBe(false)
    expect(await verifyPassword('口令-password', cheap.replace('scrypt$10$', 'scrypt$11$'))).toBe(false)
  })
})
