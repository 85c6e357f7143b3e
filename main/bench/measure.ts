/** Nearest-rank percentile of durations in ms. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank]
}

export function round(ms: number, digits = 3): number {
  const f = 10 ** digits
  return Math.round(ms * f) / f
}

export async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = process.hrtime.bigint()
  const value = await work()
  return [Number(process.hrtime.bigint() - started) / 1e6, value]
}

export interface PairedResult {
  api: number[]
  baseline: number[]
}

/**
 * Asks each input of the API and of the baseline, alternating which goes first, so that a
 * disturbance on this (shared) machine hits both sides alike. Warm-up rounds are not recorded.
 */
export async function paired<I>(
  inputs: readonly I[],
  warmup: number,
  api: (input: I) => Promise<unknown>,
  baseline: (input: I) => Promise<unknown>,
): Promise<PairedResult> {
  const result: PairedResult = { api: [], baseline: [] }
  for (const [i, input] of inputs.entries()) {
    const order = i % 2 === 0 ? (['api', 'baseline'] as const) : (['baseline', 'api'] as const)
    for (const side of order) {
      const [ms] = await timed(() => (side === 'api' ? api(input) : baseline(input)))
      if (i >= warmup) result[side].push(ms)
    }
  }
  return result
}

export interface BenchLine {
  bench: string
  rows: Record<string, number>
  p50_ms: number
  p95_ms: number
  /** absent for a throughput bench, which reports `per_s` */
  baseline_p95_ms?: number
  ratio?: number
  [extra: string]: unknown
}

export function benchLine(bench: string, rows: Record<string, number>, result: PairedResult, extra: Record<string, unknown> = {}): BenchLine {
  const p95 = percentile(result.api, 95)
  const base95 = percentile(result.baseline, 95)
  return {
    bench,
    rows,
    p50_ms: round(percentile(result.api, 50)),
    p95_ms: round(p95),
    baseline_p95_ms: round(base95),
    baseline_p50_ms: round(percentile(result.baseline, 50)),
    ratio: round(p95 / base95, 2),
    iterations: result.api.length,
    ...extra,
  }
}
