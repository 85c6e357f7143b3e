import { createApiClient, type ApiClient } from '@contract/app-api'
import { createHttpTransport } from '@contract/http-transport'

/** Where the page finds the core: Electron's preload, or browser mode's `?token=` URL. */
export interface ApiEnvironment {
  /** `window.api` as the preload exposed it (undefined outside Electron) */
  windowApi: unknown
  /** `location.search` of the page */
  search: string
  storage: Pick<Storage, 'getItem' | 'setItem'>
  EventSource?: typeof EventSource
  fetch?: typeof fetch
}

export const BRIDGE_TOKEN_STORAGE_KEY = 'renodesk.bridgeToken'

export const CONNECTION_MISSING_MESSAGE =
  '未找到与核心服务的连接：请从 RenoDesk 桌面程序打开本页面，或使用 npm run serve 打印的完整地址（带 ?token=）。'

export class ConnectionMissingError extends Error {
  constructor() {
    super(CONNECTION_MISSING_MESSAGE)
    this.name = 'ConnectionMissingError'
  }
}

function isApiClient(value: unknown): value is ApiClient {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<ApiClient>
  return typeof candidate.api === 'object' && candidate.api !== null && typeof candidate.setSession === 'function' && typeof candidate.onEvent === 'function'
}

/**
 * The preload's client in Electron, else an HTTP client when the page carries a bridge token.
 * Never a silent fallback: without either the app cannot work, so this throws.
 */
export function pickApiClient(env: ApiEnvironment): ApiClient {
  if (isApiClient(env.windowApi)) return env.windowApi
  const fromUrl = new URLSearchParams(env.search).get('token')
  const bridgeToken = fromUrl || env.storage.getItem(BRIDGE_TOKEN_STORAGE_KEY)
  if (!bridgeToken) throw new ConnectionMissingError()
  // Kept so that a reload or a URL without the query still reaches the core.
  env.storage.setItem(BRIDGE_TOKEN_STORAGE_KEY, bridgeToken)
  const transport = createHttpTransport({ baseUrl: '', bridgeToken, EventSource: env.EventSource, fetch: env.fetch })
  return createApiClient(transport)
}
