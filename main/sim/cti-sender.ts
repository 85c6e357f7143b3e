import { Agent, request } from 'node:http'
import type { CtiEvent, CtiResult } from '../contract/cti.contract'

/** The listener answered with an error (401 bad token, 400 a refused event, …). */
export class CtiHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** Nothing answered: wrong address, app not running, listener disabled. */
export class CtiNetworkError extends Error {}

export interface CtiClient {
  /** the events endpoint posted to */
  readonly endpoint: string
  post(events: CtiEvent | CtiEvent[]): Promise<CtiResult[]>
  close(): void
}

/** `http://127.0.0.1:8631` or the full `…/cti/events`. */
export function ctiEndpoint(url: string): URL {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:') throw new Error(`only http:// is supported, got ${parsed.protocol}`)
  if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/cti/events'
  return parsed
}

/**
 * Posts events as a PBX would: JSON, `Authorization: Bearer <token>`, over a few keep-alive
 * connections. Resolves with the listener's per-event results; rejects with CtiHttpError or
 * CtiNetworkError.
 */
export function ctiClient(options: { url: string; token: string; connections?: number; timeoutMs?: number }): CtiClient {
  const endpoint = ctiEndpoint(options.url)
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections ?? 4 })
  const timeoutMs = options.timeoutMs ?? 15_000
  return {
    endpoint: endpoint.toString(),
    post(events) {
      const body = Buffer.from(JSON.stringify(events))
      return new Promise<CtiResult[]>((resolve, reject) => {
        const req = request(
          endpoint,
          {
            method: 'POST',
            agent,
            headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, Authorization: `Bearer ${options.token}` },
            timeout: timeoutMs,
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('error', (error) => reject(new CtiNetworkError(`${endpoint}: ${error.message}`)))
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8')
              let answer: { ok?: boolean; results?: CtiResult[]; error?: { code?: string; message?: string; fields?: Record<string, string> } } = {}
              try {
                answer = JSON.parse(text) as typeof answer
              } catch {
                // an answer that is not JSON is reported by its status below
              }
              if (res.statusCode === 200 && answer.ok && Array.isArray(answer.results)) resolve(answer.results)
              else {
                const status = res.statusCode ?? 0
                reject(new CtiHttpError(status, answer.error?.code ?? `HTTP_${status}`, answer.error?.message ?? (text.slice(0, 200) || `HTTP ${status}`), answer.error?.fields ?? {}))
              }
            })
          },
        )
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
        req.on('error', (error: NodeJS.ErrnoException) => {
          const hint = error.code === 'ECONNREFUSED' ? ' (is the app running with the telephony listener enabled on this address?)' : ''
          reject(new CtiNetworkError(`cannot reach ${endpoint}: ${error.code ?? error.message}${hint}`))
        })
        req.end(body)
      })
    },
    close() {
      agent.destroy()
    },
  }
}

/** One line a person can act on, for any error the client raises. */
export function describeCtiError(error: unknown): string {
  if (error instanceof CtiHttpError) {
    if (error.status === 401) return `401 ${error.code}: the listener refused the token — pass the token shown in 系统设置 → 电话事件接口 with --token (${error.message})`
    const fields = Object.entries(error.fields).map(([field, message]) => `${field}: ${message}`)
    return `${error.status} ${error.code}: ${error.message}${fields.length ? ` (${fields.join('; ')})` : ''}`
  }
  if (error instanceof CtiNetworkError) return error.message
  return error instanceof Error ? error.message : String(error)
}
