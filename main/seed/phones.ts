import { normalizePhone, type PhoneKind } from '../contract/phone'
import { reverseDigits } from '../services/customer-search'
import type { PhoneInfoTable } from '../services/phone-info'
import { Rng, Weighted } from './random'

/** Mobile number blocks in use, weighted towards the older, busier ones. */
const MOBILE_PREFIXES: [string, number][] = [
  ['139', 10], ['138', 10], ['137', 8], ['136', 8], ['135', 8], ['134', 5], ['159', 7], ['158', 7], ['150', 6], ['151', 6],
  ['152', 5], ['157', 3], ['187', 6], ['188', 5], ['182', 4], ['183', 4], ['184', 1], ['147', 1], ['178', 2], ['198', 2],
  ['195', 1], ['172', 1], ['186', 7], ['185', 5], ['130', 5], ['131', 5], ['132', 4], ['155', 4], ['156', 4], ['176', 3],
  ['175', 2], ['166', 2], ['145', 1], ['196', 1], ['189', 6], ['180', 4], ['181', 4], ['133', 5], ['153', 4], ['177', 3],
  ['173', 2], ['199', 3], ['191', 2], ['193', 1], ['190', 1], ['149', 1], ['192', 1],
]

export interface GeneratedPhone {
  normalized: string
  reversed: string
  /** as somebody typed it */
  raw: string
  kind: PhoneKind
  region: string | null
  carrier: string | null
}

/**
 * Valid, unique numbers: mobiles from real blocks — most of them registered in the company's
 * city, the rest from all over China — and landlines with the company's area code.
 */
export class PhoneFactory {
  private readonly localBlocks: string[] = []
  private readonly otherBlocks: string[] = []
  private readonly landlineBlocks: string[] = []
  private readonly landlineLength: number
  private checked = 0

  constructor(
    private readonly rng: Rng,
    private readonly info: PhoneInfoTable,
    private readonly localAreaCode: string,
    /** normalized numbers already taken, including those in the database */
    readonly used: Set<string>,
    blocks = 1500,
  ) {
    const prefixes = new Weighted(MOBILE_PREFIXES)
    const prefixWeight = new Map(MOBILE_PREFIXES)
    const localRegion = info.describe(`${localAreaCode}${'6'.repeat(localAreaCode.length === 3 ? 8 : 7)}`).region
    const isMobileBlock = (block: string): boolean =>
      normalizePhone(`${block}0000`)?.kind === 'mobile' && normalizePhone(`${block}9999`)?.kind === 'mobile'
    const seen = new Set<string>()
    // Blocks registered in the company's city are a small minority: draw them from the data's own
    // prefixes for that region (a 5-digit prefix covers 100 blocks), weighted by block count.
    const local = localRegion ? info.mobilePrefixesIn(localRegion) : []
    if (local.length) {
      const localPrefixes = new Weighted(local.map((p) => [p, (prefixWeight.get(p.slice(0, 3)) ?? 0.5) * 10 ** (7 - p.length)] as const))
      for (let tries = 0; tries < blocks * 20 && this.localBlocks.length < blocks; tries++) {
        const prefix = localPrefixes.draw(rng)
        const block = prefix + rng.digits(7 - prefix.length)
        if (seen.has(block)) continue
        seen.add(block)
        if (info.describe(`${block}0000`).region === localRegion && isMobileBlock(block)) this.localBlocks.push(block)
      }
    }
    for (let tries = 0; tries < blocks * 20 && this.otherBlocks.length < blocks; tries++) {
      const block = prefixes.draw(rng) + rng.digits(4)
      if (seen.has(block)) continue
      seen.add(block)
      // Blocks the data knows no region for exist (newer ones), but most numbers people have do.
      const region = info.describe(`${block}0000`).region
      if (region !== localRegion && (region !== null || rng.chance(0.1)) && isMobileBlock(block)) this.otherBlocks.push(block)
    }
    if (this.otherBlocks.length === 0) throw new Error('no valid mobile number blocks found')
    if (this.localBlocks.length === 0) this.localBlocks.push(...this.otherBlocks)

    this.landlineLength = this.findLandlineLength()
    for (let tries = 0; tries < 20_000 && this.landlineBlocks.length < 300; tries++) {
      const block = this.rng.pick(['2', '3', '5', '5', '6', '6', '6', '6']) + this.rng.digits(3)
      const full = (tail: string) => `${localAreaCode}${block}${tail}`
      const pad = this.landlineLength - 4
      if (normalizePhone(full('0'.repeat(pad)))?.kind === 'landline' && normalizePhone(full('9'.repeat(pad)))?.kind === 'landline') {
        this.landlineBlocks.push(block)
      }
    }
  }

  private findLandlineLength(): number {
    for (const length of [8, 7]) {
      if (normalizePhone(`${this.localAreaCode}6${'2'.repeat(length - 1)}`)?.kind === 'landline') return length
    }
    return 8
  }

  /** A mobile; `local` draws from the blocks registered in the company's city. */
  mobile(local: boolean): GeneratedPhone {
    const pool = local ? this.localBlocks : this.otherBlocks
    for (;;) {
      const normalized = this.rng.pick(pool) + this.rng.digits(4)
      if (this.used.has(normalized)) continue
      this.used.add(normalized)
      return this.finish(normalized, 'mobile', this.mobileRaw(normalized))
    }
  }

  landline(): GeneratedPhone | null {
    if (this.landlineBlocks.length === 0) return null
    for (;;) {
      const local = this.rng.pick(this.landlineBlocks) + this.rng.digits(this.landlineLength - 4)
      const normalized = this.localAreaCode + local
      if (this.used.has(normalized)) continue
      this.used.add(normalized)
      return this.finish(normalized, 'landline', this.landlineRaw(local))
    }
  }

  /** How a mobile gets typed: `13812345678`, `138 1234 5678`, `+86 138…`, `0086…`. */
  mobileRaw(n: string): string {
    const grouped = `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`
    const r = this.rng.next()
    if (r < 0.45) return n
    if (r < 0.7) return grouped
    if (r < 0.8) return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`
    if (r < 0.88) return `+86 ${grouped}`
    if (r < 0.94) return `+86${n}`
    return `0086 ${n}`
  }

  /** How a landline gets typed: `021-62345678`, `(021)62345678`, `021 6234 5678`, or the local part alone. */
  landlineRaw(local: string): string {
    const area = this.localAreaCode
    const r = this.rng.next()
    if (r < 0.3) return `${area}-${local}`
    if (r < 0.5) return `(${area})${local}`
    if (r < 0.65) return `${area} ${local.slice(0, local.length - 4)} ${local.slice(-4)}`
    return local
  }

  private finish(normalized: string, kind: PhoneKind, raw: string): GeneratedPhone {
    // The first numbers of every run are checked against the real normaliser, raw form included.
    if (this.checked < 300) {
      this.checked++
      const check = normalizePhone(raw, this.localAreaCode)
      if (check?.normalized !== normalized || check.kind !== kind) {
        throw new Error(`generated phone ${raw} normalises to ${JSON.stringify(check)}, expected ${normalized} (${kind})`)
      }
    }
    return { normalized, reversed: reverseDigits(normalized), raw, kind, ...this.info.describe(normalized) }
  }
}
