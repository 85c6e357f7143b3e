import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Core } from '../core'
import { createCtiServer } from './cti-server'

export interface CtiListener {
  /** resolves once the latest settings are applied (listening, or given up with onError) */
  ready(): Promise<void>
  /** the bound port, or null while not listening */
  port(): number | null
  close(): Promise<void>
}

/**
 * Runs the telephony listener where the settings say (enabled, bind address, port) and moves it
 * when they change. `portOverride` (0 = any free port) is for tests and browser mode beside a running app.
 */
export function startCtiListener(core: Core, options: { portOverride?: number; onListening?: (url: string) => void; onError?: (error: Error) => void } = {}): CtiListener {
  let server: Server | null = null
  let bound = ''
  let chain: Promise<void> = Promise.resolve()

  const stop = async (): Promise<void> => {
    const current = server
    server = null
    bound = ''
    core.cti.listeningAt = null
    if (!current) return
    const closed = new Promise<void>((resolve) => current.close(() => resolve()))
    // idle keep-alive connections would hold close() open
    current.closeAllConnections()
    await closed
  }

  const apply = async (): Promise<void> => {
    const s = core.settings.get()
    const port = options.portOverride ?? s.ctiPort
    const wanted = s.ctiEnabled ? `${s.ctiBindAddress}:${port}` : ''
    if (wanted === bound && (server || !wanted)) return
    await stop()
    if (!wanted) return
    const next = createCtiServer(core.cti)
    next.keepAliveTimeout = 30_000
    // a client that trickles its request in must not hold a connection open for ever
    next.headersTimeout = 10_000
    next.requestTimeout = 15_000
    await new Promise<void>((resolve) => {
      next.once('error', (error) => {
        options.onError?.(error)
        resolve()
      })
      next.listen(port, s.ctiBindAddress, () => {
        server = next
        bound = wanted
        const address = next.address() as AddressInfo
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
        core.cti.listeningAt = `http://${host}:${address.port}/cti/events`
        options.onListening?.(core.cti.listeningAt)
        resolve()
      })
    })
  }

  const schedule = (): void => {
    chain = chain.then(apply, apply)
  }
  schedule()
  const unsubscribe = core.events.subscribe((event) => {
    if (event.type === 'dataChanged' && event.area === 'settings') schedule()
  })

  return {
    ready: () => chain,
    port: () => (server ? (server.address() as AddressInfo).port : null),
    async close() {
      unsubscribe()
      await chain
      await stop()
    },
  }
}
