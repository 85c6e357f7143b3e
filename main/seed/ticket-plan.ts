import type { Database } from 'sqlite3'
import type { AppSettings } from '../contract/settings.contract'
import type { TicketKind, TicketSource } from '../contract/tickets.contract'
import { all } from './bulk-insert'
import { allocate, hourSlots, instantsIn } from './call-curve'
import { Weighted, type Rng } from './random'
import { ticketStory, type TicketStory } from './ticket-texts'

/** Complaints are a little over half of the tickets; repairs the rest. */
export const COMPLAINT_SHARE = 0.55
/** Tickets that began as a complaint or repair call (the intake form carried over), where such calls exist. */
const FROM_CALLS_SHARE = 0.68

// The commonest problems: 工程质量 and 工期 among complaints, 防水 and 水电 among repairs; 一般 most, 紧急 few.
// Values a company added to the settings itself get weight 1.
const COMPLAINT_WEIGHTS: Record<string, number> = { 工程质量: 34, 工期: 24, 材料: 12, 设计: 10, 服务态度: 12, 其他: 8 }
const REPAIR_WEIGHTS: Record<string, number> = { 防水: 28, 水电: 26, 墙面: 12, 地面: 9, 木作: 9, 门窗: 7, 吊顶: 5, 其他: 4 }
const SEVERITY_WEIGHTS = [62, 24, 10, 4]
const OTHER_SOURCES = new Weighted<TicketSource>([['walkIn', 40], ['callback', 30], ['phone', 20], ['other', 10]])

const DAY = 86_400_000

/** The customers tickets can be about, in order of creation. */
export interface CustomerFile {
  ids: Int32Array
  created: Float64Array
  /** following designer, 0 for none */
  designer: Int32Array
  address: (string | null)[]
  completedOn: (string | null)[]
  indexOf: Map<number, number>
}

export interface TicketSeed {
  at: number
  kind: TicketKind
  source: TicketSource
  customer: number
  callId: number | null
  /** the agent who took the call or opened the ticket */
  creatorId: number
  category: string
  severity: string
  story: TicketStory
}

interface TicketCall {
  id: number
  customerId: number
  agentId: number
  kind: TicketKind
  at: number
  category: string
  severity: string | null
  description: string | null
  expectation: string | null
  preferredTime: string | null
}

const parseTime = (text: string): number => Date.parse(`${text.replace(' ', 'T')}Z`)

export async function loadCustomerFile(db: Database): Promise<CustomerFile> {
  const rows = await all<{ id: number; createdAt: string; designer: number | null; community: string | null; address: string | null; completedOn: string | null }>(
    db,
    'SELECT id, created_at AS createdAt, following_designer_id AS designer, community, address, completed_on AS completedOn FROM customer',
  )
  const sorted = rows.map((r) => ({ r, created: parseTime(r.createdAt) })).sort((a, b) => a.created - b.created || a.r.id - b.r.id)
  const file: CustomerFile = {
    ids: new Int32Array(sorted.length),
    created: new Float64Array(sorted.length),
    designer: new Int32Array(sorted.length),
    address: [],
    completedOn: [],
    indexOf: new Map(),
  }
  for (const [i, { r, created }] of sorted.entries()) {
    file.ids[i] = r.id
    file.created[i] = created
    file.designer[i] = r.designer ?? 0
    file.address.push(r.community || r.address ? `${r.community ?? ''}${r.address ? ` ${r.address}` : ''}`.trim().slice(0, 120) : null)
    file.completedOn.push(r.completedOn)
    file.indexOf.set(r.id, i)
  }
  return file
}

/** Answered complaint and repair calls of known customers that no ticket came from yet, with their intake form. */
async function loadTicketCalls(db: Database, settings: AppSettings): Promise<TicketCall[]> {
  const rows = await all<{ id: number; customerId: number; agentId: number; type: 'complaint' | 'repair'; savedAt: string; details: string | null }>(
    db,
    `SELECT id, customer_id AS customerId, intake_saved_by AS agentId, call_type AS type, intake_saved_at AS savedAt, details FROM call_log
      WHERE call_type IN ('complaint', 'repair') AND customer_id IS NOT NULL AND intake_saved_at IS NOT NULL AND intake_saved_by IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.call_id = call_log.id)
      ORDER BY id`,
  )
  const calls: TicketCall[] = []
  for (const r of rows) {
    const d = (r.details ? JSON.parse(r.details) : {}) as Record<string, string | null | undefined>
    const kind: TicketKind = r.type
    const categories = kind === 'complaint' ? settings.complaintCategories : settings.repairCategories
    const category = d.category && categories.includes(d.category) ? d.category : null
    if (!category) continue
    const severity = d.severity && settings.ticketSeverities.includes(d.severity) ? d.severity : null
    calls.push({ id: r.id, customerId: r.customerId, agentId: r.agentId, kind, at: parseTime(r.savedAt), category, severity, description: d.description ?? null, expectation: d.expectation ?? null, preferredTime: d.preferredTime ?? null })
  }
  return calls
}

