import { createCore } from '../core'
import { startCtiListener } from '../http/cti-listener'

/**
 * The app side of the cti_events bench, in a process of its own as in production (the PBX is
 * another program): opens the core on the given file, listens on a free loopback port, tells the
 * parent where, and closes when told to.
 */
async function main(): Promise<void> {
  const file = process.argv[2]
  if (!file || !process.send) throw new Error('usage: forked by the cti_events bench with the database file')
  const core = await createCore({ store: { kind: 'sqlite', file }, logError: (error) => console.error(error) })
  const listener = startCtiListener(core, { portOverride: 0 })
  await listener.ready()
  process.send({ port: listener.port(), token: core.cti.currentToken() })
  process.on('message', (message) => {
    if (message !== 'stop') return
    void listener
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
