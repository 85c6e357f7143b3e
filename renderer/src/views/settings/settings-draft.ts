import type { AppSettings, BudgetRange } from '@contract/settings.contract'

/** A budget range as typed: in 万元 (10,000 yuan), the unit people quote budgets in. */
export interface BudgetRow {
  label: string
  minWan: number | null
  maxWan: number | null
}

export type SettingsDraft = Omit<AppSettings, 'budgetRanges'> & { budgetRanges: BudgetRow[] }

const FEN_PER_WAN = 10000 * 100

export function draftOf(settings: AppSettings): SettingsDraft {
  return {
    ...(JSON.parse(JSON.stringify(settings)) as AppSettings),
    budgetRanges: settings.budgetRanges.map((r) => ({ label: r.label, minWan: r.minFen / FEN_PER_WAN, maxWan: r.maxFen === null ? null : r.maxFen / FEN_PER_WAN })),
  }
}

function rangesOf(rows: BudgetRow[]): BudgetRange[] {
  return rows.map((r) => ({
    label: r.label.trim(),
    minFen: Math.round((r.minWan ?? 0) * FEN_PER_WAN),
    maxFen: r.maxWan === null || r.maxWan === undefined ? null : Math.round(r.maxWan * FEN_PER_WAN),
  }))
}

/** The keys whose value differs from what is saved: `settings.update` gets only those. */
export function changedSettings(saved: AppSettings, draft: SettingsDraft): Partial<AppSettings> {
  const next: AppSettings = { ...draft, budgetRanges: rangesOf(draft.budgetRanges) }
  const changes: Partial<AppSettings> = {}
  for (const key of Object.keys(next) as (keyof AppSettings)[]) {
    const value = typeof next[key] === 'string' ? (next[key] as string).trim() : next[key]
    if (JSON.stringify(value) !== JSON.stringify(saved[key])) (changes as Record<string, unknown>)[key] = value
  }
  return changes
}

/** `changes.budgetRanges.1.label` → `budgetRanges`: the setting a server message belongs under. */
export function settingKeyOf(path: string): string {
  const parts = path.split('.')
  return parts[0] === 'changes' ? (parts[1] ?? '') : parts[0]
}
