import { describe, expect, it } from 'vitest'
import { addDays, companyDate, companyDayRange, daysBetween, formatInZone, shiftDate, shiftMonths, weekStartOf } from '../../main/contract/time'

describe('company time zone', () => {
  it('runs under TZ=UTC, so that a machine-local bucket would show', () => {
    expect(new Date('2025-06-01T23:30:00Z').getTimezoneOffset()).toBe(0)
  })

  it('puts 23:30 UTC on the next Shanghai day', () => {
    expect(companyDate('2025-06-01T15:59:59.999Z', 'Asia/Shanghai')).toBe('2025-06-01')
    expect(companyDate('2025-06-01T16:00:00.000Z', 'Asia/Shanghai')).toBe('2025-06-02')
    expect(companyDate(new Date('2025-06-01T23:30:00Z'), 'Asia/Shanghai')).toBe('2025-06-02')
    expect(companyDate('2025-06-01T23:30:00Z', 'UTC')).toBe('2025-06-01')
  })

  it('bounds a company day as [00:00, next 00:00) in UTC instants', () => {
    expect(companyDayRange('2025-06-02', 'Asia/Shanghai')).toEqual({ from: new Date('2025-06-01T16:00:00.000Z'), to: new Date('2025-06-02T16:00:00.000Z') })
    // a branch in a zone with daylight saving: the spring-forward day has 23 hours
    const spring = companyDayRange('2025-03-09', 'America/New_York')
    expect(spring).toEqual({ from: new Date('2025-03-09T05:00:00.000Z'), to: new Date('2025-03-10T04:00:00.000Z') })
    // and the fall-back day 25
    expect(companyDayRange('2025-11-02', 'America/New_York')).toEqual({ from: new Date('2025-11-02T04:00:00.000Z'), to: new Date('2025-11-03T05:00:00.000Z') })
    expect(companyDayRange('2025-12-31', 'Asia/Shanghai').to).toEqual(new Date('2025-12-31T16:00:00.000Z'))
  })

  it('formats in the company zone, zh-CN style', () => {
    expect(formatInZone('2025-06-01T23:30:00Z', 'Asia/Shanghai')).toBe('2025-06-02 07:30')
    expect(formatInZone('2025-06-01T23:30:00Z', 'Asia/Shanghai', 'HH:mm')).toBe('07:30')
    expect(formatInZone(null, 'Asia/Shanghai')).toBe('')
    expect(addDays(new Date('2025-06-02T02:00:00Z'), 30).toISOString()).toBe('2025-07-02T02:00:00.000Z')
  })

  it('does calendar arithmetic on company dates: days, months clamped to the month’s end, Monday-to-Sunday weeks', () => {
    expect(shiftDate('2024-02-28', 1)).toBe('2024-02-29')
    expect(shiftDate('2025-01-01', -1)).toBe('2024-12-31')
    expect(shiftMonths('2025-01-31', 1)).toBe('2025-02-28')
    expect(shiftMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(shiftMonths('2025-11-30', 3)).toBe('2026-02-28')
    expect(shiftMonths('2025-03-15', -15)).toBe('2023-12-15')
    // 2025-06-01 is a Sunday: its week began on Monday 05-26
    expect(weekStartOf('2025-06-01')).toBe('2025-05-26')
    expect(weekStartOf('2025-06-02')).toBe('2025-06-02')
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1)
  })
})
