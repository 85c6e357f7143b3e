import type { AppSettings, BudgetRange } from '@contract/settings.contract'
import { fenToYuan, yuanToFen } from '../../format'

/** A budget range as typed: in 万元 (10,000 yuan), the unit people quote budgets in. */
export interface BudgetRow {
  label: string
  minWan: number | null
  maxWan: number | null
}

/** The assessment amounts, typed in yuan (they are stored in fen). */
export const ASSESSMENT_AMOUNT_KEYS = ['assessmentGeneralManagerFen', 'assessmentLeadersMinFen', 'assessmentLeadersMaxFen'] as const
type AssessmentAmountKey = (typeof ASSESSMENT_AMOUNT_KEYS)[number]

/**
 * The settings as the form holds them. A per-severity or per-category entry left empty (null)
 * is left out when saved: the core then uses the longest resolution time or the default warranty.
 */
export type SettingsDraft = Omit<AppSettings, 'budgetRanges' | AssessmentAmountKey | 'ticketResolutionHours' | 'warrantyYearsByCategory'> & {
  budgetRanges: BudgetRow[]
  assessmentYuan: Record<AssessmentAmountKey, number>
  ticketResolutionHours: Record<string, number | null>
  warrantyYearsByCategory: Record<string, number | null>
}

const FEN_PER_WAN = 10000 * 100

export function draftOf(settings: AppSettings): SettingsDraft {
  const copy = JSON.parse(JSON.stringify(settings)) as AppSettings
  const { assessmentGeneralManagerFen, assessmentLeadersMinFen, assessmentLeadersMaxFen, ...rest } = copy
  return {
    ...rest,
    budgetRanges: settings.budgetRanges.map((r) => ({ label: r.label, minWan: r.minFen / FEN_PER_WAN, maxWan: r.maxFen === null ? null : r.maxFen / FEN_PER_WAN })),
    assessmentYuan: {
      assessmentGeneralManagerFen: fenToYuan(assessmentGeneralManagerFen) ?? 0,
      assessmentLeadersMinFen: fenToYuan(assessmentLeadersMinFen) ?? 0,
      assessmentLeadersMaxFen: fenToYuan(assessmentLeadersMaxFen) ?? 0,
    },
  }
}

function rangesOf(rows: BudgetRow[]): BudgetRange[] {
  return rows.map((r) => ({
    label: r.label.trim(),
    minFen: Math.round((r.minWan ?? 0) * FEN_PER_WAN),
    maxFen: r.maxWan === null || r.maxWan === undefined ? null : Math.round(r.maxWan * FEN_PER_WAN),
  }))
}

/** The entries of the listed names that were filled in, in the list's order; a removed name's entry goes with it. */
function filledFor(names: readonly string[], values: Record<string, number | null>): Record<string, number> {
  const filled: Record<string, number> = {}
  for (const name of names) {
    const value = values[name]
    if (typeof value === 'number' && Number.isFinite(value)) filled[name.trim()] = value
  }
  return filled
}

/** What the form would save, as settings. */
export function settingsOf(draft: SettingsDraft): AppSettings {
  const { budgetRanges, assessmentYuan, ticketResolutionHours, warrantyYearsByCategory, ...rest } = draft
  return {
    ...rest,
    budgetRanges: rangesOf(budgetRanges),
    assessmentGeneralManagerFen: yuanToFen(assessmentYuan.assessmentGeneralManagerFen) ?? 0,
    assessmentLeadersMinFen: yuanToFen(assessmentYuan.assessmentLeadersMinFen) ?? 0,
    assessmentLeadersMaxFen: yuanToFen(assessmentYuan.assessmentLeadersMaxFen) ?? 0,
    ticketResolutionHours: filledFor(draft.ticketSeverities, ticketResolutionHours),
    warrantyYearsByCategory: filledFor(draft.repairCategories, warrantyYearsByCategory),
  }
}

/** JSON with object keys sorted: a map saved in another key order is the same setting (list order still counts). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  )
}

/** The keys whose value differs from what is saved: `settings.update` gets only those. */
export function changedSettings(saved: AppSettings, draft: SettingsDraft): Partial<AppSettings> {
  const next = settingsOf(draft)
  const changes: Partial<AppSettings> = {}
  for (const key of Object.keys(next) as (keyof AppSettings)[]) {
    const value = typeof next[key] === 'string' ? (next[key] as string).trim() : next[key]
    if (canonical(value) !== canonical(saved[key])) (changes as Record<string, unknown>)[key] = value
  }
  return changes
}

/** `changes.budgetRanges.1.label` → `budgetRanges`: the setting a server message belongs under. */
export function settingKeyOf(path: string): string {
  const parts = path.split('.')
  return parts[0] === 'changes' ? (parts[1] ?? '') : parts[0]
}

/**
 * A failed save's field messages, under the setting's key and, for the per-severity and
 * per-category maps, also under `ticketResolutionHours.紧急`, so the message shows at its input.
 */
export function settingErrorsOf(fields: Record<string, string>): Record<string, string> {
  const mapped: Record<string, string> = {}
  for (const [path, message] of Object.entries(fields)) {
    const key = settingKeyOf(path)
    mapped[key] ??= message
    const parts = path.split('.')
    const entry = parts[0] === 'changes' ? parts[2] : parts[1]
    if (entry !== undefined && (key === 'ticketResolutionHours' || key === 'warrantyYearsByCategory')) mapped[`${key}.${entry}`] ??= message
  }
  return mapped
}
