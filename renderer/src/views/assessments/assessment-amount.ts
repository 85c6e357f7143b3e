import type { AppSettings } from '@contract/settings.contract'
import type { Assessment } from '@contract/tickets.contract'

/**
 * Money is typed in yuan with two decimals and travels as integer fen. Rounding happens once,
 * here: 0.1 + 0.2 yuan typed as 0.30000000000000004 must still be 30 fen.
 */
export function yuanToFen(yuan: number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return null
  return Math.round(yuan * 100)
}

export function fenToYuan(fen: number | null | undefined): number | null {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return null
  return fen / 100
}

/** The span a manager may confirm: only 投诉到公司领导 has one (总经理 is a fixed amount the manager may still correct). */
export function allowedRangeFen(
  reason: Assessment['reason'],
  settings: Pick<AppSettings, 'assessmentLeadersMinFen' | 'assessmentLeadersMaxFen'>,
): { min: number; max: number } | null {
  return reason === 'leaders' ? { min: settings.assessmentLeadersMinFen, max: settings.assessmentLeadersMaxFen } : null
}

export type AmountProblem = 'required' | 'outOfRange' | null

/** What is wrong with a typed confirmation amount, checked before the core refuses it. */
export function amountProblem(yuan: number | null | undefined, range: { min: number; max: number } | null): AmountProblem {
  const fen = yuanToFen(yuan)
  if (fen === null || fen < 0) return 'required'
  if (range && (fen < range.min || fen > range.max)) return 'outOfRange'
  return null
}
