import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron'
import { createCore, type Core } from './core'
import { startCtiListener, type CtiListener } from './http/cti-listener'
import { registerFilesIpc, registerPrintIpc, registerPrintSessionIpc } from './ipc/register-files-ipc'
import { IPC_EVENT_CHANNEL, registerIpc } from './ipc/register-ipc'
import { buildWindowOptions, CONTENT_SECURITY_POLICY, hardenWebContents, isAppUrl } from './main-window'
import { PrintSessions, printRouteToPdf } from './print-pdf'

// Electron lifecycle only: open the store, build the core, wire IPC, show the window.
let mainWindow: BrowserWindow | null = null
let core: Core | null = null
let ctiListener: CtiListener | null = null

const appUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`
const preloadPath = join(__dirname, '../preload/index.js')
const printSessions = new PrintSessions()

function createWindow(): void {
  mainWindow = new BrowserWindow(buildWindowOptions(preloadPath))
  hardenWebContents(mainWindow.webContents, appUrl, (url) => void shell.openExternal(url))
  mainWindow.once('ready-to-show', () => mainWindow?.show())
  mainWindow.on('closed', () => (mainWindow = null))
  void mainWindow.loadURL(appUrl)
}

/** The Electron pieces a print job needs: a hardened hidden window, the save dialog, the disk. */
function printDeps(): Parameters<typeof printRouteToPdf>[0] {
  return {
    appUrl,
    preloadPath,
    sessions: printSessions,
    openWindow: (options) => {
      const window = new BrowserWindow(options)
      hardenWebContents(window.webContents, appUrl, (url) => void shell.openExternal(url))
      return window
    },
    chooseFile: async (options) => {
      const parent = BrowserWindow.getFocusedWindow() ?? mainWindow
      const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      return canceled || !filePath ? null : filePath
    },
    writeFile: (path, bytes) => writeFile(path, bytes),
  }
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
    const trusted = (url: string): boolean => isAppUrl(url, appUrl)
    registerIpc(ipcMain, core.dispatch, trusted)
    registerFilesIpc(ipcMain, core.files, trusted)
    registerPrintSessionIpc(ipcMain, (id) => printSessions.take(id))
    registerPrintIpc(ipcMain, (request) => printRouteToPdf(printDeps(), request), trusted)
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
