import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES } from '../contract/projects.contract'
import { TICKET_STATE_LABELS, TICKET_STATES } from '../contract/tickets.contract'
import { seedDemo } from '../seed/seed-demo'

const USAGE = 'usage: npm run seed-demo -- --db PATH [--customers N] [--calls M] [--tickets T] [--projects P] [--seed S] [--append] [--now ISO]'

/** Calls over the last 90 days when `--calls` is not given: a few per customer. */
const CALLS_PER_CUSTOMER = 4
/** Complaint and repair tickets over the same days when `--tickets` is not given: one customer in ten. */
const TICKETS_PER_CUSTOMER = 0.1
/** Sites (signed contracts) when `--projects` is not given: one customer in ten signed. */
const PROJECTS_PER_CUSTOMER = 0.1

/**
 * `npm run seed-demo -- --db PATH [--customers N] [--calls M] [--tickets T] [--projects P] [--seed S] [--append]`: realistic
 * zh-CN demo data. Stdout carries one `login: <username> <password> (<role>)` line per demo
 * account, one `extension: <分机> <username>` line per demo agent and a summary; progress goes to stderr.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      customers: { type: 'string', default: '5000' },
      seed: { type: 'string', default: 'renodesk' },
      append: { type: 'boolean', default: false },
      calls: { type: 'string' },
      tickets: { type: 'string' },
      projects: { type: 'string' },
      now: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  if (!values.db) throw new Error(USAGE)
  const customers = Number(values.customers)
  if (!Number.isInteger(customers) || customers < 0 || customers > 5_000_000) throw new Error(`--customers must be a whole number 0–5000000, got ${values.customers}`)
  const calls = values.calls === undefined ? customers * CALLS_PER_CUSTOMER : Number(values.calls)
  if (!Number.isInteger(calls) || calls < 0 || calls > 20_000_000) throw new Error(`--calls must be a whole number 0–20000000, got ${values.calls}`)
  const tickets = values.tickets === undefined ? Math.round(customers * TICKETS_PER_CUSTOMER) : Number(values.tickets)
  if (!Number.isInteger(tickets) || tickets < 0 || tickets > 2_000_000) throw new Error(`--tickets must be a whole number 0–2000000, got ${values.tickets}`)
  const projects = values.projects === undefined ? Math.round(customers * PROJECTS_PER_CUSTOMER) : Number(values.projects)
  if (!Number.isInteger(projects) || projects < 0 || projects > 500_000) throw new Error(`--projects must be a whole number 0–500000, got ${values.projects}`)
  const now = values.now ? new Date(values.now) : undefined
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now must be an ISO date-time, got ${values.now}`)

  const result = await seedDemo({ file: resolve(values.db), customers, calls, tickets, projects, seed: values.seed, append: values.append, now })
  for (const login of result.logins) console.log(`login: ${login.username} ${login.password} (${login.role})`)
  for (const agent of result.agents) if (agent.extension) console.log(`extension: ${agent.extension} ${agent.username} (${agent.displayName})`)
  console.log(
    `seeded ${result.customers} customers (ids ${result.firstCustomerId}–${result.lastCustomerId}), ${result.phones} phones, ${result.visits} visits, ${result.communities} communities, ${result.people} people in ${(result.ms / 1000).toFixed(1)} s`,
  )
  const c = result.calls
  if (c) {
    console.log(
      `seeded ${c.calls} calls (${c.inbound} inbound; ${c.answered} answered, ${c.missed} missed, ${c.abandoned} abandoned; ${c.unhandledMissed} missed not yet called back), ${c.followUps} follow-ups (${c.openFollowUps} open), ${c.appointments} measuring appointments, ${c.edits} corrections in ${(c.ms / 1000).toFixed(1)} s`,
    )
  }
  const s = result.summaries
  console.log(`summarised ${s.calls.rows} calls in ${s.calls.slots} call_stat slots, ${s.tickets.slots} ticket_stat and ${s.callbacks.slots} callback_stat slots in ${(s.ms / 1000).toFixed(1)} s`)
  console.log(`seeded ${result.presence.rows} logged-in staff-hours (${result.presence.beyondRota} outside the rota, when a call was taken)`)
  const t = result.tickets
  if (t) {
    const open = TICKET_STATES.filter((s) => t.states[s] > 0 && s !== 'closed' && s !== 'cancelled').map((s) => `${TICKET_STATE_LABELS[s]} ${t.states[s]}`)
    console.log(
      `seeded ${t.tickets} tickets (${t.complaints} complaints, ${t.repairs} repairs; ${t.fromCalls} from calls; ${t.states.closed} closed, ${t.states.cancelled} cancelled, ${open.join(', ')}; ${t.repeats} repeats, ${t.escalated} escalated), ${t.callbacks} satisfaction callbacks (${t.openCallbacks} open), ${t.assessments} assessments, ${t.notifications} notifications in ${(t.ms / 1000).toFixed(1)} s`,
    )
  }
  const p = result.projects
  if (p) {
    const stages = PROJECT_STATUSES.filter((s) => p.statuses[s] > 0).map((s) => `${PROJECT_STATUS_LABELS[s]} ${p.statuses[s]}`)
    console.log(
      `seeded ${p.projects} projects (${stages.join(', ')}), ${p.deposits.signed + p.deposits.pending + p.deposits.lost} deposits (${p.deposits.pending} pending, ${p.deposits.lost} lost), ${p.callbacks} plan callbacks (${p.openCallbacks} open, ${p.overdueCallbacks} overdue; ${p.attempts} attempts, ${p.problems} problems found), ${p.inspections} inspections (${p.rectifications.total} rectifications, ${p.rectifications.open} open, ${p.rectifications.overdue} overdue), ${p.trips} viewing trips, ${p.evaluations} evaluations, ${p.greetings} greetings in ${(p.ms / 1000).toFixed(1)} s`,
    )
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
