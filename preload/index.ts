import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { createApiClient, type Transport } from '../main/contract/app-api'
import type { AppEvent } from '../main/contract/events'
import { IPC_EVENT_CHANNEL, ipcChannelOf } from '../main/ipc/register-ipc'

// The page gets the typed client and nothing else: no ipcRenderer, no generic invoke(channel).
const transport: Transport = {
  call: ({ method, args, session }) => ipcRenderer.invoke(ipcChannelOf(method), { args, session }),
  onEvent: (handler) => {
    const listener = (_event: IpcRendererEvent, payload: AppEvent): void => handler(payload)
    ipcRenderer.on(IPC_EVENT_CHANNEL, listener)
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener)
  },
}

const client = createApiClient(transport)

contextBridge.exposeInMainWorld('api', {
  api: client.api,
  setSession: client.setSession,
  onEvent: client.onEvent,
})
