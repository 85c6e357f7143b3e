/**
 * Runs jobs one after another. TypeORM's SQLite driver hands every caller the same connection,
 * so two transactions at once interleave and one's rollback can take the other's writes with it
 * (typeorm #1884, #8668). Serialising every write through one queue makes each transaction whole.
 */
export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve()
  private pending = 0

  run<T>(job: () => Promise<T>): Promise<T> {
    this.pending++
    const result = this.tail.then(job)
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    )
    return result
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.pending
  }

  /** Resolves once everything queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail
  }
}
