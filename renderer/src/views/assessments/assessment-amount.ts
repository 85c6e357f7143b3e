import type { AppSettings } from '@contract/settings.contract'
import type { Assessment } from '@contract/tickets.contract'
import { yuanToFen } from '../../format'

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
