import { describe, expect, it } from 'vitest'
import type { TicketClock } from '@contract/tickets.contract'
import { createAppI18n } from '@renderer/i18n'
import { countdownText, formatSpan, liveClock, spanParts } from '@renderer/views/tickets/ticket-clock'

const i18n = createAppI18n('zh-CN')
const t = (key: string, params?: Record<string, unknown>): string => i18n.global.t(key, params ?? {})
const en = createAppI18n('en')
const tEn = (key: string, params?: Record<string, unknown>): string => en.global.t(key, params ?? {})

const due = '2025-03-02T10:00:00.000Z'
const at = (iso: string): number => new Date(iso).getTime()
const clock = (overrides: Partial<TicketClock> = {}): TicketClock => ({ kind: 'response', dueAt: due, status: 'ok', used: 0.4, ...overrides })

describe('the ticket clock between two loads', () => {
  it('counts down to the deadline the core named', () => {
    const live = liveClock(clock(), at('2025-03-02T06:40:00.000Z'))
    expect(live).toEqual({ status: 'ok', kind: 'response', dueAt: due, remainingMs: 200 * 60_000 })
    expect(countdownText(live, t)).toBe('剩余 3小时20分')
  })

  it('turns 已超时 the moment the deadline passes, without waiting for the next load', () => {
    const live = liveClock(clock({ status: 'atRisk' }), at('2025-03-02T10:00:05.000Z'))
    expect(live.status).toBe('breached')
    expect(countdownText(live, t)).toBe('超时 0分05秒')
  })

  it('keeps 即将超时 as the core said while time remains', () => {
    expect(liveClock(clock({ status: 'atRisk' }), at('2025-03-02T09:00:00.000Z')).status).toBe('atRisk')
  })

  it('shows no countdown for a paused or finished clock', () => {
    expect(liveClock(clock({ status: 'paused' }), at('2025-03-03T00:00:00.000Z'))).toMatchObject({ status: 'paused', remainingMs: null })
    expect(liveClock(clock({ status: 'met', kind: null, dueAt: null }), at('2025-03-03T00:00:00.000Z'))).toMatchObject({ status: 'met', remainingMs: null })
    expect(countdownText(liveClock(clock({ status: 'paused' }), 0), t)).toBe('')
  })

  it('believes the core over a machine clock that lags behind it (a test clock moved forward)', () => {
    const live = liveClock(clock({ status: 'breached' }), at('2025-03-01T10:00:00.000Z'))
    expect(live).toMatchObject({ status: 'breached', remainingMs: null })
    expect(countdownText(live, t)).toBe('')
  })
})

describe('spans as people read a deadline', () => {
  it('shows the two largest units, seconds only within the last hour', () => {
    expect(spanParts(((2 * 24 + 3) * 3600 + 5 * 60 + 9) * 1000)).toEqual({ days: 2, hours: 3, minutes: 5, seconds: 9 })
    expect(formatSpan(((2 * 24 + 3) * 3600 + 5 * 60) * 1000, t)).toBe('2天3小时')
    expect(formatSpan((3 * 3600 + 20 * 60 + 59) * 1000, t)).toBe('3小时20分')
    expect(formatSpan((12 * 60 + 5) * 1000, t)).toBe('12分05秒')
    expect(formatSpan(-(26 * 3600) * 1000, t)).toBe('1天2小时')
    expect(formatSpan((12 * 60 + 5) * 1000, tEn)).toBe('12m 05s')
  })
})
