import { createCore, directClient, type Core } from '../core'
import { DEFAULT_SETTINGS, settingsSchema, type AppSettings } from '../contract/settings.contract'
import { companyDate, companyDayRange } from '../contract/time'
import type { IntentLevel, VisitStatus } from '../contract/visits.contract'
import { nameKeys, type NameKeys } from '../services/name-keys'
import { all, BulkInsert, rowLiteral, run, SerialQueue, sqliteTime, writerConnection } from './bulk-insert'
import { addressIn, buildCommunities, type Community } from './communities'
import { DemoRota } from './agent-rota'
import { ensureDemoOrg, type DemoAgent, type DemoLogin } from './demo-org'
import { NameGenerator } from './names'
import { Summaries, type RebuildCounts } from '../services/summaries'
import { PhoneInfoTable } from '../services/phone-info'
import { PhoneFactory, type GeneratedPhone } from './phones'
import { Rng, Weighted } from './random'
import { CALL_DAYS, seedCalls, type SeedCallsResult } from './seed-calls'
import { seedPresence, type SeedPresenceResult } from './seed-presence'
import { seedProjects, type SeedProjectsResult } from './seed-projects'
import { seedTickets, type SeedTicketsResult } from './seed-tickets'

/**
 * Bump whenever the generated data changes shape or distribution: the bench cache file carries
 * it in its name, so a stale cache is never measured.
 */
export const SEEDER_VERSION = 12

export interface SeedDemoOptions {
  /** a SQLite file (created and migrated if new) … */
  file?: string
  /** … or a core already open on one */
  core?: Core
  customers: number
  /** calls over the last 90 days (default none) */
  calls?: number
  /** complaint and repair tickets over the same 90 days, many of them from the complaint and repair calls (default none) */
  tickets?: number
  /** sites in every stage with their deposits, return-visit plans, inspections… (default none) */
  projects?: number
  seed?: string
  /** add to a database that already has customers */
  append?: boolean
  /** the instant the data is generated around (default: now) */
  now?: Date
  /** number of distinct 小区 to draw from */
  communities?: number
  log?: (message: string) => void
}

export interface SeedDemoResult {
  logins: DemoLogin[]
  /** the agents that take calls, with their extensions */
  agents: DemoAgent[]
  calls: SeedCallsResult | null
  tickets: SeedTicketsResult | null
  projects: SeedProjectsResult | null
  /** the call summary rebuilt after the calls went in (null without calls) */
  /** the summaries counted again after the bulk load */
  summaries: RebuildCounts & { ms: number }
  /** the call desk's logged-in hours */
  presence: SeedPresenceResult
  customers: number
  phones: number
  visits: number
  communities: number
  people: number
  firstCustomerId: number
  lastCustomerId: number
  ms: number
}

const DAY = 86_400_000
const MINUTE = 60_000
/** The showroom is open 09:00–20:30. */
const OPEN_FROM = 9 * 3_600_000
const OPEN_SPAN = 11.5 * 3_600_000
/** Customers (with their phones) per transaction: a few large transactions in all. */
const CUSTOMERS_PER_TRANSACTION = 50_000

const CUSTOMER_COLUMNS = [
  'id', 'name', 'name_pinyin', 'name_initials', 'community', 'address', 'house_type', 'area_sqm', 'budget_min_fen', 'budget_max_fen',
  'style', 'source_channel', 'grade', 'tags', 'notes', 'owner_agent_id', 'following_designer_id', 'following_since', 'last_contact_at',
  'referrer_id', 'created_by', 'created_at', 'updated_at', 'version',
] as const
const PHONE_COLUMNS = ['customer_id', 'normalized', 'reversed', 'raw', 'kind', 'region', 'carrier', 'is_primary', 'created_at'] as const
const VISIT_COLUMNS = [
  'customer_id', 'arrived_at', 'status', 'with_designer_at', 'left_at', 'party_size', 'intent_level', 'source_channel', 'community',
  'house_type', 'area_sqm', 'budget_min_fen', 'budget_max_fen', 'style', 'notes', 'outcome', 'designer_id', 'receptionist_id',
  'collision', 'created_at', 'updated_at',
] as const

