import type { AppEvent } from '../../main/contract/events'
import { ctiEventSchema, type CtiResult } from '../../main/contract/cti.contract'
import { startCtiListener, type CtiListener } from '../../main/http/cti-listener'
import { countRows } from './db-snapshot'
import { rawRequest, type RawResponse } from './http-client'
import type { TestCore } from './test-core'

/** One telephony event as a PBX sends it (before the listener's defaults are applied). */
export interface CtiWireEvent {
  event: 'ringing' | 'answered' | 'hangup'
  callId: string
  direction?: 'in' | 'out'
  caller?: string
  callee?: string
  extension?: string
  at?: string
}

/** An instant `seconds` after `base` (ISO), for hand-made event times. */
export function after(base: string, seconds: number): string {
  return new Date(new Date(base).getTime() + seconds * 1000).toISOString()
}

/**
 * ringing → answered → hangup (or ringing → hangup when `talk` is absent) of one call, with the
 * `at` times the PBX reports: ringing at `at`, answered `ring` seconds later, hangup `talk` after that.
 */
export function callEvents(options: {
  callId: string
  at: string
  ring: number
  talk?: number
  direction?: 'in' | 'out'
  caller?: string
  callee?: string
  extension?: string
}): CtiWireEvent[] {
  const { callId, at, ring, talk, direction, caller, callee, extension } = options
  const base = { callId, ...(direction ? { direction } : {}), ...(caller !== undefined ? { caller } : {}), ...(callee !== undefined ? { callee } : {}), ...(extension ? { extension } : {}) }
  const events: CtiWireEvent[] = [{ ...base, event: 'ringing', at }]
  if (talk === undefined) {
    events.push({ ...base, event: 'hangup', at: after(at, ring) })
  } else {
    events.push({ ...base, event: 'answered', at: after(at, ring) })
    events.push({ ...base, event: 'hangup', at: after(at, ring + talk) })
  }
  return events
}

/** Straight into the CTI service (as the listener would after parsing): one request, applied whole or not at all. */
export function ingest(t: TestCore, events: CtiWireEvent | CtiWireEvent[]): Promise<CtiResult[]> {
  const list = Array.isArray(events) ? events : [events]
  return t.core.cti.ingest(list.map((e) => ctiEventSchema.parse(e)))
}

/** The events pushed to screens while `work` runs. */
export async function pushedDuring(t: TestCore, work: () => Promise<unknown>): Promise<AppEvent[]> {
  const seen: AppEvent[] = []
  const stop = t.core.events.subscribe((event) => seen.push(event))
  try {
    await work()
  } finally {
    stop()
  }
  return seen
}

/** Only the `call` pushes. */
export function callPushes(events: AppEvent[]): Extract<AppEvent, { type: 'call' }>[] {
  return events.filter((e): e is Extract<AppEvent, { type: 'call' }> => e.type === 'call')
}

/** Rows in the call log and the CTI event table. */
export async function callCounts(t: TestCore): Promise<{ calls: number; events: number }> {
  return { calls: await countRows(t.core.store, 'call_log'), events: await countRows(t.core.store, 'call_event') }
}

/** The telephony listener of `t` on a free port of 127.0.0.1, and a way to post to it. */
export interface CtiHttp {
  listener: CtiListener
  port: number
  /** POST /cti/events with the current token (or `token`), JSON unless `body` is already a string */
  post(body: unknown, options?: { token?: string | null; headers?: Record<string, string>; chunked?: boolean }): Promise<RawResponse>
  close(): Promise<void>
}

export async function startCtiHttp(t: TestCore): Promise<CtiHttp> {
  const listener = startCtiListener(t.core, { portOverride: 0 })
  await listener.ready()
  const port = listener.port()
  if (port === null) throw new Error('the CTI listener did not start')
  return {
    listener,
    port,
    post(body, options = {}) {
      const token = options.token === undefined ? t.core.cti.currentToken() : options.token
      const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(token !== null ? { Authorization: `Bearer ${token}` } : {}), ...options.headers }
      return rawRequest({ port, method: 'POST', path: '/cti/events', headers, body: typeof body === 'string' ? body : JSON.stringify(body), chunked: options.chunked })
    },
    close: () => listener.close(),
  }
}
