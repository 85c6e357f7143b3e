import { createCore, directClient } from '/work/main/main/core'
import * as f from '/work/main/main/services/dashboard-figures'
import { periodOf } from '/work/main/main/services/period-sql'
async function main() {
  const core = await createCore({ store: { kind: 'sqlite', file: process.argv[2] }, watchIntervalMs: 0 })
  const client = directClient(core)
  const login = await client.api.auth.login({ username: 'manager', password: 'demo1234' })
  client.setSession(login.token)
  const from = process.argv[3], to = process.argv[4]
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    await client.api.dashboard.overview({ from, to })
    console.log('overview ms', (performance.now() - t0).toFixed(1))
  }
  const em = core.store.read
  const p = periodOf({ from, to }, 'Asia/Shanghai')
  const time = async (name: string, fn: () => Promise<unknown>) => { const t = performance.now(); const r = await fn(); console.log(name, (performance.now() - t).toFixed(1), Array.isArray(r) ? r.length : '') }
  for (let i = 0; i < 2; i++) {
  await time('callGroups', () => f.callGroups(em, p))
  await time('walkIns', () => f.walkInsBySource(em, p))
  await time('sales', () => f.salesCounts(em, p))
  await time('complaints', () => f.complaintGroups(em, p, new Date()))
  await time('onTime', () => f.onTimeByDay(em, p))
  await time('satisfaction', () => f.satisfactionByDay(em, p))
  await time('callbacksDue', () => f.callbacksDue(em, p))
  await time('agents', () => f.agentLines(em, p))
  await time('inbound', () => f.inboundByHour(em, p))
  await time('designerStats', () => client.api.deposits.designerStats({ from, to }))
  }
  await core.close()
}
void main()
