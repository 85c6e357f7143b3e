import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CallResult, FileBytes, FileResult, FileTransport } from '../contract/app-api'
import { contentDisposition, FILE_NAME_HEADER } from '../contract/http-transport'
import { ATTACHMENT_MAX_BYTES } from '../contract/tickets.contract'
import { FILE_TOO_LARGE } from '../services/attachments.service'
import { sendError, sendJson } from './http-kit'

export const FILES_PREFIX = '/files/'

type Route =
  | { pattern: RegExp; method: 'POST'; upload: (files: FileTransport, id: number, file: FileBytes, session: string | null) => Promise<CallResult> }
  | { pattern: RegExp; method: 'GET'; download: (files: FileTransport, id: number, session: string | null) => Promise<FileResult> }

/** The paths of createHttpTransport's files (main/contract/http-transport.ts), each with the FileTransport method it reaches. */
const ROUTES: Route[] = [
  { pattern: /^\/files\/tickets\/(\d{1,10})$/, method: 'POST', upload: (files, ticketId, file, session) => files.upload({ ticketId, file, session }) },
  { pattern: /^\/files\/attachments\/(\d{1,10})$/, method: 'GET', download: (files, attachmentId, session) => files.download({ attachmentId, session }) },
  { pattern: /^\/files\/inspections\/(\d{1,10})$/, method: 'POST', upload: (files, inspectionId, file, session) => files.uploadInspectionPhoto({ inspectionId, file, session }) },
  { pattern: /^\/files\/inspection-photos\/(\d{1,10})$/, method: 'GET', download: (files, photoId, session) => files.downloadInspectionPhoto({ photoId, session }) },
  { pattern: /^\/files\/exports\/(\d{1,10})$/, method: 'GET', download: (files, exportId, session) => files.downloadExport({ exportId, session }) },
]

/**
 * Ticket attachments, inspection photos and report exports in browser mode, as raw bytes beside
 * the JSON API: `POST /files/tickets/<id>` and `POST /files/inspections/<id>` (name in
 * X-File-Name, URI-encoded), `GET /files/attachments/<id>`, `GET /files/inspection-photos/<id>`
 * and `GET /files/exports/<id>`.
 * The caller has checked the bridge token; the service checks session, permission, size and type.
 */
export async function handleFileRoute(req: IncomingMessage, res: ServerResponse, pathname: string, files: FileTransport | undefined): Promise<void> {
  const route = ROUTES.find((r) => r.pattern.test(pathname))
  const id = Number(route?.pattern.exec(pathname)?.[1])
  if (!files || !route || !Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    sendError(res, { code: 'NOT_FOUND', message: '地址不存在' })
    return
  }
  if (req.method !== route.method) {
    sendError(res, { code: 'BAD_REQUEST', message: `此地址只接受 ${route.method} 请求` })
    req.resume()
    return
  }
  const session = bearerSession(req)
  if (route.method === 'POST') await receive(req, res, (file) => route.upload(files, id, file, session))
  else await send(res, () => route.download(files, id, session))
}

async function receive(req: IncomingMessage, res: ServerResponse, upload: (file: FileBytes) => Promise<CallResult>): Promise<void> {
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
  const result = await upload({ name, mime, bytes })
  if (result.ok) sendJson(res, 200, result)
  else sendError(res, result.error)
}

async function send(res: ServerResponse, download: () => Promise<FileResult>): Promise<void> {
  const result = await download()
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