// Typical shares of the default setting lists; values a company added itself get weight 1.
const SOURCE_WEIGHTS: Record<string, number> = { 自然到店: 25, 老客户介绍: 12, 网络推广: 22, 小区活动: 10, 家装展会: 6, 电话咨询: 15, 合作渠道: 6, 其他: 4 }
/** Share of each source whose first contact is a visit to the showroom (the rest phoned first). */
const WALK_IN_FIRST: Record<string, number> = { 自然到店: 1, 小区活动: 0.7, 家装展会: 0.6, 老客户介绍: 0.7, 合作渠道: 0.5, 其他: 0.5, 网络推广: 0, 电话咨询: 0 }
const STYLE_WEIGHTS: Record<string, number> = { 现代简约: 30, 新中式: 12, 北欧: 12, 轻奢: 14, 美式: 6, 欧式: 5, 日式原木: 10, 工业风: 4, 其他: 3 }
const HOUSE_WEIGHTS: Record<string, number> = { 一室: 6, 两室: 30, 三室: 35, 四室及以上: 8, 复式: 6, 别墅: 4, '商铺/办公': 3, 其他: 2 }
const AREA_RANGES: Record<string, [number, number]> = {
  一室: [32, 60], 两室: [55, 95], 三室: [85, 145], 四室及以上: [125, 220], 复式: [140, 280], 别墅: [200, 520], '商铺/办公': [40, 400], 其他: [30, 200],
}
const GRADE_WEIGHTS = [10, 30, 35, 15]
const TAGS = ['老房翻新', '婚房', '学区房', '二手房', '新房交付', '急装', '有老人同住', '有小孩', '出租房', '局部改造', '全包', '半包', '已量房']
const CUSTOMER_NOTES = ['周末方便联系', '晚上七点后联系', '只接受微信沟通', '对环保材料要求高', '想做开放式厨房', '需要适老化设计', '家里有宠物', '预算有限，关注性价比']
const VISIT_NOTES = ['带了户型图', '对比了三家公司', '希望看样板间', '关注环保材料', '想要全包', '老人同住，需要适老化设计', '二手房翻新，需拆改水电', '婚房，年底前入住', '问了整装套餐价格', '想了解分期付款']
const OUTCOMES_FIRST = ['已约量房', '带走报价方案，考虑中', '比价中', '约下次带家人来', '预算不符', '已交定金', '参观了样板间', '留了微信，待跟进']
const OUTCOMES_REPEAT = ['已交定金', '确认设计方案', '已签约', '调整预算后再谈', '已约量房', '对比报价中']

function weighted(list: readonly string[], weights: Record<string, number>): Weighted<string> {
  return new Weighted(list.map((item) => [item, weights[item] ?? 1] as const))
}

/** Settings as the SettingsService reads them: stored rows over the defaults. */
async function readSettings(core: Core): Promise<AppSettings> {
  const rows: { key: string; value: string }[] = await core.store.read.query('SELECT key, value FROM setting')
  const stored: Record<string, unknown> = {}
  for (const row of rows) stored[row.key] = JSON.parse(row.value)
  const parsed = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored })
  return parsed.success ? parsed.data : DEFAULT_SETTINGS
}

interface Profile {
  community: Community | null
  houseType: string | null
  areaSqm: number | null
  budgetMinFen: number | null
  budgetMaxFen: number | null
  style: string | null
  source: string
}

/**
 * Realistic zh-CN demo data: the organisation and the demo accounts through the API, then
 * customers, their phones, visits and 小区 in multi-row INSERTs inside a few large transactions on
 * the store's writer connection, with exactly the values the services would store.
 */
