import { parseArgs } from 'node:util'
import { createCore, directClient } from '../core'
import { benchCallWrite } from '../bench/call-write-bench'
import { benchCtiEvents, type CtiBenchOptions } from '../bench/cti-bench'
import { benchLookup, benchRegister, benchSearchCommunity, benchSearchName, benchSearchTail, warmPhoneBlocks, type BenchContext } from '../bench/customer-benches'
import { benchScreenPop } from '../bench/screen-pop-bench'
import { benchCallbacksDue, benchPlanRegenerate, type OneShotLine } from '../bench/project-benches'
import { benchDashboardMonth, benchReportMonthExport } from '../bench/dashboard-benches'
import { benchTicketsAtRisk, benchTicketTransition } from '../bench/ticket-benches'
import { copyForRun, dropCopy, ensureDataset, type Scale } from '../bench/dataset'
import { timed, type BenchLine } from '../bench/measure'
import { RawDb } from '../bench/raw-sql'
import { DEMO_PASSWORD } from '../seed/demo-org'
import { PhoneInfoTable } from '../services/phone-info'
import { Rng } from '../seed/random'

const ITERATIONS: Record<Scale, BenchContext['iterations']> = {
  small: { lookup: 1000, search: 400, register: 300, write: 200, warmup: 100 },
  large: { lookup: 2000, search: 1000, register: 500, write: 500, warmup: 200 },
}

const CTI: Record<Scale, CtiBenchOptions> = {
  small: { calls: 600, connections: 8 },
  large: { calls: 3000, connections: 8 },
}

/**
 * `npm run bench [-- --scale small|large] [--only name,name]`: one JSON line per bench on stdout,
 * nothing else; progress on stderr. Each figure comes with the same question asked of the same
 * file by hand-written SQL through sqlite3 (the baseline), in the same run.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'small' }, only: { type: 'string' } } })
  if (values.scale !== 'small' && values.scale !== 'large') throw new Error('usage: npm run bench -- [--scale small|large] [--only bench,bench]')
  const scale: Scale = values.scale
  const only = values.only ? new Set(values.only.split(',')) : null
  const log = (message: string): void => void process.stderr.write(`${message}\n`)
  // Stdout carries the JSON lines only: anything else that logs goes to stderr.
  const emit = process.stdout.write.bind(process.stdout)
  console.log = console.error
  console.info = console.error

  const started = performance.now()
  const cache = await ensureDataset(scale, log)
  const file = copyForRun(cache)
  const core = await createCore({ store: { kind: 'sqlite', file } })
  const raw = await RawDb.open(file)
  try {
    const agent = directClient(core)
    const receptionist = directClient(core)
    const agentLogin = await agent.api.auth.login({ username: 'agent', password: DEMO_PASSWORD })
    agent.setSession(agentLogin.token)
    const reception = await receptionist.api.auth.login({ username: 'reception', password: DEMO_PASSWORD })
    receptionist.setSession(reception.token)
    const manager = directClient(core)
    manager.setSession((await manager.api.auth.login({ username: 'manager', password: DEMO_PASSWORD })).token)
    // A cached dataset was seeded some time ago: the deadline watcher catches up once now, so that
    // its first minute's pass does not land inside a measurement.
    const swept = await timed(() => core.sweep())
    log(`deadline watcher caught up: ${swept[1]} tickets in ${Math.round(swept[0])} ms`)
    const count = async (table: string) => (await raw.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))?.n ?? 0
    const rows = {
      customers: await count('customer'),
      phones: await count('customer_phone'),
      visits: await count('visit'),
      communities: await count('community'),
      calls: await count('call_log'),
      follow_ups: await count('follow_up'),
      appointments: await count('measure_appointment'),
      tickets: await count('ticket'),
    }
    const rng = new Rng(`bench-inputs-${scale}`)
    const warm = await warmPhoneBlocks(raw, rng, 6)
    const ctx: BenchContext = {
      agent: agent.api,
      receptionist: receptionist.api,
      receptionistId: reception.user.id,
      agentId: agentLogin.user.id,
      raw,
      settings: await agent.api.settings.get(),
      rows,
      rng,
      iterations: ITERATIONS[scale],
      log,
      warmBlocks: warm.blocks,
      coldPhoneInfoMs: warm.coldMs,
    }
    const phoneInfo = new PhoneInfoTable()
    const benches: [string, () => Promise<BenchLine | OneShotLine>][] = [
      ['customer_lookup_by_phone', () => benchLookup(ctx, phoneInfo)],
      ['customer_search_tail', () => benchSearchTail(ctx)],
      ['customer_search_name', () => benchSearchName(ctx)],
      ['customer_search_community', () => benchSearchCommunity(ctx)],
      ['walkin_register', () => benchRegister(ctx, phoneInfo)],
      ['screen_pop', () => benchScreenPop(ctx, phoneInfo)],
      ['call_log_write', () => benchCallWrite(ctx)],
      ['cti_events', () => benchCtiEvents(ctx, file, CTI[scale])],
      ['tickets_at_risk', () => benchTicketsAtRisk(ctx, manager.api)],
      ['ticket_transition', () => benchTicketTransition(ctx)],
      ['callbacks_due', () => benchCallbacksDue(ctx)],
      ['dashboard_month', () => benchDashboardMonth(ctx, manager.api)],
      ['report_month_export', () => benchReportMonthExport(ctx, manager)],
      // last: it writes every site's plan
      ['plan_regenerate', () => benchPlanRegenerate(ctx, manager.api)],
    ]
    for (const [name, run] of benches) {
      if (only && !only.has(name)) continue
      const t = performance.now()
      const line = await run()
      emit(`${JSON.stringify(line)}\n`)
      log(`${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`)
    }
  } finally {
    await raw.close().catch(() => undefined)
    await core.close()
    dropCopy(file)
  }
  log(`bench ${scale}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(1)
})
