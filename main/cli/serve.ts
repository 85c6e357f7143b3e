import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../core'
import { startCtiListener } from '../http/cti-listener'
import { createHttpServer } from '../http/http-server'

function portArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--${name} must be 0–65535, got ${value}`)
  return port
}

/**
 * `npm run serve -- --db PATH [--port N] [--cti-port N]`: browser mode on 127.0.0.1 with a
 * per-run token, and the telephony listener where the settings say (`--cti-port` overrides the
 * port, 0 for any free one, so that a second instance can run beside the app).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, 'cti-port': { type: 'string' } } })
  if (!values.db) throw new Error('usage: npm run serve -- --db PATH [--port N] [--cti-port N]')
  const port = portArg('port', values.port) ?? 0
  const ctiPort = portArg('cti-port', values['cti-port'])
  const staticDir = resolve(__dirname, '../../out/renderer')
  if (!existsSync(resolve(staticDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first')

  const core = await createCore({ store: { kind: 'sqlite', file: resolve(values.db) } })
  const bridgeToken = randomBytes(24).toString('base64url')
  const server = createHttpServer({ dispatch: core.dispatch, events: core.events, bridgeToken, staticDir })
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
