import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createCore } from '../core'
import { createHttpServer } from '../http/http-server'

/** `npm run serve -- --db PATH [--port N]`: browser mode on 127.0.0.1 with a per-run token. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string', default: '0' } } })
  if (!values.db) throw new Error('usage: npm run serve -- --db PATH [--port N]')
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`)
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

  const stop = (): void => {
    server.close()
    server.closeAllConnections()
    core.close().then(
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
