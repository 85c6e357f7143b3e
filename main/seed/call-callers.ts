import type { CallDirection } from '../contract/calls.contract'
import type { CallerProfile } from './call-texts'
import type { Rng } from './random'

export interface CustomerPool {
  /** in order of creation */
  ids: Int32Array
  created: Float64Array
  normalized: string[]
  /** the primary number as it was typed */
  raw: string[]
  /** following designer, 0 for none */
  designer: Int32Array
  profile: CallerProfile[]
  address: (string | null)[]
}

export interface Caller {
  raw: string
  normalized: string | null
  /** what missed calls group by: the normalized number, '' when withheld */
  numberKey: string
  /** index into the customer pool, -1 for a number nobody has */
  customer: number
}

const WITHHELD: Caller = { raw: '', normalized: null, numberKey: '', customer: -1 }
const RECENT = 4096
const LEAD_WINDOW_MS = 60 * 86_400_000

/** First index whose creation time is after `t` (the pool is in order of creation). */
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

/** Who calls: mostly customers on file (new leads most, some again and again), some new numbers, a few withheld. */
export class CallerPicker {
  private readonly recent = new Int32Array(RECENT)
  private recentCount = 0
  private readonly unknown: string[] = []
  private readonly unhandled: Caller[] = []

  constructor(
    private readonly rng: Rng,
    private readonly pool: CustomerPool,
    private readonly freshNumber: () => string,
    private readonly shares: { withheld: number; unknownInbound: number; unknownOutbound: number; unknownRepeat: number; customerRepeat: number; recentLead: number },
  ) {}

  /**
   * The caller of a call at `t`. A missed call left unhandled often comes from a number that
   * already has one waiting (people ring again), so the desk's missed list has groups.
   */
  pick(t: number, direction: CallDirection, cti: boolean, unhandled: boolean): Caller {
    const { rng, shares } = this
    if (unhandled && this.unhandled.length && rng.chance(0.4)) return rng.pick(this.unhandled)
    let caller: Caller
    if (direction === 'in' && rng.chance(shares.withheld)) caller = WITHHELD
    else if (rng.chance(direction === 'in' ? shares.unknownInbound : shares.unknownOutbound)) caller = this.unknownCaller()
    else caller = this.customerCaller(t, cti)
    if (unhandled) this.unhandled.push(caller)
    return caller
  }

  /** The customer (or number) a follow-up task is about. */
  forFollowUp(customerIndex: number, numberKey: string): Caller {
    if (customerIndex < 0) return { raw: numberKey, normalized: numberKey, numberKey, customer: -1 }
    return { raw: this.pool.raw[customerIndex], normalized: this.pool.normalized[customerIndex], numberKey: this.pool.normalized[customerIndex], customer: customerIndex }
  }

  private unknownCaller(): Caller {
    const number = this.unknown.length && this.rng.chance(this.shares.unknownRepeat) ? this.rng.pick(this.unknown) : this.freshNumber()
    if (this.unknown.length < 200_000) this.unknown.push(number)
    return { raw: number, normalized: number, numberKey: number, customer: -1 }
  }

  private customerCaller(t: number, cti: boolean): Caller {
    const { rng, pool } = this
    const eligible = upperBound(pool.created, t)
    if (eligible === 0) return this.unknownCaller()
    let index: number
    if (this.recentCount && rng.chance(this.shares.customerRepeat)) index = this.recent[rng.int(0, Math.min(this.recentCount, RECENT) - 1)]
    else if (rng.chance(this.shares.recentLead)) index = rng.int(Math.min(upperBound(pool.created, t - LEAD_WINDOW_MS), eligible - 1), eligible - 1)
    else index = rng.int(0, eligible - 1)
    this.recent[this.recentCount++ % RECENT] = index
    // The PBX delivers digits; an agent logging a call by hand types it as they hear it.
    return { raw: cti ? pool.normalized[index] : pool.raw[index], normalized: pool.normalized[index], numberKey: pool.normalized[index], customer: index }
  }
}
