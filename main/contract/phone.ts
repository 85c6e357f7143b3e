import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max'

export type PhoneKind = 'mobile' | 'landline' | 'other'

export interface NormalizedPhone {
  /** Digits as stored and looked up: mobiles 11 digits, landlines with their 0-prefixed area code; foreign numbers in E.164. */
  normalized: string
  kind: PhoneKind
}

function parse(raw: string, localAreaCode?: string): PhoneNumber | undefined {
  const cleaned = raw.replace(/[（]/g, '(').replace(/[）]/g, ')').trim()
  const digits = cleaned.replace(/\D/g, '')
  // A local landline dialled without its area code (7–8 digits, not starting 0 or 1) only
  // means something together with the company's own area code, which is a setting.
  if (localAreaCode && !cleaned.startsWith('+') && /^[2-9]\d{6,7}$/.test(digits)) {
    return parsePhoneNumberFromString(localAreaCode + digits, 'CN')
  }
  return parsePhoneNumberFromString(cleaned, 'CN')
}

/** Any typed format (`138 0013 8000`, `+86-138-0013-8000`, `0086…`, `021-6234 5678`) → stored form, or null when it is no phone number. */
export function normalizePhone(raw: string, localAreaCode?: string): NormalizedPhone | null {
  const parsed = parse(raw, localAreaCode)
  if (!parsed || !parsed.isValid()) return null
  const type = parsed.getType()
  const kind: PhoneKind = type === 'MOBILE' ? 'mobile' : type === 'FIXED_LINE' ? 'landline' : 'other'
  if (parsed.country !== 'CN') return { normalized: parsed.number, kind }
  // Only a landline is dialled with the trunk 0 before its area code; 400/800 service numbers are not.
  return { normalized: kind === 'landline' ? `0${parsed.nationalNumber}` : parsed.nationalNumber, kind }
}

/** zh-CN display: `138 0013 8000`, `021 6234 5678`. */
export function formatPhone(normalized: string): string {
  const parsed = parsePhoneNumberFromString(normalized, 'CN')
  return parsed ? parsed.formatNational() : normalized
}

/** What a role without phone access sees: area code or first three digits, and the last four. */
export function maskPhone(normalized: string): string {
  if (normalized.length <= 4) return '*'.repeat(normalized.length)
  const head = normalized.startsWith('0') ? normalized.slice(0, Math.max(3, normalized.length - 8)) : normalized.slice(0, 3)
  const tail = normalized.slice(-4)
  return `${head}${'*'.repeat(Math.max(normalized.length - head.length - 4, 1))}${tail}`
}
