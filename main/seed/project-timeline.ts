import { Weighted, type Rng } from './random'

/**
 * Where a site stands today, drawn before its dates are: the stages of 施工中 are told apart by
 * the milestones reached, 已竣工 waits for the final payment, 保修期满 is 保修中 past its end.
 */
export const FATES = ['pending', 'early', 'material', 'midterm', 'stopped', 'completed', 'warranty', 'expired', 'cancelled'] as const
export type Fate = (typeof FATES)[number]

/** A closed stop (停工 then 复工) or the open one of a stopped site; days from today. */
export interface StopSpan {
  from: number
  to: number | null
}

/** One site's dates as whole days from today (negative: past); null for what has not happened. */
export interface Timeline {
  fate: Fate
  signed: number
  planned: { start: number; material: number; midterm: number; completion: number }
  start: number | null
  material: number | null
  midterm: number | null
  completion: number | null
  stops: StopSpan[]
  cancelled: number | null
  /** first, midterm and final payment received */
  paid: { first: number | null; midterm: number | null; final: number | null }
  settlementSent: number | null
}

/** The oldest signing a demo goes back to: five years of a growing company. */
export const OLDEST_SIGNING_DAYS = 1500
/** Days from signing to the end of 施工中 for a typical site (used only to weigh the fates). */
const TYPICAL_BUILD = 100

/** The company signs more every year: the rate of signings falls off by e every this many days back. */
const GROWTH_DAYS = 300

/** Cumulative share of signings up to `age` days ago (up to the oldest). */
function signedWithin(age: number): number {
  return 1 - Math.exp(-Math.min(age, OLDEST_SIGNING_DAYS) / GROWTH_DAYS)
}

/**
 * How often each fate comes up when the company's records go back `historyDays` (the oldest
 * customer on file): a stage needing older signings than that is left to the showcase.
 */
export function fateWeights(historyDays: number, warrantyYears: number): Weighted<Fate> {
  const h = Math.max(30, Math.min(historyDays, OLDEST_SIGNING_DAYS))
  const warrantyEnd = TYPICAL_BUILD + warrantyYears * 365
  const window = (from: number, to: number) => Math.max(0, signedWithin(Math.min(to, h)) - signedWithin(Math.min(from, h)))
  const pending = window(0, 20)
  const building = window(20, TYPICAL_BUILD)
  const after = window(TYPICAL_BUILD, warrantyEnd)
  const expired = window(warrantyEnd, h)
  const total = pending + building + after + expired
  return new Weighted<Fate>([
    ['pending', pending],
    ['early', building * 0.16],
    ['material', building * 0.31],
    ['midterm', building * 0.45],
    ['stopped', building * 0.08],
    ['completed', after * 0.05],
    ['warranty', after * 0.95],
    ['expired', expired],
    ['cancelled', total * 0.033],
  ])
}

/**
 * However few the sites, every fate shows up at least `minimum` times: the commonest fates lend
 * their last sites (drawing order is arbitrary, so any will do).
 */
export function showcaseFates(fates: Fate[], minimum: number): void {
  const counts = new Map<Fate, number>()
  for (const f of fates) counts.set(f, (counts.get(f) ?? 0) + 1)
  for (const fate of FATES) {
    while ((counts.get(fate) ?? 0) < minimum) {
      const [donor, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0]
      if (!donor || n <= minimum) return
      const i = fates.lastIndexOf(donor)
      fates[i] = fate
      counts.set(donor, n - 1)
      counts.set(fate, (counts.get(fate) ?? 0) + 1)
    }
  }
}

/** Days of work a flat of this size takes (planned): about three months for two or three rooms. */
export function buildDays(rng: Rng, areaSqm: number): number {
  return Math.max(40, Math.min(150, Math.round(30 + areaSqm * 0.42 + rng.int(-8, 12))))
}

/** `lo` … `hi`, the near end likelier (a growing company signed fewer contracts back then). */
function recentBiased(rng: Rng, lo: number, hi: number): number {
  if (hi <= lo) return lo
  return lo + Math.floor((hi - lo + 1) * (1 - Math.sqrt(1 - rng.next() * 0.999)))
}

/**
 * The dates of a site with the given fate. Planned milestones follow the contract's schedule;
 * actual ones slip a little (a stop pushes everything after it); payments follow their
 * milestones. `history` caps how far back the signing goes where the fate allows.
 */
