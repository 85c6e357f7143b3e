import type { CallResult, FileBytes, FileResult, FileTransport } from '../contract/app-api'
import { AppError, type AppErrorShape } from '../contract/errors'
import type { IpcMainLike } from './register-ipc'

/** Ticket attachments, inspection photos and report exports travel on their own channels, as bytes (structured clone, never base64 in JSON): one per FileTransport method. */
export const FILE_CHANNELS = {
  upload: 'files:upload',
  download: 'files:download',
  uploadInspectionPhoto: 'files:uploadInspectionPhoto',
  downloadInspectionPhoto: 'files:downloadInspectionPhoto',
  downloadExport: 'files:downloadExport',
} as const satisfies Record<keyof FileTransport, string>
export const FILES_UPLOAD_CHANNEL = FILE_CHANNELS.upload
export const FILES_DOWNLOAD_CHANNEL = FILE_CHANNELS.download
/** The page asks the shell to render one of its print routes to a PDF the user saves. */
export const PRINT_PDF_CHANNEL = 'app:printToPdf'
/** Asked (synchronously) by the preload of a print window for the session it prints with. */
export const PRINT_SESSION_CHANNEL = 'app:printSession'

/** Where the renderer keeps its session (renderer/src/stores/auth.store.ts); a print window's preload puts the handed-over one there. */
export const RENDERER_SESSION_KEY = 'renodesk.session'

/** The app routes a PDF may be made of: the paper forms, nothing else the app shows. */
export const PRINT_ROUTE = /^\/print(\/[A-Za-z0-9_-]{1,40}){1,4}$/

export interface PrintRequest {
  route: string
  fileName: string
  session: string | null
}

const MAX_ID = 2_147_483_647
const MAX_NAME = 1000

const refusedSender: CallResult = { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } }
const badRequest = (message: string): { ok: false; error: AppErrorShape } => ({ ok: false, error: { code: 'BAD_REQUEST', message } })

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= MAX_ID
const sessionOf = (payload: Record<string, unknown>): string | null => (typeof payload.session === 'string' ? payload.session : null)

/**
 * Uploads and downloads on their own channels, with the sender checked as for API calls and the
 * payload's shape checked before the core sees it (the core then checks session, permission,
 * size, type and name).
 */
export function registerFilesIpc(ipc: IpcMainLike, files: FileTransport, isTrustedSender: (url: string) => boolean): () => void {
  const trusted = (event: Parameters<Parameters<IpcMainLike['handle']>[1]>[0]): boolean => !!event.senderFrame && isTrustedSender(event.senderFrame.url)

  /** `{ [idKey]: id, file: { name, mime, bytes }, session }` */
  const onUpload = (channel: string, idKey: string, idLabel: string, upload: (id: number, file: FileBytes, session: string | null) => Promise<CallResult>): void =>
    ipc.handle(channel, async (event, payload) => {
      if (!trusted(event)) return refusedSender
      if (!isRecord(payload) || !isId(payload[idKey])) return badRequest(`上传参数无效：缺少${idLabel}`)
      const file = payload.file
      if (!isRecord(file) || typeof file.name !== 'string' || file.name.length > MAX_NAME || typeof file.mime !== 'string' || file.mime.length > 200) {
        return badRequest('上传参数无效：文件名或文件类型缺失')
      }
      if (!(file.bytes instanceof Uint8Array)) return badRequest('上传参数无效：文件内容应为字节数组')
      return upload(payload[idKey], { name: file.name, mime: file.mime, bytes: file.bytes }, sessionOf(payload))
    })

  /** `{ [idKey]: id, session }` */
  const onDownload = (channel: string, idKey: string, idLabel: string, download: (id: number, session: string | null) => Promise<FileResult>): void =>
    ipc.handle(channel, async (event, payload) => {
      if (!trusted(event)) return refusedSender
      if (!isRecord(payload) || !isId(payload[idKey])) return badRequest(`下载参数无效：缺少${idLabel}`)
      const result = await download(payload[idKey], sessionOf(payload))
      // a Buffer would cross as a plain Uint8Array anyway; hand over exactly that
      return result.ok ? { ok: true, value: { ...result.value, bytes: new Uint8Array(result.value.bytes) } } : result
    })

  onUpload(FILE_CHANNELS.upload, 'ticketId', '工单编号', (ticketId, file, session) => files.upload({ ticketId, file, session }))
  onDownload(FILE_CHANNELS.download, 'attachmentId', '附件编号', (attachmentId, session) => files.download({ attachmentId, session }))
  onUpload(FILE_CHANNELS.uploadInspectionPhoto, 'inspectionId', '巡检记录编号', (inspectionId, file, session) => files.uploadInspectionPhoto({ inspectionId, file, session }))
  onDownload(FILE_CHANNELS.downloadInspectionPhoto, 'photoId', '巡检照片编号', (photoId, session) => files.downloadInspectionPhoto({ photoId, session }))
  onDownload(FILE_CHANNELS.downloadExport, 'exportId', '导出文件编号', (exportId, session) => files.downloadExport({ exportId, session }))

  return () => Object.values(FILE_CHANNELS).forEach((channel) => ipc.removeHandler(channel))
}

/** printToPdf's channel: a print route and a file name, answered `{ ok, value: saved }`. */
export function registerPrintIpc(ipc: IpcMainLike, print: (request: PrintRequest) => Promise<boolean>, isTrustedSender: (url: string) => boolean): () => void {
  ipc.handle(PRINT_PDF_CHANNEL, async (event, payload) => {
    if (!event.senderFrame || !isTrustedSender(event.senderFrame.url)) return refusedSender
    if (!isRecord(payload) || typeof payload.route !== 'string' || !PRINT_ROUTE.test(payload.route)) return badRequest('打印参数无效：只能打印 /print/ 下的页面')
    if (typeof payload.fileName !== 'string' || payload.fileName.length > MAX_NAME) return badRequest('打印参数无效：文件名缺失')
    try {
      return { ok: true, value: await print({ route: payload.route, fileName: payload.fileName, session: sessionOf(payload) }) } satisfies CallResult
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toShape() } satisfies CallResult
      console.error('[printToPdf]', error)
      return { ok: false, error: { code: 'INTERNAL', message: '生成 PDF 失败，请重试；如果反复出现，请改用浏览器打印' } } satisfies CallResult
    }
  })
  return () => ipc.removeHandler(PRINT_PDF_CHANNEL)
}

/** The part of ipcMain a synchronous channel needs. */
export interface IpcMainSyncLike {
  on(channel: string, listener: (event: { sender: { id: number }; returnValue: unknown }) => void): void
  removeAllListeners(channel: string): void
}

/**
 * Answers a print window's preload with the session its print job handed over (once), and every
 * other window with null: the session never travels in a URL or a command line.
 */
export function registerPrintSessionIpc(ipc: IpcMainSyncLike, take: (webContentsId: number) => string | null): () => void {
  ipc.on(PRINT_SESSION_CHANNEL, (event) => {
    event.returnValue = take(event.sender.id)
  })
  return () => ipc.removeAllListeners(PRINT_SESSION_CHANNEL)
}
