import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CallResult } from '../contract/app-api'
import { httpStatusOf, type AppErrorShape } from '../contract/errors'

/** What the browser-mode bridge and the telephony listener share: bodies, JSON answers, tokens. */
export class BodyTooLarge extends Error {}

/** The request body as text; rejects with BodyTooLarge past `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        // Drain the rest instead of destroying the socket: a body sent without a Content-Length
        // would otherwise get a connection reset instead of its 413.
        chunks.length = 0
        req.removeAllListeners('data')
        req.resume()
        reject(new BodyTooLarge())
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
  res.end(JSON.stringify(body))
}

export function sendError(res: ServerResponse, error: AppErrorShape): void {
  sendJson(res, httpStatusOf(error.code), { ok: false, error } satisfies CallResult)
}

/** Constant-time comparison of a presented token. */
export function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
