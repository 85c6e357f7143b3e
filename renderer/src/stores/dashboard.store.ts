import { computed, ref } from 'vue'
import { defineStore } from 'pinia'
import { MAX_PERIOD_DAYS, type DashboardOverview, type PeriodKind, type PeriodRange } from '@contract/dashboard.contract'
import { companyDate, daysBetween } from '@contract/time'
import { useApi } from '../api-context'
import { toAppError } from '../errors'
import { monthOf, periodOf } from '../period'
import { useSettingsStore } from './settings.store'

/**
 * The dates a period choice covers on a company date. A week is Monday to Sunday and a month the
 * calendar month, whole (the core compares a whole month with the previous calendar month);
 * `custom` is the range picked, today until one is.
 */
export function periodRange(kind: PeriodKind, today: string, custom: PeriodRange | null): PeriodRange {
  switch (kind) {
    case 'today':
      return { from: today, to: today }
    case 'week':
      return periodOf('thisWeek', today)
    case 'month':
      return monthOf(today)
    case 'custom':
      return custom ?? { from: today, to: today }
  }
}

/** Why a picked range cannot be asked for, or null: what the contract would refuse. */
export function customRangeProblem(range: PeriodRange): 'order' | 'tooLong' | null {
  if (range.to < range.from) return 'order'
  if (daysBetween(range.from, range.to) + 1 > MAX_PERIOD_DAYS) return 'tooLong'
  return null
}

/** The manager's 仪表盘: the period picked and the last overview fetched for it. */
export const useDashboardStore = defineStore('dashboard', () => {
  const { api } = useApi()
  const settings = useSettingsStore()

  const kind = ref<PeriodKind>('today')
  const custom = ref<PeriodRange | null>(null)
  /** the last overview that arrived; kept while the next one loads or when it fails */
  const overview = ref<DashboardOverview | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  /** when the shown numbers were fetched (client clock) */
  const fetchedAt = ref<Date | null>(null)
  let seq = 0

  /** today in the company's time zone, read at each load so a dashboard left open overnight moves on */
  const today = (): string => companyDate(new Date(), settings.timeZone)
  const requested = (): PeriodRange => periodRange(kind.value, today(), custom.value)

  /** Never rejects: a failure is kept in `error` beside the last good numbers. */
  async function load(): Promise<void> {
    const mine = ++seq
    loading.value = true
    try {
      const result = await api.dashboard.overview(requested())
      if (mine !== seq) return
      overview.value = result
      fetchedAt.value = new Date()
      error.value = null
    } catch (failure) {
      if (mine === seq) error.value = toAppError(failure).message
    } finally {
      if (mine === seq) loading.value = false
    }
  }

  function choose(next: PeriodKind): Promise<void> {
    kind.value = next
    return load()
  }

  /** Picks a custom range; a range the contract would refuse is not asked for. */
  function chooseRange(range: PeriodRange): Promise<void> | 'order' | 'tooLong' {
    const problem = customRangeProblem(range)
    if (problem) return problem
    custom.value = { from: range.from, to: range.to }
    kind.value = 'custom'
    return load()
  }

  const period = computed<PeriodRange | null>(() => overview.value?.period ?? null)

  function clear(): void {
    seq++
    kind.value = 'today'
    custom.value = null
    overview.value = null
    loading.value = false
    error.value = null
    fetchedAt.value = null
  }

  return { kind, custom, overview, period, loading, error, fetchedAt, requested, load, choose, chooseRange, clear }
})
