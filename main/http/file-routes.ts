import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FileTransport } from '../contract/app-api'
import { contentDisposition, FILE_NAME_HEADER } from '../contract/http-transport'
import { ATTACHMENT_MAX_BYTES } from '../contract/tickets.contract'
import { FILE_TOO_LARGE } from '../services/attachments.service'
import { sendError, sendJson } from './http-kit'

export const FILES_PREFIX = '/files/'

const UPLOAD = /^\/files\/tickets\/(\d{1,10})$/
const DOWNLOAD = /^\/files\/attachments\/(\d{1,10})$/

/**
 * Ticket photos and files in browser mode, as raw bytes beside the JSON API:
 * `POST /files/tickets/<id>` (name in X-File-Name, URI-encoded) and `GET /files/attachments/<id>`.
 * The caller has checked the bridge token; the service checks session, permission, size and type.
 */
export async function handleFileRoute(req: IncomingMessage, res: ServerResponse, pathname: string, files: FileTransport | undefined): Promise<void> {
  const upload = UPLOAD.exec(pathname)
  const download = DOWNLOAD.exec(pathname)
  const id = Number((upload ?? download)?.[1])
  if (!files || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    sendError(res, { code: 'NOT_FOUND', message: '地址不存在' })
    return
  }
  const expected = upload ? 'POST' : 'GET'
  if (req.method !== expected) {
    sendError(res, { code: 'BAD_REQUEST', message: `此地址只接受 ${expected} 请求` })
    req.resume()
    return
  }
  const session = bearerSession(req)
  if (upload) await receive(req, res, id, session, files)
  else await send(res, id, session, files)
}

async function receive(req: IncomingMessage, res: ServerResponse, ticketId: number, session: string | null, files: FileTransport): Promise<void> {
  let name: string
  try {
    name = decodeURIComponent(String(req.headers[FILE_NAME_HEADER.toLowerCase()] ?? ''))
  } catch {
    req.resume()
    sendError(res, { code: 'BAD_REQUEST', message: `文件名编码无效：请求头 ${FILE_NAME_HEADER} 应为 URI 编码` })
    return
  }
  // refused before a byte is read when the sender announces the size
  if (Number(req.headers['content-length'] ?? 0) > ATTACHMENT_MAX_BYTES) {
    req.resume()
    sendError(res, FILE_TOO_LARGE)
    return
  }
  const bytes = await readBytes(req, ATTACHMENT_MAX_BYTES)
  if (!bytes) {
    sendError(res, FILE_TOO_LARGE)
    return
  }
  const mime = (req.headers['content-type'] ?? 'application/octet-stream').split(';')[0].trim()
  const result = await files.upload({ ticketId, file: { name, mime, bytes }, session })
  if (result.ok) sendJson(res, 200, result)
  else sendError(res, result.error)
}

async function send(res: ServerResponse, attachmentId: number, session: string | null, files: FileTransport): Promise<void> {
  const result = await files.download({ attachmentId, session })
  if (!result.ok) {
    sendError(res, result.error)
    return
  }
  const { name, mime, bytes } = result.value
  res.writeHead(200, {
    'Content-Type': mime,
    'Content-Length': bytes.byteLength,
    'Content-Disposition': contentDisposition(name),
    'X-Content-Type-Options': 'nosniff',
    // the answer depends on who asks: never in a shared cache, and asked again each time
    'Cache-Control': 'private, no-cache',
  })
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
}

/**
 * The body as bytes, or null once it runs past `maxBytes` (a chunked body has no Content-Length
 * to refuse up front). What is past the limit is drained unread, so the client still gets its 413.
 */
function readBytes(req: IncomingMessage, maxBytes: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= maxBytes) {
        chunks.push(chunk)
        return
      }
      chunks.length = 0
      req.off('data', onData)
      req.resume()
      resolve(null)
    }
    req.on('data', onData)
    req.on('end', () => {
      if (size <= maxBytes) resolve(Buffer.concat(chunks, size))
    })
    req.on('error', reject)
  })
}

function bearerSession(req: IncomingMessage): string | null {
  const auth = req.headers.authorization
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() || null : null
}
