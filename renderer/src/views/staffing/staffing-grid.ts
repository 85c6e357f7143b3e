import type { StaffingCell } from '@contract/dashboard.contract'

/** One hour of one weekday as the grid and the chart show it. */
export interface StaffingSlot {
  weekday: number
  hour: number
  /** inbound calls per hour (average over the weeks looked at) */
  calls: number
  needed: number
  loggedIn: number
  serviceLevel: number | null
  /** fewer agents logged in than needed */
  short: boolean
}

export interface StaffingGrid {
  /** the hours shown, in order */
  hours: number[]
  /** Monday (1) to Sunday (7), one slot per shown hour */
  rows: { weekday: number; slots: StaffingSlot[] }[]
  shortCount: number
  /** no calls and nobody logged in at any hour */
  empty: boolean
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const

/** Hours drawn even on a quiet plan, so an empty grid still reads as a working day. */
export const DEFAULT_GRID_HOURS = { from: 8, to: 20 } as const

const isBusy = (cell: StaffingCell): boolean => cell.callsPerHour > 0 || cell.loggedIn > 0 || cell.agentsNeeded > 0

/**
 * The week as a weekday × hour grid over the company's working hours: from the first to the last
 * hour that has calls or anyone logged in on any day (the night stays out), every weekday in full.
 */
export function staffingGrid(cells: readonly StaffingCell[]): StaffingGrid {
  const byKey = new Map(cells.map((cell) => [`${cell.weekday}-${cell.hour}`, cell]))
  const busy = cells.filter(isBusy).map((cell) => cell.hour)
  const from = busy.length ? Math.min(...busy) : DEFAULT_GRID_HOURS.from
  const to = busy.length ? Math.max(...busy) : DEFAULT_GRID_HOURS.to
  const hours = Array.from({ length: to - from + 1 }, (_, i) => from + i)
  let shortCount = 0
  const rows = WEEKDAYS.map((weekday) => ({
    weekday,
    slots: hours.map((hour): StaffingSlot => {
      const cell = byKey.get(`${weekday}-${hour}`)
      const needed = cell?.agentsNeeded ?? 0
      const loggedIn = cell?.loggedIn ?? 0
      const short = loggedIn < needed
      if (short) shortCount++
      return { weekday, hour, calls: cell?.callsPerHour ?? 0, needed, loggedIn, serviceLevel: cell?.serviceLevel ?? null, short }
    }),
  }))
  return { hours, rows, shortCount, empty: busy.length === 0 }
}

/** The weekday with the most calls: the chart opens on it (Monday when there are none). */
export function busiestWeekday(cells: readonly StaffingCell[]): number {
  const totals = new Map<number, number>()
  for (const cell of cells) totals.set(cell.weekday, (totals.get(cell.weekday) ?? 0) + cell.callsPerHour)
  let best = 1
  for (const weekday of WEEKDAYS) if ((totals.get(weekday) ?? 0) > (totals.get(best) ?? 0)) best = weekday
  return best
}

/** Averages keep one decimal (2.4 agents logged in); whole numbers stay whole. */
export function formatAverage(n: number): string {
  const rounded = Math.round(n * 10) / 10
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1)
}
