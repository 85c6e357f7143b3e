import type { IpcMainLike } from '../../main/ipc/register-ipc'
import type { IpcMainSyncLike } from '../../main/ipc/register-files-ipc'

type Listener = Parameters<IpcMainLike['handle']>[1]
type SyncListener = Parameters<IpcMainSyncLike['on']>[1]

/** Electron's ipcMain as far as the registrations use it: handle/invoke, and on/sendSync. */
export class FakeIpcMain implements IpcMainLike, IpcMainSyncLike {
  readonly handlers = new Map<string, Listener>()
  readonly listeners = new Map<string, SyncListener>()

  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`)
    this.handlers.set(channel, listener)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  on(channel: string, listener: SyncListener): void {
    this.listeners.set(channel, listener)
  }
  removeAllListeners(channel: string): void {
    this.listeners.delete(channel)
  }

  /** As ipcRenderer.invoke from a frame at `senderUrl` (null: a frame that is gone). */
  invoke(channel: string, senderUrl: string | null, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, payload)
  }

  /** As ipcRenderer.sendSync from the webContents `senderId`. */
  sendSync(channel: string, senderId: number): unknown {
    const listener = this.listeners.get(channel)
    if (!listener) throw new Error(`no listener for ${channel}`)
    const event = { sender: { id: senderId }, returnValue: undefined as unknown }
    listener(event)
    return event.returnValue
  }
}
