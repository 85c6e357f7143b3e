import type { z } from 'zod'
import { findMethod, type ApiContract, type CallResult } from './contract/app-api'
import type { HandlersOf } from './contract/define'
import { AppError, type AppErrorShape } from './contract/errors'
import { ROLE_LABELS, roleHas } from './contract/roles'
import type { AuditService } from './services/audit.service'
import type { CallContext } from './services/call-context'
import type { SessionStore } from './services/session-store'

export type ApiHandlers = HandlersOf<ApiContract, CallContext>

export interface DispatchRequest {
  /** `area.method` */
  method: string
  /** the JSON array of arguments; every method takes at most one object */
  args: unknown
  session: string | null
}

export type Dispatch = (request: DispatchRequest) => Promise<CallResult>

export interface DispatcherDeps {
  handlers: ApiHandlers
  sessions: SessionStore
  audit: AuditService
  sessionIdleMinutes: () => number
  logError?: (error: unknown, method: string) => void
}

export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path]
    for (const path of keys) {
      const key = path.map(String).join('.') || '_'
      fields[key] ??= issue.message
    }
  }
  return new AppError('VALIDATION', error.issues[0]?.message ?? '输入有误', fields)
}

/** What the audit log names as the record a call touched. */
function entityIdOf(input: unknown, value: unknown): number | null {
  for (const source of [input, value]) {
    if (source && typeof source === 'object') {
      const record = source as Record<string, unknown>
      for (const key of ['id', 'customerId']) if (typeof record[key] === 'number') return record[key]
      const visit = record.visit as Record<string, unknown> | undefined
      if (visit && typeof visit.id === 'number') return visit.id
    }
  }
  return null
}

/** The call's input as the audit log keeps it: never a password, never more than 500 characters. */
function auditDetail(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null
  const kept = Object.fromEntries(Object.entries(input).filter(([key, value]) => !/password/i.test(key) && value !== null && value !== undefined))
  const text = JSON.stringify(kept)
  return text === '{}' ? null : text.slice(0, 500)
}

/**
 * The one door into the core, whatever the transport: session → permission → input (zod) →
 * service → audit. No handler runs before all three checks pass.
 */
export function createDispatcher(deps: DispatcherDeps): Dispatch {
  const fail = (error: AppErrorShape): CallResult => ({ ok: false, error })
  return async ({ method, args, session }) => {
    const entry = findMethod(method)
    if (!entry) return fail({ code: 'UNKNOWN_METHOD', message: `未知的接口：${String(method).slice(0, 60)}` })
    if (!Array.isArray(args) || args.length > 1) return fail({ code: 'BAD_REQUEST', message: '参数格式错误：应为只含一个对象的数组' })

    const ctx: CallContext = { user: null, token: null }
    if (entry.def.permission !== 'public') {
      const user = session ? deps.sessions.touch(session, deps.sessionIdleMinutes()) : null
      if (!user) return fail({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
      if (!roleHas(user.role, entry.def.permission)) {
        return fail({ code: 'FORBIDDEN', message: `当前角色（${ROLE_LABELS[user.role]}）无权执行此操作` })
      }
      ctx.user = user
      ctx.token = session
    }

    const parsed = entry.def.input.safeParse(args[0] ?? {})
    if (!parsed.success) return fail(validationError(parsed.error).toShape())

    const area = deps.handlers[entry.area as keyof ApiHandlers] as Record<string, (input: unknown, ctx: CallContext) => Promise<unknown>>
    try {
      const value = await area[entry.method](parsed.data, ctx)
      if (entry.def.audit && ctx.user) {
        deps.audit.record({
          actorId: ctx.user.id,
          action: entry.def.audit,
          method: entry.name,
          entityId: entityIdOf(parsed.data, value),
          detail: auditDetail(parsed.data),
        })
      }
      return { ok: true, value: value ?? null }
    } catch (error) {
      if (error instanceof AppError) return fail(error.toShape())
      deps.logError?.(error, entry.name)
      return fail({ code: 'INTERNAL', message: '系统内部错误，请稍后重试；如果反复出现，请联系管理员' })
    }
  }
}
