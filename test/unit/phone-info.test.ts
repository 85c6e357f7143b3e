import { parsePhoneNumberFromString } from 'libphonenumber-js/max'
import { carrier, geocoder } from 'libphonenumber-geo-carrier'
import { describe, expect, it } from 'vitest'
import { describePhone } from '../../main/services/phone-info'

// The in-memory lookup must give exactly what the library's own (slow, file-per-call) API gives.
const NUMBERS = ['13800138000', '13912345678', '18621001234', '15000001111', '19912345678', '17012345678', '02162345678', '075526001234', '01088886666', '+14155550123', '+442071838750']

describe('describePhone', () => {
  it.each(NUMBERS)('agrees with libphonenumber-geo-carrier for %s', async (normalized) => {
    const parsed = parsePhoneNumberFromString(normalized, 'CN')
    if (!parsed) throw new Error(`unparsable test number ${normalized}`)
    const expected = { region: (await geocoder(parsed, 'zh')) || null, carrier: (await carrier(parsed, 'zh')) || null }
    expect(describePhone(normalized)).toEqual(expected)
  })

  it('knows the region and original carrier of a Beijing mobile block and a Shenzhen landline', () => {
    expect(describePhone('13800138000')).toEqual({ region: '北京市', carrier: '中国移动' })
    expect(describePhone('075526001234')).toEqual({ region: '广东省深圳市', carrier: null })
  })
})
