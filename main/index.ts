import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, session, shell } from 'electron'
import { createCore, type Core } from './core'
import { startCtiListener, type CtiListener } from './http/cti-listener'
import { IPC_EVENT_CHANNEL, registerIpc } from './ipc/register-ipc'
import { buildWindowOptions, CONTENT_SECURITY_POLICY, hardenWebContents, isAppUrl } from './main-window'

// Electron lifecycle only: open the store, build the core, wire IPC, show the window.
let mainWindow: BrowserWindow | null = null
let core: Core | null = null
let ctiListener: CtiListener | null = null

const appUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`

function createWindow(): void {
  mainWindow = new BrowserWindow(buildWindowOptions(join(__dirname, '../preload/index.js')))
  hardenWebContents(mainWindow.webContents, appUrl, (url) => void shell.openExternal(url))
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => (mainWindow = null))
  void mainWindow.loadURL(appUrl)
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })

  app.whenReady().then(async () => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
    )
    core = await createCore({ store: { kind: 'sqlite', file: join(app.getPath('userData'), 'renodesk.sqlite') } })
    registerIpc(ipcMain, core.dispatch, (url) => isAppUrl(url, appUrl))
    core.events.subscribe((event) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(IPC_EVENT_CHANNEL, event)
    })
    ctiListener = startCtiListener(core, { onError: (error) => console.error('CTI listener', error.message) })
    createWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  app.on('will-quit', (event) => {
    if (!core) return
    event.preventDefault()
    const closing = core
    core = null
    void (ctiListener?.close() ?? Promise.resolve())
      .then(() => closing.close())
      .finally(() => app.quit())
  })
}
