import { describe, expect, it } from 'vitest'
import { formatArea, formatDate, formatDateTime, formatFen, formatFenRange, formatTime, formatTypedPhone, minutesBetween } from '@renderer/format'

describe('formatFen', () => {
  it('shows integer fen as yuan with two decimals and thousands separators', () => {
    expect(formatFen(0)).toBe('¥0.00')
    expect(formatFen(5)).toBe('¥0.05')
    expect(formatFen(123456789)).toBe('¥1,234,567.89')
    expect(formatFen(20000000)).toBe('¥200,000.00')
    expect(formatFen(-150)).toBe('-¥1.50')
  })

  it('shows nothing for a missing amount', () => {
    expect(formatFen(null)).toBe('')
    expect(formatFen(undefined)).toBe('')
  })

  it('describes budget spans', () => {
    expect(formatFenRange(10000000, 20000000)).toBe('¥100,000.00 – ¥200,000.00')
    expect(formatFenRange(50000000, null)).toBe('¥500,000.00 以上')
    expect(formatFenRange(0, 10000000)).toBe('¥100,000.00 以下')
    expect(formatFenRange(null, null)).toBe('')
  })
})

describe('dates in the company time zone', () => {
  // the tests run with TZ=UTC: the day must still be Shanghai's
  it('puts 23:30 UTC on the next Shanghai day', () => {
    expect(formatDateTime('2025-03-01T23:30:00.000Z', 'Asia/Shanghai')).toBe('2025-03-02 07:30')
    expect(formatDate('2025-03-01T23:30:00.000Z', 'Asia/Shanghai')).toBe('2025-03-02')
    expect(formatTime('2025-03-01T23:30:00.000Z', 'Asia/Shanghai')).toBe('07:30')
  })

  it('follows the setting, not the machine', () => {
    expect(formatDateTime('2025-03-01T23:30:00.000Z', 'Europe/London')).toBe('2025-03-01 23:30')
  })

  it('shows nothing for a missing instant', () => {
    expect(formatDateTime(null, 'Asia/Shanghai')).toBe('')
  })

  it('counts whole minutes, never negative', () => {
    expect(minutesBetween('2025-03-01T02:00:00Z', '2025-03-01T02:14:59Z')).toBe(14)
    expect(minutesBetween('2025-03-01T02:00:00Z', '2025-03-01T01:00:00Z')).toBe(0)
  })
})

describe('formatTypedPhone', () => {
  it('groups a mobile however it was typed', () => {
    expect(formatTypedPhone('+86-138-0013-8000', '021')).toBe('138 0013 8000')
    expect(formatTypedPhone('0086 13800138000', '021')).toBe('138 0013 8000')
  })

  it('adds the local area code to a bare landline', () => {
    expect(formatTypedPhone('6234 5678', '021')).toBe('021 6234 5678')
  })

  it('is null while the text is not a phone number', () => {
    expect(formatTypedPhone('138001', '021')).toBeNull()
    expect(formatTypedPhone('abc', '021')).toBeNull()
  })
})

describe('formatArea', () => {
  it('shows square metres without trailing zeros', () => {
    expect(formatArea(89.5)).toBe('89.5㎡')
    expect(formatArea(120)).toBe('120㎡')
    expect(formatArea(null)).toBe('')
  })
})
