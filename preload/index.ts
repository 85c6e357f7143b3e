import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createApiClient, type Transport } from '../main/contract/app-api'
import { isAppErrorShape, type AppErrorShape } from '../main/contract/errors'
import type { AppEvent } from '../main/contract/events'
import { IPC_EVENT_CHANNEL, ipcChannelOf } from '../main/ipc/register-ipc'

type Methods = Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>

// The page gets the typed client and nothing else: no ipcRenderer, no generic invoke(channel).
const transport: Transport = {
  call: ({ method, args, session }) => ipcRenderer.invoke(ipcChannelOf(method), { args, session }),
  onEvent: (handler) => {
    const listener = (_event: IpcRendererEvent, payload: AppEvent): void => handler(payload)
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener)
  },
}

/** contextBridge copies an Error without its own properties (code, fields): reject with the plain shape instead. */
function bridgeSafe(api: Methods): Methods {
  const plain = (error: unknown): AppErrorShape =>
    isAppErrorShape(error)
      ? { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) }
      : { code: 'INTERNAL', message: '系统错误' }
  return Object.fromEntries(
    Object.entries(api).map(([area, methods]) => [
      area,
      Object.fromEntries(
        Object.entries(methods).map(([name, call]) => [
          name,
          (...args: unknown[]) =>
            call(...args).catch((error: unknown) => {
              throw plain(error)
            }),
        ]),
      ),
    ]),
  )
}

const client = createApiClient(transport)

contextBridge.exposeInMainWorld('api', {
  api: bridgeSafe(client.api as unknown as Methods),
  setSession: client.setSession,
  onEvent: client.onEvent,
})