/**
 * `count` calls drawn without replacement (Efraimidis–Spirakis keys) so that their categories and
 * severities follow the target weights, whatever the calls' own mix.
 */
function pickCalls(rng: Rng, calls: TicketCall[], count: number, categoryWeight: (c: string) => number, severityWeight: (s: string) => number): TicketCall[] {
  if (count >= calls.length) return calls
  const seen = (key: (c: TicketCall) => string) => {
    const counts = new Map<string, number>()
    for (const c of calls) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1)
    return counts
  }
  const byCategory = seen((c) => c.category)
  const bySeverity = seen((c) => c.severity ?? '')
  const keyed = calls.map((c) => {
    const w = (categoryWeight(c.category) / (byCategory.get(c.category) ?? 1)) * (c.severity ? severityWeight(c.severity) / (bySeverity.get(c.severity) ?? 1) : 1)
    return { c, key: Math.log(1 - rng.next()) / w }
  })
  keyed.sort((a, b) => b.key - a.key)
  return keyed.slice(0, count).map((k) => k.c)
}

export interface PlanOptions {
  rng: Rng
  tickets: number
  now: Date
  days: number
  settings: AppSettings
  customers: CustomerFile
  agentIds: number[]
  db: Database
}

/** Who complained about what and when, before anything happens to the tickets; in order of time. */
export async function planTickets(o: PlanOptions): Promise<{ seeds: TicketSeed[]; fromCalls: number }> {
  const { rng, settings } = o
  const weigh = (list: string[], weights: Record<string, number>) => new Weighted(list.map((c) => [c, weights[c] ?? 1] as const))
  const categories: Record<TicketKind, Weighted<string>> = {
    complaint: weigh(settings.complaintCategories, COMPLAINT_WEIGHTS),
    repair: weigh(settings.repairCategories, REPAIR_WEIGHTS),
  }
  const severityWeight = (s: string) => SEVERITY_WEIGHTS[settings.ticketSeverities.indexOf(s)] ?? 2
  const severities = new Weighted(settings.ticketSeverities.map((s) => [s, severityWeight(s)] as const))
  const calls = await loadTicketCalls(o.db, settings)
  const seeds: TicketSeed[] = []
  const wanted: Record<TicketKind, number> = { complaint: Math.round(o.tickets * COMPLAINT_SHARE), repair: 0 }
  wanted.repair = o.tickets - wanted.complaint

  for (const kind of ['complaint', 'repair'] as const) {
    const weights = kind === 'complaint' ? COMPLAINT_WEIGHTS : REPAIR_WEIGHTS
    const picked = pickCalls(rng, calls.filter((c) => c.kind === kind), Math.round(wanted[kind] * FROM_CALLS_SHARE), (c) => weights[c] ?? 1, severityWeight)
    for (const c of picked) {
      const customer = o.customers.indexOf.get(c.customerId)
      if (customer === undefined) continue
      const story = ticketStory(rng, kind, c.category, c.description ?? undefined)
      if (c.expectation) story.expectation = c.expectation
      if (c.preferredTime) story.preferredTime = c.preferredTime
      // a few seconds after the call's form was saved: the agent turns it into a ticket
      seeds.push({ at: c.at + rng.int(20, 300) * 1000, kind, source: 'phone', customer, callId: c.id, creatorId: c.agentId, category: c.category, severity: c.severity ?? severities.draw(rng), story })
    }
    const rest = wanted[kind] - picked.length
    const slots = hourSlots({ now: o.now, days: o.days, timeZone: settings.timeZone, rng })
    const counts = allocate(slots, rest, rng)
    for (const [i, slot] of slots.entries()) {
      for (const at of instantsIn(slot.from, slot.to, counts[i], rng)) {
        // customers already on file a day before they complain
        const known = upperBound(o.customers.created, at - DAY)
        if (known === 0 || o.agentIds.length === 0) continue
        const category = categories[kind].draw(rng)
        seeds.push({ at, kind, source: OTHER_SOURCES.draw(rng), customer: rng.int(0, known - 1), callId: null, creatorId: rng.pick(o.agentIds), category, severity: severities.draw(rng), story: ticketStory(rng, kind, category) })
      }
    }
  }
  // nothing happens after now: a ticket made from a call a moment ago is opened now
  for (const s of seeds) s.at = Math.min(s.at, o.now.getTime())
  seeds.sort((a, b) => a.at - b.at || (a.callId ?? 0) - (b.callId ?? 0))
  return { seeds, fromCalls: seeds.filter((s) => s.callId !== null).length }
}

/** First index whose creation time is after `t`. */
function upperBound(created: Float64Array, t: number): number {
  let lo = 0
  let hi = created.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (created[mid] <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}
