import { join } from 'node:path'
import type { StoreConfig } from '../../database/data-source'
import { createApiClient, type ApiClient, type AppApi, type CallResult } from '../../main/contract/app-api'
import type { SessionUser } from '../../main/contract/auth.contract'
import type { Person, PersonKind } from '../../main/contract/org.contract'
import { ROLES, type Role } from '../../main/contract/roles'
import type { StaffAccount } from '../../main/contract/staff.contract'
import { createCore, directTransport, type Core } from '../../main/core'
import type { ScryptParams } from '../../main/services/password-hasher'
import { TestClock } from './clock'
import { makeTempDir, removeTempDir } from './temp-dir'

/** Cheap enough for hundreds of logins; one test checks the real default (2^17). */
export const TEST_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 }
export const TEST_PASSWORD = 'correct-horse-8'

export interface Session {
  token: string
  user: SessionUser
  api: AppApi
  client: ApiClient
}

export interface TestCore {
  core: Core
  clock: TestClock
  /** what the core logged as internal faults (close() fails unless a test empties it) */
  internalErrors: unknown[]
  /** a client without a session */
  anon: AppApi
  /** the raw door: `dispatch('customers.get', [{ id: 1 }], token)` */
  dispatch(method: string, args: unknown, session?: string | null): Promise<CallResult>
  /** A client carrying `token`. */
  clientFor(token: string | null): ApiClient
  /** First start: the admin (created once, then the same session; logged in when the store has one). */
  admin(): Promise<Session>
  /** A new account of `role`, created by the admin. */
  createStaff(role: Role, options?: { username?: string; displayName?: string; password?: string }): Promise<StaffAccount>
  login(username: string, password?: string): Promise<Session>
  /** A live session of `role` (the admin for 'admin'; one account per role, logged in again once idle too long). */
  as(role: Role): Promise<Session>
  /** Every role, logged in. */
  everyRole(): Promise<Record<Role, Session>>
  /** A person (designer by default) created through org.savePerson. */
  person(name: string, kind?: PersonKind, departmentId?: number | null): Promise<Person>
  designer(name: string): Promise<Person>
  close(): Promise<void>
}

export interface OpenTestCoreOptions {
  /** default: a SQLite file in a temp folder removed at close */
  store?: StoreConfig
  now?: Date | string | TestClock
  scrypt?: ScryptParams
}

export async function openTestCore(options: OpenTestCoreOptions = {}): Promise<TestCore> {
  let ownDir: string | null = null
  let store = options.store
  if (!store) {
    ownDir = await makeTempDir()
    store = { kind: 'sqlite', file: join(ownDir, 'renodesk.sqlite') }
  }
  const clock = options.now instanceof TestClock ? options.now : new TestClock(options.now)
  const errors: unknown[] = []
  // PostgreSQL has no file to put the attachments beside: a temp folder per core
  const pgFilesDir = store.kind === 'postgres' ? await makeTempDir() : null
  const core = await createCore({
    store,
    now: clock.now,
    filesDir: pgFilesDir ?? undefined,
    // tests run the deadline watcher themselves (core.sweep), never on a timer between two snapshots
    watchIntervalMs: 0,
    scrypt: options.scrypt ?? TEST_SCRYPT,
    logError: (error) => errors.push(error),
  })
  const transport = directTransport(core)
  const clientFor = (token: string | null): ApiClient => {
    const client = createApiClient(transport)
    client.setSession(token)
    return client
  }
  const sessions = new Map<Role, Session>()
  let adminSession: Promise<Session> | null = null

  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const result = await clientFor(null).api.auth.login({ username, password })
    const client = clientFor(result.token)
    return { token: result.token, user: result.user, api: client.api, client }
  }

  // Sessions end when the test clock jumps past the idle timeout: the helpers then log in again.
  const alive = async (session: Session): Promise<boolean> => (await core.dispatch({ method: 'auth.me', args: [], session: session.token })).ok

  const t: TestCore = {
    core,
    clock,
    internalErrors: errors,
    anon: clientFor(null).api,
    dispatch: (method, args, session = null) => core.dispatch({ method, args, session }),
    clientFor,
    async admin() {
      adminSession ??= (async () => {
        // a store opened again (a restart) already has its admin
        if (!(await clientFor(null).api.auth.status()).needsSetup) return login('admin')
        const result = await clientFor(null).api.auth.setupAdmin({ username: 'admin', displayName: '系统管理员', password: TEST_PASSWORD })
        const client = clientFor(result.token)
        return { token: result.token, user: result.user, api: client.api, client }
      })()
      const session = await adminSession
      if (await alive(session)) return session
      adminSession = login('admin')
      return adminSession
    },
    async createStaff(role, opts = {}) {
      const admin = await t.admin()
      return admin.api.staff.create({
        username: opts.username ?? `${role.toLowerCase()}1`,
        displayName: opts.displayName ?? `测试${role}`,
        role,
        password: opts.password ?? TEST_PASSWORD,
      })
    },
    login,
    async as(role) {
      if (role === 'admin') return t.admin()
      const known = sessions.get(role)
      if (known && (await alive(known))) return known
      const session = await login(known ? known.user.username : (await t.createStaff(role)).username)
      sessions.set(role, session)
      return session
    },
    async everyRole() {
      const out = {} as Record<Role, Session>
      for (const role of ROLES) out[role] = await t.as(role)
      return out
    },
    async person(name, kind = 'designer', departmentId = null) {
      const admin = await t.admin()
      return admin.api.org.savePerson({ name, kind, departmentId, phone: null })
    },
    designer: (name) => t.person(name, 'designer'),
    async close() {
      try {
        await core.close()
      } finally {
        if (ownDir) await removeTempDir(ownDir)
        if (pgFilesDir) await removeTempDir(pgFilesDir)
      }
      if (errors.length) throw new Error(`the core logged ${errors.length} internal error(s): ${errors.map(String).join('; ')}`)
    },
  }
  return t
}

/** Asserts the call failed and returns its error, for `expect(...).toMatchObject`. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; fields?: Record<string, string> }> {
  try {
    await promise
  } catch (error) {
    const e = error as { code?: string; message: string; fields?: Record<string, string> }
    return { code: e.code ?? 'THROWN', message: e.message, ...(e.fields ? { fields: e.fields } : {}) }
  }
  throw new Error('expected the call to fail, it succeeded')
}

/** Contains at least one CJK character: the message is Chinese. */
export const CJK = /[\u4e00-\u9fff]/
