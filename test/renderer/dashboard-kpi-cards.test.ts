import { describe, expect, it } from 'vitest'
import { formatKpi, KPI_CARDS, kpiCards, kpiChange } from '@renderer/views/dashboard/kpi-cards'
import { busyOverview, emptyOverview } from './support/dashboard-fixtures'

describe('KPI cards (pure)', () => {
  it('has a card for every figure the issue lists, each opening a list', () => {
    expect(KPI_CARDS.map((c) => c.key)).toEqual([
      'walkIns',
      'callsIn',
      'callsOut',
      'callsMissed',
      'answerRate',
      'avgHandleSec',
      'newCustomers',
      'consultations',
      'deposits',
      'contracts',
      'conversion',
      'complaintsOpen',
      'complaintsBreached',
      'onTimeRate',
      'callbackCompletion',
      'satisfaction',
    ])
  })

  it('prints rates as percentages, handle time as mm:ss, scores with two decimals and "—" without a base', () => {
    expect(formatKpi(0.8333, 'rate')).toBe('83.3%')
    expect(formatKpi(154, 'duration')).toBe('02:34')
    expect(formatKpi(4.5, 'score')).toBe('4.50')
    expect(formatKpi(12345, 'count')).toBe('12,345')
    expect(formatKpi(null, 'rate')).toBe('—')
    expect(formatKpi(null, 'duration')).toBe('—')
  })

  it('compares counts by ratio and rates by points, coloured by which way is better', () => {
    expect(kpiChange(120, 100, 'count', 'up')).toEqual({ direction: 'up', tone: 'good', amount: '20.0', unit: 'percent' })
    expect(kpiChange(6, 8, 'count', 'down')).toEqual({ direction: 'down', tone: 'good', amount: '25.0', unit: 'percent' })
    expect(kpiChange(10, 8, 'count', 'down')).toMatchObject({ direction: 'up', tone: 'bad' })
    expect(kpiChange(0.95, 0.9, 'rate', 'up')).toEqual({ direction: 'up', tone: 'good', amount: '5.0', unit: 'points' })
    expect(kpiChange(4.52, 4.1, 'score', 'up')).toEqual({ direction: 'up', tone: 'good', amount: '0.42', unit: 'score' })
    expect(kpiChange(30, 30, 'count', 'up')).toMatchObject({ direction: 'flat', tone: 'neutral' })
    expect(kpiChange(154, 140, 'duration', 'none')).toMatchObject({ direction: 'up', tone: 'neutral', amount: '10.0' })
  })

  it('shows no change from nothing or to or from an unknown rate', () => {
    expect(kpiChange(18, 0, 'count', 'up')).toBeNull()
    expect(kpiChange(null, 0.5, 'rate', 'up')).toBeNull()
    expect(kpiChange(0.5, null, 'rate', 'up')).toBeNull()
  })

  it('fills the cards from an overview: value, previous value, change, the figures beside and the link', () => {
    const o = busyOverview()
    const cards = Object.fromEntries(kpiCards(o.kpis, o.previousKpis, o.period).map((c) => [c.key, c]))
    expect(cards.conversion).toMatchObject({ value: '10.0%', previous: '12.5%', extras: [{ field: 'depositRate', value: '20.0%' }] })
    expect(cards.conversion.change).toMatchObject({ direction: 'down', tone: 'bad', amount: '2.5', unit: 'points' })
    expect(cards.satisfaction).toMatchObject({ value: '83.3%', extras: [{ field: 'avgScore', value: '4.52' }, { field: 'satisfactionResults', value: '12' }] })
    expect(cards.avgHandleSec.value).toBe('02:34')
    expect(cards.newCustomers.link).toEqual({ path: '/customers', query: { createdFrom: '2025-03-01', createdTo: '2025-03-31' } })
    expect(cards.callsMissed.link.query).toMatchObject({ direction: 'in', missed: 'true' })

    const none = emptyOverview()
    const blank = kpiCards(none.kpis, none.previousKpis, none.period)
    expect(blank.find((c) => c.key === 'answerRate')).toMatchObject({ value: '—', previous: '—', change: null })
  })
})
