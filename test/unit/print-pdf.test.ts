import { describe, expect, it } from 'vitest'
import type { BrowserWindowConstructorOptions, SaveDialogOptions } from 'electron'
import { buildWindowOptions } from '../../main/main-window'
import { buildPrintWindowOptions, PDF_OPTIONS, printPageUrl, printRouteToPdf, PrintSessions, READY_PROBE, saveDialogOptions, type PrintWindowLike } from '../../main/print-pdf'

const APP_URL = 'file:///opt/RenoDesk/out/renderer/index.html'

/** A print window whose page reports `states` one probe after another (the last one sticks). */
function fakeWindow(states: (string | null)[], id = 41) {
  const log: string[] = []
  let probe = 0
  const window: PrintWindowLike = {
    async loadURL(url) {
      log.push(`load ${url}`)
    },
    destroy() {
      log.push('destroy')
    },
    webContents: {
      id,
      async executeJavaScript(code) {
        expect(code).toBe(READY_PROBE)
        return states[Math.min(probe++, states.length - 1)]
      },
      async printToPDF(options) {
        log.push(`pdf ${JSON.stringify(options)}`)
        return Uint8Array.from(Buffer.from('%PDF-1.7 form'))
      },
    },
  }
  return { window, log }
}

function deps(window: PrintWindowLike, choice: string | null, extra: { readyTimeoutMs?: number } = {}) {
  const sessions = new PrintSessions()
  const seen: { windowOptions?: BrowserWindowConstructorOptions; dialog?: SaveDialogOptions; written: [string, string][]; sessionAtLoad?: string | null } = { written: [] }
  const originalLoad = window.loadURL.bind(window)
  window.loadURL = async (url) => {
    // what the print window's preload would be given at this moment
    seen.sessionAtLoad = sessions.take(window.webContents.id)
    await originalLoad(url)
  }
  return {
    seen,
    sessions,
    deps: {
      appUrl: APP_URL,
      preloadPath: '/opt/RenoDesk/out/preload/index.js',
      sessions,
      openWindow: (options: BrowserWindowConstructorOptions) => {
        seen.windowOptions = options
        return window
      },
      chooseFile: async (options: SaveDialogOptions) => {
        seen.dialog = options
        return choice
      },
      writeFile: async (path: string, bytes: Uint8Array) => {
        seen.written.push([path, Buffer.from(bytes).toString()])
      },
      pollMs: 1,
      ...extra,
    },
  }
}

describe('print to PDF: the pure pieces', () => {
  it('renders in a window that is never shown, with the main window’s security settings', () => {
    const options = buildPrintWindowOptions('/opt/RenoDesk/out/preload/index.js')
    expect(options.show).toBe(false)
    expect(options.webPreferences).toEqual(buildWindowOptions('/opt/RenoDesk/out/preload/index.js').webPreferences)
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
  })

  it('opens the app page at the print route, and only at print routes', () => {
    expect(printPageUrl(APP_URL, '/print/tickets/7')).toBe(`${APP_URL}#/print/tickets/7`)
    expect(printPageUrl('http://localhost:5173/', '/print/tickets/7')).toBe('http://localhost:5173/#/print/tickets/7')
    expect(printPageUrl(`${APP_URL}#/calls`, '/print/tickets/7')).toBe(`${APP_URL}#/print/tickets/7`)
    for (const route of ['/calls', '/print/../settings', 'javascript:alert(1)', '/print/tickets/7?x']) {
      expect(() => printPageUrl(APP_URL, route), route).toThrow(/print/)
    }
  })

  it('asks for an A4 PDF with backgrounds, in the page size the form’s CSS names (wide reports are landscape), saved under a safe .pdf name', () => {
    expect(PDF_OPTIONS).toEqual({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
    expect(saveDialogOptions('TS20250602-001')).toMatchObject({ defaultPath: 'TS20250602-001.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    expect(saveDialogOptions('../投诉:联系单.pdf').defaultPath).toBe('投诉_联系单.pdf')
  })
})

describe('printRouteToPdf', () => {
  it('waits for data-ready, prints, closes the window, then saves where the user chose', async () => {
    const { window, log } = fakeWindow([null, null, 'true'])
    const { deps: d, seen } = deps(window, '/home/kefu/TS20250602-001.pdf')
    expect(await printRouteToPdf(d, { route: '/print/tickets/7', fileName: 'TS20250602-001.pdf', session: 'tok-7' })).toBe(true)
    expect(log).toEqual([`load ${APP_URL}#/print/tickets/7`, `pdf ${JSON.stringify(PDF_OPTIONS)}`, 'destroy'])
    expect(seen.sessionAtLoad).toBe('tok-7')
    expect(seen.windowOptions?.show).toBe(false)
    expect(seen.dialog?.defaultPath).toBe('TS20250602-001.pdf')
    expect(seen.written).toEqual([['/home/kefu/TS20250602-001.pdf', '%PDF-1.7 form']])
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const { window } = fakeWindow(['true'])
    const { deps: d, seen } = deps(window, null)
    expect(await printRouteToPdf(d, { route: '/print/tickets/7', fileName: 'a.pdf', session: 'tok' })).toBe(false)
    expect(seen.written).toEqual([])
  })

  it('fails clearly when the page reports an error, leaves the print route or never gets ready; the window is closed and its session dropped', async () => {
    for (const [states, code] of [
      [['error'], 'NOT_FOUND'],
      [[null, 'away'], 'UNAUTHENTICATED'],
      [[null], 'INTERNAL'],
    ] as const) {
      const { window, log } = fakeWindow([...states])
      const { deps: d, seen, sessions } = deps(window, '/tmp/a.pdf', { readyTimeoutMs: 20 })
      // the preload never asked: the session must not stay behind
      window.loadURL = async () => undefined
      await expect(printRouteToPdf(d, { route: '/print/tickets/7', fileName: 'a.pdf', session: 'tok' })).rejects.toMatchObject({ code })
      expect(log.at(-1)).toBe('destroy')
      expect(sessions.take(window.webContents.id)).toBeNull()
      expect(seen.dialog).toBeUndefined()
    }
  })
})
