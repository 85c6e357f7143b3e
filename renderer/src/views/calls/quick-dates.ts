import { addDays, companyDate } from '@contract/time'

export type QuickPick = 'tomorrow' | 'in3Days' | 'nextWeek'

const OFFSETS: Record<QuickPick, number> = { tomorrow: 1, in3Days: 3, nextWeek: 7 }
export const QUICK_PICKS = Object.keys(OFFSETS) as QuickPick[]

/** The company-local date a quick pick (明天 / 3天后 / 下周) stands for, seen from `now`. */
export function quickDate(pick: QuickPick, now: Date, timeZone: string): string {
  return companyDate(addDays(now, OFFSETS[pick]), timeZone)
}

/** Whole days from `date` to today, both company-local dates (positive when `date` is past). */
export function daysSince(date: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000)
}