export function drawTimeline(rng: Rng, fate: Fate, build: number, history: number, warrantyYears: number): Timeline {
  const startDelay = rng.int(7, 25)
  const plannedOffsets = { material: Math.round(build * 0.15), midterm: Math.round(build * 0.5), completion: build }
  // actual offsets from the actual start
  let material = Math.max(3, plannedOffsets.material + rng.int(-3, 6))
  let midterm = Math.max(material + 7, plannedOffsets.midterm + rng.int(-3, 12))
  let completion = Math.max(midterm + 14, build + rng.int(-5, 20))
  const slip = rng.int(-3, 7)
  const stops: StopSpan[] = []
  // a stop in the past that was lifted: everything after it moves later by its length
  const pastStop = rng.chance(0.14) ? { at: rng.int(5, completion - 10), days: rng.int(4, 30) } : null
  if (pastStop) {
    if (material > pastStop.at) material += pastStop.days
    if (midterm > pastStop.at) midterm += pastStop.days
    completion += pastStop.days
  }

  // elapsed: today − actual start (for a started site)
  let elapsed: number
  let openStopAt: number | null = null
  let cancelAt: number | null = null
  const warrantyDays = Math.round(warrantyYears * 365.25)
  switch (fate) {
    case 'pending': {
      // signed within the last month; the planned start may have passed (a delayed start)
      const signedAge = rng.int(0, 30)
      elapsed = signedAge - startDelay - slip
      break
    }
    case 'early':
      elapsed = rng.int(0, material - 1)
      break
    case 'material':
      elapsed = rng.int(material, midterm - 1)
      break
    case 'midterm':
      elapsed = rng.int(midterm, completion - 1)
      break
    case 'stopped': {
      openStopAt = rng.int(2, completion - 8)
      elapsed = openStopAt + (rng.chance(0.8) ? rng.int(0, 30) : rng.int(31, 150))
      break
    }
    case 'completed':
      elapsed = completion + (rng.chance(0.75) ? rng.int(0, 45) : rng.int(46, 400))
      break
    case 'warranty': {
      const room = history - completion - startDelay - 10
      elapsed = completion + recentBiased(rng, 0, Math.max(30, Math.min(warrantyDays - 1, room)))
      break
    }
    case 'expired': {
      const room = history - completion - startDelay - 10
      elapsed = completion + recentBiased(rng, warrantyDays + 1, Math.max(warrantyDays + 60, Math.min(OLDEST_SIGNING_DAYS, room)))
      break
    }
    case 'cancelled': {
      if (rng.chance(0.6)) {
        // before the start: some days after signing, before the planned start
        const signedAge = recentBiased(rng, 2, Math.max(32, Math.min(700, history - 10)))
        elapsed = signedAge - startDelay - slip
        cancelAt = rng.int(1, Math.min(signedAge, startDelay + slip - 1)) - slip - startDelay
      } else {
        cancelAt = rng.int(3, midterm)
        elapsed = recentBiased(rng, cancelAt, Math.max(cancelAt + 30, Math.min(700, history - startDelay - 10)))
      }
      break
    }
  }
  const startDay = -elapsed
  const startPlanned = startDay - slip
  const signed = Math.min(0, startPlanned - startDelay)
  const started = fate !== 'pending' && !(fate === 'cancelled' && (cancelAt as number) < 0)
  const at = (offset: number): number | null => {
    if (!started) return null
    const day = startDay + offset
    if (day > 0) return null
    if (openStopAt !== null && offset > openStopAt) return null
    if (cancelAt !== null && offset > cancelAt) return null
    return day
  }

  const t: Timeline = {
    fate,
    signed,
    planned: {
      start: startPlanned,
      material: startPlanned + plannedOffsets.material,
      midterm: startPlanned + plannedOffsets.midterm,
      completion: startPlanned + plannedOffsets.completion,
    },
    start: started ? Math.max(signed, startDay) : null,
    material: at(material),
    midterm: at(midterm),
    completion: at(completion),
    stops,
    cancelled: cancelAt === null ? null : Math.min(0, startDay + cancelAt),
    paid: { first: null, midterm: null, final: null },
    settlementSent: null,
  }
  if (t.start !== null && pastStop) {
    const from = t.start + pastStop.at
    const to = from + pastStop.days
    const end = t.cancelled ?? (openStopAt !== null ? t.start + openStopAt : 0)
    if (to <= end) stops.push({ from, to })
  }
  if (openStopAt !== null && t.start !== null) stops.push({ from: t.start + openStopAt, to: null })
  if (t.cancelled !== null && t.cancelled < t.signed) t.cancelled = t.signed
  pay(rng, t)
  return t
}

/** Money follows the work: first at signing, mid-term after its acceptance, final after completion. */
function pay(rng: Rng, t: Timeline): void {
  const until = t.cancelled ?? 0
  const within = (day: number): number | null => (day <= until ? day : null)
  t.paid.first = rng.chance(t.start === null && t.fate !== 'cancelled' ? 0.9 : 0.995) ? within(t.signed + (rng.chance(0.7) ? 0 : rng.int(1, 5))) : null
  if (t.midterm !== null && rng.chance(0.96)) t.paid.midterm = within(t.midterm + rng.int(0, 15))
  if (t.completion !== null) {
    if (t.fate === 'completed') t.paid.final = null
    else t.paid.final = Math.min(0, t.completion + (rng.chance(0.8) ? rng.int(0, 20) : rng.int(21, 60)))
    // the completed site goes to materials and finance for settlement within days, mostly
    const sent = t.completion + rng.int(2, 20)
    if (sent <= 0 && rng.chance(t.fate === 'completed' ? 0.5 : 0.97)) t.settlementSent = sent
  }
}
