import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

const root = resolve(__dirname, '../..')
export const ARTIFACTS = join(root, 'test/e2e/artifacts')

export interface BrowserMode {
  url: string
  dbFile: string
  /** the telephony listener of this run (on a free port) */
  cti: { url: string; token: string }
  stop(): Promise<void>
}

export interface BrowserModeOptions {
  /** `--test-clock`: the run's clock moves forward on `POST /test/clock` (for deadline tests) */
  testClock?: boolean
  /** `npm run seed-demo` arguments (e.g. `['--customers', '600']`): the database is seeded before the server starts */
  seed?: string[]
}

/** Starts `npm run serve` on a fresh temp database and resolves with the URLs it prints. */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const dir = mkdtempSync(join(tmpdir(), 'renodesk-e2e-'))
  const dbFile = join(dir, 'e2e.sqlite')
  if (options.seed) await seedDemo(dbFile, options.seed)
  const child: ChildProcess = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'main/cli/serve.ts'), '--db', dbFile, '--cti-port', '0', ...(options.testClock ? ['--test-clock'] : [])], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const { url, cti } = await new Promise<{ url: string; cti: BrowserMode['cti'] }>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 60_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const app = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output)
      const events = /CTI events: (http:\/\/\S+) token=([\w-]+)/.exec(output)
      if (app && events) {
        clearTimeout(timer)
        resolveUrl({ url: app[0], cti: { url: events[1] as string, token: events[2] as string } })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)))
  })
  return {
    url,
    dbFile,
    cti,
    async stop() {
      await new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function seedDemo(dbFile: string, args: string[]): Promise<void> {
  const child = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'main/cli/seed-demo.ts'), '--db', dbFile, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const code = await new Promise<number | null>((done) => child.on('exit', done))
  if (code !== 0) throw new Error(`seed-demo failed (${code}):\n${errors}`)
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const file = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/** The selector of a form field by its data-test: Element Plus puts it on the native input, other wrappers keep it outside. */
export function inputOf(testId: string): string {
  return `input[data-test="${testId}"], textarea[data-test="${testId}"], [data-test="${testId}"] input, [data-test="${testId}"] textarea`
}

/** A desktop-sized zh-CN page in Chromium whose script errors show in the test output. */
export async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })
  page.on('pageerror', (error) => console.error('page error:', error))
  return page
}
