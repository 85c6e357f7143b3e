import { authContract } from './auth.contract'
import { auditContract } from './audit.contract'
import { callbacksContract } from './callbacks.contract'
import { callsContract } from './calls.contract'
import { customersContract } from './customers.contract'
import { dashboardContract } from './dashboard.contract'
import { depositsContract } from './deposits.contract'
import { inspectionsContract, type InspectionPhoto } from './inspections.contract'
import { projectsContract } from './projects.contract'
import { reportsContract } from './reports.contract'
import { viewingsContract } from './viewings.contract'
import type { ClientOf, Contract, MethodDef } from './define'
import { AppError, isAppErrorShape, type AppErrorShape } from './errors'
import type { EventHandler } from './events'
import { orgContract } from './org.contract'
import { settingsContract } from './settings.contract'
import { staffContract } from './staff.contract'
import { templatesContract } from './templates.contract'
import { ticketsContract, type TicketAttachment } from './tickets.contract'
import { notificationsContract } from './notifications.contract'
import { visitsContract } from './visits.contract'

/** Every method of the API, by area. The registry drives IPC, HTTP, the client and the permission table. */
export const API_CONTRACT = {
  auth: authContract,
  staff: staffContract,
  org: orgContract,
  settings: settingsContract,
  customers: customersContract,
  visits: visitsContract,
  calls: callsContract,
  templates: templatesContract,
  tickets: ticketsContract,
  callbacks: callbacksContract,
  deposits: depositsContract,
  projects: projectsContract,
  inspections: inspectionsContract,
  viewings: viewingsContract,
  dashboard: dashboardContract,
  reports: reportsContract,
  notifications: notificationsContract,
  audit: auditContract,
} satisfies Contract

export type ApiContract = typeof API_CONTRACT
export type AppApi = ClientOf<ApiContract>

export interface MethodEntry {
  /** `area.method`, the name on the wire */
  name: string
  area: string
  method: string
  def: MethodDef
}

export const API_METHODS: readonly MethodEntry[] = Object.entries(API_CONTRACT as Contract).flatMap(([area, methods]) =>
  Object.entries(methods).map(([method, def]) => ({ name: `${area}.${method}`, area, method, def })),
)

export function findMethod(name: string): MethodEntry | undefined {
  return API_METHODS.find((m) => m.name === name)
}

export type CallResult = { ok: true; value: unknown } | { ok: false; error: AppErrorShape }

export interface FileBytes {
  name: string
  mime: string
  bytes: Uint8Array
}

export type FileResult = { ok: true; value: FileBytes } | { ok: false; error: AppErrorShape }

/**
 * Photos and files travel beside the JSON API as raw bytes (never base64 inside a JSON body):
 * `POST /files/tickets/<id>` and `GET /files/attachments/<id>` in browser mode, their own IPC
 * channels in Electron. The core checks session, permission, size and type either way.
 */
export interface FileTransport {
  /** answers the new TicketAttachment */
  upload(request: { ticketId: number; file: FileBytes; session: string | null }): Promise<CallResult>
  download(request: { attachmentId: number; session: string | null }): Promise<FileResult>
  /** a site inspection's photo (`POST /files/inspections/<id>`); answers the new InspectionPhoto */
  uploadInspectionPhoto(request: { inspectionId: number; file: FileBytes; session: string | null }): Promise<CallResult>
  /** `GET /files/inspection-photos/<id>` */
  downloadInspectionPhoto(request: { photoId: number; session: string | null }): Promise<FileResult>
  /** a report built by `reports.exportXlsx` (`GET /files/exports/<id>`), for the staff member who built it */
  downloadExport(request: { exportId: number; session: string | null }): Promise<FileResult>
}

/** How a client reaches the core: IPC, HTTP, or a direct function call. */
export interface Transport {
  call(request: { method: string; args: unknown[]; session: string | null }): Promise<CallResult>
  onEvent?(handler: EventHandler): () => void
  files?: FileTransport
  /** Electron only: renders an app route (e.g. `/print/tickets/7`) to a PDF the user saves; false when cancelled */
  printToPdf?(request: { route: string; fileName: string }): Promise<boolean>
}

export interface ApiClient {
  api: AppApi
  setSession(token: string | null): void
  onEvent(handler: EventHandler): () => void
  files: {
    upload(ticketId: number, file: FileBytes): Promise<TicketAttachment>
    download(attachmentId: number): Promise<FileBytes>
    uploadInspectionPhoto(inspectionId: number, file: FileBytes): Promise<InspectionPhoto>
    downloadInspectionPhoto(photoId: number): Promise<FileBytes>
    downloadExport(exportId: number): Promise<FileBytes>
  }
  /** present in Electron only; browser mode prints through the print stylesheet */
  printToPdf?: (route: string, fileName: string) => Promise<boolean>
}

/** The typed client over any transport; failures arrive as thrown AppError. */
export function createApiClient(transport: Transport): ApiClient {
  let session: string | null = null
  const api = {} as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>
  for (const entry of API_METHODS) {
    const area = (api[entry.area] ??= {})
    area[entry.method] = async (...args: unknown[]) => {
      const result = await transport.call({ method: entry.name, args, session })
      if (result.ok) return result.value
      throw isAppErrorShape(result.error) ? AppError.fromShape(result.error) : new AppError('INTERNAL', '系统错误')
    }
  }
  const files = (): FileTransport => {
    if (!transport.files) throw new AppError('INTERNAL', '当前连接不支持上传文件')
    return transport.files
  }
  const unwrap = <T>(result: CallResult | FileResult): T => {
    if (result.ok) return result.value as T
    throw isAppErrorShape(result.error) ? AppError.fromShape(result.error) : new AppError('INTERNAL', '系统错误')
  }
  return {
    api: api as unknown as AppApi,
    files: {
      upload: async (ticketId, file) => unwrap<TicketAttachment>(await files().upload({ ticketId, file, session })),
      download: async (attachmentId) => unwrap<FileBytes>(await files().download({ attachmentId, session })),
      uploadInspectionPhoto: async (inspectionId, file) => unwrap<InspectionPhoto>(await files().uploadInspectionPhoto({ inspectionId, file, session })),
      downloadInspectionPhoto: async (photoId) => unwrap<FileBytes>(await files().downloadInspectionPhoto({ photoId, session })),
      downloadExport: async (exportId) => unwrap<FileBytes>(await files().downloadExport({ exportId, session })),
    },
    ...(transport.printToPdf ? { printToPdf: (route: string, fileName: string) => transport.printToPdf!({ route, fileName }) } : {}),
    setSession(token) {
      session = token
    },
    onEvent(handler) {
      return transport.onEvent ? transport.onEvent(handler) : () => undefined
    },
  }
}
