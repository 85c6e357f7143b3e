import type { CallResult, Transport } from './app-api'
import type { AppEvent, EventHandler } from './events'

export const BRIDGE_TOKEN_HEADER = 'X-Bridge-Token'

export interface HttpTransportOptions {
  /** `http://127.0.0.1:PORT` (no trailing slash); '' for the page's own origin */
  baseUrl: string
  bridgeToken: string
  fetch?: typeof fetch
  /** a browser's EventSource; without it (Node) the transport has no push */
  EventSource?: typeof EventSource
}

/** Browser mode's wire: `POST /api/<area>.<method>` with the JSON array of arguments. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? fetch
  const transport: Transport = {
    async call({ method, args, session }): Promise<CallResult> {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', [BRIDGE_TOKEN_HEADER]: options.bridgeToken }
      if (session) headers.Authorization = `Bearer ${session}`
      let response: Response
      try {
        response = await doFetch(`${options.baseUrl}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(args) })
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: '无法连接到服务，请检查程序是否仍在运行' } }
      }
      try {
        return (await response.json()) as CallResult
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `服务返回了无法识别的应答（${response.status}）` } }
      }
    },
  }
  const EventSourceImpl = options.EventSource
  if (EventSourceImpl) {
    transport.onEvent = (handler: EventHandler) => {
      const source = new EventSourceImpl(`${options.baseUrl}/api/events?token=${encodeURIComponent(options.bridgeToken)}`)
      source.onmessage = (message) => handler(JSON.parse(message.data) as AppEvent)
      return () => source.close()
    }
  }
  return transport
}
