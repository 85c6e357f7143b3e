import { API_METHODS } from '../contract/app-api'
import type { Dispatch } from '../dispatcher'

export const IPC_EVENT_CHANNEL = 'api:event'
export const ipcChannelOf = (method: string): string => `api:${method}`

/** The part of Electron's ipcMain this module uses, so tests can hand in a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, payload: unknown) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** One handler per API method; a call from any frame but the app's own page is refused. */
export function registerIpc(ipc: IpcMainLike, dispatch: Dispatch, isTrustedSender: (url: string) => boolean): () => void {
  for (const { name } of API_METHODS) {
    ipc.handle(ipcChannelOf(name), async (event, payload) => {
      if (!event.senderFrame || !isTrustedSender(event.senderFrame.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } }
      }
      const { args, session } = (payload ?? {}) as { args?: unknown; session?: unknown }
      return dispatch({ method: name, args, session: typeof session === 'string' ? session : null })
    })
  }
  return () => API_METHODS.forEach(({ name }) => ipc.removeHandler(ipcChannelOf(name)))
}
