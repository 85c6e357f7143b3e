import type { AddressInfo } from 'node:net'
import { createApiClient, type ApiClient } from '../../main/contract/app-api'
import { createHttpTransport } from '../../main/contract/http-transport'
import { createHttpServer } from '../../main/http/http-server'
import type { Session, TestCore } from './test-core'

export interface FileServer {
  port: number
  /** A client over browser mode's HTTP transport, carrying `session`'s token (none for null). */
  clientFor(session: Session | null): ApiClient
  close(): Promise<void>
}

/** Browser mode's HTTP server over `t`'s core, files included, on a free local port. */
export async function openFileServer(t: TestCore, bridgeToken: string): Promise<FileServer> {
  const server = createHttpServer({ dispatch: t.core.dispatch, events: t.core.events, bridgeToken, files: t.core.files })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    clientFor(session) {
      const client = createApiClient(createHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, bridgeToken }))
      client.setSession(session?.token ?? null)
      return client
    },
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
