import type { CallResult, FileBytes, FileResult, FileTransport, Transport } from './app-api'
import type { AppErrorShape } from './errors'
import type { AppEvent, EventHandler } from './events'

export const BRIDGE_TOKEN_HEADER = 'X-Bridge-Token'
/** An upload's file name, URI-encoded (a header carries ASCII only). */
export const FILE_NAME_HEADER = 'X-File-Name'

export const fileUploadPath = (ticketId: number): string => `/files/tickets/${ticketId}`
export const fileDownloadPath = (attachmentId: number): string => `/files/attachments/${attachmentId}`
export const inspectionPhotoUploadPath = (inspectionId: number): string => `/files/inspections/${inspectionId}`
export const inspectionPhotoDownloadPath = (photoId: number): string => `/files/inspection-photos/${photoId}`
export const exportDownloadPath = (exportId: number): string => `/files/exports/${exportId}`

/** `inline; filename*=UTF-8''…` (RFC 6266/5987): Chinese names survive every browser. */
export function contentDisposition(name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `inline; filename*=UTF-8''${encoded}`
}

/** The name a `contentDisposition` header carries, or null. */
export function fileNameOfDisposition(header: string | null): string | null {
  const match = header ? /filename\*=UTF-8''([^;\s]+)/i.exec(header) : null
  if (!match) return null
  try {
    return decodeURIComponent(match[1])
  } catch {
    return null
  }
}

export interface HttpTransportOptions {
  /** `http://127.0.0.1:PORT` (no trailing slash); '' for the page's own origin */
  baseUrl: string
  bridgeToken: string
  fetch?: typeof fetch
  /** a browser's EventSource; without it (Node) the transport has no push */
  EventSource?: typeof EventSource
}

const UNREACHABLE: AppErrorShape = { code: 'INTERNAL', message: '无法连接到服务，请检查程序是否仍在运行' }
const unreadable = (status: number): AppErrorShape => ({ code: 'INTERNAL', message: `服务返回了无法识别的应答（${status}）` })

/** Browser mode's wire: `POST /api/<area>.<method>` with the JSON array of arguments; files beside it as raw bytes. */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? fetch
  const headersFor = (session: string | null, extra: Record<string, string>): Record<string, string> => {
    const headers: Record<string, string> = { [BRIDGE_TOKEN_HEADER]: options.bridgeToken, ...extra }
    if (session) headers.Authorization = `Bearer ${session}`
    return headers
  }
  const send = async (path: string, init: RequestInit): Promise<Response | null> => {
    try {
      return await doFetch(`${options.baseUrl}${path}`, init)
    } catch {
      return null
    }
  }
  /** The `{ ok, value | error }` JSON every answer but a downloaded file is. */
  const answerOf = async (response: Response | null): Promise<CallResult> => {
    if (!response) return { ok: false, error: UNREACHABLE }
    try {
      return (await response.json()) as CallResult
    } catch {
      return { ok: false, error: unreadable(response.status) }
    }
  }

  /** The raw bytes as the body, the name in a header; answered `{ ok, value | error }`. */
  const postFile = async (path: string, file: FileBytes, session: string | null): Promise<CallResult> => {
    const headers = headersFor(session, { 'Content-Type': file.mime || 'application/octet-stream', [FILE_NAME_HEADER]: encodeURIComponent(file.name) })
    return answerOf(await send(path, { method: 'POST', headers, body: file.bytes as Uint8Array<ArrayBuffer> }))
  }
  /** The bytes with their name and type, or the JSON refusal. */
  const getFile = async (path: string, session: string | null, fallbackName: string): Promise<FileResult> => {
    const response = await send(path, { method: 'GET', headers: headersFor(session, {}) })
    if (!response || !response.ok) return (await answerOf(response)) as FileResult
    const value: FileBytes = {
      name: fileNameOfDisposition(response.headers.get('Content-Disposition')) ?? fallbackName,
      mime: (response.headers.get('Content-Type') ?? 'application/octet-stream').split(';')[0].trim(),
      bytes: new Uint8Array(await response.arrayBuffer()),
    }
    return { ok: true, value }
  }
  const files: FileTransport = {
    upload: ({ ticketId, file, session }) => postFile(fileUploadPath(ticketId), file, session),
    download: ({ attachmentId, session }) => getFile(fileDownloadPath(attachmentId), session, `附件${attachmentId}`),
    uploadInspectionPhoto: ({ inspectionId, file, session }) => postFile(inspectionPhotoUploadPath(inspectionId), file, session),
    downloadInspectionPhoto: ({ photoId, session }) => getFile(inspectionPhotoDownloadPath(photoId), session, `巡检照片${photoId}`),
    downloadExport: ({ exportId, session }) => getFile(exportDownloadPath(exportId), session, `导出${exportId}.xlsx`),
  }

  const transport: Transport = {
    async call({ method, args, session }): Promise<CallResult> {
      const headers = headersFor(session, { 'Content-Type': 'application/json' })
      return answerOf(await send(`/api/${method}`, { method: 'POST', headers, body: JSON.stringify(args) }))
    },
    files,
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
