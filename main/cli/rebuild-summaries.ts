import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { openStore } from '../../database/store'
import { Summaries } from '../services/summaries'
import { EventBus } from '../services/event-bus'
import { SettingsService } from '../services/settings.service'

const USAGE = 'usage: npm run rebuild-summaries -- --db PATH'

/**
 * `npm run rebuild-summaries -- --db PATH`: recounts the dashboard's call summary (`call_stat`)
 * from the call log in the company's time zone, for a file whose calls were loaded or mended
 * beside the app. Opens the store as the app does (migrations included) without starting the
 * core, which would rebuild on its own when the zone changed; the counts go to stderr.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { db: { type: 'string' }, help: { type: 'boolean', default: false } } })
  if (values.help) {
    console.error(USAGE)
    return
  }
  if (!values.db) throw new Error(USAGE)
  const file = resolve(values.db)
  // opening a missing path would create an empty database and "rebuild" nothing
  if (!existsSync(file)) throw new Error(`${file} does not exist`)
  const started = performance.now()
  const store = await openStore({ kind: 'sqlite', file })
  try {
    const settings = new SettingsService(store, new EventBus())
    await settings.load()
    const { timeZone } = settings.get()
    const counts = await new Summaries(store, () => timeZone, () => new Date()).rebuild()
    for (const [name, { rows, slots }] of Object.entries(counts)) console.error(`${name}: ${rows} rows in ${slots} slots`)
    console.error(`summaries rebuilt in ${timeZone} (${Math.round(performance.now() - started)} ms)`)
  } finally {
    await store.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
