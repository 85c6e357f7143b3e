import { formatInZone } from '@contract/time'
import { formatPhone, normalizePhone } from '@contract/phone'

/** Integer fen → `¥12,345.00`; the one money formatter of the renderer. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return ''
  const negative = fen < 0
  const abs = Math.round(Math.abs(fen))
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}¥${grouped}.${cents}`
}

/** A budget span in fen as people say it: `¥100,000.00 – ¥200,000.00`, `¥500,000.00 以上`. */
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

export function formatFenRange(minFen: number | null, maxFen: number | null): string {
  if (minFen === null && maxFen === null) return ''
  if (maxFen === null) return `${formatFen(minFen)} 以上`
  if (minFen === null || minFen === 0) return `${formatFen(maxFen)} 以下`
  return `${formatFen(minFen)} – ${formatFen(maxFen)}`
}

/** `YYYY-MM-DD HH:mm` in the company's time zone (never the machine's). */
export function formatDateTime(instant: string | Date | null | undefined, timeZone: string): string {
  return formatInZone(instant, timeZone)
}

export function formatDate(instant: string | Date | null | undefined, timeZone: string): string {
  return formatInZone(instant, timeZone, 'YYYY-MM-DD')
}

export function formatTime(instant: string | Date | null | undefined, timeZone: string): string {
  return formatInZone(instant, timeZone, 'HH:mm')
}

/** Whole minutes from `from` to `to` (never negative). */
export function minutesBetween(from: string | Date, to: string | Date): number {
  const ms = new Date(to).getTime() - new Date(from).getTime()
  return Math.max(0, Math.floor(ms / 60_000))
}

/** What was typed, grouped for display (`138 0013 8000`), or null while it is not a phone number. */
export function formatTypedPhone(raw: string, localAreaCode: string): string | null {
  const normalized = normalizePhone(raw, localAreaCode)
  return normalized ? formatPhone(normalized.normalized) : null
}

/** A share as a percentage with one decimal: 0.4567 → `45.7%`; no base to divide by, no rate: `—`. */
export function formatRate(rate: number | null): string {
  return rate === null || !Number.isFinite(rate) ? '—' : `${(rate * 100).toFixed(1)}%`
}

/** Square metres with at most two decimals: `89.5㎡`. */
export function formatArea(sqm: number | null | undefined): string {
  if (sqm === null || sqm === undefined) return ''
  return `${Number(sqm.toFixed(2))}㎡`
}

/** A call's length as call centres show it: `mm:ss`, `h:mm:ss` past an hour; '' when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return ''
  const whole = Math.max(0, Math.floor(seconds))
  const hours = Math.floor(whole / 3600)
  const mmss = `${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`
  return hours > 0 ? `${hours}:${mmss}` : mmss
}
