import { normalizePhone } from '../contract/phone'
import type { ScreenPop } from '../contract/calls.contract'
import type { PhoneInfoTable } from '../services/phone-info'
import { typedForms, type BenchContext } from './customer-benches'
import { benchLine, paired, type BenchLine } from './measure'
import type { Prepared } from './raw-sql'

interface CardRow {
  id: number | null
  callCount: number | null
  visitCount: number | null
  missedCount: number
  missedId: number | null
  region: string | null
  carrier: string | null
}

const stamp = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '')

/**
 * The screen pop as hand-written SQL would answer it, in two round trips: the customer card
 * with the number's unhandled missed calls (one row even for a stranger), then the last five
 * interactions across visits, calls and appointments (one UNION of three index-ordered LIMIT 5
 * branches), the open follow-ups (customer or number, through their two indexes) and the
 * upcoming measuring appointments.
 */
async function screenPopBaseline(ctx: BenchContext, phoneInfo: PhoneInfoTable) {
  const raw = ctx.raw
  const q: Record<'card' | 'recent' | 'byNumber' | 'followUps' | 'appointments', Prepared> = {
    card: await raw.prepare(`SELECT m.n AS missedCount, m.lastAt AS missedAt, m.lastId AS missedId,
        c.id AS id, c.name AS name, pp.normalized AS normalized, c.community AS community, c.grade AS grade, c.source_channel AS sourceChannel,
        d.id AS designerId, d.name AS designerName, c.following_since AS followingSince, c.last_contact_at AS lastContactAt, c.created_at AS createdAt,
        ph.region AS region, ph.carrier AS carrier, o.id AS ownerId, o.display_name AS ownerName,
        (SELECT COUNT(*) FROM visit v WHERE v.customer_id = c.id) AS visitCount,
        (SELECT COUNT(*) FROM call_log cl WHERE cl.customer_id = c.id) AS callCount
      FROM (SELECT COUNT(*) AS n, MAX(started_at) AS lastAt, MAX(id) AS lastId FROM call_log
            WHERE status = 'missed' AND handled_at IS NULL AND number_key = ?2 AND direction = 'in') m
      LEFT JOIN customer_phone ph ON ph.normalized = ?1
      LEFT JOIN customer c ON c.id = ph.customer_id
      LEFT JOIN customer_phone pp ON pp.customer_id = c.id AND pp.is_primary = 1
      LEFT JOIN person d ON d.id = c.following_designer_id
      LEFT JOIN staff_account o ON o.id = c.owner_agent_id`),
    recent: await raw.prepare(`SELECT * FROM (
        SELECT * FROM (SELECT 'visit' AS kind, v.id AS id, v.arrived_at AS at, v.status AS status, v.intent_level AS a, v.party_size AS b,
            v.notes AS c, v.outcome AS d, pd.name AS who, s.display_name AS actor, v.collision AS e
          FROM visit v LEFT JOIN person pd ON pd.id = v.designer_id JOIN staff_account s ON s.id = v.receptionist_id
          WHERE v.customer_id = ?1 ORDER BY v.arrived_at DESC LIMIT 5)
        UNION ALL
        SELECT * FROM (SELECT 'call', cl.id, cl.started_at, cl.status, cl.direction, cl.call_type, cl.talk_sec, cl.summary, cl.outcome, NULL, a.display_name
          FROM call_log cl LEFT JOIN staff_account a ON a.id = cl.agent_id
          WHERE cl.customer_id = ?1 ORDER BY cl.started_at DESC LIMIT 5)
        UNION ALL
        SELECT * FROM (SELECT 'appointment', m.id, m.scheduled_at, m.status, m.address, NULL, NULL, NULL, d.name, s.display_name, NULL
          FROM measure_appointment m JOIN person d ON d.id = m.designer_id JOIN staff_account s ON s.id = m.created_by
          WHERE m.customer_id = ?1 ORDER BY m.scheduled_at DESC LIMIT 5)
      ) ORDER BY at DESC LIMIT 5`),
    byNumber: await raw.prepare(`SELECT 'call' AS kind, cl.id AS id, cl.started_at AS at, cl.status AS status, cl.direction AS a, cl.call_type AS b,
        cl.talk_sec AS c, cl.summary AS d, cl.outcome AS e, a.display_name AS actor
      FROM call_log cl LEFT JOIN staff_account a ON a.id = cl.agent_id
      WHERE cl.number_key = ? ORDER BY cl.started_at DESC LIMIT 5`),
    followUps: await raw.prepare(`SELECT f.id AS id, f.due_on AS dueOn, f.note AS note, a.display_name AS agentName
      FROM follow_up f JOIN staff_account a ON a.id = f.agent_id
      WHERE f.id IN (SELECT id FROM follow_up WHERE customer_id = ?1 AND status = 'open' UNION SELECT id FROM follow_up WHERE number_key = ?2 AND status = 'open')
      ORDER BY f.due_on LIMIT 10`),
    appointments: await raw.prepare(`SELECT m.id AS id, m.scheduled_at AS scheduledAt, m.address AS address, d.name AS designerName
      FROM measure_appointment m JOIN person d ON d.id = m.designer_id
      WHERE m.customer_id = ? AND m.scheduled_at >= ? AND m.status = 'scheduled' ORDER BY m.scheduled_at LIMIT 5`),
  }
  const ask = async (typed: string) => {
    const parsed = normalizePhone(typed, ctx.settings.localAreaCode)
    const normalized = parsed?.normalized ?? null
    const numberKey = normalized ?? typed.replace(/[^\d+*#]/g, '')
    const [card] = await q.card.all<CardRow>([normalized, numberKey])
    const since = stamp(new Date(Date.now() - 86_400_000))
    const [recent, followUps, appointments] = await Promise.all([
      card?.id ? q.recent.all<{ kind: string; id: number }>([card.id]) : numberKey ? q.byNumber.all<{ kind: string; id: number }>([numberKey]) : [],
      card?.id || numberKey ? q.followUps.all<{ id: number }>([card?.id ?? 0, numberKey || '\u0000']) : [],
      card?.id ? q.appointments.all<{ id: number }>([card.id, since]) : [],
    ])
    const info = card?.id ? { region: card.region, carrier: card.carrier } : normalized ? phoneInfo.describe(normalized) : { region: null, carrier: null }
    return { card, info, recent, followUps, appointments }
  }
  return { ask, close: () => Promise.all(Object.values(q).map((p) => p.finalize())) }
}

/** What both answers must agree on: who, the counts, which interactions and which open items. */
function fingerprint(pop: ScreenPop): string {
  return JSON.stringify([pop.customer?.id ?? null, pop.customer?.callCount ?? null, pop.customer?.visitCount ?? null, pop.recent.map((r) => `${r.kind}${r.refId}`), pop.openItems.map((o) => `${o.kind}${o.refId}`).sort()])
}

function baselineFingerprint(b: Awaited<ReturnType<Awaited<ReturnType<typeof screenPopBaseline>>['ask']>>): string {
  const card = b.card
  const open = [...b.followUps.map((f) => `followUp${f.id}`), ...(card?.missedCount ? [`missedCall${card.missedId}`] : []), ...b.appointments.map((a) => `appointment${a.id}`)]
  return JSON.stringify([card?.id ?? null, card?.id ? card.callCount : null, card?.id ? card.visitCount : null, b.recent.map((r) => `${r.kind}${r.id}`), open.sort()])
}

// ---------------------------------------------------------------------------------------------
// screen_pop: calls.screenPop for known customers and strangers who called before, typed or
// received in every format; a few brand-new numbers.

export async function benchScreenPop(ctx: BenchContext, phoneInfo: PhoneInfoTable): Promise<BenchLine> {
  const n = ctx.iterations.lookup + ctx.iterations.warmup
  const known = await ctx.raw.all<{ normalized: string; kind: string }>('SELECT normalized, kind FROM customer_phone ORDER BY id')
  const strangers = await ctx.raw.all<{ numberKey: string }>(
    "SELECT DISTINCT number_key AS numberKey FROM call_log WHERE customer_id IS NULL AND normalized IS NOT NULL AND id % 7 = 0 LIMIT 5000",
  )
  const inputs: string[] = []
  for (let i = 0; i < n; i++) {
    const r = ctx.rng.next()
    if (r < 0.8 || strangers.length === 0) {
      const hit = ctx.rng.pick(known)
      inputs.push(ctx.rng.pick(typedForms(hit.normalized, hit.kind, ctx.settings.localAreaCode)))
    } else if (r < 0.95) inputs.push(ctx.rng.pick(typedForms(ctx.rng.pick(strangers).numberKey, 'mobile', ctx.settings.localAreaCode)))
    else inputs.push(`${ctx.rng.pick(ctx.warmBlocks)}${ctx.rng.digits(4)}`)
  }
  const baseline = await screenPopBaseline(ctx, phoneInfo)
  let mismatches = 0
  for (const typed of inputs.slice(0, 50)) {
    const [api, base] = [await ctx.agent.calls.screenPop({ phone: typed }), await baseline.ask(typed)]
    if (fingerprint(api) !== baselineFingerprint(base)) {
      mismatches++
      ctx.log(`screen_pop ${typed}: api ${fingerprint(api)} vs baseline ${baselineFingerprint(base)}`)
    }
  }
  const result = await paired(inputs, ctx.iterations.warmup, (typed) => ctx.agent.calls.screenPop({ phone: typed }), baseline.ask)
  await baseline.close()
  return benchLine('screen_pop', ctx.rows, result, { known_share: 0.8, strangers_share: 0.15, ...(mismatches ? { mismatches } : {}) })
}
