import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createApiClient, type CallResult, type FileTransport, type Transport } from '../main/contract/app-api'
import { AppError, isAppErrorShape, type AppErrorShape } from '../main/contract/errors'
import type { AppEvent } from '../main/contract/events'
import { FILE_CHANNELS, PRINT_PDF_CHANNEL, PRINT_SESSION_CHANNEL, RENDERER_SESSION_KEY } from '../main/ipc/register-files-ipc'
import { IPC_EVENT_CHANNEL, ipcChannelOf } from '../main/ipc/register-ipc'

type AsyncFn = (...args: never[]) => Promise<unknown>
type Methods = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>

// A window the shell opened to save a form as PDF starts with the session of the window that
// asked (sessionStorage is per window): it is put in place here, before the page's scripts run.
// (The preload compiles without the DOM library; these two are all it touches of the page.)
const page = globalThis as unknown as { location: { hash: string }; sessionStorage: { setItem(key: string, value: string): void } }
if (page.location.hash.startsWith('#/print/')) {
  const handed: unknown = ipcRenderer.sendSync(PRINT_SESSION_CHANNEL)
  if (typeof handed === 'string') page.sessionStorage.setItem(RENDERER_SESSION_KEY, handed)
}

/** The session the page set, kept here too: a print job hands it to its window. */
let session: string | null = null

// The page gets the typed client and nothing else: no ipcRenderer, no generic invoke(channel).
const transport: Transport = {
  call: ({ method, args, session }) => ipcRenderer.invoke(ipcChannelOf(method), { args, session }),
  onEvent: (handler) => {
    const listener = (_event: IpcRendererEvent, payload: AppEvent): void => handler(payload)
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener)
  },
  // each FileTransport method on its own channel, its request object as the payload
  files: Object.fromEntries(Object.entries(FILE_CHANNELS).map(([method, channel]) => [method, (request: unknown) => ipcRenderer.invoke(channel, request)])) as unknown as FileTransport,
  async printToPdf({ route, fileName }) {
    const result = (await ipcRenderer.invoke(PRINT_PDF_CHANNEL, { route, fileName, session })) as CallResult
    if (result.ok) return result.value === true
    throw isAppErrorShape(result.error) ? AppError.fromShape(result.error) : new AppError('INTERNAL', '系统错误')
  },
}

/** contextBridge copies an Error without its own properties (code, fields): reject with the plain shape instead. */
const plain = (error: unknown): AppErrorShape =>
  isAppErrorShape(error)
    ? { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }
    : { code: 'INTERNAL', message: '系统错误' }

function bridgeSafe<F extends AsyncFn>(call: F): F {
  return ((...args: Parameters<F>) =>
    call(...args).catch((error: unknown) => {
      throw plain(error)
    })) as F
}

function bridgeSafeAll<T extends { [K in keyof T]: AsyncFn }>(methods: T): T {
  return Object.fromEntries(Object.entries<AsyncFn>(methods).map(([name, call]) => [name, bridgeSafe(call)])) as T
}

function bridgeSafeApi(api: Methods): Methods {
  return Object.fromEntries(Object.entries(api).map(([area, methods]) => [area, bridgeSafeAll(methods)]))
}

const client = createApiClient(transport)

contextBridge.exposeInMainWorld('api', {
  api: bridgeSafeApi(client.api as unknown as Methods),
  setSession: (token: string | null) => {
    session = token
    client.setSession(token)
  },
  onEvent: client.onEvent,
  files: bridgeSafeAll(client.files),
  printToPdf: bridgeSafe(client.printToPdf!),
})
