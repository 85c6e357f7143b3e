import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../core'
import { startCtiListener } from '../http/cti-listener'
import { createHttpServer } from '../http/http-server'
import { TEST_CLOCK_PATH } from '../http/test-clock'
import { MovableClock } from '../services/movable-clock'

function portArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${name} must be 0–65535, got ${value}`)
  return port
}

/**
 * `npm run serve -- --db PATH [--port N] [--cti-port N] [--test-clock]`: browser mode on 127.0.0.1
 * with a per-run token, and the telephony listener where the settings say (`--cti-port` overrides
 * the port, 0 for any free one, so that a second instance can run beside the app). `--test-clock`
 * lets testers move the core's time forward through `POST /test/clock`; off unless asked for.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, 'cti-port': { type: 'string' }, 'test-clock': { type: 'boolean', default: false } } })
  if (!values.db) throw new Error('usage: npm run serve -- --db PATH [--port N] [--cti-port N] [--test-clock]')
  const port = portArg('port', values.port) ?? 0
  const ctiPort = portArg('cti-port', values['cti-port'])
  const staticDir = resolve(__dirname, '../../out/renderer')
  if (!existsSync(resolve(staticDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first')

  const clock = values['test-clock'] ? new MovableClock() : null
  const core = await createCore({ store: { kind: 'sqlite', file: resolve(values.db) }, now: clock?.now })
  const bridgeToken = randomBytes(24).toString('base64url')
  const testClock = clock ? { clock, sweep: () => core.sweep() } : undefined
  if (testClock) console.error(`RenoDesk test clock ON: POST ${TEST_CLOCK_PATH} {"advanceMinutes": n} or {"advanceHours": n} moves time forward (X-Bridge-Token required)`)
  const server = createHttpServer({ dispatch: core.dispatch, events: core.events, bridgeToken, staticDir, files: core.files, testClock })
  server.listen(port, '127.0.0.1', () => {
    const address = server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    console.log(`RenoDesk browser mode: http://127.0.0.1:${actualPort}/?token=${bridgeToken}`)
  })

  // The token lets a local PBX simulator (npm run cti-sim) in; it is also on the settings screen.
  const cti = startCtiListener(core, {
    portOverride: ctiPort,
    onListening: (url) => console.log(`RenoDesk CTI events: ${url} token=${core.cti.currentToken()}`),
    onError: (error) => console.error(`CTI listener not started: ${error.message}`),
  })

  const stop = (): void => {
    server.close()
    server.closeAllConnections()
    cti
      .close()
      .then(() => core.close())
      .then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
