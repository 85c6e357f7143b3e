/**
 * Browser mode's test clock (`npm run serve -- --test-clock`): real time plus whatever a tester
 * moved it forward by, so that deadlines can be reached without waiting hours. It never goes
 * back, not even when the machine's clock is set back.
 */
export class MovableClock {
  private offsetMs = 0
  private last = Number.NEGATIVE_INFINITY

  constructor(private readonly realNow: () => number = Date.now) {}

  readonly now = (): Date => {
    this.last = Math.max(this.last, this.realNow() + this.offsetMs)
    return new Date(this.last)
  }

  /** Moves forward by `ms` (≥ 0) and answers the new time. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`the test clock only moves forward, by a finite amount: ${ms}`)
    this.offsetMs += ms
    return this.now()
  }
}
