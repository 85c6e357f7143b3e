import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { z } from 'zod'
import { CTI_BATCH_MAX, ctiEventSchema } from '../contract/cti.contract'
import { AppError } from '../contract/errors'
import { validationError } from '../dispatcher'
import type { CtiService } from '../services/cti.service'
import { BodyTooLarge, readBody, sameToken, sendError, sendJson } from './http-kit'

/** A hundred events with room to spare; anything bigger is not a PBX talking. */
export const CTI_MAX_BODY_BYTES = 64 * 1024

const batchSchema = z.array(ctiEventSchema).min(1, { error: '事件列表不能为空' }).max(CTI_BATCH_MAX, { error: `一次最多 ${CTI_BATCH_MAX} 个事件` })

function presentedToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim()
  return (req.headers['x-cti-token'] as string | undefined) ?? null
}

/**
 * The telephony listener: `POST /cti/events` with one event or an array, authenticated by the
 * token from settings. A request is applied whole or not at all; a replayed event is answered
 * `applied: false` and changes nothing. Nothing a client sends can take the app down.
 */
export function createCtiServer(cti: CtiService): Server {
  return createServer((req, res) => {
    handle(cti, req, res).catch((error: unknown) => {
      console.error('cti listener', error)
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: '系统内部错误' })
      else res.end()
    })
  })
}

async function handle(cti: CtiService, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]
  if (path !== '/cti/events') {
    sendError(res, { code: 'NOT_FOUND', message: '只有 /cti/events 一个地址' })
    req.resume()
    return
  }
  if (!sameToken(presentedToken(req), cti.currentToken())) {
    sendError(res, { code: 'UNAUTHENTICATED', message: '电话事件令牌无效：请在 Authorization: Bearer 中带上系统设置里的令牌' })
    req.resume()
    return
  }
  if (req.method !== 'POST') {
    sendError(res, { code: 'BAD_REQUEST', message: '只接受 POST 请求' })
    req.resume()
    return
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    sendError(res, { code: 'BAD_REQUEST', message: 'Content-Type 应为 application/json' })
    req.resume()
    return
  }
  const tooLarge = { code: 'PAYLOAD_TOO_LARGE', message: `请求内容过大（上限 ${CTI_MAX_BODY_BYTES / 1024} KB）` } as const
  if (Number(req.headers['content-length'] ?? 0) > CTI_MAX_BODY_BYTES) {
    sendError(res, tooLarge)
    req.resume()
    return
  }
  let body: unknown
  try {
    body = JSON.parse(await readBody(req, CTI_MAX_BODY_BYTES))
  } catch (error) {
    sendError(res, error instanceof BodyTooLarge ? tooLarge : { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' })
    return
  }
  // One schema per shape, so that a field error names the field (`event`, `3.callId`) rather than the union.
  const parsed = Array.isArray(body) ? batchSchema.safeParse(body) : ctiEventSchema.safeParse(body)
  if (!parsed.success) {
    sendError(res, validationError(parsed.error).toShape())
    return
  }
  try {
    const results = await cti.ingest(Array.isArray(parsed.data) ? parsed.data : [parsed.data])
    sendJson(res, 200, { ok: true, results })
  } catch (error) {
    if (error instanceof AppError) sendError(res, error.toShape())
    else throw error
  }
}
