import { authContract } from './auth.contract'
import { auditContract } from './audit.contract'
import { callsContract } from './calls.contract'
import { customersContract } from './customers.contract'
import type { ClientOf, Contract, MethodDef } from './define'
import { AppError, isAppErrorShape, type AppErrorShape } from './errors'
import type { EventHandler } from './events'
import { orgContract } from './org.contract'
import { settingsContract } from './settings.contract'
import { staffContract } from './staff.contract'
import { templatesContract } from './templates.contract'
import { visitsContract } from './visits.contract'

/** Every method of the API, by area. The registry drives IPC, HTTP, the client and the permission table. */
export const API_CONTRACT = {
  auth: authContract,
  staff: staffContract,
  org: orgContract,
  settings: settingsContract,
  customers: customersContract,
  visits: visitsContract,
  calls: callsContract,
  templates: templatesContract,
  audit: auditContract,
} satisfies Contract

export type ApiContract = typeof API_CONTRACT
export type AppApi = ClientOf<ApiContract>

export interface MethodEntry {
  /** `area.method`, the name on the wire */
  name: string
  area: string
  method: string
  def: MethodDef
}

export const API_METHODS: readonly MethodEntry[] = Object.entries(API_CONTRACT as Contract).flatMap(([area, methods]) =>
  Object.entries(methods).map(([method, def]) => ({ name: `${area}.${method}`, area, method, def })),
)

export function findMethod(name: string): MethodEntry | undefined {
  return API_METHODS.find((m) => m.name === name)
}

export type CallResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape }

/** How a client reaches the core: IPC, HTTP, or a direct function call. */
export interface Transport {
  call(request: { method: string; args: unknown[]; session: string | null }): Promise<CallResult>
  onEvent?(handler: EventHandler): () => void
}

export interface ApiClient {
  api: AppApi
  setSession(token: string | null): void
  onEvent(handler: EventHandler): () => void
}

/** The typed client over any transport; failures arrive as thrown AppError. */
export function createApiClient(transport: Transport): ApiClient {
  let session: string | null = null
  const api = {} as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>
  for (const entry of API_METHODS) {
    const area = (api[entry.area] ??= {})
    area[entry.method] = async (...args: unknown[]) => {
      const result = await transport.call({ method: entry.name, args, session })
      if (result.ok) return result.value
      throw isAppErrorShape(result.error) ? AppError.fromShape(result.error) : new AppError('INTERNAL', '系统错误')
    }
  }
  return {
    api: api as unknown as AppApi,
    setSession(token) {
      session = token
    },
    onEvent(handler) {
      return transport.onEvent ? transport.onEvent(handler) : () => undefined
    },
  }
}
