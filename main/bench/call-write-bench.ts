import type { CallDetails } from '../contract/calls.contract'
import { companyDate } from '../contract/time'
import { numberFields } from '../services/call-dto'
import { typedForms, type BenchContext } from './customer-benches'
import { percentile, round, timed, type BenchLine } from './measure'

const stamp = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '')
const SUMMARIES = ['咨询装修报价，三室两厅', '咨询全包套餐价格', '问老房翻新流程', '咨询设计费', '问工期和付款方式']
const OUTCOMES = ['已加微信，发送案例', '已约到店', '客户考虑中', '报价区间已告知']

interface WriteInput {
  phone: string
  summary: string
  outcome: string
  details: Extract<CallDetails, { type: 'consult' }>
  followUpOn: string | null
}

// ---------------------------------------------------------------------------------------------
// call_log_write: an agent logs a consultation by hand — calls.start, then calls.saveIntake (which
// ends the call, updates the customer's needs, may set a follow-up and settles missed calls from
// the number) — through the dispatcher and the write queue, synchronous=FULL. The line's
// p50/p95 are the saveIntake; start is reported beside it (start_*), and the pair (pair_p95_ms).
// Baseline: the same reads and writes by hand in one transaction each, on the raw connection.

export async function benchCallWrite(ctx: BenchContext): Promise<BenchLine> {
  const warmup = Math.min(50, ctx.iterations.warmup)
  const n = ctx.iterations.write + warmup
  const s = ctx.settings
  const known = await ctx.raw.all<{ normalized: string; kind: string }>('SELECT normalized, kind FROM customer_phone ORDER BY id')
  const communities = (await ctx.raw.all<{ name: string }>('SELECT name FROM community ORDER BY id LIMIT 200')).map((c) => c.name)
  const inFewDays = companyDate(new Date(Date.now() + 3 * 86_400_000), s.timeZone)
  const input = (): WriteInput => {
    const fresh = ctx.rng.chance(0.2)
    const hit = ctx.rng.pick(known)
    const normalized = fresh ? `${ctx.rng.pick(ctx.warmBlocks)}${ctx.rng.digits(4)}` : hit.normalized
    return {
      phone: ctx.rng.pick(typedForms(normalized, fresh ? 'mobile' : hit.kind, s.localAreaCode)),
      summary: ctx.rng.pick(SUMMARIES),
      outcome: ctx.rng.pick(OUTCOMES),
      details: {
        type: 'consult',
        community: ctx.rng.chance(0.7) ? ctx.rng.pick(communities) : null,
        houseType: ctx.rng.pick(s.houseTypes),
        areaSqm: ctx.rng.int(45, 180),
        budgetMinFen: s.budgetRanges[1]?.minFen ?? null,
        budgetMaxFen: s.budgetRanges[1]?.maxFen ?? null,
        style: ctx.rng.pick(s.styles),
      },
      followUpOn: ctx.rng.chance(0.1) ? inFewDays : null,
    }
  }

  const raw = ctx.raw
  const q = {
    // best-indexed: through (status, …), where 'talking' is a handful of rows, not through the agent's every call
    openManual: await raw.prepare("SELECT id, answered_at AS answeredAt FROM call_log WHERE status = 'talking' AND +agent_id = ? AND source = 'manual'"),
    endManual: await raw.prepare("UPDATE call_log SET status = 'answered', ended_at = ?1, talk_sec = ?2, ring_sec = 0, updated_at = ?1, version = version + 1 WHERE id = ?3"),
    owner: await raw.prepare('SELECT customer_id AS customerId FROM customer_phone WHERE normalized = ?'),
    insertCall: await raw.prepare(`INSERT INTO call_log (direction, raw_number, normalized, number_key, customer_id, agent_id, source, status, started_at,
      answered_at, created_at, updated_at, version) VALUES ('in', ?1, ?2, ?3, ?4, ?5, 'manual', 'talking', ?6, ?6, ?6, ?6, 1)`),
    call: await raw.prepare('SELECT * FROM call_log WHERE id = ?'),
    detail: await raw.prepare(`SELECT cl.*, c.name AS customerName, a.display_name AS agentName FROM call_log cl
      LEFT JOIN customer c ON c.id = cl.customer_id LEFT JOIN staff_account a ON a.id = cl.agent_id WHERE cl.id = ?`),
    edits: await raw.prepare('SELECT e.edited_at, s.id, s.display_name, e.changes FROM call_edit e JOIN staff_account s ON s.id = e.edited_by WHERE e.call_id = ? ORDER BY e.id'),
    saveCall: await raw.prepare(`UPDATE call_log SET call_type = 'consult', summary = ?1, outcome = ?2, follow_up_on = ?3, details = ?4, customer_id = ?5,
      intake_saved_at = ?6, intake_saved_by = ?7, updated_at = ?6, status = 'answered', ended_at = ?6, talk_sec = ?8, ring_sec = 0, version = version + 1 WHERE id = ?9`),
    touchCustomer: await raw.prepare(`UPDATE customer SET community = COALESCE(?1, community), house_type = COALESCE(?2, house_type), area_sqm = COALESCE(?3, area_sqm),
      budget_min_fen = COALESCE(?4, budget_min_fen), budget_max_fen = COALESCE(?5, budget_max_fen), style = COALESCE(?6, style),
      last_contact_at = ?7, updated_at = ?7, version = version + 1 WHERE id = ?8`),
    community: await raw.prepare('INSERT OR IGNORE INTO community (name) VALUES (?)'),
    ownTask: await raw.prepare("SELECT id FROM follow_up WHERE source_call_id = ? AND status = 'open'"),
    insertTask: await raw.prepare(`INSERT INTO follow_up (source_call_id, customer_id, number_key, agent_id, due_on, note, status, created_at, updated_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?7)`),
    settle: await raw.prepare(`UPDATE call_log SET handled_at = ?1, handled_by = ?2, handled_note = '客户再次来电已接通'
      WHERE status = 'missed' AND direction = 'in' AND handled_at IS NULL AND number_key = ?3`),
  }
  const inTransaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await raw.run('BEGIN IMMEDIATE')
    try {
      const result = await work()
      await raw.run('COMMIT')
      return result
    } catch (error) {
      await raw.run('ROLLBACK')
      throw error
    }
  }
  const baseStart = async (w: WriteInput): Promise<number> => {
    const number = numberFields(w.phone, s.localAreaCode)
    const now = new Date()
    const at = stamp(now)
    const id = await inTransaction(async () => {
      for (const open of await q.openManual.all<{ id: number; answeredAt: string }>([ctx.agentId])) {
        await q.endManual.run([at, Math.round((now.getTime() - Date.parse(`${open.answeredAt.replace(' ', 'T')}Z`)) / 1000), open.id])
      }
      const [owner] = number.normalized ? await q.owner.all<{ customerId: number }>([number.normalized]) : []
      return (await q.insertCall.run([number.rawNumber, number.normalized, number.numberKey, owner?.customerId ?? null, ctx.agentId, at])).lastID
    })
    await Promise.all([q.detail.all([id]), q.edits.all([id])])
    return id
  }
  const baseSave = async (id: number, w: WriteInput): Promise<void> => {
    const now = new Date()
    const at = stamp(now)
    await inTransaction(async () => {
      const [call] = await q.call.all<{ customer_id: number | null; normalized: string | null; number_key: string; answered_at: string }>([id])
      let customerId = call.customer_id
      if (customerId === null && call.normalized) customerId = (await q.owner.all<{ customerId: number }>([call.normalized]))[0]?.customerId ?? null
      const talk = Math.round((now.getTime() - Date.parse(`${call.answered_at.replace(' ', 'T')}Z`)) / 1000)
      const d = w.details
      await q.saveCall.run([w.summary, w.outcome, w.followUpOn, JSON.stringify(d), customerId, at, ctx.agentId, talk, id])
      if (customerId !== null) {
        await q.touchCustomer.run([d.community, d.houseType, d.areaSqm, d.budgetMinFen, d.budgetMaxFen, d.style, at, customerId])
        if (d.community) await q.community.run([d.community])
      }
      if (w.followUpOn) {
        const [own] = await q.ownTask.all([id])
        if (!own) await q.insertTask.run([id, customerId, call.number_key, ctx.agentId, w.followUpOn, w.outcome, at])
      }
      if (call.number_key) await q.settle.run([at, ctx.agentId, call.number_key])
    })
    await Promise.all([q.detail.all([id]), q.edits.all([id])])
  }
  const apiStart = async (w: WriteInput) => ctx.agent.calls.start({ direction: 'in', phone: w.phone })
  const apiSave = async (call: { id: number; version: number }, w: WriteInput) =>
    ctx.agent.calls.saveIntake({ id: call.id, version: call.version, type: 'consult', summary: w.summary, outcome: w.outcome, followUpOn: w.followUpOn, details: w.details, connected: true, newCustomerName: null })

  const times = { start: [] as number[], save: [] as number[], pair: [] as number[], baseStart: [] as number[], baseSave: [] as number[] }
  let unsaved = 0
  for (let i = 0; i < n; i++) {
    const [a, b] = [input(), input()]
    const sides = i % 2 === 0 ? (['api', 'base'] as const) : (['base', 'api'] as const)
    for (const side of sides) {
      if (side === 'api') {
        const [startMs, call] = await timed(() => apiStart(a))
        const [saveMs, saved] = await timed(() => apiSave(call, a))
        if (!saved.intakeSavedAt || saved.status !== 'answered') unsaved++
        if (i >= warmup) {
          times.start.push(startMs)
          times.save.push(saveMs)
          times.pair.push(startMs + saveMs)
        }
      } else {
        const [startMs, id] = await timed(() => baseStart(b))
        const [saveMs] = await timed(() => baseSave(id, b))
        if (i >= warmup) {
          times.baseStart.push(startMs)
          times.baseSave.push(saveMs)
        }
      }
    }
  }
  await Promise.all(Object.values(q).map((p) => p.finalize()))
  const p95 = percentile(times.save, 95)
  const base95 = percentile(times.baseSave, 95)
  return {
    bench: 'call_log_write',
    rows: ctx.rows,
    measured: 'calls.saveIntake (consult, ends a hand-started call); calls.start reported as start_*',
    p50_ms: round(percentile(times.save, 50)),
    p95_ms: round(p95),
    baseline_p95_ms: round(base95),
    baseline_p50_ms: round(percentile(times.baseSave, 50)),
    ratio: round(p95 / base95, 2),
    start_p50_ms: round(percentile(times.start, 50)),
    start_p95_ms: round(percentile(times.start, 95)),
    start_baseline_p95_ms: round(percentile(times.baseStart, 95)),
    pair_p95_ms: round(percentile(times.pair, 95)),
    iterations: times.save.length,
    lost: unsaved,
  }
}
