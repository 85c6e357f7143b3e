/** A clock the test moves by hand; the core reads it through `now`. */
export class TestClock {
  private current: number

  constructor(start: Date | string = '2025-06-02T02:00:00.000Z') {
    this.current = new Date(start).getTime()
  }

  readonly now = (): Date => new Date(this.current)

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime()
  }

  advance(by: { days?: number; hours?: number; minutes?: number; seconds?: number }): void {
    this.current += (((by.days ?? 0) * 24 + (by.hours ?? 0)) * 60 + (by.minutes ?? 0)) * 60_000 + (by.seconds ?? 0) * 1000
  }
}
