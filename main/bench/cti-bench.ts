import { fork } from 'node:child_process'
import { join } from 'node:path'
import type { CtiResult } from '../contract/cti.contract'
import { expectedStatus, planDay } from '../sim/cti-plan'
import { play } from '../sim/cti-player'
import { ctiClient, type CtiClient } from '../sim/cti-sender'
import type { BenchContext } from './customer-benches'
import { percentile, round, type BenchLine } from './measure'

export interface CtiBenchOptions {
  calls: number
  /** keep-alive connections posting at once */
  connections: number
}

// ---------------------------------------------------------------------------------------------
// cti_events: the app's telephony listener in its own process on an ephemeral loopback port; a day of calls
// (ringing / answered / hangup, one event per request as a PBX posts them) sent as fast as the
// listener takes them over several keep-alive connections, with PBX retries (replays) and some
// calls delivered out of order. Then the call log is counted: every call there once, in the final
// state its events say.

/** The app in its own process on `file`, as a PBX meets it: the load generator must not share its event loop. */
async function startAppProcess(file: string): Promise<{ port: number; token: string; stop(): Promise<void> }> {
  const child = fork(require.resolve('tsx/cli'), [join(__dirname, 'cti-app-process.ts'), file], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
  const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { port: number; token: string }))
    child.once('exit', (code) => reject(new Error(`cti_events: the app process exited with ${code}`)))
  })
  return {
    ...ready,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.send('stop')
      }),
  }
}

export async function benchCtiEvents(ctx: BenchContext, file: string, options: CtiBenchOptions): Promise<BenchLine> {
  const extensions = (await ctx.raw.all<{ extension: string }>("SELECT extension FROM staff_account WHERE extension IS NOT NULL AND active = 1 ORDER BY extension")).map((r) => r.extension)
  if (extensions.length === 0) throw new Error('cti_events: no staff account has an extension (seed the dataset again)')
  const knownNumbers = (await ctx.raw.all<{ normalized: string }>('SELECT normalized FROM customer_phone WHERE id % 13 = 0 ORDER BY id LIMIT 5000')).map((r) => r.normalized)
  const prefix = `bench${Date.now().toString(36)}`
  const plan = planDay({ calls: options.calls, extensions, seed: `bench-${ctx.rows.calls}`, speed: 60, callIdPrefix: prefix, knownNumbers, shares: { replay: 0.05, reorder: 0.08 } })

  const app = await startAppProcess(file)
  if (!app.port) throw new Error('cti_events: the telephony listener did not start (ctiEnabled off in settings?)')
  const client = ctiClient({ url: `http://127.0.0.1:${app.port}`, token: app.token, connections: options.connections })
  const latencies: number[] = []
  const timedClient: CtiClient = {
    endpoint: client.endpoint,
    close: () => client.close(),
    post: async (events): Promise<CtiResult[]> => {
      const started = process.hrtime.bigint()
      const results = await client.post(events)
      latencies.push(Number(process.hrtime.bigint() - started) / 1e6)
      return results
    },
  }
  const before = (await ctx.raw.get<{ n: number }>('SELECT COUNT(*) AS n FROM call_log'))?.n ?? 0
  // The whole day already happened: every event is due now, its `at` in the past.
  const started = performance.now()
  let totals
  try {
    totals = await play({ plan, client: timedClient, startWall: Date.now() - plan.spanMs - 60_000, log: () => undefined, maxInFlight: options.connections * 2 })
  } finally {
    client.close()
    await app.stop()
  }
  const elapsed = (performance.now() - started) / 1000

  const rows = await ctx.raw.all<{ externalId: string; status: string; n: number }>(
    'SELECT external_id AS externalId, status, COUNT(*) OVER (PARTITION BY external_id) AS n FROM call_log WHERE external_id >= ? AND external_id < ?',
    [`${prefix}-`, `${prefix}.`],
  )
  const [{ events }] = await ctx.raw.all<{ events: number }>('SELECT COUNT(*) AS events FROM call_event WHERE external_id >= ? AND external_id < ?', [`${prefix}-`, `${prefix}.`])
  const after = (await ctx.raw.get<{ n: number }>('SELECT COUNT(*) AS n FROM call_log'))?.n ?? 0
  const byId = new Map(rows.map((r) => [r.externalId, r]))
  const missedRingSeconds = ctx.settings.missedRingSeconds
  let lost = 0
  for (const call of plan.calls) {
    const row = byId.get(call.callId)
    if (!row || row.status !== expectedStatus(call, missedRingSeconds)) lost++
  }
  const originals = plan.deliveries.filter((d) => !d.replay).length
  // extra call rows for a call, call rows nobody planned, event rows beyond one per (call, event)
  const duplicated = rows.length - byId.size + Math.max(0, after - before - plan.calls.length) + Math.max(0, events - originals)
  return {
    bench: 'cti_events',
    rows: ctx.rows,
    calls: plan.calls.length,
    events: plan.deliveries.length,
    connections: options.connections,
    per_s: round(plan.deliveries.length / elapsed, 1),
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    replays_sent: plan.deliveries.filter((d) => d.replay).length,
    out_of_order_calls: new Set(plan.deliveries.filter((d) => d.late).map((d) => d.call)).size,
    duplicates: totals.duplicates,
    errors: totals.errors,
    lost,
    duplicated,
  }
}
