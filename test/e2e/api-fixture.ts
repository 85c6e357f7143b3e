import type { BrowserMode } from './browser-mode'

/** Calls the running app's HTTP API the way the page does: for setting up what a test starts from. */
export async function callApi<T>(server: BrowserMode, method: string, input: unknown, session?: string): Promise<T> {
  const origin = new URL(server.url)
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Bridge-Token': origin.searchParams.get('token') ?? '' }
  if (session) headers.Authorization = `Bearer ${session}`
  const response = await fetch(`${origin.origin}/api/${method}`, { method: 'POST', headers, body: JSON.stringify([input]) })
  const body = (await response.json()) as { ok: boolean; value?: T; error?: unknown }
  if (!body.ok) throw new Error(`${method} failed: ${JSON.stringify(body.error)}`)
  return body.value as T
}

export interface CtiPost {
  event: 'ringing' | 'answered' | 'hangup'
  callId: string
  caller?: string
  callee?: string
  extension?: string
  direction?: 'in' | 'out'
  at?: string
}

/** Posts telephony events to the run's CTI listener, as a PBX would. */
export async function postCti(server: BrowserMode, events: CtiPost | CtiPost[]): Promise<{ status: number; body: unknown }> {
  const response = await fetch(server.cti.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.cti.token}` },
    body: JSON.stringify(events),
  })
  return { status: response.status, body: await response.json() }
}
