import { describe, expect, it } from 'vitest'
import { buildWindowOptions, CONTENT_SECURITY_POLICY, hardenWebContents, isSafeExternalUrl } from '../../main/main-window'

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' }
type NavigateHandler = (event: { preventDefault(): void }, url: string) => void

/** The two hooks hardenWebContents sets, captured without Electron. */
function fakeContents() {
  const captured: { open?: WindowOpenHandler; navigate?: NavigateHandler } = {}
  const contents = {
    setWindowOpenHandler(handler: WindowOpenHandler) {
      captured.open = handler
    },
    on(event: string, handler: NavigateHandler) {
      if (event === 'will-navigate') captured.navigate = handler
      return contents
    },
  }
  return { contents, captured }
}

const APP_URL = 'file:///opt/RenoDesk/out/renderer/index.html'

describe('the main window', () => {
  it('isolates the renderer: context isolation, sandbox, no node, web security, a preload', () => {
    const options = buildWindowOptions('/opt/RenoDesk/out/preload/index.js')
    expect(options.webPreferences).toMatchObject({
      preload: '/opt/RenoDesk/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(options.title).toContain('RenoDesk')
  })

  it('denies window.open, handing only http(s) links to the system browser', () => {
    const { contents, captured } = fakeContents()
    const opened: string[] = []
    hardenWebContents(contents as never, APP_URL, (url) => opened.push(url))
    for (const url of ['https://example.com/help', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://share/x', 'mailto:a@b.c']) {
      expect(captured.open?.({ url }), url).toEqual({ action: 'deny' })
    }
    expect(opened).toEqual(['https://example.com/help', 'http://example.com/'])
  })

  it('stops navigation away from the app, allows moving within it', () => {
    const { contents, captured } = fakeContents()
    hardenWebContents(contents as never, APP_URL, () => undefined)
    const navigate = (url: string): boolean => {
      let prevented = false
      captured.navigate?.({ preventDefault: () => (prevented = true) }, url)
      return prevented
    }
    expect(navigate('https://evil.example/')).toBe(true)
    expect(navigate('file:///etc/passwd')).toBe(true)
    expect(navigate(`${APP_URL}#/customers`)).toBe(false)
  })

  it('accepts only http(s) as external links', () => {
    expect(isSafeExternalUrl('https://a.example/x')).toBe(true)
    expect(isSafeExternalUrl('http://a.example/x')).toBe(true)
    for (const url of ['file:///x', 'javascript:void(0)', 'vbscript:x', 'data:text/html,x', 'ms-msdt:x', 'not a url', '']) expect(isSafeExternalUrl(url), url).toBe(false)
  })

  it('ships a CSP with script-src self and no unsafe-eval', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name, values]
    }))
    expect(directives['script-src']).toEqual(["'self'"])
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['object-src']).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
    expect(directives['script-src']).not.toContain("'unsafe-inline'")
  })
})
