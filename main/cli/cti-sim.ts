import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import sqlite3 from 'sqlite3'
import { planDay } from '../sim/cti-plan'
import { play, PlayAborted } from '../sim/cti-player'
import { CtiHttpError, CtiNetworkError, ctiClient } from '../sim/cti-sender'

const USAGE = `usage: npm run cti-sim -- --token TOKEN [--url http://127.0.0.1:8631] [--calls N] [--extensions 8001,8002,8003]
                       [--speed X] [--seed S] [--db PATH] [--connections C]

Plays a day of calls (08:00–21:00, busiest at 10–11 and 14–16) against a running app's telephony
listener. --speed divides talk times and the gaps between calls (60: the day in 13 minutes); rings
stay real seconds. --db takes callers from that database's customers (read-only).`

/** Exit codes: what went wrong, for scripts. */
const EXIT = { usage: 64, unauthorized: 2, refused: 3, network: 4, interrupted: 130 } as const

async function knownNumbers(file: string): Promise<string[]> {
  const db = await new Promise<sqlite3.Database>((ok, fail) => {
    const opened = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => (error ? fail(error) : ok(opened)))
  })
  try {
    const rows = await new Promise<{ normalized: string }[]>((ok, fail) =>
      db.all('SELECT normalized FROM customer_phone ORDER BY id DESC LIMIT 5000', (error, r) => (error ? fail(error) : ok(r as { normalized: string }[]))),
    )
    return rows.map((r) => r.normalized)
  } finally {
    db.close()
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:8631' },
      token: { type: 'string', default: process.env.RENODESK_CTI_TOKEN },
      calls: { type: 'string', default: '200' },
      extensions: { type: 'string', default: '8001,8002,8003' },
      speed: { type: 'string', default: '60' },
      seed: { type: 'string', default: 'renodesk' },
      db: { type: 'string' },
      connections: { type: 'string', default: '4' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const calls = Number(values.calls)
  const speed = Number(values.speed)
  const connections = Number(values.connections)
  const extensions = (values.extensions ?? '').split(',').map((e) => e.trim()).filter(Boolean)
  const problems = [
    !values.token && '--token is required (系统设置 → 电话事件接口, or RENODESK_CTI_TOKEN)',
    !(Number.isInteger(calls) && calls > 0 && calls <= 100_000) && `--calls must be a whole number 1–100000, got ${values.calls}`,
    !(speed > 0 && speed <= 100_000) && `--speed must be a number > 0, got ${values.speed}`,
    !(Number.isInteger(connections) && connections >= 1 && connections <= 64) && `--connections must be 1–64, got ${values.connections}`,
    (extensions.length === 0 || extensions.some((e) => !/^\d{2,8}$/.test(e))) && `--extensions must be 2–8 digit extensions separated by commas, got ${values.extensions}`,
  ].filter(Boolean)
  if (problems.length) {
    console.error(`${problems.join('\n')}\n\n${USAGE}`)
    return EXIT.usage
  }

  const known = values.db ? await knownNumbers(resolve(values.db)) : []
  // Call ids carry the run's start, so that a second run against the same database is new calls, not replays.
  const startWall = Date.now() + 500
  const plan = planDay({ calls, extensions, seed: values.seed as string, speed, callIdPrefix: `sim${Math.floor(startWall / 1000)}`, knownNumbers: known })
  const client = ctiClient({ url: values.url as string, token: values.token as string, connections })
  const stop = new AbortController()
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted: waiting for the events in flight…\n')
    stop.abort()
  })
  process.stderr.write(
    `cti-sim: ${plan.calls.length} calls, ${plan.deliveries.length} events to ${client.endpoint} over ${(plan.spanMs / 60_000).toFixed(1)} min` +
      ` (speed ${speed}, extensions ${extensions.join(',')}${known.length ? `, ${known.length} customer numbers from ${values.db}` : ''})\n`,
  )
  const started = Date.now()
  try {
    const totals = await play({ plan, client, startWall, log: (line) => process.stderr.write(`${line}\n`), signal: stop.signal })
    const summary = `sent ${totals.sent} events for ${totals.calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s: ${totals.applied} applied, ${totals.duplicates} duplicates acknowledged, ${totals.errors} errors`
    process.stderr.write(`${stop.signal.aborted ? 'stopped early: ' : ''}${summary}\n`)
    return stop.signal.aborted ? EXIT.interrupted : 0
  } catch (error) {
    if (!(error instanceof PlayAborted)) throw error
    const t = error.totals
    process.stderr.write(`cti-sim: ${error.message}\nsent ${t.sent} events: ${t.applied} applied, ${t.duplicates} duplicates acknowledged, ${t.errors} errors\n`)
    if (error.cause instanceof CtiHttpError) return error.cause.status === 401 ? EXIT.unauthorized : EXIT.refused
    if (error.cause instanceof CtiNetworkError) return EXIT.network
    return 1
  } finally {
    client.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  },
)
