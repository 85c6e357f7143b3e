/**
 * Saving a paper form (客户投诉联系单 / 客户维修受理单 / 整改通知书) as PDF: the app's own print route is
 * rendered in a window that is never shown, then saved where the user chooses. Only types come
 * from electron: the shell hands in the window, the dialog and the file writer, so the whole flow
 * runs in a unit test.
 */
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, SaveDialogOptions } from 'electron'
import { AppError } from './contract/errors'
import { PRINT_ROUTE, type PrintRequest } from './ipc/register-files-ipc'
import { buildWindowOptions } from './main-window'
import { safeFileName } from './services/file-name'

export const PDF_OPTIONS: PrintToPDFOptions = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true }
const READY_TIMEOUT_MS = 20_000
const POLL_MS = 100

/** The main window's security settings, never shown, sized like an A4 page at 96 dpi. */
export function buildPrintWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  const options = buildWindowOptions(preloadPath)
  return { ...options, show: false, width: 794, height: 1123, minWidth: undefined, minHeight: undefined, title: 'RenoDesk 打印' }
}

/** The app page opened at a print route (hash history: the page may come from file://). */
export function printPageUrl(appUrl: string, route: string): string {
  if (!PRINT_ROUTE.test(route)) throw new AppError('BAD_REQUEST', '只能打印 /print/ 下的页面')
  const url = new URL(appUrl)
  url.hash = route
  return url.toString()
}

export function saveDialogOptions(fileName: string): SaveDialogOptions {
  return {
    title: '保存为 PDF',
    defaultPath: safeFileName(fileName, '.pdf', '工单'),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  }
}

/**
 * What the print view says on its root: "true" once filled in, "error" when it could not load;
 * "away" when the router sent the page elsewhere (to the login: the session was not accepted).
 */
export const READY_PROBE = `document.querySelector('[data-ready]')?.getAttribute('data-ready') ?? (location.hash.startsWith('#/print/') ? null : 'away')`

/** Sessions handed from a print job to its window's preload, each taken once. */
export class PrintSessions {
  private readonly byWindow = new Map<number, string>()

  hand(webContentsId: number, session: string | null): void {
    if (session) this.byWindow.set(webContentsId, session)
  }

  take(webContentsId: number): string | null {
    const session = this.byWindow.get(webContentsId) ?? null
    this.byWindow.delete(webContentsId)
    return session
  }

  drop(webContentsId: number): void {
    this.byWindow.delete(webContentsId)
  }
}

export interface PrintWindowLike {
  loadURL(url: string): Promise<void>
  destroy(): void
  webContents: {
    id: number
    executeJavaScript(code: string): Promise<unknown>
    printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>
  }
}

export interface PrintPdfDeps {
  appUrl: string
  preloadPath: string
  /** a BrowserWindow with these options, its navigation hardened like the main window's */
  openWindow(options: BrowserWindowConstructorOptions): PrintWindowLike
  /** the chosen path, or null when the user cancelled */
  chooseFile(options: SaveDialogOptions): Promise<string | null>
  writeFile(path: string, bytes: Uint8Array): Promise<void>
  /** where the print window's preload finds the caller's session */
  sessions: PrintSessions
  readyTimeoutMs?: number
  pollMs?: number
}

/** Renders `route` to a PDF and saves it where the user says; false when they cancel the dialog. */
export async function printRouteToPdf(deps: PrintPdfDeps, request: PrintRequest): Promise<boolean> {
  const url = printPageUrl(deps.appUrl, request.route)
  const window = deps.openWindow(buildPrintWindowOptions(deps.preloadPath))
  let pdf: Uint8Array
  try {
    deps.sessions.hand(window.webContents.id, request.session)
    await window.loadURL(url)
    await waitUntilReady(window, deps.readyTimeoutMs ?? READY_TIMEOUT_MS, deps.pollMs ?? POLL_MS)
    pdf = await window.webContents.printToPDF(PDF_OPTIONS)
  } finally {
    deps.sessions.drop(window.webContents.id)
    window.destroy()
  }
  const path = await deps.chooseFile(saveDialogOptions(request.fileName))
  if (!path) return false
  await deps.writeFile(path, pdf)
  return true
}

async function waitUntilReady(window: PrintWindowLike, timeoutMs: number, pollMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const state = await window.webContents.executeJavaScript(READY_PROBE)
    if (state === 'true') return
    if (state === 'error') throw new AppError('NOT_FOUND', '打印页面未能加载要打印的单据，请确认它存在且您有权查看')
    if (state === 'away') throw new AppError('UNAUTHENTICATED', '打印页面未能打开（登录已失效或无权查看），请重新登录后再保存 PDF')
    if (Date.now() >= deadline) throw new AppError('INTERNAL', `打印页面 ${Math.round(timeoutMs / 1000)} 秒内未准备好，请重试`)
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}
