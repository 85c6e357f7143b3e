import { describe, expect, it } from 'vitest'
import { formatPhone, maskPhone, normalizePhone } from '../../main/contract/phone'
import { describePhone } from '../../main/services/phone-info'

describe('normalizePhone', () => {
  it.each([
    ['13800138000'],
    ['138 0013 8000'],
    ['138-0013-8000'],
    ['+86-138-0013-8000'],
    ['+86 138 0013 8000'],
    ['0086 138 0013 8000'],
    ['008613800138000'],
    [' 138.0013.8000 '],
  ])('reads the mobile %j as 13800138000', (typed) => {
    expect(normalizePhone(typed)).toEqual({ normalized: '13800138000', kind: 'mobile' })
  })

  it.each([
    ['021-6234 5678', '02162345678'],
    ['(021) 62345678', '02162345678'],
    ['（021）62345678', '02162345678'],
    ['+86 21 6234 5678', '02162345678'],
    ['010-8888 6666', '01088886666'],
    ['0755-2388 8888', '075523888888'],
  ])('keeps the area code of the landline %j', (typed, stored) => {
    expect(normalizePhone(typed)).toEqual({ normalized: stored, kind: 'landline' })
  })

  it('understands an 8-digit local landline only together with the local area code setting', () => {
    expect(normalizePhone('62345678')).toBeNull()
    expect(normalizePhone('6234 5678', '021')).toEqual({ normalized: '02162345678', kind: 'landline' })
    expect(normalizePhone('62345678', '010')).toEqual({ normalized: '01062345678', kind: 'landline' })
    // a mobile is never taken for a local landline
    expect(normalizePhone('13800138000', '021')).toEqual({ normalized: '13800138000', kind: 'mobile' })
    // Shanghai numbers have 8 digits: 7 are not one
    expect(normalizePhone('6234567', '021')).toBeNull()
  })

  it('stores 400/800 service numbers without a trunk 0, so they stay dialable and mask sensibly', () => {
    expect(normalizePhone('400-820-8820')).toEqual({ normalized: '4008208820', kind: 'other' })
    expect(normalizePhone('800 820 8820')).toEqual({ normalized: '8008208820', kind: 'other' })
    expect(formatPhone('4008208820')).toBe('400 820 8820')
    expect(maskPhone('4008208820')).toBe('400***8820')
  })

  it.each(['13800138000', '+86 21 6234 5678', '0755-2388 8888', '400-820-8820', '+1 415 555 0100'])('gives back the stored form when given the stored form (%j)', (typed) => {
    const stored = normalizePhone(typed)?.normalized ?? ''
    expect(stored).not.toBe('')
    expect(normalizePhone(stored)?.normalized).toBe(stored)
  })

  it.each(['123', 'abc', '12345678901234567890', '13800', '1380013800', '138001380001', '', '+', '00000000000'])('refuses %j', (typed) => {
    expect(normalizePhone(typed, '021')).toBeNull()
  })
})

describe('formatPhone and maskPhone', () => {
  it('groups numbers the zh-CN way', () => {
    expect(formatPhone('13800138000')).toBe('138 0013 8000')
    expect(formatPhone('02162345678')).toBe('021 6234 5678')
    expect(formatPhone('075523888888')).toBe('0755 2388 8888')
  })

  it('shows only the head and the last four digits to roles without phone access', () => {
    expect(maskPhone('13800138000')).toBe('138****8000')
    expect(maskPhone('02162345678')).toBe('021****5678')
    expect(maskPhone('075523888888')).toBe('0755****8888')
    expect(maskPhone('1234')).toBe('****')
  })
})

describe('describePhone (归属地 and 号段运营商)', () => {
  it('fills region and original carrier of a mobile, and the region of a landline', async () => {
    expect(await describePhone('13800138000')).toEqual({ region: '北京市', carrier: '中国移动' })
    expect(await describePhone('02162345678')).toEqual({ region: '上海市', carrier: null })
    expect(await describePhone('075523888888')).toEqual({ region: '广东省深圳市', carrier: null })
  })
})
