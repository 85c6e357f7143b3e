import { describe, expect, it } from 'vitest'
import { depositFiltersFromQuery, depositListInputOf, queryFromDepositFilters } from '@renderer/views/deposits/deposit-list-query'
import { depositFieldOf, depositProblems, newDepositDraft, toRegisterInput } from '@renderer/views/deposits/deposit-draft'
import { formatRate } from '@renderer/format'
import { monthOf, periodOf } from '@renderer/period'
import { totalsOf } from '@renderer/views/deposits/designer-stats'
import { designerStat } from './support/project-fixtures'

describe('定金待签’s URL', () => {
  it('reads the tab, status and filters, dropping what is malformed; 待签天数 only on the pending tab', () => {
    const filters = depositFiltersFromQuery({ status: 'lost', designer: 'x', minAge: '30', q: '王', from: '2026-11-30', to: '2026-11-01' })
    expect(filters).toMatchObject({ tab: 'list', status: 'lost', designer: null, minAge: 30, q: '王', from: '', to: '' })
    expect(queryFromDepositFilters(filters)).toEqual({ status: 'lost', q: '王' })
    expect(depositListInputOf(filters)).toEqual({ status: 'lost', q: '王', page: 1, pageSize: 20 })
    expect(depositListInputOf({ ...filters, status: 'pending' })).toEqual({ status: 'pending', minAgeDays: 30, q: '王', page: 1, pageSize: 20 })
  })
})

describe('登记定金', () => {
  it('needs a customer, a designer, an amount above zero and a day not in the future; sends fen', () => {
    const draft = newDepositDraft('2026-11-28')
    expect(depositProblems(draft, '2026-11-28')).toEqual({ customerId: 'required', designerId: 'required', amountYuan: 'required' })
    const typed = { ...draft, customer: { id: 42, name: '王芳' }, designerId: 31, amountYuan: 0.001, paidOn: '2026-11-29' }
    expect(depositProblems(typed, '2026-11-28')).toEqual({ amountYuan: 'positive', paidOn: 'future' })
    expect(toRegisterInput({ ...typed, amountYuan: 19.99, paidOn: '2026-11-28', note: '  ' })).toEqual({ customerId: 42, designerId: 31, consultantId: null, amountFen: 1999, paidOn: '2026-11-28', note: null })
    expect(depositFieldOf('amountFen')).toBe('amountYuan')
    expect(depositFieldOf('version')).toBeNull()
  })
})

describe('设计师统计', () => {
  it('takes calendar months and Monday weeks, and rates the totals over the sums', () => {
    expect(monthOf('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(monthOf('2026-01-31', -1)).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(periodOf('thisWeek', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(formatRate(0.3333)).toBe('33.3%')
    expect(formatRate(null)).toBe('—')
    const totals = totalsOf([designerStat(), designerStat({ consultations: 2, signed: 2, deposits: 2, conversion: 1, depositRate: 1 })])
    expect(totals).toMatchObject({ consultations: 10, signed: 4, deposits: 6, conversion: 0.4, depositRate: 0.6 })
    expect(totalsOf([]).conversion).toBeNull()
  })
})
