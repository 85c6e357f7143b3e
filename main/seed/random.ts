/**
 * A small seeded generator (sfc32 seeded through cyrb128), so that `--seed S` always yields the
 * same demo data. Math.random is never used by the seeder.
 */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: string) {
    let h1 = 1779033703
    let h2 = 3144134277
    let h3 = 1013904242
    let h4 = 2773480762
    for (let i = 0; i < seed.length; i++) {
      const k = seed.charCodeAt(i)
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067)
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233)
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213)
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179)
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067)
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233)
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213)
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179)
    this.a = (h1 ^ h2 ^ h3 ^ h4) >>> 0
    this.b = (h2 ^ h1) >>> 0
    this.c = (h3 ^ h1) >>> 0
    this.d = (h4 ^ h1) >>> 0
    for (let i = 0; i < 15; i++) this.next()
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.a >>>= 0
    this.b >>>= 0
    this.c >>>= 0
    this.d >>>= 0
    let t = (this.a + this.b) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.d = (this.d + 1) | 0
    t = (t + this.d) | 0
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** Digits as a string of exactly `length` characters. */
  digits(length: number): string {
    let s = ''
    for (let i = 0; i < length; i++) s += String(Math.floor(this.next() * 10))
    return s
  }

  /** A derived generator, so that adding draws in one part does not shift every other part. */
  fork(label: string): Rng {
    return new Rng(`${label}:${this.next()}`)
  }
}

/** Weighted choice with a precomputed cumulative table: O(log n) per draw. */
export class Weighted<T> {
  private readonly cumulative: number[] = []
  private readonly total: number

  constructor(readonly items: readonly (readonly [T, number])[]) {
    let sum = 0
    for (const [, weight] of items) {
      sum += weight
      this.cumulative.push(sum)
    }
    this.total = sum
  }

  draw(rng: Rng): T {
    const x = rng.next() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.cumulative[mid] > x) hi = mid
      else lo = mid + 1
    }
    return this.items[lo][0]
  }
}
