import { getDayDetail, getHolidaysInRange, getLunarFestivals, getSolarTerms } from 'chinese-days'

export interface Holiday {
  name: string
  /** the first official day off, or the festival's own day when not yet published */
  on: string
  source: 'official' | 'derived'
}

// Public holidays on fixed solar dates, for years whose arrangement is not published yet.
const FIXED: Record<string, string> = { 元旦: '01-01', 劳动节: '05-01', 国庆节: '10-01' }

/** The package names some holidays without 节 (清明, 端午, 中秋); settings use the everyday names. */
function sameHoliday(official: string, wanted: string): boolean {
  return official === wanted || `${official}节` === wanted
}

/**
 * The holidays of a year that the company greets its customers on, from the `chinese-days`
 * calendar: the State Council's published arrangement where the package has it, otherwise
 * derived from its lunar calendar and solar terms (春节, 元宵, 端午, 中秋 move every year). When a
 * newer package covers the year the official dates take over; the names, and so the keys of
 * greetings already done, stay the same.
 */
export function holidaysOf(year: number, wanted: readonly string[]): Holiday[] {
  const firstOff = new Map<string, string>()
  for (const date of getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false)) {
    const name = getDayDetail(date).name.split(',')[1]
    if (name && !firstOff.has(name)) firstOff.set(name, date)
  }
  const lunar = getLunarFestivals(`${year}-01-01`, `${year}-12-31`)
  const result: Holiday[] = []
  for (const name of wanted) {
    const official = [...firstOff.entries()].find(([n]) => sameHoliday(n, name))
    if (official) {
      result.push({ name, on: official[1], source: 'official' })
      continue
    }
    const derived = FIXED[name] ? `${year}-${FIXED[name]}` : (lunar.find((f) => f.name.includes(name))?.date ?? solarTerm(year, name))
    if (derived) result.push({ name, on: derived, source: 'derived' })
  }
  return result.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
}

function solarTerm(year: number, name: string): string | null {
  const term = getSolarTerms(`${year}-01-01`, `${year}-12-31`).find((t) => sameHoliday(t.name, name))
  return term?.date ?? null
}
