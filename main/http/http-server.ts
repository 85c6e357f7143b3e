import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { EventBus } from '../services/event-bus'
import type { FileTransport } from '../contract/app-api'
import type { Dispatch } from '../dispatcher'
import { describeApi } from './api-description'
import { FILES_PREFIX, handleFileRoute } from './file-routes'
import { BodyTooLarge, readBody, sameToken, sendError, sendJson } from './http-kit'
import { serveStatic } from './static-files'
import { handleTestClock, TEST_CLOCK_PATH, type TestClockControl } from './test-clock'

export const MAX_BODY_BYTES = 1024 * 1024

export interface HttpServerOptions {
  dispatch: Dispatch
  events: EventBus
  bridgeToken: string
  /** the built renderer; without it only the API is served */
  staticDir?: string
  /** ticket photos and files under `/files/`; without it those paths answer 404 */
  files?: FileTransport
  /** `serve --test-clock` only: `/test/clock` moves the core's time; without it the path does not exist */
  testClock?: TestClockControl
}

/**
 * Browser mode: the renderer and the API from one process on 127.0.0.1. The per-run token keeps
 * other local programs and web pages out; the Host check stops DNS-rebinding pages.
 */
export function createHttpServer(options: HttpServerOptions): Server {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('http bridge', error)
      if (!res.headersSent) sendError(res, { code: 'INTERNAL', message: '系统内部错误' })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const host = (req.headers.host ?? '').replace(/:\d+$/, '')
    if (host !== '127.0.0.1' && host !== 'localhost') {
      sendError(res, { code: 'FORBIDDEN', message: '只接受本机访问' })
      return
    }
    const beside = url.pathname.startsWith(FILES_PREFIX) ? 'files' : options.testClock && url.pathname === TEST_CLOCK_PATH ? 'clock' : null
    if (!url.pathname.startsWith('/api/') && !beside) {
      if (!options.staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
        sendError(res, { code: 'NOT_FOUND', message: '页面不存在' })
        return
      }
      await serveStatic(options.staticDir, url.pathname, res)
      return
    }

    const token = (req.headers['x-bridge-token'] as string | undefined) ?? url.searchParams.get('token')
    if (!sameToken(token, options.bridgeToken)) {
      sendError(res, { code: 'UNAUTHENTICATED', message: '访问令牌无效，请使用启动时打印的地址打开' })
      return
    }
    if (beside === 'files') return handleFileRoute(req, res, url.pathname, options.files)
    if (beside === 'clock' && options.testClock) return handleTestClock(req, res, options.testClock)
    if (req.method === 'GET' && url.pathname === '/api/methods') {
      sendJson(res, 200, describeApi())
      return
    }
    if (req.method === 'GET' && url.pathname === '/api/events') {
      streamEvents(req, res)
      return
    }
    if (req.method !== 'POST') {
      sendError(res, { code: 'BAD_REQUEST', message: '接口只接受 POST 请求' })
      return
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      sendError(res, { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大（上限 1 MB）' })
      req.resume()
      return
    }
    let args: unknown
    try {
      const text = await readBody(req, MAX_BODY_BYTES)
      args = text.length === 0 ? [] : JSON.parse(text)
    } catch (error) {
      sendError(res, error instanceof BodyTooLarge ? { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大（上限 1 MB）' } : { code: 'BAD_REQUEST', message: '请求内容不是有效的 JSON' })
      return
    }
    const auth = req.headers.authorization
    const session = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null
    let method: string
    try {
      method = decodeURIComponent(url.pathname.slice('/api/'.length))
    } catch {
      sendError(res, { code: 'BAD_REQUEST', message: '请求地址无效' })
      return
    }
    const result = await options.dispatch({ method, args, session })
    if (result.ok) sendJson(res, 200, result)
    else sendError(res, result.error)
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    const unsubscribe = options.events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`))
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25_000)
    req.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
    })
  }

  return server
}