export async function seedDemo(options: SeedDemoOptions): Promise<SeedDemoResult> {
  const started = performance.now()
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`))
  if (!Number.isInteger(options.customers) || options.customers < 0) throw new Error('customers must be a whole number ≥ 0')
  if (options.calls !== undefined && (!Number.isInteger(options.calls) || options.calls < 0)) throw new Error('calls must be a whole number ≥ 0')
  if (options.tickets !== undefined && (!Number.isInteger(options.tickets) || options.tickets < 0)) throw new Error('tickets must be a whole number ≥ 0')
  if (options.projects !== undefined && (!Number.isInteger(options.projects) || options.projects < 0)) throw new Error('projects must be a whole number ≥ 0')
  if (!options.core && !options.file) throw new Error('seedDemo needs a file or a core')
  // No deadline watcher: the seeder writes the tickets as they stand at `now`, and a pass on the wall
  // clock half-way through a long seed would escalate them under its feet.
  const core = options.core ?? (await createCore({ store: { kind: 'sqlite', file: options.file as string }, watchIntervalMs: 0 }))
  try {
    return await seedInto(core, options, log, started)
  } finally {
    if (!options.core) await core.close()
  }
}

async function seedInto(core: Core, options: SeedDemoOptions, log: (message: string) => void, started: number): Promise<SeedDemoResult> {
  const db = writerConnection(core.store)
  const [{ n: existing }] = await all<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM (SELECT 1 FROM customer LIMIT 1)')
  if (existing > 0 && !options.append) throw new Error('this database already has customers: pass --append to add more, or seed a new file')

  const seed = options.seed ?? 'renodesk'
  const root = new Rng(seed)
  const rng = { org: root.fork('org'), phones: root.fork('phones'), communities: root.fork('communities'), customers: root.fork('customers'), visits: root.fork('visits') }
  const now = options.now ?? new Date()
  const nowMs = now.getTime()
  const settings = await readSettings(core)
  const N = options.customers

  const info = new PhoneInfoTable()
  const used = new Set((await all<{ normalized: string }>(db, 'SELECT normalized FROM customer_phone')).map((r) => r.normalized))
  const phones = new PhoneFactory(rng.phones, info, settings.localAreaCode, used)
  log(`phone blocks ready (${Math.round(performance.now() - started)} ms)`)

  const client = directClient(core)
  const org = await ensureDemoOrg(client, core.store, { rng: rng.org, phones, customers: N, log })
  log(`organisation ready: ${org.designers.length} designers, ${org.people} people, ${org.logins.length} demo logins (${Math.round(performance.now() - started)} ms)`)

  const communities = buildCommunities(rng.communities, options.communities ?? 300)
  const communityPool = new Weighted(communities.map((c) => [c, c.weight] as const))
  const sources = weighted(settings.sourceChannels, SOURCE_WEIGHTS)
  const styles = weighted(settings.styles, STYLE_WEIGHTS)
  const houseTypes = weighted(settings.houseTypes, HOUSE_WEIGHTS)
  const grades = new Weighted(settings.customerGrades.map((g, i) => [g, GRADE_WEIGHTS[i] ?? 5] as const))
  const designerPool = new Weighted(org.designers.map((d, i) => [d.id, 1 / Math.pow(i + 2, 0.4)] as const))
  const names = new NameGenerator(rng.customers)
  const keyCache = new Map<string, NameKeys>()
  const keysOf = (name: string): NameKeys => {
    let keys = keyCache.get(name)
    if (!keys) {
      keys = nameKeys(name)
      keyCache.set(name, keys)
    }
    return keys
  }

  // Time: customers arrive over a history whose length grows with their number (≈20 a day at
  // the end), more of them recently; visits fall in opening hours of the company's days.
  const tz = settings.timeZone
  const todayStart = companyDayRange(companyDate(now, tz), tz).from.getTime()
  const dayStartOf = (ms: number): number => todayStart + Math.floor((ms - todayStart) / DAY) * DAY
  const spanDays = Math.min(3650, Math.max(120, Math.round(N / 20)))
  // Today's board: opening hours so far, or the last three hours when the showroom is not open yet.
  const boardFrom = nowMs >= todayStart + OPEN_FROM + 3_600_000 ? todayStart + OPEN_FROM : Math.max(todayStart, nowMs - 3 * 3_600_000)
  const todayRepeats = Math.min(30, Math.max(6, Math.round(N / 4000)))
  const pTodayRepeat = N > 0 ? todayRepeats / N : 0
  const protectionMs = settings.designerProtectionDays * DAY

  const [{ maxId }] = await all<{ maxId: number | null }>(db, 'SELECT MAX(id) AS maxId FROM customer')
  const firstId = (maxId ?? 0) + 1
  /** [arrived_at, row literal]: sorted by arrival before they are inserted */
  const visits: [string, string][] = []
  const usedCommunities = new Set<string>()
  let phoneCount = 0

  const queue = new SerialQueue()
  const customerInsert = new BulkInsert(db, queue, 'customer', CUSTOMER_COLUMNS)
  // Flushed by hand right after the customers they belong to (≤ 2 phones a customer, 500 customers a flush).
  const phoneInsert = new BulkInsert(db, queue, 'customer_phone', PHONE_COLUMNS, { rowsPerStatement: 100_000 })
  const referrerBound = (i: number): number => firstId + i - (i % 1000) - 1000

  await core.store.queue.run(async () => {
    await run(db, 'PRAGMA cache_size = -262144')
    // Into empty tables, secondary indexes are cheaper built once at the end (a sort) than kept up
    // row by row: drop them, and put them back from their own stored definitions, whatever happens
    // (a seed killed half-way leaves a half-seeded new file, which is thrown away either way).
    const empty = (await all<{ n: number }>(db, 'SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM customer LIMIT 1)) + (SELECT COUNT(*) FROM (SELECT 1 FROM visit LIMIT 1)) AS n'))[0].n === 0
    const deferred = empty
      ? await all<{ name: string; sql: string }>(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('customer', 'customer_phone', 'visit') AND sql IS NOT NULL ORDER BY name")
      : []
    for (const index of deferred) await run(db, `DROP INDEX "${index.name}"`)
    try {
      for (let start = 0; start < N; start += CUSTOMERS_PER_TRANSACTION) {
        const end = Math.min(N, start + CUSTOMERS_PER_TRANSACTION)
        await queue.push(() => run(db, 'BEGIN'))
        for (let i = start; i < end; i++) {
          const id = firstId + i
          // Let the driver's completions in now and then: the next statement starts only once the
          // main thread has seen the previous one finish, so long stretches of generation stall it.
          if (i % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
          const r = rng.customers
          const name = names.next()
          const keys = keysOf(name)

          // When: day by a density growing towards today, time within opening hours.
          const f = (i + r.next()) / N
          let created = dayStartOf(nowMs - Math.floor(spanDays * (1 - Math.sqrt(f))) * DAY) + OPEN_FROM + r.next() * OPEN_SPAN
          if (created > nowMs) created -= DAY

          const source = sources.draw(r)
          const houseType = r.chance(0.92) ? houseTypes.draw(r) : null
          const [minArea, maxArea] = AREA_RANGES[houseType ?? '其他'] ?? [40, 200]
          const areaSqm = houseType && r.chance(0.85) ? Math.round((minArea + r.next() * (maxArea - minArea)) * 10) / 10 : null
          let budgetMinFen: number | null = null
          let budgetMaxFen: number | null = null
          if (r.chance(0.85)) {
            const yuan = (areaSqm ?? 90) * (1200 + r.next() * 2600)
            const range = settings.budgetRanges.find((b) => b.maxFen === null || yuan * 100 < b.maxFen) ?? settings.budgetRanges[settings.budgetRanges.length - 1]
            budgetMinFen = range.minFen
            budgetMaxFen = range.maxFen
          }
          const profile: Profile = {
            community: r.chance(0.92) ? communityPool.draw(r) : null,
            houseType,
            areaSqm,
            budgetMinFen,
            budgetMaxFen,
            style: r.chance(0.9) ? styles.draw(r) : null,
            source,
          }
          if (profile.community) usedCommunities.add(profile.community.name)
          const address = profile.community && r.chance(0.6) ? addressIn(r, profile.community) : null
          const grade = r.chance(0.9) ? grades.draw(r) : null
          const tags = r.chance(0.25) ? [...new Set([r.pick(TAGS), ...(r.chance(0.3) ? [r.pick(TAGS)] : [])])] : []
          const notes = r.chance(0.05) ? r.pick(CUSTOMER_NOTES) : null
          const walkInFirst = r.chance(WALK_IN_FIRST[source] ?? 0.5)
          const receptionistId = r.pick(org.receptionistIds)
          const agentId = r.pick(org.agentIds)
          const referrerMax = referrerBound(i)
          const referrerId = source === '老客户介绍' && referrerMax >= firstId && r.chance(0.7) ? r.int(firstId, referrerMax) : null

          // Phones: a mobile (most registered in the company's city), sometimes a second number.
          const primary: GeneratedPhone = r.chance(0.02) ? (phones.landline() ?? phones.mobile(true)) : phones.mobile(r.chance(0.7))
          const extra: GeneratedPhone | null = r.chance(0.1) ? (r.chance(0.25) ? phones.landline() : phones.mobile(r.chance(0.7))) : null
          const extraAddedAt = Math.min(nowMs, created + r.int(0, 90) * DAY)

          // Visits: the first one opens the file for walk-ins; some come back, a few today.
          const v = rng.visits
          const times: number[] = []
          if (walkInFirst) times.push(created)
          else if (v.chance(0.35)) {
            const t = dayStartOf(created + v.int(1, 20) * DAY) + OPEN_FROM + v.next() * OPEN_SPAN
            if (t < nowMs) times.push(t)
          }
          for (const p of [0.35, 0.3, 0.2]) {
            if (times.length === 0 || !v.chance(p)) break
            const t = dayStartOf(times[times.length - 1] + v.int(1, 40) * DAY) + OPEN_FROM + v.next() * OPEN_SPAN
            if (t >= nowMs || t >= boardFrom) break
            times.push(t)
          }
          if (created < todayStart && v.chance(pTodayRepeat)) {
            const t = boardFrom + v.next() * (nowMs - boardFrom)
            if (times.length === 0 || times[times.length - 1] < boardFrom) times.push(t)
          }

          let following: number | null = null
          let followingSince: number | null = null
          let updated = created
          for (const [k, t] of times.entries()) {
            let designerId: number | null = org.designers.length && v.chance(0.92) ? designerPool.draw(v) : null
            if (following && v.chance(0.8)) designerId = following
            const collision = Boolean(designerId && following && designerId !== following && followingSince !== null && followingSince + protectionMs > t)
            if (designerId && !collision) {
              following = designerId
              followingSince = t
            }
            const visit = visitTimes(v, t, nowMs, todayStart, designerId !== null)
            updated = Math.max(updated, t)
            const outcome = visit.status === 'left' ? (k === 0 ? v.pick(OUTCOMES_FIRST) : v.pick(OUTCOMES_REPEAT)) : null
            const arrivedAt = sqliteTime(t)
            visits.push([arrivedAt, rowLiteral([
              id, arrivedAt, visit.status, visit.withDesigner === null ? null : sqliteTime(visit.withDesigner), visit.left === null ? null : sqliteTime(visit.left),
              partySize(v), intentLevel(v), profile.source, profile.community?.name ?? null, profile.houseType, profile.areaSqm,
              profile.budgetMinFen, profile.budgetMaxFen, profile.style, v.chance(0.3) ? v.pick(VISIT_NOTES) : null, outcome,
              designerId, k === 0 && walkInFirst ? receptionistId : v.pick(org.receptionistIds), collision ? 1 : 0, arrivedAt, sqliteTime(visit.left ?? visit.withDesigner ?? t),
            ])])
          }

          await customerInsert.add([
            id, name, keys.pinyin, keys.initials, profile.community?.name ?? null, address, profile.houseType, profile.areaSqm,
            profile.budgetMinFen, profile.budgetMaxFen, profile.style, profile.source, grade, JSON.stringify(tags), notes,
            walkInFirst ? null : agentId, following, followingSince === null ? null : sqliteTime(followingSince),
            times.length ? sqliteTime(times[times.length - 1]) : null, referrerId, walkInFirst ? receptionistId : agentId,
            sqliteTime(created), sqliteTime(updated), 1 + times.length,
          ])
          await phoneInsert.add([id, primary.normalized, primary.reversed, primary.raw.slice(0, 30), primary.kind, primary.region, primary.carrier, 1, sqliteTime(created)])
          phoneCount++
          if (extra) {
            await phoneInsert.add([id, extra.normalized, extra.reversed, extra.raw.slice(0, 30), extra.kind, extra.region, extra.carrier, 0, sqliteTime(extraAddedAt)])
            phoneCount++
          }
          // Phones reference their customer: the customer statement always goes first.
          if ((i + 1) % 500 === 0) {
            await customerInsert.flush()
            await phoneInsert.flush()
          }
        }
        await customerInsert.flush()
        await phoneInsert.flush()
        await queue.push(() => run(db, 'COMMIT'))
        await queue.drain()
        log(`customers ${end}/${N} (${Math.round(performance.now() - started)} ms)`)
      }
      await customerInsert.close()
      await phoneInsert.close()

      // Communities, then visits in arrival order (ids follow time, as they do in real use).
      await queue.push(() => run(db, 'BEGIN'))
      const communityInsert = new BulkInsert(db, queue, 'community', ['name'], { verb: 'INSERT OR IGNORE' })
      for (const name of usedCommunities) await communityInsert.add([name])
      await communityInsert.close()
      visits.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      const visitInsert = new BulkInsert(db, queue, 'visit', VISIT_COLUMNS)
      for (const [k, [, row]] of visits.entries()) {
        if (k % 256 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
        await visitInsert.addLiteral(row)
        if ((k + 1) % 150_000 === 0) {
          await visitInsert.flush()
          await queue.push(() => run(db, 'COMMIT'))
          await queue.push(() => run(db, 'BEGIN'))
        }
      }
      await visitInsert.close()
      await queue.push(() => run(db, 'COMMIT'))
      await queue.drain()
      log(`visits ${visits.length} (${Math.round(performance.now() - started)} ms)`)
      const busy = (b: BulkInsert) => Math.round(b.busyMs)
      log(`database busy ${Math.round(queue.busyMs)} ms (customers ${busy(customerInsert)}, phones ${busy(phoneInsert)}, visits ${busy(visitInsert)}), generator waited ${Math.round(queue.waitMs)} ms`)
    } catch (error) {
      await queue.drain().catch(() => undefined)
      await run(db, 'ROLLBACK').catch(() => undefined)
      throw error
    } finally {
      if (deferred.length) {
        await run(db, 'BEGIN')
        for (const index of deferred) await run(db, index.sql)
        await run(db, 'COMMIT')
        log(`indexes rebuilt (${Math.round(performance.now() - started)} ms)`)
      }
      await run(db, 'PRAGMA wal_checkpoint(TRUNCATE)')
      await run(db, 'PRAGMA cache_size = -2000')
    }
  })

  const shiftLeads = (await all<{ id: number }>(db, "SELECT id FROM staff_account WHERE active = 1 AND role = 'shiftLead' ORDER BY id")).map((s) => s.id)
  const rota = new DemoRota({ agents: org.agents.length ? org.agents.map((a) => a.id) : org.agentIds, shiftLeads, timeZone: tz, seed: `${seed}:rota` })
  const calls = options.calls
    ? await seedCalls({ store: core.store, db, calls: options.calls, rng: root.fork('calls'), now, settings, org, phones, rota, log })
    : null
  const tickets = options.tickets
    ? await seedTickets({ store: core.store, db, tickets: options.tickets, rng: root.fork('tickets'), now, settings, rota, log })
    : null
  // after the tickets: a site's customer's tickets are about the site, and complaints raised on a return visit link to it
  const projects = options.projects
    ? await seedProjects({ store: core.store, db, projects: options.projects, rng: root.fork('projects'), now, settings, communities, rota, log })
    : null
  // last: the callbacks the tickets and sites made count as hours at the desk too
  const presence = await seedPresence({ store: core.store, db, rota, from: new Date(todayStart - (CALL_DAYS - 1) * DAY), now })
  log(`presence: ${presence.rows} staff-hours (${presence.beyondRota} beyond the rota) (${presence.ms} ms)`)
  // Calls, tickets and callbacks went in beside the services' write paths, which keep the
  // summaries: count them again (this also records the time zone, so the next start does not rebuild).
  const summaryStart = performance.now()
  const rebuilt = await new Summaries(core.store, () => tz, () => new Date()).rebuild()
  const summaries = { ...rebuilt, ms: Math.round(performance.now() - summaryStart) }
  log(`summaries: ${rebuilt.calls.rows} calls in ${rebuilt.calls.slots} slots, ${rebuilt.tickets.slots} ticket slots, ${rebuilt.callbacks.slots} callback slots (${summaries.ms} ms)`)

  return {
    logins: org.logins,
    agents: org.agents,
    calls,
    tickets,
    projects,
    summaries,
    presence,
    customers: N,
    phones: phoneCount,
    visits: visits.length,
    communities: usedCommunities.size,
    people: org.people,
    firstCustomerId: firstId,
    lastCustomerId: firstId + N - 1,
    ms: Math.round(performance.now() - started),
  }
}

/** When the designer took over and when the client left; today's visits are still on the board. */
function visitTimes(v: Rng, arrived: number, nowMs: number, todayStart: number, hasDesigner: boolean): { status: VisitStatus; withDesigner: number | null; left: number | null } {
  const pickUp = arrived + v.int(3, 15) * MINUTE
  const talk = v.int(20, 120) * MINUTE
  if (arrived < todayStart) {
    const withDesigner = hasDesigner ? pickUp : null
    return { status: 'left', withDesigner, left: (withDesigner ?? arrived) + talk }
  }
  const age = nowMs - arrived
  if (hasDesigner && pickUp + talk <= nowMs && age > 60 * MINUTE) return { status: 'left', withDesigner: pickUp, left: pickUp + talk }
  if (!hasDesigner && age > 45 * MINUTE) return { status: 'left', withDesigner: null, left: Math.min(nowMs, arrived + talk) }
  if (hasDesigner && pickUp <= nowMs) return { status: 'withDesigner', withDesigner: pickUp, left: null }
  return { status: 'waiting', withDesigner: null, left: null }
}

function partySize(v: Rng): number {
  const r = v.next()
  return r < 0.3 ? 1 : r < 0.75 ? 2 : r < 0.93 ? 3 : 4
}

function intentLevel(v: Rng): IntentLevel {
  const r = v.next()
  return r < 0.25 ? 'high' : r < 0.75 ? 'medium' : 'low'
}
