import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { API_METHODS, type CallResult, type MethodEntry } from '../../main/contract/app-api'
import { ROLES, roleHas, type Role } from '../../main/contract/roles'
import { badInputsOf, fieldKeyFor } from '../support/bad-inputs'
import { snapshotDb, type DbSnapshot } from '../support/db-snapshot'
import { forEachDialect } from '../support/dialects'
import { CJK, openTestCore, type Session, type TestCore } from '../support/test-core'

const FORGED = ['forged-session-token', 'A'.repeat(43), '']

function rolesLacking(entry: MethodEntry): Role[] {
  const permission = entry.def.permission
  return permission === 'public' ? [] : ROLES.filter((role) => !roleHas(role, permission))
}

function roleAllowed(entry: MethodEntry): Role | null {
  const permission = entry.def.permission
  return permission === 'public' ? null : (ROLES.find((role) => roleHas(role, permission)) as Role)
}

function errorOf(result: CallResult): { code: string; message: string; fields?: Record<string, string> } {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)?.slice(0, 200)}`)
  return result.error
}

forEachDialect('registry walk: every API method', (h) => {
  let t: TestCore
  let sessions: Record<Role, Session>
  let before: DbSnapshot

  // One store per dialect: every call below is refused, so the store must stay as it was anyway.
  beforeAll(async () => {
    t = await openTestCore({ store: h.config })
    sessions = await t.everyRole()
    // Something for the methods to (wrongly) change: a designer, a customer with a visit.
    const designer = await t.designer('王设计')
    await sessions.receptionist.api.visits.register({ name: '张三', phone: '13800138000', designerId: designer.id })
  })
  // Taken per test, so that a method that does write shows up as itself and not in every test after it.
  beforeEach(async () => {
    await t.core.audit.flush()
    before = await snapshotDb(t.core.store)
  })
  afterAll(() => t.close())

  /** Nothing written by a refused call: the audit buffer flushed, every table as it was. */
  async function expectUnchanged(what: string): Promise<void> {
    await t.core.audit.flush()
    expect(await snapshotDb(t.core.store), `${what} changed the database`).toEqual(before)
  }

  it('covers a non-empty registry with unique names', () => {
    expect(API_METHODS.length).toBeGreaterThanOrEqual(30)
    expect(new Set(API_METHODS.map((m) => m.name)).size).toBe(API_METHODS.length)
  })

  it.each(API_METHODS.map((m) => [m.name, m] as const))('%s: refuses no session, forged sessions and roles without its permission', async (name, entry) => {
    for (const args of [[{}], ['not-an-object']]) {
      for (const session of [null, ...FORGED]) {
        const result = await t.dispatch(name, args, session)
        if (entry.def.permission === 'public') {
          if (!result.ok) expect(result.error.code).not.toBe('UNAUTHENTICATED')
        } else {
          expect(errorOf(result)).toMatchObject({ code: 'UNAUTHENTICATED' })
          expect(errorOf(result).message).toMatch(CJK)
        }
      }
      for (const role of rolesLacking(entry)) {
        const error = errorOf(await t.dispatch(name, args, sessions[role].token))
        expect(error.code, `${role} calling ${name}`).toBe('FORBIDDEN')
        expect(error.message).toMatch(CJK)
      }
    }
    if (entry.def.permission !== 'public') await expectUnchanged(`${name} without a valid session or permission`)
  })

  it.each(API_METHODS.map((m) => [m.name, m] as const))('%s: rejects bad input with Chinese field messages and changes nothing', async (name, entry) => {
    const role = roleAllowed(entry)
    const token = role ? sessions[role].token : null
    const cases = badInputsOf(entry)
    expect(cases.length).toBeGreaterThanOrEqual(4)
    for (const bad of cases) {
      const error = errorOf(await t.dispatch(name, [bad.input], token))
      expect(error.code, `${name} ← ${bad.why}`).toBe('VALIDATION')
      expect(error.message, `${name} ← ${bad.why}`).toMatch(CJK)
      const key = fieldKeyFor(error.fields, bad.field)
      expect(key, `${name} ← ${bad.why}: fields ${JSON.stringify(error.fields)} should name ${bad.field || 'the input'}`).toBeDefined()
      for (const message of Object.values(error.fields ?? {})) expect(message, `${name} ← ${bad.why}`).toMatch(CJK)
    }
    await expectUnchanged(`${name} with any of ${cases.length} bad inputs`)
    // The sessions survived too (logout with bad input must not log anyone out).
    for (const r of ROLES) expect((await t.dispatch('auth.me', [], sessions[r].token)).ok).toBe(true)
  })

  it('answers an unknown method with UNKNOWN_METHOD, whatever the session', async () => {
    for (const name of ['customers.drop', 'nope', '', 'customers', '__proto__', 'constructor', 'customers.__proto__', 'auth.login.x']) {
      for (const session of [null, sessions.admin.token, sessions.agent.token]) {
        const error = errorOf(await t.dispatch(name, [{}], session))
        expect(error.code, name).toBe('UNKNOWN_METHOD')
        expect(error.message).toMatch(CJK)
      }
    }
    await expectUnchanged('unknown methods')
  })

  it('answers arguments that are not an array of at most one object with BAD_REQUEST', async () => {
    for (const args of [{}, 'text', 42, null, undefined, { 0: { id: 1 } }, [{ id: 1 }, { id: 2 }]]) {
      const error = errorOf(await t.dispatch('customers.get', args, sessions.agent.token))
      expect(error.code, JSON.stringify(args)).toBe('BAD_REQUEST')
      expect(error.message).toMatch(CJK)
    }
    await expectUnchanged('malformed argument lists')
  })
}, { scope: 'suite' })
