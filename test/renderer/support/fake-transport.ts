import type { CallResult, Transport } from '@contract/app-api'
import { AppError } from '@contract/errors'
import type { AppEvent, EventHandler } from '@contract/events'

export type FakeHandler = (input: Record<string, unknown>, callIndex: number) => unknown

export interface RecordedCall {
  method: string
  input: Record<string, unknown>
  session: string | null
}

/**
 * An in-memory core: answers `area.method` from the handlers given, records every call, and
 * turns a thrown AppError into the `{ ok: false }` answer a real transport would carry.
 */
export function createFakeTransport(handlers: Record<string, FakeHandler> = {}) {
  const calls: RecordedCall[] = []
  const listeners = new Set<EventHandler>()
  let subscriptions = 0

  const transport: Transport = {
    async call({ method, args, session }): Promise<CallResult> {
      const input = (args[0] ?? {}) as Record<string, unknown>
      calls.push({ method, input, session })
      const handler = handlers[method]
      if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `fake: no handler for ${method}` } }
      try {
        const index = calls.filter((c) => c.method === method).length - 1
        return { ok: true, value: await handler(input, index) }
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toShape() }
        throw error
      }
    },
    onEvent(handler) {
      subscriptions++
      listeners.add(handler)
      return () => listeners.delete(handler)
    },
  }

  return {
    transport,
    calls,
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    emit: (event: AppEvent) => listeners.forEach((listener) => listener(event)),
    get subscriptions() {
      return subscriptions
    },
    get listenerCount() {
      return listeners.size
    },
  }
}
